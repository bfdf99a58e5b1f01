package artifact

import (
	"context"
	"fmt"
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
)

// Predictions are a model's answers for some rows, one per row.
type Predictions struct {
	Task    model.Task
	Classes []string    // class labels (classification)
	Index   []float64   // predicted class index or value, per row
	Proba   [][]float64 // per row, per class; nil when the model gives none
	// Truth and Rows are set by Score only: the true class index or value
	// of each row, and its position in the scored frame.
	Truth []float64
	Rows  []int
}

// Predict applies the fitted pipeline unchanged to f (which may lack the
// target) and returns one prediction per row. A column the model was
// trained with that f lacks is an error wrapping model.ErrSchemaMismatch.
func (a *Artifact) Predict(ctx context.Context, f *data.Frame) (*Predictions, error) {
	X, err := a.Design(ctx, f)
	if err != nil {
		return nil, err
	}
	return a.PredictMatrix(X)
}

// Design checks that f has the input columns, applies the fitted pipeline
// to it and returns the model's column-major design matrix (see
// model.Matrix), as Predict does before predicting.
func (a *Artifact) Design(ctx context.Context, f *data.Frame) ([][]float64, error) {
	if err := a.checkInput(f); err != nil {
		return nil, err
	}
	return design(ctx, a.Pipeline, a.Model.Features(), f)
}

// PredictMatrix predicts rows that the pipeline has already prepared: X
// is a design matrix as Design returns it.
func (a *Artifact) PredictMatrix(X [][]float64) (*Predictions, error) {
	if jp, ok := a.Model.(model.JointPredictor); ok && a.Task == model.Classification {
		idx, proba, err := jp.PredictWithProba(X)
		if err != nil {
			return nil, err
		}
		return &Predictions{Task: a.Task, Classes: a.Classes, Index: idx, Proba: proba}, nil
	}
	idx, err := a.Model.Predict(X)
	if err != nil {
		return nil, err
	}
	p := &Predictions{Task: a.Task, Classes: a.Classes, Index: idx}
	if pp, ok := a.Model.(model.ProbPredictor); ok && a.Task == model.Classification {
		if p.Proba, err = pp.PredictProba(X); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// Score predicts the rows of f whose target is present and pairs each
// prediction with the truth (Predictions.Truth) and the row's position in
// f (Predictions.Rows), ready to be scored. Rows without a target are left
// out. A class the model was never trained on cannot be scored: that is an
// error naming the row and wrapping ErrTarget, as is a missing target
// column.
func (a *Artifact) Score(ctx context.Context, f *data.Frame) (*Predictions, error) {
	truth, err := a.Truth(f)
	if err != nil {
		return nil, err
	}
	tc, _ := f.Lookup(a.Target)
	rows := make([]int, 0, len(truth))
	for i, v := range truth {
		switch {
		case tc.IsMissing(i):
		case math.IsNaN(v):
			return nil, fmt.Errorf("row %d: class %q did not occur in the training rows: %w", i+1, tc.Format(i), ErrTarget)
		default:
			rows = append(rows, i)
		}
	}
	sub := f
	if len(rows) < f.NumRows() {
		sub = f.Take(rows)
	}
	p, err := a.Predict(ctx, sub)
	if err != nil {
		return nil, err
	}
	p.Rows, p.Truth = rows, make([]float64, len(rows))
	for i, r := range rows {
		p.Truth[i] = truth[r]
	}
	return p, nil
}

// Truth returns the target of f as class indices (classification) or
// values (regression), aligned with the rows of f (see
// model.TargetValues); rows whose target is missing or unseen get NaN. A
// missing target column, or a regression target that is not numeric,
// is an error wrapping ErrTarget.
func (a *Artifact) Truth(f *data.Frame) ([]float64, error) {
	c, ok := f.Lookup(a.Target)
	if !ok {
		return nil, fmt.Errorf("the data has no target column %q to score against: %w", a.Target, ErrTarget)
	}
	y, err := model.TargetValues(c, a.Task, a.Classes)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", ErrTarget, err)
	}
	return y, nil
}

// checkInput reports the input columns the pipeline needs that f lacks,
// naming every missing one.
func (a *Artifact) checkInput(f *data.Frame) error {
	var missing []string
	for _, in := range a.Input {
		if f.Index(in.Name) < 0 {
			missing = append(missing, in.Name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: the data lacks the column(s) %q the model was trained with", model.ErrSchemaMismatch, missing)
	}
	return nil
}

// Frame returns the predictions as columns: "prediction" (the label or
// value) and, for classifiers with probabilities, "probability_<class>".
func (p *Predictions) Frame() (*data.Frame, error) {
	var cols []data.Column
	if p.Task == model.Regression {
		cols = append(cols, data.NewNumeric("prediction", append([]float64(nil), p.Index...), nil))
	} else {
		labels, err := model.Labels(p.Index, p.Classes)
		if err != nil {
			return nil, err
		}
		cols = append(cols, data.NewCategoricalFromStrings("prediction", labels, func(string) bool { return false }))
		if p.Proba != nil {
			for k, c := range p.Classes {
				v := make([]float64, len(p.Proba))
				for i := range v {
					v[i] = p.Proba[i][k]
				}
				cols = append(cols, data.NewNumeric("probability_"+c, v, nil))
			}
		}
	}
	return data.NewFrame(cols...)
}

// WithInputs returns the input columns followed by the prediction columns
// (see Frame); a prediction column whose name the input already uses is
// called predicted_<name>.
func (p *Predictions) WithInputs(in *data.Frame) (*data.Frame, error) {
	pf, err := p.besides(in)
	if err != nil {
		return nil, err
	}
	return data.NewFrame(append(in.Columns(), pf.Columns()...)...)
}

// besides returns the prediction columns (see Frame), each renamed
// predicted_<name> while in already has a column of that name.
func (p *Predictions) besides(in *data.Frame) (*data.Frame, error) {
	pf, err := p.Frame()
	if err != nil {
		return nil, err
	}
	var cols []data.Column
	for _, c := range pf.Columns() {
		name := c.Name()
		for in.Index(name) >= 0 {
			name = "predicted_" + name
		}
		cols = append(cols, c.Renamed(name))
	}
	return data.NewFrame(cols...)
}
