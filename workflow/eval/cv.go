package eval

import (
	"context"
	"fmt"
	"math"
	"runtime"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// CVOptions says how to cross-validate. The zero value (with Task set)
// runs 5-fold cross-validation, stratified for classification, seed 0,
// scoring every metric that applies, on up to GOMAXPROCS folds at once.
type CVOptions struct {
	// Task is what the learner predicts; the zero value is classification.
	Task model.Task
	// Folds says how rows are cut (prep.FoldSpec): K (0 means 5), Method
	// ("" means stratified for classification and random for regression;
	// "group" keeps every value of Folds.Column in one fold) and Seed.
	Folds prep.FoldSpec
	// Repeats repeats the whole k-fold with seeds Seed, Seed+1, ...; 0
	// means 1. Repeated folds make the t-test of Compare more reliable.
	Repeats int
	// Splits, when not nil, replaces Folds and Repeats: the caller's own
	// train/validation row positions (in f), for instance to reproduce the
	// folds of another tool.
	Splits []prep.Fold
	// Metrics are the Scorer names to summarise; nil means every scorer
	// that applies to the task (and the number of classes).
	Metrics []string
	// Workers is the most folds run at once; 0 means GOMAXPROCS.
	Workers int
	// KeepModels keeps each fold's fitted pipeline and model in the
	// result (for inspection; they cost memory).
	KeepModels bool
}

// Summary is one metric over the folds (a metric defined on no fold has
// none, and an issue says so): the mean and the population
// standard deviation (numpy's std, as scores.std() after scikit-learn's
// cross_val_score) of the folds where it is defined, and every fold's
// value (NaN where undefined), in fold order.
type Summary struct {
	Mean   float64      `json:"mean"`
	Std    float64      `json:"std"`
	Values model.Floats `json:"values"`
}

// FoldResult is one fold's outcome.
type FoldResult struct {
	Repeat         int                `json:"repeat"`
	Fold           int                `json:"fold"`
	TrainRows      int                `json:"train_rows"`
	TestRows       int                `json:"test_rows"`
	Metrics        map[string]float64 `json:"metrics"` // the defined ones
	FitSeconds     float64            `json:"fit_seconds"`
	PredictSeconds float64            `json:"predict_seconds"`
	ModelBytes     int                `json:"model_bytes"` // saved size of the fold model (model.SavedSize); 0 when it cannot be saved
	Test           []int              `json:"-"`           // positions in f of the validation rows
	// Artifact is the fold's fitted pipeline and model (with
	// CVOptions.KeepModels); its Rows are the fold's training rows in f.
	Artifact *artifact.Artifact `json:"-"`
}

// CVResult is the outcome of CrossValidate.
type CVResult struct {
	Learner string             `json:"learner"`
	Task    model.Task         `json:"task"`
	Classes []string           `json:"classes,omitempty"`
	Folds   []FoldResult       `json:"folds"`
	Metrics map[string]Summary `json:"metrics"`
	// OOF holds the out-of-fold predictions of the first repetition: each
	// row predicted by the model that did not see it, for plots and error
	// analysis. OOFRows gives the position in f of each of its rows.
	OOF     *metrics.Predictions `json:"-"`
	OOFRows []int                `json:"-"`
	// TestTrainRatio is the mean ratio of validation to training rows,
	// which the corrected t-test needs.
	TestTrainRatio float64      `json:"test_train_ratio"`
	Issues         []data.Issue `json:"issues,omitempty"`
}

// CrossValidate estimates how learner, after pipe, does on rows it has not
// seen. For each fold it fits pipe on the fold's training rows only, trains
// the learner on the prepared rows, applies the fitted pipeline to the
// validation rows and scores the predictions, so nothing about the
// validation rows leaks into the preparation. Rows without a target value
// are left out (an issue says how many). Folds run in parallel; the result
// does not depend on the order they finish in. Progress is reported per
// fold; cancelling ctx stops every fold and returns ctx.Err().
func CrossValidate(ctx context.Context, f *data.Frame, target string, pipe prep.Pipeline, learner model.Learner, opt CVOptions, report progress.Func) (*CVResult, error) {
	out, err := crossValidateAll(ctx, f, target, pipe, []model.Learner{learner}, opt, report)
	if err != nil {
		return nil, err
	}
	return out[0].result, out[0].err
}

// cvOutcome is one learner's result, or why it could not be trained.
type cvOutcome struct {
	result *CVResult
	err    error
}

// crossValidateAll cross-validates every learner on the same folds; see
// crossValidateMany.
func crossValidateAll(ctx context.Context, f *data.Frame, target string, pipe prep.Pipeline, learners []model.Learner, opt CVOptions, report progress.Func) ([]cvOutcome, error) {
	t, err := readTarget(f, target, opt.Task)
	if err != nil {
		return nil, err
	}
	rows := t.present()
	splits, err := opt.splits(f, t, rows)
	if err != nil {
		return nil, err
	}
	names, err := opt.metricNames(t)
	if err != nil {
		return nil, err
	}
	runs, err := crossValidateMany(ctx, f, t, splits, pipe, learners, names, opt, report)
	if err != nil {
		return nil, err
	}
	out := make([]cvOutcome, len(runs))
	for i, r := range runs {
		if r.err != nil {
			out[i].err = r.err
		} else {
			out[i].result = r.result(f, t, splits, names, rows)
		}
	}
	return out, nil
}

func (opt CVOptions) workers() int {
	if opt.Workers > 0 {
		return opt.Workers
	}
	return runtime.GOMAXPROCS(0)
}

// metricNames resolves and checks the metric names.
func (opt CVOptions) metricNames(t *target) ([]string, error) {
	if opt.Metrics == nil {
		var out []string
		for _, s := range metrics.Scorers(t.task, len(t.classes)) {
			out = append(out, s.Name)
		}
		return out, nil
	}
	for _, n := range opt.Metrics {
		s, err := metrics.Lookup(n)
		if err != nil {
			return nil, err
		}
		if s.Task != t.task {
			return nil, fmt.Errorf("metric %s is for %s, the target is predicted by %s: %w", n, s.Task, t.task, metrics.ErrUndefined)
		}
	}
	return opt.Metrics, nil
}

// summarise fills the per-metric summaries from the folds' metrics.
func (r *CVResult) summarise(names []string) {
	r.Metrics = make(map[string]Summary, len(names))
	for _, n := range names {
		s := Summary{Values: make(model.Floats, len(r.Folds))}
		var vals []float64
		for i, fr := range r.Folds {
			v, ok := fr.Metrics[n]
			if !ok {
				v = math.NaN()
			} else {
				vals = append(vals, v)
			}
			s.Values[i] = v
		}
		if len(vals) == 0 {
			r.Issues = append(r.Issues, data.Issue{Level: "info",
				Text: fmt.Sprintf("%s could not be computed on any fold", n)})
			continue
		}
		s.Mean, s.Std = meanStd(vals)
		if len(vals) < len(r.Folds) {
			r.Issues = append(r.Issues, data.Issue{Level: "info",
				Text: fmt.Sprintf("%s could be computed on %d of %d folds only", n, len(vals), len(r.Folds))})
		}
		r.Metrics[n] = s
	}
}

// meanStd returns the mean and the population standard deviation.
func meanStd(v []float64) (float64, float64) {
	m := meanOf(v)
	var ss float64
	for _, x := range v {
		ss += (x - m) * (x - m)
	}
	return m, math.Sqrt(ss / float64(len(v)))
}

// collectOOF gathers the first repetition's validation predictions.
func (r *CVResult) collectOOF(t *target, splits []foldJob, outs []*artifact.Predictions, rows []int) {
	pos := make(map[int]int, len(rows))
	for i, row := range rows {
		pos[row] = i
	}
	p := &metrics.Predictions{Task: t.task, Classes: t.classes,
		Truth: make([]float64, len(rows)), Pred: make([]float64, len(rows))}
	seen := make([]bool, len(rows))
	for i, s := range splits {
		if s.repeat != 0 {
			continue
		}
		if outs[i].Proba != nil && p.Proba == nil {
			p.Proba = make([][]float64, len(rows))
		}
		for j, row := range s.test {
			k := pos[row]
			p.Truth[k], p.Pred[k], seen[k] = t.y[row], outs[i].Index[j], true
			if p.Proba != nil && outs[i].Proba != nil {
				p.Proba[k] = outs[i].Proba[j]
			}
		}
	}
	r.OOF, r.OOFRows = compactOOF(p, seen, rows)
}

// compactOOF drops rows no validation fold covered (possible only with
// caller-given splits).
func compactOOF(p *metrics.Predictions, seen []bool, rows []int) (*metrics.Predictions, []int) {
	var keep []int
	for i, s := range seen {
		if s && (p.Proba == nil || p.Proba[i] != nil) {
			keep = append(keep, i)
		}
	}
	if len(keep) == len(rows) {
		return p, rows
	}
	q := subset(p, keep)
	out := make([]int, len(keep))
	for i, k := range keep {
		out[i] = rows[k]
	}
	return q, out
}

// scoreAll computes the named metrics that are defined on p.
func scoreAll(p *metrics.Predictions, names []string) map[string]float64 {
	out := make(map[string]float64, len(names))
	for _, n := range names {
		s, err := metrics.Lookup(n)
		if err != nil || !s.Applies(p) {
			continue
		}
		if v, err := s.Score(p); err == nil && !math.IsNaN(v) && !math.IsInf(v, 0) {
			out[n] = v
		}
	}
	return out
}
