package eval

import (
	"context"
	"fmt"
	"math"
	"slices"

	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// BaselineName is the leaderboard name of the baseline entry.
const BaselineName = "baseline"

// Candidate is a learner to put on the leaderboard.
type Candidate struct {
	Name    string        // shown name; "" means the learner's name
	Learner model.Learner // the configured learner
	Params  param.Values  // its parameter values, for display and the model card (may be nil)
}

// Entry is one row of the leaderboard.
type Entry struct {
	Name       string       `json:"name"`
	Learner    string       `json:"learner"`
	Params     param.Values `json:"params,omitempty"`
	Score      float64      `json:"score"` // mean cross-validated metric
	Std        float64      `json:"std"`   // its spread across folds
	FoldScores model.Floats `json:"fold_scores"`
	FitSeconds float64      `json:"fit_seconds"` // mean training time per fold
	ModelBytes int          `json:"model_bytes"` // mean saved size of a fold model (model.SavedSize)
	Baseline   bool         `json:"baseline,omitempty"`
	Result     *CVResult    `json:"-"`
}

// Leaderboard ranks cross-validated candidates by one metric, best first.
// The baseline (majority class or mean) is always on it, so a candidate
// that learned nothing is seen at once. Methods that change it must not
// run concurrently with others.
type Leaderboard struct {
	Metric         string       `json:"metric"`
	HigherIsBetter bool         `json:"higher_is_better"`
	Entries        []Entry      `json:"entries"`
	Issues         []data.Issue `json:"issues,omitempty"`
	notes          []data.Issue // issues that do not depend on the ranking
}

// RunLeaderboard cross-validates the baseline and every candidate on the
// same folds (each fold's pipeline fitted once and shared) and ranks them
// by metric ("" is the task's default). A candidate that fails is left off
// with a warning; a failing pipeline or a cancelled ctx is an error.
func RunLeaderboard(ctx context.Context, f *data.Frame, target string, pipe prep.Pipeline, cands []Candidate, metric string, opt CVOptions, report progress.Func) (*Leaderboard, error) {
	if metric == "" {
		metric = metrics.DefaultScorer(opt.Task)
	}
	learners := []model.Learner{model.Baseline{}}
	for _, c := range cands {
		learners = append(learners, c.Learner)
	}
	if opt.Metrics != nil && !slices.Contains(opt.Metrics, metric) {
		opt.Metrics = append(slices.Clone(opt.Metrics), metric)
	}
	out, err := crossValidateAll(ctx, f, target, pipe, learners, opt, report)
	if err != nil {
		return nil, err
	}
	if out[0].err != nil {
		return nil, fmt.Errorf("the baseline: %w", out[0].err)
	}
	base, err := EntryFromCV(BaselineName, nil, out[0].result, metric)
	if err != nil {
		return nil, err
	}
	lb, err := NewLeaderboard(metric, base)
	if err != nil {
		return nil, err
	}
	for i, c := range cands {
		name := c.Name
		if name == "" {
			name = c.Learner.Name()
		}
		err := out[i+1].err
		if err == nil {
			var e Entry
			if e, err = EntryFromCV(name, c.Params, out[i+1].result, metric); err == nil {
				err = lb.Add(e)
			}
		}
		if err != nil {
			lb.notes = append(lb.notes, data.Issue{Level: "warning", Text: fmt.Sprintf("%s left off the leaderboard: %v", name, err)})
		}
	}
	lb.refresh()
	return lb, nil
}

// EntryFromCV summarises a cross-validation result for the leaderboard.
// It fails when metric has no value on any fold.
func EntryFromCV(name string, params param.Values, r *CVResult, metric string) (Entry, error) {
	s, ok := r.Metrics[metric]
	if !ok || math.IsNaN(s.Mean) {
		return Entry{}, fmt.Errorf("%s has no %s score: %w", name, metric, metrics.ErrUndefined)
	}
	e := Entry{Name: name, Learner: r.Learner, Params: params, Score: s.Mean, Std: s.Std, FoldScores: s.Values, Result: r}
	for _, fr := range r.Folds {
		e.FitSeconds += fr.FitSeconds / float64(len(r.Folds))
		e.ModelBytes += fr.ModelBytes
	}
	e.ModelBytes /= max(len(r.Folds), 1)
	return e, nil
}

// NewLeaderboard starts a leaderboard for metric with the baseline entry.
func NewLeaderboard(metric string, baseline Entry) (*Leaderboard, error) {
	sc, err := metrics.Lookup(metric)
	if err != nil {
		return nil, err
	}
	baseline.Baseline = true
	lb := &Leaderboard{Metric: metric, HigherIsBetter: sc.HigherIsBetter, Entries: []Entry{baseline}}
	lb.refresh()
	return lb, nil
}

// Add puts an entry on the board. It fails when the name is taken or when
// the entry was cross-validated on other folds than the baseline, because
// then the scores could not be compared.
func (lb *Leaderboard) Add(e Entry) error {
	if slices.ContainsFunc(lb.Entries, func(x Entry) bool { return x.Name == e.Name }) {
		return fmt.Errorf("the leaderboard already has an entry named %q", e.Name)
	}
	if base := lb.baseline(); base.Result != nil && e.Result != nil && !sameFolds(base.Result, e.Result) {
		return fmt.Errorf("%s was cross-validated on other folds than the baseline: %w", e.Name, ErrFolds)
	}
	e.Baseline = false
	lb.Entries = append(lb.Entries, e)
	lb.refresh()
	return nil
}

func sameFolds(a, b *CVResult) bool {
	if len(a.Folds) != len(b.Folds) {
		return false
	}
	for i := range a.Folds {
		if !slices.Equal(a.Folds[i].Test, b.Folds[i].Test) {
			return false
		}
	}
	return true
}

func (lb *Leaderboard) baseline() Entry {
	for _, e := range lb.Entries {
		if e.Baseline {
			return e
		}
	}
	return Entry{}
}

// Best returns the best-scoring entry (which may be the baseline).
func (lb *Leaderboard) Best() Entry { return lb.Entries[0] }

// Compare runs the corrected t-test between two entries by name.
func (lb *Leaderboard) Compare(a, b string) (*Comparison, error) {
	ea, okA := lb.entry(a)
	eb, okB := lb.entry(b)
	if !okA || !okB || ea.Result == nil || eb.Result == nil {
		return nil, fmt.Errorf("the leaderboard has no cross-validation results for %q and %q: %w", a, b, ErrFolds)
	}
	return Compare(a, ea.Result, b, eb.Result, lb.Metric)
}

func (lb *Leaderboard) entry(name string) (Entry, bool) {
	i := slices.IndexFunc(lb.Entries, func(e Entry) bool { return e.Name == name })
	if i < 0 {
		return Entry{}, false
	}
	return lb.Entries[i], true
}

// refresh sorts the entries and rewrites the issues about the baseline.
func (lb *Leaderboard) refresh() {
	sc, _ := metrics.Lookup(lb.Metric)
	slices.SortStableFunc(lb.Entries, func(a, b Entry) int { return rank(sc, a.Score, b.Score) })
	lb.Issues = slices.Clone(lb.notes)
	base := lb.baseline()
	for _, e := range lb.Entries {
		if e.Baseline {
			continue
		}
		if !sc.Better(e.Score, base.Score) {
			lb.Issues = append(lb.Issues, data.Issue{Level: "warning", Text: fmt.Sprintf(
				"%s does not beat the baseline (%.4g against %.4g %s): it has learned nothing the baseline does not know.",
				e.Name, e.Score, base.Score, sc.Label)})
		} else if math.Abs(e.Score-base.Score) < math.Max(e.Std, base.Std) {
			lb.Issues = append(lb.Issues, data.Issue{Level: "info", Text: fmt.Sprintf(
				"%s beats the baseline by less than the spread across folds; the gain may be chance.", e.Name)})
		}
	}
}
