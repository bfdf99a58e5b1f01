package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/deploy"
)

// statusLabels are the words a person picks a status by.
var statusLabels = map[deploy.Status]string{deploy.Done: "done", deploy.Partly: "partly", deploy.NotYet: "not yet",
	deploy.NotApplicable: "not applicable (say why)"}

func statusOptions() []string {
	out := make([]string, len(deploy.Statuses))
	for i, s := range deploy.Statuses {
		out[i] = statusLabels[s]
	}
	return out
}

func statusFromLabel(l string) deploy.Status {
	for s, t := range statusLabels {
		if t == l {
			return s
		}
	}
	return deploy.NotYet
}

// statusMark is a one-character sign of a status for lists.
func statusMark(s deploy.Status) string {
	switch s {
	case deploy.Done:
		return "✔"
	case deploy.Partly:
		return "◐"
	case deploy.NotApplicable:
		return "–"
	}
	return "○"
}

// verdictMark is how a piece of evidence reads at a glance.
func verdictMark(e deploy.Evidence) string {
	switch {
	case e.Stale:
		return "⟳ out of date:"
	case e.Verdict == deploy.Pass:
		return "✔"
	case e.Verdict == deploy.Fail:
		return "✘"
	}
	return "?"
}

// checklistPanel lists the checklist items by section on the left and
// shows the selected one on the right: why it matters, what a good answer
// looks like, the evidence with a link to its screen, and the answer.
type checklistPanel struct {
	u      *UI
	items  *sectionList[deploy.ItemResult]
	detail *fyne.Container
	obj    fyne.CanvasObject
	// the answer form of the selected item
	status *widget.Select
	note   *widget.Entry
	record *widget.Button
}

func newChecklistPanel(u *UI) *checklistPanel {
	c := &checklistPanel{u: u, detail: container.NewVBox(), status: widget.NewSelect(statusOptions(), nil), note: widget.NewMultiLineEntry()}
	c.note.SetPlaceHolder("Your answer, or why the item does not apply")
	c.note.Wrapping = fyne.TextWrapWord
	c.note.SetMinRowsVisible(3)
	c.record = widget.NewButton("Record answer", c.save)
	c.record.Importance = widget.HighImportance
	c.items = newSectionList(func(it *deploy.ItemResult) string { return it.ID },
		func(it *deploy.ItemResult) string { return statusMark(it.Status) + "  " + it.Question }, c.showItem)
	split := container.NewHSplit(c.items.list, container.NewVScroll(c.detail))
	split.Offset = 0.38
	c.obj = split
	return c
}

func (c *checklistPanel) Object() fyne.CanvasObject { return c.obj }

// show lists the assessed items, keeping the selection.
func (c *checklistPanel) show(r *deploy.Result) {
	c.items.reset()
	for i := range r.Sections {
		sec := &r.Sections[i]
		c.items.section(fmt.Sprintf("%s — %.0f%% ready", sec.Title, sec.Readiness))
		for j := range sec.Items {
			c.items.add(&sec.Items[j])
		}
	}
	c.items.done()
}

func (c *checklistPanel) showItem(it *deploy.ItemResult) {
	objs := []fyne.CanvasObject{boldWrapped(it.Question), wrapped(it.Explain), wrapped("A good answer: " + it.Good)}
	objs = append(objs, evidenceBlock(c.u, it.Evidence, it.Screen)...)
	src := map[string]string{deploy.FromPerson: "your answer", deploy.FromForm: "the form fields", deploy.FromEvidence: "the evidence",
		deploy.FromNothing: "nothing yet"}[it.Source]
	state := fmt.Sprintf("Status: %s (from %s)", statusLabels[it.Status], src)
	if it.Capped != "" {
		state += " — " + it.Capped
	}
	objs = append(objs, wrapped(state))
	c.status.SetSelected(statusLabels[it.Status])
	c.note.SetText(firstNonEmpty(it.Reason, it.Note))
	objs = append(objs, widget.NewForm(widget.NewFormItem("Status", c.status), widget.NewFormItem("Note", c.note)), c.record)
	c.detail.Objects = objs
	c.detail.Refresh()
}

// save records the selected item's answer through the project.
func (c *checklistPanel) save() {
	if c.items.selected == "" {
		return
	}
	a := deploy.Answer{Status: statusFromLabel(c.status.Selected), Note: strings.TrimSpace(c.note.Text)}
	if a.Status == deploy.NotApplicable {
		a.Reason, a.Note = a.Note, ""
	}
	if err := c.u.proj.SetChecklistAnswer(c.items.selected, a); err != nil {
		c.u.showError(err)
	}
}

// evidenceBlock shows evidence lines, each with a button to the screen
// that shows it.
func evidenceBlock(u *UI, ev []deploy.Evidence, screen string) []fyne.CanvasObject {
	if len(ev) == 0 {
		return []fyne.CanvasObject{wrapped("The project has no evidence for this: only a person can answer it.")}
	}
	out := []fyne.CanvasObject{widget.NewLabelWithStyle("What the project knows", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	for _, e := range ev {
		line := wrapped(verdictMark(e) + " " + e.Text)
		target := firstNonEmpty(e.Screen, screen)
		if st, err := workflow.ParseStage(target); err == nil && st != workflow.StageDeploy {
			st := st
			out = append(out, container.NewBorder(nil, nil, nil, widget.NewButton("Go to "+st.Title(), func() { u.selectStage(st) }), line))
		} else {
			out = append(out, line)
		}
	}
	return out
}

func wrapped(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

func boldWrapped(text string) *widget.Label {
	l := wrapped(text)
	l.TextStyle.Bold = true
	return l
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if strings.TrimSpace(s) != "" {
			return s
		}
	}
	return ""
}

// ellipsisLabel is a one-line list label that shortens long text with an
// ellipsis instead of widening the list.
func ellipsisLabel() *widget.Label {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}
