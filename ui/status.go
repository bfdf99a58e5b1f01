package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusBar shows one row per running job, oldest first: its label and
// progress, an estimate of the time left, and a Cancel button that stops
// that job only. It is hidden when nothing runs. Its methods run on the
// UI goroutine.
type statusBar struct {
	tasks *runner
	rows  map[jobKey]*statusRow
	list  *fyne.Container
}

// statusRow is one job's line in the status bar.
type statusRow struct {
	label    *widget.Label
	bar      *widget.ProgressBar
	activity *widget.ProgressBarInfinite
	cancel   *widget.Button
	obj      fyne.CanvasObject
}

func newStatusBar(tasks *runner) *statusBar {
	s := &statusBar{tasks: tasks, rows: map[jobKey]*statusRow{}, list: container.NewVBox()}
	s.list.Hide()
	return s
}

func (s *statusBar) Object() fyne.CanvasObject { return s.list }

func (s *statusBar) newRow(job jobKey) *statusRow {
	r := &statusRow{label: widget.NewLabel(""), bar: widget.NewProgressBar(), activity: widget.NewProgressBarInfinite()}
	r.label.Truncation = fyne.TextTruncateEllipsis
	r.activity.Stop()
	r.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() { s.tasks.Cancel(job) })
	bars := container.NewStack(r.bar, r.activity)
	r.obj = border(nil, nil, nil, r.cancel, container.NewGridWithColumns(2, r.label, bars))
	return r
}

// update shows the tasks that run now; it runs on the UI goroutine.
func (s *statusBar) update(active []taskState) {
	objs := make([]fyne.CanvasObject, 0, len(active))
	seen := make(map[jobKey]bool, len(active))
	for _, t := range active {
		r := s.rows[t.Job]
		if r == nil {
			r = s.newRow(t.Job)
			s.rows[t.Job] = r
		}
		r.show(t)
		seen[t.Job] = true
		objs = append(objs, r.obj)
	}
	for job, r := range s.rows {
		if !seen[job] {
			r.activity.Stop()
			delete(s.rows, job)
		}
	}
	s.list.Objects = objs
	if len(objs) == 0 {
		s.list.Hide()
	} else {
		s.list.Show()
	}
	s.list.Refresh()
}

// show puts one task's label and progress on its row.
func (r *statusRow) show(t taskState) {
	text := t.Label
	if t.Message != "" {
		text += " — " + t.Message
	}
	if t.Fraction >= 0 {
		r.activity.Stop()
		r.activity.Hide()
		r.bar.Show()
		r.bar.SetValue(t.Fraction)
		if eta := estimateLeft(t); eta != "" {
			text += " (" + eta + ")"
		}
	} else {
		r.bar.Hide()
		r.activity.Show()
		if !r.activity.Running() {
			r.activity.Start()
		}
	}
	r.label.SetText(text)
}

// estimateLeft extrapolates the time left from the elapsed time and the
// fraction done, once enough is known to be meaningful.
func estimateLeft(t taskState) string {
	elapsed := time.Since(t.Started)
	if t.Fraction < 0.05 || elapsed < 2*time.Second {
		return ""
	}
	left := time.Duration(float64(elapsed) * (1 - t.Fraction) / t.Fraction)
	switch {
	case left < 5*time.Second:
		return "a few seconds left"
	case left < time.Minute:
		return fmt.Sprintf("about %d s left", int(left.Seconds()+0.5))
	default:
		return fmt.Sprintf("about %d min left", int(left.Minutes()+0.5))
	}
}
