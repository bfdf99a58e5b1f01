package model

import (
	"context"
	"errors"
	"fmt"
	"math"
)

// More errors shared by learners and models.
var (
	ErrNoTarget         = errors.New("the dataset has no target to learn")
	ErrInfiniteFeatures = errors.New("the features contain infinite values; clip or transform them first")
)

// CheckFit is the validation every Fit starts with. It returns, in this
// order: ctx.Err() when ctx is already done; ErrWrongTask when l does not
// support d.Task; ErrNoRows / ErrNoFeatures (from Validate) for an empty or
// nil dataset; ErrNoTarget when d.Y is nil; ErrNonFiniteTarget (with the
// row) for a NaN or infinite target; the other Validate errors; ErrOneClass
// when fewer than two classes occur in a classification target; and, unless
// allowMissing, ErrMissingValues / ErrInfiniteFeatures naming the first
// offending column and row. Rows are numbered from 1 in messages.
func CheckFit(ctx context.Context, l Learner, d *Dataset, allowMissing bool) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	if d == nil {
		return ErrNoRows
	}
	if !l.Supports(d.Task) {
		return fmt.Errorf("%s: %w: %s", l.Name(), ErrWrongTask, d.Task)
	}
	if len(d.X) == 0 {
		return ErrNoFeatures
	}
	if len(d.X[0]) == 0 {
		return ErrNoRows
	}
	if d.Y == nil {
		return ErrNoTarget
	}
	for i, y := range d.Y {
		if math.IsNaN(y) || math.IsInf(y, 0) {
			return fmt.Errorf("%w (row %d)", ErrNonFiniteTarget, i+1)
		}
	}
	if err := d.Validate(); err != nil {
		return err
	}
	if d.Task == Classification && len(ClassCounts(d.Y, len(d.Classes))) > 0 {
		present := 0
		for _, c := range ClassCounts(d.Y, len(d.Classes)) {
			if c > 0 {
				present++
			}
		}
		if present < 2 {
			return ErrOneClass
		}
	}
	if allowMissing {
		return nil
	}
	return checkFinite(d.X, d.Features)
}

// CheckPredict validates X at predict time for a model trained on features:
// it returns the number of rows, or an error wrapping ErrSchemaMismatch when
// the column count differs or the columns have unequal lengths, and, unless
// allowMissing, ErrMissingValues / ErrInfiniteFeatures naming the column and
// row. A nil or empty X is a mismatch unless features is empty too; zero
// rows with the right columns is valid.
func CheckPredict(X [][]float64, features []string, allowMissing bool) (int, error) {
	if len(X) != len(features) {
		return 0, fmt.Errorf("%w: %d columns given, the model was trained on %d", ErrSchemaMismatch, len(X), len(features))
	}
	if len(X) == 0 {
		return 0, nil
	}
	n := len(X[0])
	for j, col := range X {
		if len(col) != n {
			return 0, fmt.Errorf("%w: column %q has %d rows, the first column %d", ErrSchemaMismatch, features[j], len(col), n)
		}
	}
	if allowMissing {
		return n, nil
	}
	return n, checkFinite(X, features)
}

func checkFinite(X [][]float64, features []string) error {
	for j, col := range X {
		for i, v := range col {
			if v-v != 0 { // NaN or ±Inf
				name := fmt.Sprint(j)
				if j < len(features) {
					name = features[j]
				}
				if math.IsNaN(v) {
					return fmt.Errorf("%w (column %q, row %d)", ErrMissingValues, name, i+1)
				}
				return fmt.Errorf("%w (column %q, row %d)", ErrInfiniteFeatures, name, i+1)
			}
		}
	}
	return nil
}

// ClassCounts counts how often each class index 0..k-1 occurs in y (which
// holds valid class indices, as after Validate). Indices out of range are
// ignored.
func ClassCounts(y []float64, k int) []int {
	counts := make([]int, k)
	for _, v := range y {
		if c := int(v); c >= 0 && c < k {
			counts[c]++
		}
	}
	return counts
}
