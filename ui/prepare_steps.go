package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/prep"
)

// stepsPanel lists the preparation steps in order and edits one at a time:
// add, reorder, switch off, remove, and change parameters and reason.
type stepsPanel struct {
	u        *UI
	pipe     prep.Pipeline
	isDef    bool
	selected int
	list     *widget.List
	title    *widget.Label
	help     *widget.Label
	formBox  *fyne.Container
	form     *paramForm
	why      *reasonEntry
	save     *widget.Button
	onSelect func(i int)
	list_    fyne.CanvasObject
	editor   fyne.CanvasObject
}

func newStepsPanel(u *UI, onSelect func(int)) *stepsPanel {
	s := &stepsPanel{u: u, selected: -1, title: widget.NewLabel(""), help: widget.NewLabel(""), why: newReasonEntry(), onSelect: onSelect}
	s.title.TextStyle.Bold = true
	s.help.Wrapping = fyne.TextWrapWord
	s.why.SetPlaceHolder("Why this step? (kept in the decision journal and the documentation)")
	s.why.SetMinRowsVisible(2)
	s.why.Wrapping = fyne.TextWrapWord
	s.formBox = container.NewVBox()
	s.save = widget.NewButtonWithIcon("Save this step", theme.ConfirmIcon(), s.saveStep)
	s.list = widget.NewList(s.length, s.create, s.update)
	s.list.OnSelected = func(id widget.ListItemID) { s.selectStep(id) }
	add := widget.NewButtonWithIcon("Add step", theme.ContentAddIcon(), nil)
	add.OnTapped = func() {
		widget.ShowPopUpMenuAtRelativePosition(s.kindMenu(), u.win.Canvas(), fyne.NewPos(0, add.Size().Height), add)
	}
	bar := container.NewHBox(add,
		widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { s.move(-1) }),
		widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { s.move(1) }),
		widget.NewButtonWithIcon("", theme.VisibilityIcon(), s.toggle),
		widget.NewButtonWithIcon("", theme.DeleteIcon(), s.remove),
		widget.NewButtonWithIcon("Default", theme.ViewRestoreIcon(), s.reset))
	s.list_ = border(bar, nil, nil, nil, s.list)
	s.editor = container.NewVScroll(container.NewVBox(s.title, s.help, s.formBox, s.why, container.NewHBox(s.save)))
	return s
}

func (s *stepsPanel) listObject() fyne.CanvasObject   { return s.list_ }
func (s *stepsPanel) editorObject() fyne.CanvasObject { return s.editor }

func (s *stepsPanel) length() int { return len(s.pipe.Steps) }

