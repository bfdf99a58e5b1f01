package eval

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// MaxClasses is the most classes a classification target may have; a
// column with more distinct values is almost always a measurement that
// should be predicted by regression.
const MaxClasses = 100

// ErrTarget means the target column cannot be learnt as asked.
var ErrTarget = errors.New("the target cannot be used")

// Target is a target column read for learning: its class labels (for
// classification) and one number per row, the class index or the value,
// NaN where the target is missing.
type Target struct {
	Name    string
	Task    model.Task
	Classes []string  // sorted labels that occur; nil for regression
	Y       []float64 // per row: class index or value; NaN when missing
	index   map[string]int
}

// NewTarget reads column name of f for task. Class labels are the
// distinct values that occur, formatted as the column shows them and
// sorted (numerically for numbers, as scikit-learn's LabelEncoder), so
// that the same data always gives the same class indices. It fails when
// the column is absent, a regression target is not numeric, or there are
// fewer than 2 or more than MaxClasses classes.
func NewTarget(f *data.Frame, name string, task model.Task) (*Target, error) {
	c, ok := f.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("target column %q is not in the data: %w", name, ErrTarget)
	}
	t := &Target{Name: name, Task: task, Y: make([]float64, c.Len())}
	if task == model.Regression {
		nc, ok := c.(*data.NumericColumn)
		if !ok {
			return nil, fmt.Errorf("target column %q holds %s values; regression needs numbers: %w", name, c.Kind(), ErrTarget)
		}
		copy(t.Y, nc.Values())
		return t, nil
	}
	if err := t.readClasses(c); err != nil {
		return nil, err
	}
	for i := range t.Y {
		t.Y[i] = t.Code(c, i)
	}
	return t, nil
}

func (t *Target) readClasses(c data.Column) error {
	seen := map[string]bool{}
	for i := 0; i < c.Len(); i++ {
		if !c.IsMissing(i) && !seen[c.Format(i)] {
			seen[c.Format(i)] = true
			t.Classes = append(t.Classes, c.Format(i))
			if len(t.Classes) > MaxClasses {
				return fmt.Errorf("target column %q has more than %d different values; predict it by regression: %w", t.Name, MaxClasses, ErrTarget)
			}
		}
	}
	if len(t.Classes) < 2 {
		return fmt.Errorf("target column %q has %d class(es); classification needs at least 2: %w", t.Name, len(t.Classes), ErrTarget)
	}
	if c.Kind() == data.Numeric {
		slices.SortFunc(t.Classes, func(a, b string) int {
			x, _ := strconv.ParseFloat(a, 64)
			y, _ := strconv.ParseFloat(b, 64)
			return compareFloat(x, y)
		})
	} else {
		slices.Sort(t.Classes)
	}
	t.index = make(map[string]int, len(t.Classes))
	for i, l := range t.Classes {
		t.index[l] = i
	}
	return nil
}

func compareFloat(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Code returns row i of column c (a target column of another frame, such
// as a prepared one) as a class index of t, or NaN when it is missing or
// a label t does not know.
func (t *Target) Code(c data.Column, i int) float64 {
	if c.IsMissing(i) {
		return math.NaN()
	}
	k, ok := t.index[c.Format(i)]
	if !ok {
		return math.NaN()
	}
	return float64(k)
}

// values reads a target column of another frame (such as the prepared
// training rows) the way t reads its own.
func (t *Target) values(f *data.Frame) ([]float64, error) {
	c, ok := f.Lookup(t.Name)
	if !ok {
		return nil, fmt.Errorf("the prepared data lost the target column %q: %w", t.Name, ErrTarget)
	}
	y := make([]float64, c.Len())
	if t.Task == model.Regression {
		nc, ok := c.(*data.NumericColumn)
		if !ok {
			return nil, fmt.Errorf("the prepared target %q holds %s values: %w", t.Name, c.Kind(), ErrTarget)
		}
		copy(y, nc.Values())
	} else {
		for i := range y {
			y[i] = t.Code(c, i)
		}
	}
	for i, v := range y {
		if math.IsNaN(v) {
			return nil, fmt.Errorf("prepared training row %d has no usable target value: %w", i+1, ErrTarget)
		}
	}
	return y, nil
}

// Present returns the positions of the rows whose target is not missing.
func (t *Target) Present() []int {
	out := make([]int, 0, len(t.Y))
	for i, y := range t.Y {
		if !math.IsNaN(y) {
			out = append(out, i)
		}
	}
	return out
}

// design returns the feature columns of a prepared frame as the
// column-major matrix learners take, in the order of features. Every
// feature must be numeric (missing values stay NaN for the learners that
// accept them); other kinds fail with prep.ErrNotReady and the step that
// fixes them.
func design(f *data.Frame, features []string) ([][]float64, error) {
	X := make([][]float64, len(features))
	for j, name := range features {
		c, ok := f.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("the prepared data has no column %q: %w", name, model.ErrSchemaMismatch)
		}
		nc, ok := c.(*data.NumericColumn)
		if !ok {
			return nil, &prep.ColumnError{Column: name, Err: fmt.Errorf("%w: it holds %s values; add a preparation step that turns it into numbers (one_hot, change_type, date_parts or drop_columns)", prep.ErrNotReady, c.Kind())}
		}
		X[j] = nc.Values()
	}
	return X, nil
}
