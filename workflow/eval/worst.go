package eval

import (
	"fmt"
	"slices"

	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
)

// WorstRow is one badly predicted row with its inputs.
type WorstRow struct {
	Row        int      `json:"row"`        // 0-based position in the evaluated rows
	Truth      string   `json:"truth"`      // the true class label or value
	Prediction string   `json:"prediction"` // the predicted class label or value
	Loss       float64  `json:"loss"`       // the row's share of the error (see Worst.Measure)
	Inputs     []string `json:"inputs"`     // the row's values, one per Worst.Columns
}

// WorstRows lists the rows a model gets most wrong.
type WorstRows struct {
	// Measure says how rows were ranked: "log loss" (the row's
	// contribution −ln p(true class)), "absolute error" or, for a
	// classifier without probabilities, "misclassified" (loss 1).
	Measure string     `json:"measure"`
	Columns []string   `json:"columns"`
	Rows    []WorstRow `json:"rows"`
}

// Worst returns the n rows with the largest loss, worst first (equal
// losses in row order), with their values in inputs (which holds the same
// rows as p, in the same order: usually the raw test frame). A classifier
// with probabilities is ranked by each row's log-loss contribution, so a
// confident mistake comes before a hesitant one; without probabilities
// only misclassified rows are listed.
func Worst(p *metrics.Predictions, inputs *data.Frame, n int) (*WorstRows, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if inputs != nil && inputs.NumRows() != p.Rows() {
		return nil, fmt.Errorf("the inputs have %d rows, the predictions %d: %w", inputs.NumRows(), p.Rows(), metrics.ErrLength)
	}
	loss, measure, err := rowLosses(p)
	if err != nil {
		return nil, err
	}
	order := make([]int, 0, len(loss))
	for i, l := range loss {
		if l > 0 || measure != "misclassified" {
			order = append(order, i)
		}
	}
	slices.SortStableFunc(order, func(a, b int) int {
		switch {
		case loss[a] > loss[b]:
			return -1
		case loss[a] < loss[b]:
			return 1
		}
		return 0
	})
	order = order[:min(max(n, 0), len(order))]
	w := &WorstRows{Measure: measure}
	if inputs != nil {
		w.Columns = inputs.Names()
	}
	for _, i := range order {
		row := WorstRow{Row: i, Truth: label(p, p.Truth[i]), Prediction: label(p, p.Pred[i]), Loss: loss[i]}
		if inputs != nil {
			row.Inputs = make([]string, inputs.NumCols())
			for j := range row.Inputs {
				row.Inputs[j] = inputs.Col(j).Format(i)
			}
		}
		w.Rows = append(w.Rows, row)
	}
	return w, nil
}

func rowLosses(p *metrics.Predictions) ([]float64, string, error) {
	switch {
	case p.Task == model.Regression:
		l, err := metrics.AbsErrors(p.Truth, p.Pred)
		return l, "absolute error", err
	case p.Proba != nil:
		yt, _ := p.Labels()
		l, err := metrics.RowLogLoss(yt, p.Proba)
		return l, "log loss", err
	}
	l := make([]float64, p.Rows())
	for i := range l {
		if p.Truth[i] != p.Pred[i] {
			l[i] = 1
		}
	}
	return l, "misclassified", nil
}

func label(p *metrics.Predictions, v float64) string {
	if p.Task == model.Classification && int(v) < len(p.Classes) {
		return p.Classes[int(v)]
	}
	return data.FormatFloat(v)
}
