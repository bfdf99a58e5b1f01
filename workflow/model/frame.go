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
// target's present values, formatted as the column shows them (numerically
// sorted for numbers, as scikit-learn's np.unique and LabelEncoder do), so
// that the same data always gives the same class indices. Labels are the
// user's own values: categories as written, yes/no values in the column's
// spelling ("No", "Yes"; see data.BoolSpelling), numbers in their shortest
// form ("0", "1"). It is the one class-label convention of Modelbench:
// datasets, saved models and evaluation all use it. An empty or
// all-missing column has no labels.
func ClassLabels(c data.Column) []string {
	switch col := c.(type) {
	case *data.NumericColumn:
		seen := map[float64]bool{}
		var vals []float64
		for i, v := range col.Values() {
			if !col.IsMissing(i) && !seen[v] {
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
	case *data.CategoricalColumn:
		used := make([]bool, len(col.Levels()))
		for _, k := range col.Codes() {
			if k >= 0 {
				used[k] = true
			}
		}
		out := make([]string, 0, len(used))
		for k, u := range used {
			if u {
				out = append(out, col.Levels()[k])
			}
		}
		sort.Strings(out)
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

// TargetValues reads target column c as a Dataset holds it: the numbers
// for regression, each row's position in classes for classification. A
// yes/no column matches classes by truth value when its spelling is not
// theirs (data.SpellLike), so "Yes" finds the class "true" of a model
// saved before labels kept their spelling, or "Y" of another file. A
// missing value, or a label that is not in classes, gives NaN, so that the
// caller decides whether that is an error (training) or a row to leave out
// (scoring); c.IsMissing tells the two apart. A regression target that is
// not numeric is an error. The result is a new slice.
func TargetValues(c data.Column, task Task, classes []string) ([]float64, error) {
	out := make([]float64, c.Len())
	if task == Regression {
		num, ok := c.(*data.NumericColumn)
		if !ok {
			return nil, fmt.Errorf("the target %q holds %s values; regression needs numbers", c.Name(), c.Kind())
		}
		copy(out, num.Values())
		return out, nil
	}
	c = data.SpellLike(c, classes)
	index := make(map[string]float64, len(classes))
	for k, l := range classes {
		index[l] = float64(k)
	}
	code := func(label string) float64 {
		if k, ok := index[label]; ok {
			return k
		}
		return math.NaN()
	}
	if cat, ok := c.(*data.CategoricalColumn); ok {
		byLevel := make([]float64, len(cat.Levels()))
		for k, l := range cat.Levels() {
			byLevel[k] = code(l)
		}
		for i, k := range cat.Codes() {
			out[i] = math.NaN()
			if k >= 0 {
				out[i] = byLevel[k]
			}
		}
		return out, nil
	}
	memo := map[string]float64{}
	for i := range out {
		if c.IsMissing(i) {
			out[i] = math.NaN()
			continue
		}
		s := c.Format(i)
		v, ok := memo[s]
		if !ok {
			v = code(s)
			memo[s] = v
		}
		out[i] = v
	}
	return out, nil
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
// design matrix, the one conversion from a frame to what learners take:
// numeric columns are shared, not copied (NaN stays a missing value for
// the learners that accept it); yes/no columns become 1/0. Any other kind
// is an error naming the column and the Prepare steps that fix it; a
// column that is absent wraps ErrSchemaMismatch.
func Matrix(f *data.Frame, features []string) ([][]float64, error) {
	X := make([][]float64, len(features))
	for j, name := range features {
		c, ok := f.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("%w: column %q is missing", ErrSchemaMismatch, name)
		}
		if c.Kind() == data.Boolean {
			c, _ = data.Convert(c, data.Numeric, data.ParseOptions{}) // 1/0, never fails
		}
		num, ok := c.(*data.NumericColumn)
		if !ok {
			return nil, fmt.Errorf("column %q holds %s values, but models need numbers: add a step that turns it into numbers in Prepare (one_hot or ordinal for categories, date_parts for dates, drop_columns for text)", name, c.Kind())
		}
		X[j] = num.Values()
	}
	return X, nil
}

// NewDataset builds a Dataset from a prepared frame: the target column
// becomes Y (class indices into classes for classification, see
// TargetValues) and every other column a feature (see Matrix). classes may
// be nil to take ClassLabels of the target. Rows whose target is missing
// must have been removed (see RowsWithTarget): a missing or infinite target
// wraps ErrNonFiniteTarget, and a label outside classes is an error, both
// naming the row.
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
	if task == Classification && classes == nil {
		classes = ClassLabels(tc)
	}
	y, err := TargetValues(tc, task, classes)
	if err != nil {
		return nil, err
	}
	for i, v := range y {
		switch {
		case math.IsNaN(v) && task == Classification && !tc.IsMissing(i):
			return nil, fmt.Errorf("row %d: the target value %q was not seen in training", i+1, tc.Format(i))
		case math.IsNaN(v) || math.IsInf(v, 0):
			return nil, fmt.Errorf("row %d: %w", i+1, ErrNonFiniteTarget)
		}
	}
	d := &Dataset{Task: task, Features: features, X: X, Y: y}
	if task == Classification {
		d.Classes = classes
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
