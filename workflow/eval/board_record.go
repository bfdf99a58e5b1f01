package eval

import (
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
)

// BoardRecord is a leaderboard as a project file keeps it: every entry's
// scores without the fold-level results (predictions are not saved), in
// a JSON form that has no NaN (an unscored entry has no Score).
type BoardRecord struct {
	Metric         string        `json:"metric"`
	HigherIsBetter bool          `json:"higher_is_better"`
	Entries        []EntryRecord `json:"entries"`
	Issues         []data.Issue  `json:"issues,omitempty"`
}

// EntryRecord is one saved leaderboard row; Score and Std are nil when
// the entry was not validated.
type EntryRecord struct {
	Name       string       `json:"name"`
	Learner    string       `json:"learner"`
	Params     param.Values `json:"params,omitempty"`
	Score      *float64     `json:"score,omitempty"`
	Std        *float64     `json:"std,omitempty"`
	FoldScores model.Floats `json:"fold_scores,omitempty"`
	FitSeconds float64      `json:"fit_seconds"`
	ModelBytes int          `json:"model_bytes"`
	Baseline   bool         `json:"baseline,omitempty"`
}

// Record returns the leaderboard's saved form.
func (lb *Leaderboard) Record() BoardRecord {
	r := BoardRecord{Metric: lb.Metric, HigherIsBetter: lb.HigherIsBetter, Issues: lb.Issues}
	for _, e := range lb.Entries {
		r.Entries = append(r.Entries, EntryRecord{Name: e.Name, Learner: e.Learner, Params: e.Params, Score: finite(e.Score),
			Std: finite(e.Std), FoldScores: e.FoldScores, FitSeconds: e.FitSeconds, ModelBytes: e.ModelBytes, Baseline: e.Baseline})
	}
	return r
}

// Leaderboard rebuilds a leaderboard from its saved form. Its entries
// have no fold results (Entry.Result is nil), so Compare fails on them
// with ErrFolds until the models are validated again. An unknown metric
// is an error.
func (r BoardRecord) Leaderboard() (*Leaderboard, error) {
	if _, err := metrics.Lookup(r.Metric); err != nil {
		return nil, err
	}
	lb := &Leaderboard{Metric: r.Metric, HigherIsBetter: r.HigherIsBetter, Issues: r.Issues}
	for _, e := range r.Entries {
		lb.Entries = append(lb.Entries, Entry{Name: e.Name, Learner: e.Learner, Params: e.Params, Score: orNaN(e.Score),
			Std: orNaN(e.Std), FoldScores: e.FoldScores, FitSeconds: e.FitSeconds, ModelBytes: e.ModelBytes, Baseline: e.Baseline})
	}
	return lb, nil
}

func finite(v float64) *float64 {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return &v
}

func orNaN(v *float64) float64 {
	if v == nil {
		return math.NaN()
	}
	return *v
}
