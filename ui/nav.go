package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
)

// navigator is the step list on the left: the six steps in order, each
// with a status icon and word; locked steps show a lock.
type navigator struct {
	list     *widget.List
	proj     *workflow.Project
	onSelect func(workflow.Stage)
	selected workflow.Stage
	quiet    bool // suppresses OnSelected while selecting programmatically
}

func newNavigator(onSelect func(workflow.Stage)) *navigator {
	n := &navigator{onSelect: onSelect}
	n.list = widget.NewList(
		func() int { return len(workflow.Stages) },
		func() fyne.CanvasObject {
			icon := widget.NewIcon(theme.RadioButtonIcon())
			title := widget.NewLabelWithStyle("Evaluate", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			status := widget.NewLabel("ready")
			status.Importance = widget.LowImportance
			return container.NewHBox(icon, container.NewVBox(title, status))
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { n.updateItem(workflow.Stages[id], o) },
	)
	n.list.OnSelected = func(id widget.ListItemID) {
		if !n.quiet {
			n.onSelect(workflow.Stages[id])
		}
	}
	return n
}

func (n *navigator) Object() fyne.CanvasObject {
	header := widget.NewLabelWithStyle("Steps", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	width := canvas.NewRectangle(color.Transparent)
	width.SetMinSize(fyne.NewSize(170, 0))
	return border(header, nil, nil, nil, container.NewStack(width, n.list))
}

func (n *navigator) setProject(p *workflow.Project) {
	n.proj = p
	n.list.Refresh()
}

func (n *navigator) refresh() { n.list.Refresh() }

func (n *navigator) select_(s workflow.Stage) {
	n.selected = s
	n.quiet = true
	n.list.Select(int(s))
	n.quiet = false
}

func (n *navigator) updateItem(s workflow.Stage, o fyne.CanvasObject) {
	box := o.(*fyne.Container)
	icon := box.Objects[0].(*widget.Icon)
	texts := box.Objects[1].(*fyne.Container)
	title := texts.Objects[0].(*widget.Label)
	status := texts.Objects[1].(*widget.Label)
	title.SetText(stepNumber(s) + " " + s.Title())
	if n.proj == nil {
		return
	}
	st := n.proj.Status(s)
	locked, _ := n.proj.Locked(s)
	icon.SetResource(statusIcon(st, locked))
	status.SetText(statusWord(st, locked))
}

func stepNumber(s workflow.Stage) string { return string(rune('1'+int(s))) + "." }

// statusIcon picks the icon that shows a step's status at a glance.
func statusIcon(st workflow.Status, locked bool) fyne.Resource {
	if locked && st == workflow.Empty {
		return theme.NewDisabledResource(theme.VisibilityOffIcon())
	}
	switch st {
	case workflow.Done:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	case workflow.Running:
		return theme.NewPrimaryThemedResource(theme.MediaPlayIcon())
	case workflow.Failed:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case workflow.Stale:
		return theme.NewWarningThemedResource(theme.HistoryIcon())
	}
	return theme.RadioButtonIcon()
}

// statusWord is the plain-words status under each step's title.
func statusWord(st workflow.Status, locked bool) string {
	if locked && st == workflow.Empty {
		return "locked"
	}
	switch st {
	case workflow.Done:
		return "done"
	case workflow.Running:
		return "running…"
	case workflow.Failed:
		return "failed"
	case workflow.Stale:
		return "out of date"
	}
	return "ready"
}
