package eval

import (
	"context"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
)

// Scored is a fitted model's predictions for labelled rows, paired with
// their truth, and every metric that applies to them.
type Scored struct {
	Predictions *metrics.Predictions
	Rows        []int // the position in the frame of each scored row
	Metrics     *metrics.Metrics
}

// Score predicts the rows of f whose target is present with a, pairs the
// predictions with the truth and computes every metric that applies
// (metrics.Evaluate; an undefined metric becomes an issue). Rows without a
// target are left out; a class the model never saw, or a missing target
// column, is an error wrapping ErrTarget.
func Score(ctx context.Context, a *artifact.Artifact, f *data.Frame) (*Scored, error) {
	out, err := a.Score(ctx, f)
	if err != nil {
		return nil, err
	}
	s := &Scored{Predictions: toMetrics(out), Rows: out.Rows}
	if s.Metrics, err = metrics.Evaluate(s.Predictions); err != nil {
		return nil, err
	}
	return s, nil
}

// toMetrics turns an artifact's scored predictions into what the metrics
// read; the slices are shared.
func toMetrics(p *artifact.Predictions) *metrics.Predictions {
	return &metrics.Predictions{Task: p.Task, Classes: p.Classes, Truth: p.Truth, Pred: p.Index, Proba: p.Proba}
}
