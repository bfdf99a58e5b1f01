package eval

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// The search methods.
const (
	GridSearch   = "grid"   // every combination of the dimensions' values
	RandomSearch = "random" // Trials combinations drawn at random
)

// MaxTrials caps the number of candidates one search may run.
const MaxTrials = 1000

// SearchOptions says what to search and how to score it.
type SearchOptions struct {
	Method string      // GridSearch (also "") or RandomSearch
	Space  []Dimension // the parameters to vary
	// Fixed sets parameters that are not searched; the others keep their
	// defaults.
	Fixed  param.Values
	Trials int    // RandomSearch: candidates to draw (0 means 20)
	Seed   uint64 // RandomSearch: the draws
	// Metric is the Scorer that ranks the candidates ("" is the task's
	// default).
	Metric string
	// CV says how each candidate is cross-validated (folds, task, workers);
	// every candidate uses the same folds.
	CV CVOptions
}

// Trial is one searched candidate.
type Trial struct {
	Label      string       `json:"label"`  // the searched values, "max_depth=4, criterion=gini"
	Params     param.Values `json:"params"` // every parameter, resolved
	Score      float64      `json:"score"`  // mean cross-validated Metric
	Std        float64      `json:"std"`
	FitSeconds float64      `json:"fit_seconds"` // mean per fold
	ModelBytes int          `json:"model_bytes"` // mean per fold
	Result     *CVResult    `json:"-"`
}

// FailedTrial is a candidate that could not be trained (for instance an
// invalid combination of parameters).
type FailedTrial struct {
	Label string `json:"label"`
	Error string `json:"error"`
}

// SearchResult lists the trials, best first.
type SearchResult struct {
	Learner        string        `json:"learner"`
	Metric         string        `json:"metric"`
	HigherIsBetter bool          `json:"higher_is_better"`
	Trials         []Trial       `json:"trials"`
	Failed         []FailedTrial `json:"failed,omitempty"`
	Issues         []data.Issue  `json:"issues,omitempty"`
}

// Search tries parameter settings of the learner family entry (from the
// model registry) and ranks them by cross-validated Metric. Every
// candidate is scored on the same folds, and each fold's pipeline is
// fitted once and shared by all candidates. Candidates whose parameters
// the learner rejects are listed in Failed; a failing pipeline or a
// cancelled ctx ends the search with an error.
func Search(ctx context.Context, f *data.Frame, target string, pipe prep.Pipeline, entry model.Entry, opt SearchOptions, report progress.Func) (*SearchResult, error) {
	if !entry.Supports(opt.CV.Task) {
		return nil, fmt.Errorf("%s: %w: %s", entry.Name, model.ErrWrongTask, opt.CV.Task)
	}
	metric := opt.Metric
	if metric == "" {
		metric = metrics.DefaultScorer(opt.CV.Task)
	}
	sc, err := metrics.Lookup(metric)
	if err != nil {
		return nil, err
	}
	cands, err := candidates(entry.Params, opt)
	if err != nil {
		return nil, err
	}
	res := &SearchResult{Learner: entry.Name, Metric: metric, HigherIsBetter: sc.HigherIsBetter}
	var learners []model.Learner
	var kept []candidate
	for _, c := range cands {
		l, err := entry.New(opt.CV.Task, c.params)
		if err != nil {
			res.Failed = append(res.Failed, FailedTrial{Label: c.label, Error: err.Error()})
			continue
		}
		learners, kept = append(learners, l), append(kept, c)
	}
	cv := opt.CV
	if cv.Metrics != nil && !slices.Contains(cv.Metrics, metric) {
		cv.Metrics = append(slices.Clone(cv.Metrics), metric)
	}
	results, err := crossValidateAll(ctx, f, target, pipe, learners, cv, report)
	if err != nil {
		return nil, err
	}
	for i, r := range results {
		if r.err == nil && r.result.Metrics[metric].Values == nil {
			r.err = fmt.Errorf("%s could not be computed on any fold: %w", metric, metrics.ErrUndefined)
		}
		if r.err != nil {
			res.Failed = append(res.Failed, FailedTrial{Label: kept[i].label, Error: r.err.Error()})
			continue
		}
		res.Trials = append(res.Trials, trialOf(kept[i], r.result, metric))
	}
	slices.SortStableFunc(res.Trials, func(a, b Trial) int { return rank(sc, a.Score, b.Score) })
	res.Issues = searchIssues(res, sc)
	return res, nil
}

// rank orders scores best first, NaN last.
func rank(sc metrics.Scorer, a, b float64) int {
	switch {
	case sc.Better(a, b):
		return -1
	case sc.Better(b, a):
		return 1
	}
	return 0
}

