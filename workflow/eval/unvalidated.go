package eval

import (
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
)

// UnvalidatedLeaderboard lists the baseline and the candidates without
// scores (Score and Std are NaN, Result is nil), in the given order, for
// a project that fits a model without validating it first (the command
// line's --cv 0). metric ("" is the task's default) is the one a later
// validation would rank by. Compare on it fails with ErrFolds. An issue
// says that nothing on it was validated.
func UnvalidatedLeaderboard(metric string, task model.Task, cands []Candidate) (*Leaderboard, error) {
	if metric == "" {
		metric = metrics.DefaultScorer(task)
	}
	sc, err := metrics.Lookup(metric)
	if err != nil {
		return nil, err
	}
	nan := math.NaN()
	lb := &Leaderboard{Metric: metric, HigherIsBetter: sc.HigherIsBetter,
		Entries: []Entry{{Name: BaselineName, Learner: model.Baseline{}.Name(), Score: nan, Std: nan, Baseline: true}}}
	for _, c := range cands {
		name := c.Name
		if name == "" {
			name = c.Learner.Name()
		}
		lb.Entries = append(lb.Entries, Entry{Name: name, Learner: c.Learner.Name(), Params: c.Params, Score: nan, Std: nan})
	}
	lb.Issues = []data.Issue{{Level: "warning", Text: "Nothing was validated: these models have no scores, so nothing here says " +
		"whether any of them beats the baseline. Cross-validate before relying on the chosen one."}}
	return lb, nil
}
