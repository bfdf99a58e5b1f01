package docs

import (
	"errors"
	"time"

	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy"
	"modelbench/workflow/eda"
	"modelbench/workflow/eval"
)

// Inputs is everything the bundle is written from. The deploy documents
// come from Definition, State, Facts and Checklist; the figures and the
// two existing reports from the results. A nil result leaves out what
// needs it: no Exploration, no exploration report; no Evaluation, no
// evaluation report and no figures of the test rows.
type Inputs struct {
	Definition  *deploy.Definition
	State       deploy.State
	Facts       deploy.Facts
	Checklist   *deploy.Result
	Table       *data.Table
	Exploration *eda.Report
	Board       *eval.Leaderboard
	Evaluation  *workflow.EvaluateResult
	// Why is the person's reason for choosing the model.
	Why string
	// Created is the time every document is stamped with; zero is now.
	Created time.Time
}

// FromProject gathers the inputs from a project: its deploy state and
// facts, the assessed checklist, and its latest results (an out-of-date
// evaluation is left out: its figures would describe another model). It
// fails when no data is loaded or the checklist definition is broken.
func FromProject(p *workflow.Project) (*Inputs, error) {
	if p.Table() == nil {
		return nil, errors.New("the project has no data loaded, so there is nothing to document")
	}
	d, err := deploy.Builtin()
	if err != nil {
		return nil, err
	}
	in := &Inputs{Definition: d, State: p.DeployState(), Facts: p.DeployFacts(), Table: p.Table(),
		Exploration: p.Exploration(), Why: p.Document().Train.Why}
	in.Checklist = deploy.Assess(d, in.State, in.Facts)
	if tr := p.Training(); tr != nil {
		in.Board = tr.Board
	}
	if ev := p.Evaluation(); ev != nil && p.Status(workflow.StageEvaluate) == workflow.Done {
		in.Evaluation = ev
	}
	return in, nil
}

// Missing says, in words, which parts of the bundle the inputs cannot
// fill and what would fill them.
func (in *Inputs) Missing() []string {
	var out []string
	f := in.Facts
	if f.Model == nil {
		out = append(out, "no model is chosen (Train step): the model card has no model details, metrics or analyses")
	}
	if in.Exploration == nil {
		out = append(out, "the Explore step has not run: the exploration report is left out and the datasheet has no statistics or alerts")
	}
	switch {
	case in.Evaluation == nil && f.Test != nil:
		out = append(out, "the evaluation is out of date (the model changed after it): the evaluation report is left out; evaluate again")
	case in.Evaluation == nil:
		out = append(out, "the chosen model has not been evaluated on the test rows (Evaluate step): the evaluation report and the quantitative analyses are left out")
	}
	return out
}