func (s *stepsPanel) create() fyne.CanvasObject {
	title := widget.NewLabelWithStyle("step", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	why := widget.NewLabel("why")
	why.Importance = widget.LowImportance
	why.Truncation = fyne.TextTruncateEllipsis
	return container.NewVBox(title, why)
}

func (s *stepsPanel) update(id widget.ListItemID, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	st := s.pipe.Steps[id]
	title := fmt.Sprintf("%d. %s", id+1, stepLabel(st))
	if !st.Enabled {
		title += " (off)"
	}
	box.Objects[0].(*widget.Label).SetText(title)
	why := st.Why
	if why == "" {
		why = "no reason written yet"
	}
	box.Objects[1].(*widget.Label).SetText(why)
}

// stepLabel is the kind's label and its main parameters.
func stepLabel(st prep.StepConfig) string {
	k, ok := prep.LookupKind(st.Kind)
	label := st.Kind
	if ok {
		label = k.Label
	}
	var parts []string
	for _, key := range []string{"columns", "column", "strategy", "method", "condition", "expression", "name"} {
		if v, ok := st.Params[key]; ok && formatValue(v) != "" {
			parts = append(parts, truncate(formatValue(v), 40))
		}
	}
	if len(parts) > 0 {
		label += ": " + strings.Join(parts, "; ")
	}
	return label
}

// show loads the project's pipeline, keeping the selection.
func (s *stepsPanel) show(p *workflow.Project) {
	s.pipe, s.isDef = p.Pipeline()
	s.list.Refresh()
	if s.selected >= len(s.pipe.Steps) {
		s.selected = -1
	}
	if s.selected >= 0 {
		s.fill()
	} else {
		s.title.SetText("Pick a step to see and change it, or add one.")
		s.help.SetText(defaultNote(s.isDef))
		s.formBox.Objects = nil
		s.formBox.Refresh()
	}
}

func defaultNote(isDefault bool) string {
	if isDefault {
		return "This is the default preparation for your columns. It changes with them until you edit it."
	}
	return ""
}

func (s *stepsPanel) selectStep(i int) {
	s.selected = i
	s.fill()
	if s.onSelect != nil {
		s.onSelect(i)
	}
}

// fill shows the selected step's help, form and reason.
func (s *stepsPanel) fill() {
	st := s.pipe.Steps[s.selected]
	k, _ := prep.LookupKind(st.Kind)
	s.title.SetText(fmt.Sprintf("Step %d: %s", s.selected+1, k.Label))
	s.help.SetText(k.Help)
	var cols []string
	if t := s.u.proj.Table(); t != nil {
		cols = t.Frame.Names()
	}
	s.form = newParamForm(k.Params, st.Params, cols, nil)
	s.formBox.Objects = []fyne.CanvasObject{s.form.Object()}
	s.formBox.Refresh()
	s.why.SetText(st.Why)
}

// commit stores a changed pipeline; errors leave the project as it was.
func (s *stepsPanel) commit(pl prep.Pipeline, what string) bool {
	if err := s.u.proj.SetPipeline(pl, what, ""); err != nil {
		s.u.showError(err)
		return false
	}
	return true
}

func (s *stepsPanel) saveStep() {
	if s.selected < 0 || s.form == nil {
		return
	}
	vals, err := s.form.Values()
	if err != nil {
		s.u.showError(err)
		return
	}
	st := s.pipe.Steps[s.selected]
	st.Params, st.Why = vals, s.why.Text
	pl, err := s.pipe.Replace(s.selected, st)
	if err == nil {
		s.commit(pl, fmt.Sprintf("changed step %d (%s)", s.selected+1, st.Kind))
		return
	}
	s.u.showError(err)
}

func (s *stepsPanel) kindMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, k := range prep.Kinds() {
		k := k
		items = append(items, fyne.NewMenuItem(k.Label, func() {
			if s.commit(s.pipe.Append(prep.Configure(k.Name, nil, "")), "added the step "+k.Name) {
				s.selectStep(len(s.pipe.Steps) - 1)
				s.list.Select(len(s.pipe.Steps) - 1)
			}
		}))
	}
	return fyne.NewMenu("", items...)
}

func (s *stepsPanel) move(delta int) {
	to := s.selected + delta
	if s.selected < 0 || to < 0 || to >= len(s.pipe.Steps) {
		return
	}
	pl, err := s.pipe.Move(s.selected, to)
	if err == nil && s.commit(pl, fmt.Sprintf("moved step %d to %d", s.selected+1, to+1)) {
		s.list.Select(to)
	}
}

func (s *stepsPanel) toggle() {
	if s.selected < 0 {
		return
	}
	st := s.pipe.Steps[s.selected]
	st.Enabled = !st.Enabled
	if pl, err := s.pipe.Replace(s.selected, st); err == nil {
		s.commit(pl, fmt.Sprintf("switched step %d (%s) %s", s.selected+1, st.Kind, map[bool]string{true: "on", false: "off"}[st.Enabled]))
	}
}

func (s *stepsPanel) remove() {
	if s.selected < 0 {
		return
	}
	kind := s.pipe.Steps[s.selected].Kind
	if pl, err := s.pipe.Remove(s.selected); err == nil && s.commit(pl, fmt.Sprintf("removed step %d (%s)", s.selected+1, kind)) {
		s.selected = -1
		s.list.UnselectAll()
	}
}

func (s *stepsPanel) reset() {
	if err := s.u.proj.ResetPipeline(""); err != nil {
		s.u.showError(err)
	}
	s.selected = -1
	s.list.UnselectAll()
}
