package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow/deploy"
)

// mlTestsPanel lists the 28 tests of the ML Test Score by section with
// their points, and shows the selected test with its evidence and answer
// (done by hand, or automated, for the full point).
type mlTestsPanel struct {
	u         *UI
	rows      []mlRow
	list      *widget.List
	detail    *fyne.Container
	selected  string
	status    *widget.Select
	automated *widget.Check
	note      *widget.Entry
	record    *widget.Button
	obj       fyne.CanvasObject
}

type mlRow struct {
	section string
	test    *deploy.TestResult
}

func newMLTestsPanel(u *UI) *mlTestsPanel {
	m := &mlTestsPanel{u: u, detail: container.NewVBox(), status: widget.NewSelect(statusOptions(), nil),
		automated: widget.NewCheck("It runs by itself (automated)", nil), note: widget.NewMultiLineEntry()}
	m.note.Wrapping = fyne.TextWrapWord
	m.note.SetPlaceHolder("How it is done, or why it does not apply")
	m.record = widget.NewButton("Record answer", m.save)
	m.record.Importance = widget.HighImportance
	m.list = widget.NewList(func() int { return len(m.rows) }, func() fyne.CanvasObject { return ellipsisLabel() },
		func(id widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			r := m.rows[id]
			l.TextStyle.Bold = r.test == nil
			if r.test == nil {
				l.SetText(r.section)
				return
			}
			l.SetText(fmt.Sprintf("%s %-4s %s", statusMark(r.test.Status), points(r.test.Points), r.test.Title))
		})
	m.list.OnSelected = func(id widget.ListItemID) {
		if id < len(m.rows) && m.rows[id].test != nil {
			m.selected = m.rows[id].test.ID
			m.showTest(m.rows[id].test)
		}
	}
	split := container.NewHSplit(m.list, container.NewVScroll(m.detail))
	split.Offset = 0.42
	m.obj = split
	return m
}

func (m *mlTestsPanel) Object() fyne.CanvasObject { return m.obj }

func points(v float64) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0") }

func (m *mlTestsPanel) show(r *deploy.Result) {
	m.rows = m.rows[:0]
	var sel *deploy.TestResult
	for i := range r.ML.Sections {
		sec := &r.ML.Sections[i]
		m.rows = append(m.rows, mlRow{section: fmt.Sprintf("%s — %s points", sec.Title, points(sec.Points))})
		for j := range sec.Tests {
			t := &sec.Tests[j]
			m.rows = append(m.rows, mlRow{test: t})
			if t.ID == m.selected {
				sel = t
			}
		}
	}
	m.list.Refresh()
	if sel == nil && len(m.rows) > 1 {
		sel = m.rows[1].test
		m.selected = sel.ID
	}
	if sel != nil {
		m.showTest(sel)
	}
}

func (m *mlTestsPanel) showTest(t *deploy.TestResult) {
	objs := []fyne.CanvasObject{boldWrapped(t.Title), wrapped(t.Explain)}
	objs = append(objs, evidenceBlock(m.u, t.Evidence, "")...)
	state := fmt.Sprintf("Status: %s, %s point(s)", statusLabels[t.Status], points(t.Points))
	if t.Capped != "" {
		state += " — " + t.Capped
	}
	objs = append(objs, wrapped(state))
	m.status.SetSelected(statusLabels[t.Status])
	m.automated.SetChecked(t.Automated)
	m.note.SetText(firstNonEmpty(t.Reason, t.Note))
	objs = append(objs, widget.NewForm(widget.NewFormItem("Status", m.status), widget.NewFormItem("", m.automated),
		widget.NewFormItem("Note", m.note)), m.record)
	m.detail.Objects = objs
	m.detail.Refresh()
}

func (m *mlTestsPanel) save() {
	if m.selected == "" {
		return
	}
	a := deploy.TestAnswer{Status: statusFromLabel(m.status.Selected), Automated: m.automated.Checked, Note: strings.TrimSpace(m.note.Text)}
	if a.Status == deploy.NotApplicable {
		a.Reason, a.Note = a.Note, ""
	}
	if err := m.u.proj.SetMLTestAnswer(m.selected, a); err != nil {
		m.u.showError(err)
	}
}
