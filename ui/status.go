package ui

import (
	"fmt"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// statusBar shows the running task's progress, an estimate of the time
// left, and a cancel button; it is hidden when nothing runs.
type statusBar struct {
	tasks    *runner
	bar      *widget.ProgressBar
	activity *widget.ProgressBarInfinite
	label    *widget.Label
	cancel   *widget.Button
	box      *fyne.Container
	active   []taskState
}

func newStatusBar(tasks *runner) *statusBar {
	s := &statusBar{tasks: tasks, bar: widget.NewProgressBar(), activity: widget.NewProgressBarInfinite(), label: widget.NewLabel("")}
	s.label.Truncation = fyne.TextTruncateEllipsis
	s.activity.Stop()
	s.cancel = widget.NewButtonWithIcon("Cancel", theme.CancelIcon(), func() {
		for _, t := range s.active {
			s.tasks.Cancel(t.Stage)
		}
	})
	bars := container.NewStack(s.bar, s.activity)
	s.box = container.NewBorder(nil, nil, nil, s.cancel, container.NewGridWithColumns(2, s.label, bars))
	s.box.Hide()
	return s
}

func (s *statusBar) Object() fyne.CanvasObject { return s.box }

// update shows the tasks that run now; it runs on the UI goroutine.
func (s *statusBar) update(active []taskState) {
	s.active = active
	if len(active) == 0 {
		s.activity.Stop()
		s.box.Hide()
		return
	}
	t := active[len(active)-1]
	text := t.Label
	if t.Message != "" {
		text += " — " + t.Message
	}
	if t.Fraction >= 0 {
		s.activity.Stop()
		s.activity.Hide()
		s.bar.Show()
		s.bar.SetValue(t.Fraction)
		if eta := estimateLeft(t); eta != "" {
			text += " (" + eta + ")"
		}
	} else {
		s.bar.Hide()
		s.activity.Show()
		s.activity.Start()
	}
	s.label.SetText(text)
	s.box.Show()
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
