package eval

import (
	"context"
	"fmt"
	"math"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// Trained is a fitted preparation pipeline together with the model
// trained on its output: it turns raw rows (with the columns the pipeline
// was fitted on) into predictions. It is immutable and safe for
// concurrent use.
type Trained struct {
	Learner string        // the learner's registry name
	Target  *Target       // how the target was read (classes, task)
	Prep    *prep.Fitted  // the fitted pipeline
	Model   model.Model   // the model trained on the prepared rows
	Inputs  []string      // the raw columns the pipeline was fitted on (the training frame's columns)
	Rows    []int         // the rows of the training frame it was fitted on
	Fit     time.Duration // time to fit the pipeline and the model
}

// Train fits pipe on the rows of f whose target is present, then fits
// learner on the prepared rows. Errors name the step, column or row (see
// prep and model); ctx cancellation returns ctx.Err().
func Train(ctx context.Context, f *data.Frame, target string, task model.Task, pipe prep.Pipeline, learner model.Learner, report progress.Func) (*Trained, error) {
	t, err := NewTarget(f, target, task)
	if err != nil {
		return nil, err
	}
	rows := t.Present()
	return trainRows(ctx, f, t, rows, pipe, learner, report)
}

// trainRows fits on the given rows of f.
func trainRows(ctx context.Context, f *data.Frame, t *Target, rows []int, pipe prep.Pipeline, learner model.Learner, report progress.Func) (*Trained, error) {
	start := time.Now()
	fitted, d, err := prepareRows(ctx, f, t, rows, pipe, report.Scale(0, 0.2))
	if err != nil {
		return nil, err
	}
	tr, err := fitPrepared(ctx, t, fitted, d, rows, learner, time.Since(start), report.Scale(0.2, 1))
	if err != nil {
		return nil, err
	}
	tr.Inputs = f.Names()
	return tr, nil
}

// prepareRows fits pipe on the given rows of f and returns the fitted
// pipeline and the prepared training set.
func prepareRows(ctx context.Context, f *data.Frame, t *Target, rows []int, pipe prep.Pipeline, report progress.Func) (*prep.Fitted, *model.Dataset, error) {
	fitted, prepared, err := pipe.FitTransform(ctx, f.Take(rows), t.Name, report)
	if err != nil {
		return nil, nil, err
	}
	X, err := design(prepared, fitted.Features())
	if err != nil {
		return nil, nil, err
	}
	y, err := t.values(prepared)
	if err != nil {
		return nil, nil, err
	}
	return fitted, &model.Dataset{Task: t.Task, Features: fitted.Features(), X: X, Y: y, Classes: t.Classes}, nil
}

// fitPrepared trains learner on a prepared training set; prepTime is the
// time the preparation took, added to the reported fit time.
func fitPrepared(ctx context.Context, t *Target, fitted *prep.Fitted, d *model.Dataset, rows []int, learner model.Learner,
	prepTime time.Duration, report progress.Func) (*Trained, error) {
	start := time.Now()
	m, err := learner.Fit(ctx, d, report)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s: %w", learner.Name(), err)
	}
	return &Trained{Learner: learner.Name(), Target: t, Prep: fitted, Model: m, Rows: rows, Fit: prepTime + time.Since(start)}, nil
}

// Output is what a trained model says about some rows.
type Output struct {
	Pred  []float64   // class index or value per row
	Proba [][]float64 // [row][class]; nil for regression or a model without probabilities
}

// Predict prepares f with the fitted pipeline and predicts every row. f
// needs the columns the pipeline was fitted on; the target may be absent.
func (tr *Trained) Predict(ctx context.Context, f *data.Frame) (*Output, error) {
	prepared, err := tr.Prep.Apply(ctx, f)
	if err != nil {
		return nil, err
	}
	X, err := design(prepared, tr.Model.Features())
	if err != nil {
		return nil, err
	}
	return tr.predictMatrix(X)
}

// predictMatrix predicts a prepared design matrix.
func (tr *Trained) predictMatrix(X [][]float64) (*Output, error) {
	pred, err := tr.Model.Predict(X)
	if err != nil {
		return nil, err
	}
	out := &Output{Pred: pred}
	if pp, ok := tr.Model.(model.ProbPredictor); ok && tr.Target.Task == model.Classification {
		if out.Proba, err = pp.PredictProba(X); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Predictions predicts the rows of f and pairs them with their true
// target for scoring; rows whose target is missing are left out, and the
// returned positions say which rows of f were kept.
func (tr *Trained) Predictions(ctx context.Context, f *data.Frame) (*metrics.Predictions, []int, error) {
	truth, err := tr.truth(f)
	if err != nil {
		return nil, nil, err
	}
	kept := presentRows(truth)
	sub := f
	if len(kept) < f.NumRows() {
		sub = f.Take(kept)
	}
	out, err := tr.Predict(ctx, sub)
	if err != nil {
		return nil, nil, err
	}
	p := &metrics.Predictions{Task: tr.Target.Task, Classes: tr.Target.Classes, Pred: out.Pred, Proba: out.Proba,
		Truth: make([]float64, len(kept))}
	for i, r := range kept {
		p.Truth[i] = truth[r]
	}
	return p, kept, nil
}

// truth reads the target of f; a label the training rows never had is an
// error naming the row.
func (tr *Trained) truth(f *data.Frame) ([]float64, error) {
	c, ok := f.Lookup(tr.Target.Name)
	if !ok {
		return nil, fmt.Errorf("the rows to evaluate have no target column %q: %w", tr.Target.Name, ErrTarget)
	}
	y := make([]float64, c.Len())
	for i := range y {
		switch {
		case c.IsMissing(i):
			y[i] = nan
		case tr.Target.Task == model.Regression:
			nc, ok := c.(*data.NumericColumn)
			if !ok {
				return nil, fmt.Errorf("target column %q holds %s values: %w", tr.Target.Name, c.Kind(), ErrTarget)
			}
			y[i] = nc.At(i)
		default:
			if y[i] = tr.Target.Code(c, i); y[i] != y[i] {
				return nil, fmt.Errorf("row %d: class %q did not occur in the training rows: %w", i+1, c.Format(i), ErrTarget)
			}
		}
	}
	return y, nil
}

var nan = math.NaN()

func presentRows(y []float64) []int {
	out := make([]int, 0, len(y))
	for i, v := range y {
		if v == v {
			out = append(out, i)
		}
	}
	return out
}
