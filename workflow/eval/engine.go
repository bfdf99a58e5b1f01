package eval

import (
	"context"
	"fmt"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// learnerRun collects one learner's folds while crossValidateMany runs.
type learnerRun struct {
	learner model.Learner
	folds   []FoldResult
	outs    []*Output
	errs    []error
	err     error // the first fold's failure, once all folds ended
}

// result assembles the CVResult of a run without errors.
func (lr *learnerRun) result(f *data.Frame, t *Target, splits []foldJob, names []string, rows []int) *CVResult {
	res := &CVResult{Learner: lr.learner.Name(), Task: t.Task, Classes: t.Classes, Folds: lr.folds}
	if missing := f.NumRows() - len(rows); missing > 0 {
		res.Issues = append(res.Issues, data.Issue{Level: "info",
			Text: fmt.Sprintf("%d rows without a value of %q were left out of the cross-validation", missing, t.Name)})
	}
	res.summarise(names)
	res.TestTrainRatio = testTrainRatio(splits)
	res.collectOOF(t, splits, lr.outs, rows)
	return res
}

// crossValidateMany cross-validates several learners on the same folds,
// fold by fold: each fold's pipeline is fitted once and its prepared rows
// serve every learner, and only Workers folds are held in memory at once.
// A failing pipeline stops everything; a failing learner only marks its
// own run (learnerRun.err), so one bad candidate does not end a search.
func crossValidateMany(ctx context.Context, f *data.Frame, t *Target, splits []foldJob, pipe prep.Pipeline,
	learners []model.Learner, names []string, opt CVOptions, report progress.Func) ([]*learnerRun, error) {
	runs := make([]*learnerRun, len(learners))
	for l, lrn := range learners {
		runs[l] = &learnerRun{learner: lrn, folds: make([]FoldResult, len(splits)),
			outs: make([]*Output, len(splits)), errs: make([]error, len(splits))}
	}
	err := runParallel(ctx, len(splits), opt.workers(), report, func(ctx context.Context, i int, rep progress.Func) error {
		s := splits[i]
		start := time.Now()
		fitted, d, err := prepareRows(ctx, f, t, s.train, pipe, rep.Scale(0, 0.1))
		if err != nil {
			return fmt.Errorf("fold %d of %d: %w", i+1, len(splits), err)
		}
		prepTime := time.Since(start)
		testX, err := prepareTest(ctx, f, fitted, s.test)
		if err != nil {
			return fmt.Errorf("fold %d of %d: %w", i+1, len(splits), err)
		}
		for l, r := range runs {
			lrep := rep.Scale(0.1+0.9*float64(l)/float64(len(runs)), 0.1+0.9*float64(l+1)/float64(len(runs)))
			r.folds[i], r.outs[i], err = fitFold(ctx, t, s, fitted, d, testX, r.learner, names, prepTime, opt.KeepModels, f.Names(), lrep)
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

// prepareTest applies a fold's fitted pipeline to its validation rows.
func prepareTest(ctx context.Context, f *data.Frame, fitted *prep.Fitted, test []int) ([][]float64, error) {
	prepared, err := fitted.Apply(ctx, f.Take(test))
	if err != nil {
		return nil, err
	}
	return design(prepared, fitted.Features())
}

// fitFold trains one learner on a prepared fold and scores its validation
// rows.
func fitFold(ctx context.Context, t *Target, s foldJob, fitted *prep.Fitted, d *model.Dataset, testX [][]float64,
	learner model.Learner, names []string, prepTime time.Duration, keep bool, inputs []string, report progress.Func) (FoldResult, *Output, error) {
	fr := FoldResult{Repeat: s.repeat, Fold: s.fold, TrainRows: len(s.train), TestRows: len(s.test), Test: s.test}
	tr, err := fitPrepared(ctx, t, fitted, d, s.train, learner, prepTime, report)
	if err != nil {
		return fr, nil, err
	}
	fr.FitSeconds = tr.Fit.Seconds()
	start := time.Now()
	out, err := tr.predictMatrix(testX)
	if err != nil {
		return fr, nil, err
	}
	fr.PredictSeconds = time.Since(start).Seconds()
	p := &metrics.Predictions{Task: t.Task, Classes: t.Classes, Pred: out.Pred, Proba: out.Proba, Truth: make([]float64, len(s.test))}
	for i, row := range s.test {
		p.Truth[i] = t.Y[row]
	}
	fr.Metrics = scoreAll(p, names)
	if b, err := model.Marshal(tr.Model); err == nil {
		fr.ModelBytes = len(b)
	}
	if keep {
		tr.Inputs = inputs
		fr.Trained = tr
	}
	return fr, out, nil
}
