package tree

import (
	"fmt"

	"modelbench/workflow/model"
)

// fitted is what the three fitted models share about their training data:
// the task, the feature names (X columns follow them) and the class labels
// (nil for regression). It gives them Task, Features and Classes.
type fitted struct {
	task     model.Task
	features []string
	classes  []string
}

// newFitted copies d's task, feature names and (for classification) class
// labels, so the model does not share them with the caller's dataset.
func newFitted(d *model.Dataset) fitted {
	f := fitted{task: d.Task, features: append([]string(nil), d.Features...)}
	if d.Task == model.Classification {
		f.classes = append([]string(nil), d.Classes...)
	}
	return f
}

// Task returns the task the model was trained for.
func (f fitted) Task() model.Task { return f.task }

// Features returns the training feature names; X columns must follow them.
// The slice is the model's own and must not be modified.
func (f fitted) Features() []string { return f.features }

// Classes returns the class labels, nil for regression. The slice is the
// model's own and must not be modified.
func (f fitted) Classes() []string { return f.classes }

// checkProba is PredictProba's check of X: model.ErrWrongTask for a
// regression model, else model.CheckPredict's result (the number of rows).
func (f fitted) checkProba(X [][]float64) (int, error) {
	if f.task != model.Classification {
		return 0, fmt.Errorf("probabilities: %w", model.ErrWrongTask)
	}
	return model.CheckPredict(X, f.features, true)
}

// checkRow verifies that row holds one value per feature.
func (f fitted) checkRow(row []float64) error {
	if len(row) != len(f.features) {
		return fmt.Errorf("%w: %d values for %d features", model.ErrSchemaMismatch, len(row), len(f.features))
	}
	return nil
}

// rowMatrix checks row like checkRow and returns it as a one-row
// column-major matrix, the form the ensembles' predictions take.
func (f fitted) rowMatrix(row []float64) ([][]float64, error) {
	if err := f.checkRow(row); err != nil {
		return nil, err
	}
	X := make([][]float64, len(row))
	for j, v := range row {
		X[j] = []float64{v}
	}
	return X, nil
}

// featureTerms returns, in feature order, one Term for every feature asked
// on the explained paths (uses[j] > 0): its value in row, its summed
// effect and the rule text rule(uses[j]).
func (f fitted) featureTerms(row, effect []float64, uses []int, rule func(uses int) string) []model.Term {
	var terms []model.Term
	for j, u := range uses {
		if u > 0 {
			terms = append(terms, model.Term{Feature: f.features[j], Value: row[j], Effect: effect[j], Rule: rule(u)})
		}
	}
	return terms
}
