package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
)

// stageDef registers a step's screen; the navigator and the body are
// driven by this list.
type stageDef struct {
	stage workflow.Stage
	build func(u *UI) screen
}

// stageDefs returns the registry (a function, so screens may refer back
// to the UI that builds them without an initialisation cycle).
func stageDefs() []stageDef {
	return []stageDef{
		{workflow.StageData, func(u *UI) screen { return newDataScreen(u) }},
		{workflow.StageExplore, func(u *UI) screen { return newExploreScreen(u) }},
		{workflow.StagePrepare, func(u *UI) screen { return newPrepareScreen(u) }},
		{workflow.StageTrain, func(u *UI) screen { return newTrainScreen(u) }},
		{workflow.StageEvaluate, func(u *UI) screen { return newEvaluateScreen(u) }},
		{workflow.StageDeploy, func(u *UI) screen { return newDeployScreen(u) }},
	}
}

// pendingScreen stands for a step whose screen is not part of this build.
type pendingScreen struct{ obj fyne.CanvasObject }

func newPendingScreen(text string) *pendingScreen {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return &pendingScreen{obj: container.NewPadded(l)}
}

func (p *pendingScreen) Object() fyne.CanvasObject { return p.obj }
func (p *pendingScreen) Refresh()                  {}
