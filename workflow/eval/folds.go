package eval

import (
	"errors"
	"fmt"
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// foldJob is one fold to run: its repeat and index and its row positions.
type foldJob struct {
	repeat, fold int
	train, test  []int
}

// ErrSplit means caller-given folds cannot be used (a row outside the
// frame, a fold without rows).
var ErrSplit = errors.New("the folds cannot be used")

// splits turns the options into fold jobs over the rows with a target.
func (opt CVOptions) splits(f *data.Frame, t *target, rows []int) ([]foldJob, error) {
	if opt.Splits != nil {
		return givenSplits(opt.Splits, t)
	}
	spec := opt.Folds
	if spec.K == 0 {
		spec.K = 5
	}
	if spec.Method == "" {
		spec.Method = prep.SplitStratified
		if t.task == model.Regression {
			spec.Method = prep.SplitRandom
		}
	}
	sub := f.Take(rows)
	var out []foldJob
	for r := 0; r < max(opt.Repeats, 1); r++ {
		s := spec
		s.Seed = spec.Seed + uint64(r)
		folds, err := s.Folds(sub, t.name)
		if err != nil {
			return nil, err
		}
		for k, fd := range folds {
			job := foldJob{repeat: r, fold: k, train: make([]int, len(fd.Train)), test: make([]int, len(fd.Valid))}
			for i, p := range fd.Train {
				job.train[i] = rows[p]
			}
			for i, p := range fd.Valid {
				job.test[i] = rows[p]
			}
			out = append(out, job)
		}
	}
	return out, nil
}

// givenSplits checks the caller's folds and drops rows without a target.
func givenSplits(folds []prep.Fold, t *target) ([]foldJob, error) {
	out := make([]foldJob, len(folds))
	for k, fd := range folds {
		train, err := withTarget("training", fd.Train, t)
		var test []int
		if err == nil {
			test, err = withTarget("validation", fd.Valid, t)
		}
		if err != nil {
			return nil, fmt.Errorf("fold %d: %w: %w", k+1, err, ErrSplit)
		}
		out[k] = foldJob{fold: k, train: train, test: test}
	}
	return out, nil
}

// withTarget checks row positions and keeps those with a target value.
func withTarget(what string, rows []int, t *target) ([]int, error) {
	out := make([]int, 0, len(rows))
	for _, r := range rows {
		if r < 0 || r >= len(t.y) {
			return nil, fmt.Errorf("%s row %d is outside the %d rows: %w", what, r, len(t.y), ErrRows)
		}
		if !math.IsNaN(t.y[r]) {
			out = append(out, r)
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("there are no %s rows with a value of %q: %w", what, t.name, ErrRows)
	}
	return out, nil
}

// testTrainRatio is the mean ratio of validation to training rows.
func testTrainRatio(splits []foldJob) float64 {
	var ratio float64
	for _, s := range splits {
		ratio += float64(len(s.test)) / float64(len(s.train))
	}
	return ratio / float64(len(splits))
}
