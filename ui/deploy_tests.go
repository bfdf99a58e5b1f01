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
	tests     *sectionList[deploy.TestResult]
	detail    *fyne.Container
	status    *widget.Select
	automated *widget.Check
	note      *widget.Entry
	record    *widget.Button
	obj       fyne.CanvasObject
}

func newMLTestsPanel(u *UI) *mlTestsPanel {
	m := &mlTestsPanel{u: u, detail: container.NewVBox(), status: widget.NewSelect(statusOptions(), nil),
		automated: widget.NewCheck("It runs by itself (automated)", nil), note: widget.NewMultiLineEntry()}
	m.note.Wrapping = fyne.TextWrapWord
	m.note.SetPlaceHolder("How it is done, or why it does not apply")
	m.record = widget.NewButton("Record answer", m.save)
	m.record.Importance = widget.HighImportance
	m.tests = newSectionList(func(t *deploy.TestResult) string { return t.ID }, func(t *deploy.TestResult) string {
		return fmt.Sprintf("%s %-4s %s", statusMark(t.Status), points(t.Points), t.Title)
	}, m.showTest)
	split := container.NewHSplit(m.tests.list, container.NewVScroll(m.detail))
	split.Offset = 0.42
	m.obj = split
	return m
}

func (m *mlTestsPanel) Object() fyne.CanvasObject { return m.obj }

func points(v float64) string { return strings.TrimSuffix(fmt.Sprintf("%.1f", v), ".0") }

func (m *mlTestsPanel) show(r *deploy.Result) {
	m.tests.reset()
	for i := range r.ML.Sections {
		sec := &r.ML.Sections[i]
		m.tests.section(fmt.Sprintf("%s — %s points", sec.Title, points(sec.Points)))
		for j := range sec.Tests {
			m.tests.add(&sec.Tests[j])
		}
	}
	m.tests.done()
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
	if m.tests.selected == "" {
		return
	}
	a := deploy.TestAnswer{Status: statusFromLabel(m.status.Selected), Automated: m.automated.Checked, Note: strings.TrimSpace(m.note.Text)}
	if a.Status == deploy.NotApplicable {
		a.Reason, a.Note = a.Note, ""
	}
	if err := m.u.proj.SetMLTestAnswer(m.tests.selected, a); err != nil {
		m.u.showError(err)
	}
}
