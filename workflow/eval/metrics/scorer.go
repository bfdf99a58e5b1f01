package metrics

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"modelbench/workflow/model"
)

// Scorer is a named metric that the leaderboard, the search and the
// command line pick by name. Losses (log_loss, rmse, mae, ...) are
// reported as positive numbers with HigherIsBetter false, rather than
// negated as in scikit-learn's scoring strings.
type Scorer struct {
	Name           string     `json:"name"`  // registry name, e.g. "f1_macro"
	Label          string     `json:"label"` // for people, e.g. "F1 (macro)"
	Help           string     `json:"help"`
	Task           model.Task `json:"task"`
	HigherIsBetter bool       `json:"higher_is_better"`
	NeedsProba     bool       `json:"needs_proba"` // needs Predictions.Proba
	// Classes restricts a classification scorer: 2 = two classes only,
	// -3 = three or more only, 0 = any.
	Classes int `json:"classes,omitempty"`
	score   func(s *scoring) (float64, error)
}

// Applies reports whether the scorer can score p: same task, the class
// count it needs and probabilities when it needs them.
func (s Scorer) Applies(p *Predictions) bool {
	if s.Task != p.Task || (s.NeedsProba && p.Proba == nil) {
		return false
	}
	k := len(p.Classes)
	return s.Classes == 0 || (s.Classes == 2 && k == 2) || (s.Classes == -3 && k >= 3)
}

// Score validates p and computes the metric. It fails when the scorer
// does not apply to p, and passes on the errors of the metric.
func (s Scorer) Score(p *Predictions) (float64, error) {
	if !s.Applies(p) {
		return 0, fmt.Errorf("%s does not apply to a %s problem with %d classes%s: %w",
			s.Name, p.Task, len(p.Classes), map[bool]string{true: " without probabilities"}[s.NeedsProba && p.Proba == nil], ErrUndefined)
	}
	if err := p.Validate(); err != nil {
		return 0, err
	}
	v, err := s.score(newScoring(p))
	if err != nil {
		return 0, fmt.Errorf("%s: %w", s.Name, err)
	}
	return v, nil
}

// Better reports whether score a is strictly better than b. NaN is never
// better, and every number is better than NaN.
func (s Scorer) Better(a, b float64) bool {
	switch {
	case math.IsNaN(a):
		return false
	case math.IsNaN(b):
		return true
	case s.HigherIsBetter:
		return a > b
	}
	return a < b
}

var registry = map[string]Scorer{}

func register(s Scorer) {
	if _, dup := registry[s.Name]; dup {
		panic("metrics: scorer registered twice: " + s.Name)
	}
	registry[s.Name] = s
}

// Lookup returns the scorer with the given name; the error lists the
// known names.
func Lookup(name string) (Scorer, error) {
	s, ok := registry[strings.TrimSpace(name)]
	if !ok {
		return Scorer{}, fmt.Errorf("unknown metric %q (known: %s)", name, strings.Join(ScorerNames(), ", "))
	}
	return s, nil
}

// ScorerNames returns every registered name, sorted.
func ScorerNames() []string {
	names := make([]string, 0, len(registry))
	for n := range registry {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Scorers returns the scorers for a task, sorted by name. classes is the
// number of classes (ignored for regression; 0 means "any": every
// classification scorer).
func Scorers(task model.Task, classes int) []Scorer {
	var out []Scorer
	for _, n := range ScorerNames() {
		s := registry[n]
		if s.Task != task {
			continue
		}
		if task == model.Classification && classes > 0 &&
			((s.Classes == 2 && classes != 2) || (s.Classes == -3 && classes < 3)) {
			continue
		}
		out = append(out, s)
	}
	return out
}

// DefaultScorer names the metric used when none is chosen:
// "balanced_accuracy" for classification, which equals accuracy on
// balanced classes but does not reward always predicting the majority
// class, and "r2" for regression.
func DefaultScorer(task model.Task) string {
	if task == model.Regression {
		return "r2"
	}
	return "balanced_accuracy"
}
