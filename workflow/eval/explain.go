package eval

import (
	"context"
	"errors"
	"fmt"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
)

// ErrNoExplanation means the model cannot break a prediction into parts.
var ErrNoExplanation = errors.New("this model cannot explain single predictions")

// RowExplanation says why the model predicted what it did for one row:
// the row's raw values, the prediction, and the model's own breakdown of
// its score on the prepared features (model.Explainer: a linear model's
// weight × value terms, a tree's decision path).
type RowExplanation struct {
	Row        int               `json:"row"`
	Inputs     []string          `json:"inputs"` // the raw columns, in the frame's order
	Values     []string          `json:"values"` // the row's raw values
	Prediction string            `json:"prediction"`
	Proba      []float64         `json:"proba,omitempty"` // per class, for a classifier with probabilities
	Breakdown  model.Explanation `json:"breakdown"`
}

// ExplainRow explains tr's prediction for row (0-based) of f. It returns
// an error wrapping ErrNoExplanation when the model does not implement
// model.Explainer; permutation importance and partial dependence work for
// every model.
func ExplainRow(ctx context.Context, tr *Trained, f *data.Frame, row int) (*RowExplanation, error) {
	ex, ok := tr.Model.(model.Explainer)
	if !ok {
		return nil, fmt.Errorf("%s: %w", tr.Learner, ErrNoExplanation)
	}
	if row < 0 || row >= f.NumRows() {
		return nil, fmt.Errorf("row %d is outside the %d rows: %w", row, f.NumRows(), ErrRows)
	}
	one := f.Take([]int{row})
	prepared, err := tr.Prep.Apply(ctx, one)
	if err != nil {
		return nil, err
	}
	X, err := design(prepared, tr.Model.Features())
	if err != nil {
		return nil, err
	}
	out, err := tr.predictMatrix(X)
	if err != nil {
		return nil, err
	}
	x := make([]float64, len(X))
	for j, col := range X {
		x[j] = col[0]
	}
	bd, err := ex.Explain(x)
	if err != nil {
		return nil, err
	}
	r := &RowExplanation{Row: row, Inputs: f.Names(), Breakdown: bd, Prediction: data.FormatFloat(out.Pred[0])}
	for j := range r.Inputs {
		r.Values = append(r.Values, f.Col(j).Format(row))
	}
	if tr.Target.Task == model.Classification {
		r.Prediction = tr.Target.Classes[int(out.Pred[0])]
		if out.Proba != nil {
			r.Proba = out.Proba[0]
		}
	}
	return r, nil
}
