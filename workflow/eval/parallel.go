package eval

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// ErrSplit means caller-given folds cannot be used (a row outside the
// frame, a fold without rows).
var ErrSplit = errors.New("the folds cannot be used")

// splits turns the options into fold jobs over the rows with a target.
func (opt CVOptions) splits(f *data.Frame, t *Target, rows []int) ([]foldJob, error) {
	if opt.Splits != nil {
		return givenSplits(opt.Splits, f.NumRows(), t)
	}
	spec := opt.Folds
	if spec.K == 0 {
		spec.K = 5
	}
	if spec.Method == "" {
		spec.Method = prep.SplitStratified
		if t.Task == model.Regression {
			spec.Method = prep.SplitRandom
		}
	}
	sub := f.Take(rows)
	var out []foldJob
	for r := 0; r < max(opt.Repeats, 1); r++ {
		s := spec
		s.Seed = spec.Seed + uint64(r)
		folds, err := s.Folds(sub, t.Name)
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
func givenSplits(folds []prep.Fold, n int, t *Target) ([]foldJob, error) {
	keep := func(which string, k int, rows []int) ([]int, error) {
		out := make([]int, 0, len(rows))
		for _, r := range rows {
			if r < 0 || r >= n {
				return nil, fmt.Errorf("fold %d: %s row %d is outside the %d rows: %w", k+1, which, r, n, ErrSplit)
			}
			if t.Y[r] == t.Y[r] {
				out = append(out, r)
			}
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("fold %d has no %s rows with a target value: %w", k+1, which, ErrSplit)
		}
		return out, nil
	}
	out := make([]foldJob, len(folds))
	for k, fd := range folds {
		train, err := keep("training", k, fd.Train)
		if err != nil {
			return nil, err
		}
		test, err := keep("validation", k, fd.Valid)
		if err != nil {
			return nil, err
		}
		out[k] = foldJob{fold: k, train: train, test: test}
	}
	return out, nil
}

// runParallel runs job(i) for i in 0..n−1 on at most workers goroutines.
// Each job gets its own progress.Func; the overall fraction is the mean
// of the jobs' fractions. The first failure cancels the other jobs. It
// returns ctx.Err() when ctx was cancelled, else the error of the
// lowest-numbered job that failed by itself.
func runParallel(ctx context.Context, n, workers int, report progress.Func,
	job func(ctx context.Context, i int, report progress.Func) error) error {
	parent := ctx
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var mu sync.Mutex
	frac := make([]float64, n)
	jobReport := func(i int) progress.Func {
		if report == nil {
			return nil
		}
		// Reports are passed on under the lock, so the overall fraction
		// never goes backwards even when folds report at the same time.
		return func(r progress.Report) {
			mu.Lock()
			defer mu.Unlock()
			if r.Fraction >= 0 {
				frac[i] = max(frac[i], min(r.Fraction, 1))
			}
			total := 0.0
			for _, v := range frac {
				total += v
			}
			report.Send(total/float64(n), fmt.Sprintf("fold %d of %d: %s", i+1, n, r.Message))
		}
	}
	errs := make([]error, n)
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(max(workers, 1), n); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				if err := job(ctx, i, jobReport(i)); err != nil {
					errs[i] = err
					cancel()
				}
			}
		}()
	}
feed:
	for i := 0; i < n; i++ {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	return firstError(parent, errs)
}

// firstError picks the error to report after runParallel's jobs ended:
// the lowest-numbered failure that is not a cancellation, else the
// parent's ctx.Err() when a job was cancelled.
func firstError(parent context.Context, errs []error) error {
	var cancelled error
	for _, err := range errs {
		switch {
		case err == nil:
		case errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded):
			cancelled = err
		default:
			return err
		}
	}
	if cancelled != nil && parent.Err() != nil {
		return parent.Err()
	}
	return cancelled
}
