package ui

import (
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
