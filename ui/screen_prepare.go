package ui

import (
	"errors"

	"modelbench/workflow"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

var errNoExploration = errors.New("explore the data first")

// addSuggestedStep appends a step suggested by an Explore alert to the
// preparation pipeline and shows the Prepare step.
func (u *UI) addSuggestedStep(kind string, params map[string]any, why string) {
	pl, _ := u.proj.Pipeline()
	step := prep.Configure(kind, param.Values(params), why)
	if err := u.proj.SetPipeline(pl.Append(step), "added the step "+kind, why); err != nil {
		u.showError(err)
		return
	}
	u.selectStage(workflow.StagePrepare)
}