func trialOf(c candidate, r *CVResult, metric string) Trial {
	s := r.Metrics[metric]
	t := Trial{Label: c.label, Params: c.params, Score: s.Mean, Std: s.Std, Result: r}
	for _, fr := range r.Folds {
		t.FitSeconds += fr.FitSeconds / float64(len(r.Folds))
		t.ModelBytes += fr.ModelBytes
	}
	t.ModelBytes /= len(r.Folds)
	return t
}

func searchIssues(res *SearchResult, sc metrics.Scorer) []data.Issue {
	var out []data.Issue
	if len(res.Trials) == 0 {
		return []data.Issue{{Level: "warning", Text: "no candidate could be trained; see the failures"}}
	}
	if best := res.Trials[0]; len(res.Trials) > 1 {
		out = append(out, data.Issue{Level: "info", Text: fmt.Sprintf("The best of %d candidates scores %.4g (%s) in cross-validation. "+
			"Being the best of many, that number is a little optimistic: confirm it once on rows the search never saw.",
			len(res.Trials), best.Score, sc.Label)})
	}
	if n := len(res.Failed); n > 0 {
		out = append(out, data.Issue{Level: "warning", Text: fmt.Sprintf("%d candidates could not be trained (first: %s: %s)", n, res.Failed[0].Label, res.Failed[0].Error)})
	}
	return out
}

// candidate is one parameter setting.
type candidate struct {
	label  string
	params param.Values // resolved
}

// candidates lists the settings of a grid or random search.
func candidates(specs []param.Spec, opt SearchOptions) ([]candidate, error) {
	if len(opt.Space) == 0 {
		return nil, fmt.Errorf("nothing to search: give at least one dimension: %w", ErrSpace)
	}
	dims := make([]param.Spec, len(opt.Space))
	for i, d := range opt.Space {
		s, err := specFor(specs, d.Name)
		if err != nil {
			return nil, err
		}
		if _, fixed := opt.Fixed[d.Name]; fixed {
			return nil, fmt.Errorf("parameter %s is both fixed and searched: %w", d.Name, ErrSpace)
		}
		dims[i] = s
	}
	var settings [][]any
	switch opt.Method {
	case GridSearch, "":
		grids := make([][]any, len(dims))
		total := 1
		for i, d := range opt.Space {
			g, err := d.grid(dims[i])
			if err != nil {
				return nil, err
			}
			grids[i] = g
			if total *= len(g); total > MaxTrials {
				return nil, fmt.Errorf("the grid has more than %d combinations; use fewer values or a random search: %w", MaxTrials, ErrSpace)
			}
		}
		settings = product(grids)
	case RandomSearch:
		var err error
		if settings, err = draws(opt, dims); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("unknown search method %q (want grid or random): %w", opt.Method, ErrSpace)
	}
	return resolveAll(specs, opt, settings)
}

// product returns every combination, the first dimension varying slowest.
func product(grids [][]any) [][]any {
	out := [][]any{{}}
	for _, g := range grids {
		var next [][]any
		for _, prefix := range out {
			for _, v := range g {
				next = append(next, append(slices.Clone(prefix), v))
			}
		}
		out = next
	}
	return out
}

// draws picks Trials settings at random (repeats are dropped).
func draws(opt SearchOptions, dims []param.Spec) ([][]any, error) {
	n := opt.Trials
	if n <= 0 {
		n = 20
	}
	if n > MaxTrials {
		return nil, fmt.Errorf("%d trials; at most %d: %w", n, MaxTrials, ErrSpace)
	}
	r := rand.New(rand.NewPCG(opt.Seed, 0x736561726368))
	seen := map[string]bool{}
	var out [][]any
	for tries := 0; len(out) < n && tries < 20*n; tries++ {
		s := make([]any, len(dims))
		for i, d := range opt.Space {
			v, err := d.draw(dims[i], r)
			if err != nil {
				return nil, err
			}
			s[i] = v
		}
		if key := fmt.Sprint(s...); !seen[key] {
			seen[key] = true
			out = append(out, s)
		}
	}
	return out, nil
}

// resolveAll turns settings into resolved parameter values with labels.
func resolveAll(specs []param.Spec, opt SearchOptions, settings [][]any) ([]candidate, error) {
	out := make([]candidate, 0, len(settings))
	for _, s := range settings {
		vals := param.Values{}
		for k, v := range opt.Fixed {
			vals[k] = v
		}
		parts := make([]string, len(s))
		for i, v := range s {
			vals[opt.Space[i].Name] = v
			parts[i] = opt.Space[i].Name + "=" + formatValue(v)
		}
		rv, err := param.Resolve(specs, vals)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrSpace, err)
		}
		out = append(out, candidate{label: strings.Join(parts, ", "), params: rv})
	}
	return out, nil
}

func formatValue(v any) string {
	if f, ok := v.(float64); ok && !math.IsInf(f, 0) {
		return data.FormatFloat(f)
	}
	return fmt.Sprint(v)
}
