package eval

import (
	"context"
	"fmt"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// learnerRun collects one learner's folds while crossValidateMany runs.
type learnerRun struct {
	learner model.Learner
	folds   []FoldResult
	outs    []*artifact.Predictions
	errs    []error
	err     error // the first fold's failure, once all folds ended
}

// result assembles the CVResult of a run without errors.
func (lr *learnerRun) result(f *data.Frame, t *target, splits []foldJob, names []string, rows []int) *CVResult {
	res := &CVResult{Learner: lr.learner.Name(), Task: t.task, Classes: t.classes, Folds: lr.folds}
	if missing := f.NumRows() - len(rows); missing > 0 {
		res.Issues = append(res.Issues, data.Issue{Level: "info",
			Text: fmt.Sprintf("%d rows without a value of %q were left out of the cross-validation", missing, t.name)})
	}
	res.summarise(names)
	res.TestTrainRatio = testTrainRatio(splits)
	res.collectOOF(t, splits, lr.outs, rows)
	return res
}

// crossValidateMany cross-validates several learners on the same folds,
// fold by fold: each fold's pipeline is fitted once (artifact.Prepare) and
// its prepared rows serve every learner, and only Workers folds are held
// in memory at once. A failing pipeline stops everything; a failing
// learner only marks its own run (learnerRun.err), so one bad candidate
// does not end a search.
func crossValidateMany(ctx context.Context, f *data.Frame, t *target, splits []foldJob, pipe prep.Pipeline,
	learners []model.Learner, names []string, opt CVOptions, report progress.Func) ([]*learnerRun, error) {
	runs := make([]*learnerRun, len(learners))
	for l, lrn := range learners {
		runs[l] = &learnerRun{learner: lrn, folds: make([]FoldResult, len(splits)),
			outs: make([]*artifact.Predictions, len(splits)), errs: make([]error, len(splits))}
	}
	err := runParallel(ctx, len(splits), opt.workers(), report, func(ctx context.Context, i int, rep progress.Func) error {
		s := splits[i]
		prepared, testX, err := prepareFold(ctx, f, t, s, pipe, rep.Scale(0, 0.1))
		if err != nil {
			return fmt.Errorf("fold %d of %d: %w", i+1, len(splits), err)
		}
		for l, r := range runs {
			lrep := rep.Scale(0.1+0.9*float64(l)/float64(len(runs)), 0.1+0.9*float64(l+1)/float64(len(runs)))
			r.folds[i], r.outs[i], err = fitFold(ctx, t, s, prepared, testX, r.learner, names, opt.KeepModels, lrep)
			if ctx.Err() != nil {
				return ctx.Err()
			}
			if err != nil {
				r.errs[i] = fmt.Errorf("fold %d of %d: %w", i+1, len(splits), err)
				if len(runs) == 1 {
					return r.errs[i] // nothing else to run: stop the other folds
				}
			}
		}
		rep.Send(1, fmt.Sprintf("fold %d done", s.fold+1))
		return nil
	})
	if err != nil {
		return nil, err
	}
	for _, r := range runs {
		for _, e := range r.errs {
			if e != nil {
				r.err = e
				break
			}
		}
	}
	return runs, nil
}

// prepareFold fits the pipeline on a fold's training rows and applies it
// to its validation rows.
func prepareFold(ctx context.Context, f *data.Frame, t *target, s foldJob, pipe prep.Pipeline, report progress.Func) (*artifact.Prepared, [][]float64, error) {
	prepared, err := artifact.Prepare(ctx, f, s.train, t.spec(pipe), report)
	if err != nil {
		return nil, nil, err
	}
	testX, err := prepared.Design(ctx, f.Take(s.test))
	if err != nil {
		return nil, nil, err
	}
	return prepared, testX, nil
}

// fitFold trains one learner on a prepared fold and scores its validation
// rows.
func fitFold(ctx context.Context, t *target, s foldJob, prepared *artifact.Prepared, testX [][]float64,
	learner model.Learner, names []string, keep bool, report progress.Func) (FoldResult, *artifact.Predictions, error) {
	fr := FoldResult{Repeat: s.repeat, Fold: s.fold, TrainRows: len(s.train), TestRows: len(s.test), Test: s.test}
	a, err := prepared.Fit(ctx, learner, report)
	if err != nil {
		return fr, nil, err
	}
	fr.FitSeconds = a.FitTime.Seconds()
	start := time.Now()
	out, err := a.PredictMatrix(testX)
	if err != nil {
		return fr, nil, err
	}
	fr.PredictSeconds = time.Since(start).Seconds()
	out.Truth, out.Rows = t.truth(s.test), s.test
	fr.Metrics = scoreAll(toMetrics(out), names)
	if n, err := model.SavedSize(a.Model); err == nil {
		fr.ModelBytes = n
	}
	if keep {
		fr.Artifact = a
	}
	return fr, out, nil
}
