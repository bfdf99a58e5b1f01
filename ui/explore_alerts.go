package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots"
	"modelbench/plots/explore"
	"modelbench/workflow/data"
	"modelbench/workflow/eda"
)

// alertsPanel lists the data-quality alerts; selecting one shows why it
// matters, what to do, the evidence, and a pre-filled fix.
type alertsPanel struct {
	u       *UI
	t       *data.Table
	r       *eda.Report
	list    *widget.List
	message *widget.Label
	why     *widget.Label
	action  *widget.Label
	fix     *widget.Button
	figure  *figureView
	detail  *fyne.Container
	current *eda.Alert
	obj     fyne.CanvasObject
}

func newAlertsPanel(u *UI) *alertsPanel {
	a := &alertsPanel{u: u, message: widget.NewLabel(""), why: widget.NewLabel(""), action: widget.NewLabel("")}
	a.message.TextStyle.Bold = true
	for _, l := range []*widget.Label{a.message, a.why, a.action} {
		l.Wrapping = fyne.TextWrapWord
	}
	a.fix = widget.NewButtonWithIcon("", theme.ContentAddIcon(), a.addFix)
	a.figure = newFigureView(u, "alert", fyne.NewSize(320, 240))
	a.list = widget.NewList(
		func() int {
			if a.r == nil {
				return 0
			}
			return len(a.r.Alerts)
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel("alert message template")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.WarningIcon()), nil, l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			al := a.r.Alerts[id]
			box.Objects[0].(*widget.Label).SetText(al.Message)
			box.Objects[1].(*widget.Icon).SetResource(severityIcon(al.Severity))
		})
	a.list.OnSelected = func(id widget.ListItemID) { a.select_(id) }
	text := container.NewVBox(a.message, labelled("Why it matters", a.why), labelled("What to do", a.action), container.NewHBox(a.fix))
	a.detail = border(text, nil, nil, nil, a.figure.Object())
	a.detail.Hide()
	split := container.NewHSplit(a.list, a.detail)
	u.rememberSplit("explore-alerts", split, 0.4)
	a.obj = split
	return a
}

func (a *alertsPanel) Object() fyne.CanvasObject { return a.obj }

func (a *alertsPanel) show(t *data.Table, r *eda.Report) {
	a.t, a.r = t, r
	a.list.UnselectAll()
	a.list.Refresh()
	a.detail.Hide()
	if len(r.Alerts) > 0 {
		a.list.Select(0)
	}
}

func (a *alertsPanel) select_(id int) {
	al := a.r.Alerts[id]
	a.current = &al
	a.message.SetText(al.Message)
	a.why.SetText(al.Why)
	a.action.SetText(al.Action)
	if al.Fix != nil {
		a.fix.SetText("Add to Prepare: " + fixSummary(al.Fix))
		a.fix.Show()
	} else {
		a.fix.Hide()
	}
	t, r, style := a.t, a.r, a.u.plotStyle()
	if al.Plot != nil {
		a.figure.show(func() (*plots.Figure, error) { return explore.ForAlert(t, r, al, style) })
	} else {
		a.figure.clear("This finding has no figure; the message above has the details.")
	}
	a.detail.Show()
}

// addFix hands the alert's suggested step to the Prepare step.
func (a *alertsPanel) addFix() {
	if a.current == nil || a.current.Fix == nil {
		return
	}
	a.u.addSuggestedStep(a.current.Fix.Step, a.current.Fix.Params, "Suggested by the Explore alert: "+a.current.Message)
}

func fixSummary(f *eda.Fix) string {
	var parts []string
	for k, v := range f.Params {
		parts = append(parts, fmt.Sprintf("%s=%v", k, v))
	}
	if len(parts) == 0 {
		return strings.ReplaceAll(f.Step, "_", " ")
	}
	s := strings.ReplaceAll(f.Step, "_", " ") + " (" + strings.Join(parts, ", ") + ")"
	if len(s) > 70 {
		s = s[:67] + "…"
	}
	return s
}

func severityIcon(s eda.Severity) fyne.Resource {
	switch s {
	case eda.Critical:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case eda.Warning:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	}
	return theme.InfoIcon()
}

// labelled puts a bold caption above a value.
func labelled(caption string, value fyne.CanvasObject) fyne.CanvasObject {
	c := widget.NewLabelWithStyle(caption, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	return container.NewVBox(c, value)
}
