package model

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// Task is the kind of prediction a model makes.
type Task int

// The tasks.
const (
	Classification Task = iota // predict one of a fixed set of classes
	Regression                 // predict a number
)

// String returns "classification" or "regression".
func (t Task) String() string {
	if t == Regression {
		return "regression"
	}
	return "classification"
}

// MarshalJSON writes the task's name.
func (t Task) MarshalJSON() ([]byte, error) { return json.Marshal(t.String()) }

// UnmarshalJSON reads a task's name.
func (t *Task) UnmarshalJSON(b []byte) error {
	var s string
	if err := json.Unmarshal(b, &s); err != nil {
		return err
	}
	switch s {
	case "classification":
		*t = Classification
	case "regression":
		*t = Regression
	default:
		return fmt.Errorf("unknown task %q", s)
	}
	return nil
}

// Dataset is a prepared, all-numeric design matrix with its target. X is
// column-major: X[j] holds feature j for every row, so a prepared Frame's
// numeric columns can be used without copying. NaN in X marks a missing
// value; learners that cannot handle it return ErrMissingValues.
// Classification targets hold class indices 0..len(Classes)-1 as float64.
// Datasets are read-only for learners.
type Dataset struct {
	Task     Task
	Features []string    // one name per column of X
	X        [][]float64 // X[feature][row]
	Y        []float64   // target per row; class index for classification
	Classes  []string    // class labels for classification, nil for regression
}

// Rows returns the number of rows.
func (d *Dataset) Rows() int {
	if len(d.X) == 0 {
		return len(d.Y)
	}
	return len(d.X[0])
}

// Validate checks the invariants: equal lengths, class indices in range and
// at least one row and one feature.
func (d *Dataset) Validate() error {
	if len(d.X) == 0 {
		return ErrNoFeatures
	}
	if len(d.Features) != len(d.X) {
		return fmt.Errorf("%d feature names for %d feature columns", len(d.Features), len(d.X))
	}
	n := len(d.X[0])
	if n == 0 {
		return ErrNoRows
	}
	for j, col := range d.X {
		if len(col) != n {
			return fmt.Errorf("feature %q has %d rows, expected %d", d.Features[j], len(col), n)
		}
	}
	if d.Y != nil && len(d.Y) != n {
		return fmt.Errorf("the target has %d rows, the features %d", len(d.Y), n)
	}
	if d.Task == Classification && d.Y != nil {
		if len(d.Classes) == 0 {
			return errors.New("a classification dataset needs class labels")
		}
		for i, y := range d.Y {
			if y != float64(int(y)) || y < 0 || int(y) >= len(d.Classes) {
				return fmt.Errorf("row %d: target %v is not a class index below %d", i+1, y, len(d.Classes))
			}
		}
	}
	return nil
}

// Errors shared by learners.
var (
	ErrNoRows          = errors.New("there are no rows to learn from")
	ErrNoFeatures      = errors.New("there are no feature columns to learn from")
	ErrMissingValues   = errors.New("the features contain missing values; add an imputation step first")
	ErrWrongTask       = errors.New("this learner does not support the task")
	ErrSchemaMismatch  = errors.New("the columns do not match the ones the model was trained on")
	ErrOneClass        = errors.New("the target has only one class in the training rows")
	ErrNonFiniteTarget = errors.New("the target contains missing or infinite values")
)

// Learner is a learning algorithm's configuration. Fit never modifies the
// learner or the dataset, and the same configuration (including its seed)
// gives the same Model on every machine.
type Learner interface {
	// Name is the registry name ("tree", "forest", ...).
	Name() string
	// Supports reports whether the learner handles the task.
	Supports(Task) bool
	// Params describes the learner's parameters once, for forms, docs and tests.
	Params() []param.Spec
	// Fit trains a Model. It reports progress and returns ctx.Err() promptly
	// when ctx is cancelled.
	Fit(ctx context.Context, d *Dataset, report progress.Func) (Model, error)
}

// Model is a fitted, immutable model; it is safe for concurrent prediction.
type Model interface {
	// Task is what the model predicts.
	Task() Task
	// Features are the input column names, in the order X must have them.
	Features() []string
	// Classes are the class labels for classification, nil for regression.
	Classes() []string
	// Predict returns one prediction per row of X (column-major, as in
	// Dataset): a class index for classification, a value for regression.
	// It returns ErrSchemaMismatch when X has the wrong number of columns.
	Predict(X [][]float64) ([]float64, error)
}

// ProbPredictor is a classifier that also gives class probabilities:
// result[row][class], each row summing to 1.
type ProbPredictor interface {
	PredictProba(X [][]float64) ([][]float64, error)
}

// JointPredictor is a classifier that computes its predictions and its
// class probabilities in one pass: PredictWithProba returns exactly what
// Predict and PredictProba return, for half the work (a forest walks its
// trees once). artifact.PredictMatrix uses it when the model has it.
type JointPredictor interface {
	PredictWithProba(X [][]float64) (pred []float64, proba [][]float64, err error)
}

// Importancer is a model that can say how much each feature mattered, one
// non-negative number per feature, in Features order.
type Importancer interface {
	Importances() []float64
}
