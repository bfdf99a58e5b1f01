package model

import (
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"

	"modelbench/workflow/data"
)

// MaxClassesForNumeric is the largest number of distinct whole-number
// values a numeric target may have and still be read as class labels.
const MaxClassesForNumeric = 20

// InferTask decides whether predicting column c is classification or
// regression: categorical, boolean and text targets are classes; a numeric
// target is classes only when it holds a few whole numbers (0/1 flags,
// ratings 1-5), and amounts otherwise.
func InferTask(c data.Column) Task {
	num, ok := c.(*data.NumericColumn)
	if !ok {
		return Classification
	}
	if !num.IsInteger() {
		return Regression
	}
	seen := map[float64]bool{}
	for i, v := range num.Values() {
		if !num.IsMissing(i) {
			seen[v] = true
			if len(seen) > MaxClassesForNumeric {
				return Regression
			}
		}
	}
	return Classification
}

// ClassLabels returns the sorted distinct labels of a classification
// target's present values (numerically sorted for numbers, as
// scikit-learn's np.unique does).
func ClassLabels(c data.Column) []string {
	if num, ok := c.(*data.NumericColumn); ok {
		seen := map[float64]bool{}
		var vals []float64
		for i, v := range num.Values() {
			if !num.IsMissing(i) && !seen[v] {
				seen[v] = true
				vals = append(vals, v)
			}
		}
		sort.Float64s(vals)
		out := make([]string, len(vals))
		for i, v := range vals {
			out[i] = data.FormatFloat(v)
		}
		return out
	}
	seen := map[string]bool{}
	var out []string
	for i := 0; i < c.Len(); i++ {
		if s := c.Format(i); !c.IsMissing(i) && !seen[s] {
			seen[s] = true
			out = append(out, s)
		}
	}
	sort.Strings(out)
	return out
}

// RowsWithTarget returns the positions of rows whose target is present;
// rows without a target cannot be learned from or scored.
func RowsWithTarget(f *data.Frame, target string) ([]int, error) {
	c, ok := f.Lookup(target)
	if !ok {
		return nil, fmt.Errorf("the target column %q is missing", target)
	}
	rows := make([]int, 0, c.Len())
	for i := 0; i < c.Len(); i++ {
		if !c.IsMissing(i) {
			rows = append(rows, i)
		}
	}
	return rows, nil
}

// Matrix returns the named columns of a prepared frame as a column-major
// design matrix (shared, not copied, for numeric columns). Every column
// must be numeric or boolean; the error names the first that is not and
// the Prepare step that fixes it.
func Matrix(f *data.Frame, features []string) ([][]float64, error) {
	X := make([][]float64, len(features))
	for j, name := range features {
		c, ok := f.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("%w: column %q is missing", ErrSchemaMismatch, name)
		}
		switch col := c.(type) {
		case *data.NumericColumn:
			X[j] = col.Values()
		case *data.BooleanColumn:
			X[j] = boolValues(col)
		default:
			return nil, fmt.Errorf("column %q is %s, but models need numbers: add an encoding step (one_hot or ordinal) in Prepare", name, c.Kind())
		}
	}
	return X, nil
}

func boolValues(c *data.BooleanColumn) []float64 {
	out := make([]float64, c.Len())
	for i := range out {
		v, ok := c.At(i)
		switch {
		case !ok:
			out[i] = math.NaN()
		case v:
			out[i] = 1
		}
	}
	return out
}

// NewDataset builds a Dataset from a prepared frame: the target column
// becomes Y (class indices into classes for classification) and every
// other column a feature. classes may be nil to take ClassLabels of the
// target. Rows whose target is missing must have been removed (see
// RowsWithTarget); a target value outside classes is an error.
func NewDataset(f *data.Frame, target string, task Task, classes []string) (*Dataset, error) {
	tc, ok := f.Lookup(target)
	if !ok {
		return nil, fmt.Errorf("the target column %q is missing", target)
	}
	var features []string
	for _, n := range f.Names() {
		if n != target {
			features = append(features, n)
		}
	}
	X, err := Matrix(f, features)
	if err != nil {
		return nil, err
	}
	d := &Dataset{Task: task, Features: features, X: X, Y: make([]float64, tc.Len())}
	if task == Regression {
		num, ok := tc.(*data.NumericColumn)
		if !ok {
			return nil, fmt.Errorf("the target %q is %s; regression needs numbers", target, tc.Kind())
		}
		copy(d.Y, num.Values())
		for i, y := range d.Y {
			if math.IsNaN(y) || math.IsInf(y, 0) {
				return nil, fmt.Errorf("row %d: %w", i+1, ErrNonFiniteTarget)
			}
		}
		return d, nil
	}
	if classes == nil {
		classes = ClassLabels(tc)
	}
	d.Classes = classes
	index := make(map[string]int, len(classes))
	for i, c := range classes {
		index[c] = i
	}
	for i := range d.Y {
		if tc.IsMissing(i) {
			return nil, fmt.Errorf("row %d: %w", i+1, ErrNonFiniteTarget)
		}
		k, ok := index[tc.Format(i)]
		if !ok {
			return nil, fmt.Errorf("row %d: the target value %q was not seen in training", i+1, tc.Format(i))
		}
		d.Y[i] = float64(k)
	}
	return d, nil
}

// Labels turns predicted class indices back into labels.
func Labels(pred []float64, classes []string) ([]string, error) {
	out := make([]string, len(pred))
	for i, p := range pred {
		k := int(p)
		if float64(k) != p || k < 0 || k >= len(classes) {
			return nil, errors.New("prediction " + strconv.FormatFloat(p, 'g', -1, 64) + " is not a class index")
		}
		out[i] = classes[k]
	}
	return out, nil
}
