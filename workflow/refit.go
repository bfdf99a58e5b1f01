package workflow

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// Refit fits a model again from what its artifact records — the data's
// rows chosen by the recorded split, the unfitted preparation, the
// learner, its parameters and seed — on t, which must be the data it was
// trained on (compare t's hash with a.DataSHA256 to be sure). The result
// predicts exactly as a does when the record is truthful; it is how the
// provenance of a model is checked. It does not touch any project.
func Refit(ctx context.Context, a *artifact.Artifact, t *data.Table, report progress.Func) (*artifact.Artifact, error) {
	if a == nil || a.Pipeline == nil {
		return nil, errors.New("refit: no artifact")
	}
	if t == nil {
		return nil, errors.New("refit: no data")
	}
	rows, err := model.RowsWithTarget(t.Frame, a.Target)
	if err != nil {
		return nil, fmt.Errorf("refit: %w", err)
	}
	if a.Split != nil {
		s, _, err := splitRows(t, a.Target, *a.Split)
		if err != nil {
			return nil, fmt.Errorf("refit: %w", err)
		}
		rows = append(slices.Clone(s.Train), s.Valid...)
		slices.Sort(rows)
	}
	params := param.Values{}
	for k, v := range a.Params {
		if k != "seed" { // the recorded Seed must bring it back
			params[k] = v
		}
	}
	return artifact.Fit(ctx, t.Frame.Take(rows), artifact.Spec{Target: a.Target, Task: a.Task, Classes: a.Classes,
		Pipeline: a.Pipeline.Pipeline(), Learner: a.Learner, Params: params, Seed: a.Seed}, report)
}
