package eval

import (
	"fmt"
	"math"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// MaxClasses is the most classes a classification target may have; a
// column with more distinct values is almost always a measurement that
// should be predicted by regression.
const MaxClasses = 100

// ErrTarget means the target column cannot be learnt or scored as asked.
// It is artifact.ErrTarget, so errors from either package match it.
var ErrTarget = artifact.ErrTarget

// target is a target column read once for an evaluation: the class labels
// every fold shares (model.ClassLabels over all rows, so that a fold
// missing a class still numbers the others the same way) and the truth of
// every row, which the folds' scores and the out-of-fold predictions read.
type target struct {
	name    string
	task    model.Task
	classes []string  // nil for regression
	y       []float64 // per row: class index or value; NaN when missing
}

// readTarget reads column name of f for task. It fails, wrapping
// ErrTarget, when the column is absent, a regression target is not
// numeric, or there are fewer than 2 or more than MaxClasses classes.
func readTarget(f *data.Frame, name string, task model.Task) (*target, error) {
	c, ok := f.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("target column %q is not in the data: %w", name, ErrTarget)
	}
	t := &target{name: name, task: task}
	if task == model.Classification {
		t.classes = model.ClassLabels(c)
		switch n := len(t.classes); {
		case n > MaxClasses:
			return nil, fmt.Errorf("target column %q has more than %d different values; predict it by regression: %w", name, MaxClasses, ErrTarget)
		case n < 2:
			return nil, fmt.Errorf("target column %q has %d class(es); classification needs at least 2: %w", name, n, ErrTarget)
		}
	}
	y, err := model.TargetValues(c, task, t.classes)
	if err != nil {
		return nil, fmt.Errorf("%w: %w", err, ErrTarget)
	}
	t.y = y
	return t, nil
}

// present returns the positions of the rows whose target is not missing.
func (t *target) present() []int {
	out := make([]int, 0, len(t.y))
	for i, y := range t.y {
		if !math.IsNaN(y) {
			out = append(out, i)
		}
	}
	return out
}

// spec is what artifact.Prepare needs to fit pipe for this target.
func (t *target) spec(pipe prep.Pipeline) artifact.Spec {
	return artifact.Spec{Target: t.name, Task: t.task, Classes: t.classes, Pipeline: pipe}
}

// truth returns the truth of the given rows.
func (t *target) truth(rows []int) []float64 {
	out := make([]float64, len(rows))
	for i, r := range rows {
		out[i] = t.y[r]
	}
	return out
}
