package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// columnPanel lists the columns with their type and role, and lets the
// user change either, with the inferred reason shown.
type columnPanel struct {
	u        *UI
	t        *data.Table
	list     *widget.List
	selected int
	name     *widget.Label
	inferred *widget.Label
	kind     *widget.Select
	role     *widget.Select
	roleWhy  *widget.Label
	missing  *widget.Label
	why      *widget.Entry
	details  *fyne.Container
	quiet    bool // set while the selects are filled programmatically
	obj      fyne.CanvasObject
}

func newColumnPanel(u *UI) *columnPanel {
	c := &columnPanel{u: u, selected: -1, name: widget.NewLabel(""), inferred: widget.NewLabel(""),
		roleWhy: widget.NewLabel(""), missing: widget.NewLabel(""), why: widget.NewEntry()}
	c.name.TextStyle.Bold = true
	for _, l := range []*widget.Label{c.inferred, c.roleWhy} {
		l.Wrapping = fyne.TextWrapWord
		l.TextStyle.Italic = true
	}
	c.why.SetPlaceHolder("Why this change? (kept in the decision journal)")
	c.kind = widget.NewSelect(kindNames(), c.onKind)
	c.role = widget.NewSelect(roleNames(), c.onRole)
	c.list = widget.NewList(c.length, c.create, c.update)
	c.list.OnSelected = func(id widget.ListItemID) { c.selected = id; c.fill() }
	form := widget.NewForm(
		widget.NewFormItem("Type", c.kind),
		widget.NewFormItem("Role", c.role),
		widget.NewFormItem("Missing", c.missing),
	)
	c.details = container.NewVBox(c.name, c.inferred, form, c.roleWhy, c.why)
	c.details.Hide()
	split := container.NewVSplit(c.list, container.NewVScroll(c.details))
	u.rememberSplit("data-columns", split, 0.55)
	c.obj = split
	return c
}

func (c *columnPanel) Object() fyne.CanvasObject { return c.obj }

func (c *columnPanel) length() int {
	if c.t == nil {
		return 0
	}
	return len(c.t.Schema.Fields)
}

func (c *columnPanel) create() fyne.CanvasObject {
	name := widget.NewLabel("column name")
	name.Truncation = fyne.TextTruncateEllipsis
	meta := widget.NewLabel("categorical · feature")
	meta.Importance = widget.LowImportance
	return container.NewBorder(nil, nil, nil, meta, name)
}

func (c *columnPanel) update(id widget.ListItemID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	name, meta := box.Objects[0].(*widget.Label), box.Objects[1].(*widget.Label)
	if c.t == nil || id >= len(c.t.Schema.Fields) {
		return
	}
	f := c.t.Schema.Fields[id]
	name.SetText(f.Name)
	meta.SetText(f.Label + " · " + f.Role.String())
}

// show displays t's columns, keeping the selection by position.
func (c *columnPanel) show(t *data.Table) {
	c.t = t
	c.list.Refresh()
	if t == nil || c.selected >= len(t.Schema.Fields) {
		c.selected = -1
	}
	c.fill()
}

// fill shows the selected column's details.
func (c *columnPanel) fill() {
	if c.t == nil || c.selected < 0 {
		c.details.Hide()
		return
	}
	f := c.t.Schema.Fields[c.selected]
	col, _ := c.t.Frame.Lookup(f.Name)
	c.quiet = true
	c.kind.SetSelected(f.Kind.String())
	c.role.SetSelected(f.Role.String())
	c.quiet = false
	c.name.SetText(f.Name)
	reason := f.TypeReason
	if reason == "" {
		reason = "read as " + f.Kind.String()
	}
	c.inferred.SetText(fmt.Sprintf("Looks like: %s — %s", f.Label, reason))
	c.roleWhy.SetText("Role: " + f.RoleReason)
	if col != nil {
		c.missing.SetText(fmt.Sprintf("%s of %s rows (%.1f%%)", thousands(col.Missing()), thousands(col.Len()), 100*float64(col.Missing())/float64(max(col.Len(), 1))))
	}
	c.details.Show()
}

func (c *columnPanel) onKind(v string) {
	if c.quiet || c.t == nil || c.selected < 0 {
		return
	}
	k, err := data.ParseKind(v)
	if err != nil {
		return
	}
	name, why, p := c.t.Schema.Fields[c.selected].Name, c.why.Text, c.u.proj
	c.u.tasks.Start(jobConvert, "Converting "+name+" to "+v, func(ctx context.Context, _ progress.Func) error {
		err := p.SetColumnKind(name, k, why)
		if err != nil {
			fyne.Do(c.fill) // put the select back
		}
		return err
	})
	c.why.SetText("")
}

func (c *columnPanel) onRole(v string) {
	if c.quiet || c.t == nil || c.selected < 0 {
		return
	}
	r, err := data.ParseRole(v)
	if err != nil {
		return
	}
	if err := c.u.proj.SetColumnRole(c.t.Schema.Fields[c.selected].Name, r, c.why.Text); err != nil {
		c.u.showError(err)
		c.fill()
		return
	}
	c.why.SetText("")
}

func kindNames() []string {
	var out []string
	for _, k := range data.Kinds() {
		out = append(out, k.String())
	}
	return out
}

func roleNames() []string {
	var out []string
	for _, r := range data.Roles() {
		out = append(out, r.String())
	}
	return out
}
