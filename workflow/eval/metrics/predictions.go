package metrics

import (
	"fmt"
	"math"

	"modelbench/workflow/model"
)

// Predictions pairs the truth of some rows with a model's predictions for
// them: what every Scorer and Evaluate read. Slices are shared, not
// copied, and must not change while being scored.
type Predictions struct {
	Task model.Task
	// Classes are the class labels of a classification problem (k =
	// len(Classes)); nil for regression.
	Classes []string
	// Truth holds the true class index (as model.Dataset.Y) or value per row.
	Truth []float64
	// Pred holds the predicted class index or value per row (model.Model.Predict).
	Pred []float64
	// Proba holds class probabilities [row][class] (model.ProbPredictor);
	// nil when the model gives none, and then the metrics that need
	// probabilities are skipped.
	Proba [][]float64
}

// Rows returns the number of rows.
func (p *Predictions) Rows() int { return len(p.Truth) }

// Validate checks that the predictions can be scored: as many predictions
// (and probability rows) as true values, at least one row, whole class
// indices in 0..k−1, finite values.
func (p *Predictions) Validate() error {
	if err := checkLen("predictions", len(p.Truth), len(p.Pred)); err != nil {
		return err
	}
	if p.Task == model.Regression {
		return checkRegression("predictions", p.Truth, p.Pred)
	}
	k := len(p.Classes)
	if k < 1 {
		return fmt.Errorf("predictions: a classification problem needs its class labels: %w", ErrClass)
	}
	if err := checkIndices("true class", p.Truth, k); err != nil {
		return err
	}
	if err := checkIndices("predicted class", p.Pred, k); err != nil {
		return err
	}
	if p.Proba != nil {
		if len(p.Proba) != len(p.Truth) {
			return fmt.Errorf("predictions: %d rows of probabilities for %d rows: %w", len(p.Proba), len(p.Truth), ErrLength)
		}
		return checkProba("probabilities", p.Proba, k)
	}
	return nil
}

func checkIndices(what string, v []float64, k int) error {
	for i, x := range v {
		if x != math.Trunc(x) || x < 0 || x >= float64(k) {
			return fmt.Errorf("row %d: %s %v is not a class index below %d: %w", i+1, what, x, k, ErrClass)
		}
	}
	return nil
}

// Labels returns the true and predicted classes as ints; call Validate
// first (invalid entries are truncated, not reported).
func (p *Predictions) Labels() (yTrue, yPred []int) {
	return toInts(p.Truth), toInts(p.Pred)
}

func toInts(v []float64) []int {
	out := make([]int, len(v))
	for i, x := range v {
		out[i] = int(x)
	}
	return out
}

// Confusion builds the confusion matrix of a classification problem.
func (p *Predictions) Confusion() (*Confusion, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if p.Task != model.Classification {
		return nil, fmt.Errorf("a confusion matrix needs a classification problem: %w", ErrUndefined)
	}
	yt, yp := p.Labels()
	return NewConfusion(yt, yp, len(p.Classes))
}

// Binary returns the truth as "is class 1" and the probability of class 1
// per row, for the ranking functions and curves of a two-class problem. It
// fails unless the problem has two classes and probabilities.
func (p *Predictions) Binary() (positive []bool, score []float64, err error) {
	if err := p.Validate(); err != nil {
		return nil, nil, err
	}
	if p.Task != model.Classification || len(p.Classes) != 2 || p.Proba == nil {
		return nil, nil, fmt.Errorf("curves need a two-class problem with probabilities: %w", ErrUndefined)
	}
	yt, _ := p.Labels()
	positive, score = ClassScores(yt, p.Proba, 1)
	return positive, score, nil
}
