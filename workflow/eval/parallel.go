package eval

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"modelbench/workflow/progress"
)

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
	if err := firstError(parent, errs); err != nil {
		return err
	}
	// A parent cancelled before every job was handed out ran none of the
	// rest: the results are incomplete even though no job failed.
	return parent.Err()
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
