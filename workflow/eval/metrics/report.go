package metrics

import (
	"fmt"
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
)

// Metrics is the summary written by `modelbench evaluate --json`:
//
//	{"task": "classification", "rows": 114, "classes": [...],
//	 "metrics": {"accuracy": 0.96, "f1_macro": 0.95, ...}, "issues": [...]}
//
// Metrics holds every registered scorer that applies to the problem (see
// Scorers); a metric without a finite value is left out and an issue says
// why, because JSON has no NaN.
type Metrics struct {
	Task    model.Task         `json:"task"`
	Rows    int                `json:"rows"`
	Classes []string           `json:"classes,omitempty"`
	Metrics map[string]float64 `json:"metrics"`
	Issues  []data.Issue       `json:"issues,omitempty"`
}

// Evaluate computes every applicable metric for p. It fails only when p
// itself is invalid (see Predictions.Validate); a metric that is undefined
// for these rows becomes an issue instead.
func Evaluate(p *Predictions) (*Metrics, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	m := &Metrics{Task: p.Task, Rows: p.Rows(), Classes: p.Classes, Metrics: map[string]float64{}}
	shared := newScoring(p)
	for _, s := range Scorers(p.Task, len(p.Classes)) {
		if s.NeedsProba && p.Proba == nil {
			continue
		}
		v, err := s.score(shared)
		switch {
		case err != nil:
			m.Issues = append(m.Issues, data.Issue{Level: "info", Text: fmt.Sprintf("%s left out: %v", s.Name, err)})
		case math.IsNaN(v) || math.IsInf(v, 0):
			m.Issues = append(m.Issues, data.Issue{Level: "info", Text: fmt.Sprintf("%s is not defined for these rows", s.Name)})
		default:
			m.Metrics[s.Name] = v
		}
	}
	if p.Task == model.Classification && p.Proba == nil {
		m.Issues = append(m.Issues, data.Issue{Level: "info",
			Text: "the model gives no probabilities, so log loss, ROC AUC and the curves are not available"})
	}
	return m, nil
}
