package eval

import (
	"context"
	"errors"
	"fmt"

	"modelbench/workflow/artifact"
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

// ExplainRow explains a's prediction for row (0-based) of f, which needs
// the columns the model was trained with (the target may be absent). It
// returns an error wrapping ErrNoExplanation when the model does not
// implement model.Explainer; permutation importance and partial dependence
// work for every model.
func ExplainRow(ctx context.Context, a *artifact.Artifact, f *data.Frame, row int) (*RowExplanation, error) {
	ex, ok := a.Model.(model.Explainer)
	if !ok {
		return nil, fmt.Errorf("%s: %w", a.Learner, ErrNoExplanation)
	}
	if row < 0 || row >= f.NumRows() {
		return nil, fmt.Errorf("row %d is outside the %d rows: %w", row, f.NumRows(), ErrRows)
	}
	X, err := a.Design(ctx, f.Take([]int{row}))
	if err != nil {
		return nil, err
	}
	out, err := a.PredictMatrix(X)
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
	r := &RowExplanation{Row: row, Inputs: f.Names(), Breakdown: bd, Prediction: data.FormatFloat(out.Index[0])}
	for j := range r.Inputs {
		r.Values = append(r.Values, f.Col(j).Format(row))
	}
	if a.Task == model.Classification {
		r.Prediction = a.Classes[int(out.Index[0])]
		if out.Proba != nil {
			r.Proba = out.Proba[0]
		}
	}
	return r, nil
}
