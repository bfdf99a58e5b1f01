package metrics

import (
	"errors"
	"fmt"
	"math"
)

// Sentinel errors; returned errors wrap them with context.
var (
	// ErrEmpty means there were no rows to score.
	ErrEmpty = errors.New("there are no rows to score")
	// ErrLength means two inputs that pair up row by row differ in length.
	ErrLength = errors.New("the inputs have different numbers of rows")
	// ErrClass means a class index is outside 0..k-1.
	ErrClass = errors.New("class index out of range")
	// ErrNotFinite means a score, probability or value is NaN or infinite.
	ErrNotFinite = errors.New("a value is missing or infinite")
	// ErrProbability means a probability is outside [0, 1].
	ErrProbability = errors.New("a probability is outside [0, 1]")
	// ErrUndefined means the metric has no value for these rows (for
	// example ROC AUC when only one class occurs in the truth).
	ErrUndefined = errors.New("the metric is undefined for these rows")
)

// checkLen fails when a and b rows differ or there are none.
func checkLen(what string, a, b int) error {
	if a != b {
		return fmt.Errorf("%s: %d true values but %d predictions: %w", what, a, b, ErrLength)
	}
	if a == 0 {
		return fmt.Errorf("%s: %w", what, ErrEmpty)
	}
	return nil
}

// checkClasses fails when a label is outside 0..k-1.
func checkClasses(what string, y []int, k int) error {
	for i, c := range y {
		if c < 0 || c >= k {
			return fmt.Errorf("%s: row %d has class %d, want 0..%d: %w", what, i+1, c, k-1, ErrClass)
		}
	}
	return nil
}

// checkFinite fails on the first NaN or infinite value.
func checkFinite(what string, v []float64) error {
	for i, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return fmt.Errorf("%s: row %d is %v: %w", what, i+1, x, ErrNotFinite)
		}
	}
	return nil
}

// checkProba validates a row-major probability matrix against k classes.
func checkProba(what string, proba [][]float64, k int) error {
	for i, row := range proba {
		if len(row) != k {
			return fmt.Errorf("%s: row %d has %d probabilities for %d classes: %w", what, i+1, len(row), k, ErrLength)
		}
		for c, p := range row {
			if math.IsNaN(p) || math.IsInf(p, 0) {
				return fmt.Errorf("%s: row %d, class %d: probability %v: %w", what, i+1, c, p, ErrNotFinite)
			}
		}
	}
	return nil
}
