package eval

import (
	"fmt"
	"math"
	"slices"

	"modelbench/workflow/eval/metrics"
)

// Comparison says whether one model is really better than another on the
// same cross-validation folds.
type Comparison struct {
	A      string  `json:"a"`
	B      string  `json:"b"`
	Metric string  `json:"metric"`
	MeanA  float64 `json:"mean_a"`
	MeanB  float64 `json:"mean_b"`
	TTest
	// Better names the model with the better mean score ("" when equal).
	Better string `json:"better"`
	// Likely reports whether the difference is likely real: P below
	// SignificanceLevel.
	Likely bool `json:"likely"`
	// Sentence says the outcome in plain words.
	Sentence string `json:"sentence"`
}

// Compare runs the corrected resampled t-test (CorrectedTTest) on two
// cross-validation results of the same folds (same rows, same seed), for
// one metric. It fails when the folds differ or the metric is missing from
// a fold.
func Compare(nameA string, a *CVResult, nameB string, b *CVResult, metric string) (*Comparison, error) {
	sc, err := metrics.Lookup(metric)
	if err != nil {
		return nil, err
	}
	if len(a.Folds) != len(b.Folds) {
		return nil, fmt.Errorf("%s has %d folds and %s %d: %w", nameA, len(a.Folds), nameB, len(b.Folds), ErrFolds)
	}
	for i := range a.Folds {
		if !slices.Equal(a.Folds[i].Test, b.Folds[i].Test) {
			return nil, fmt.Errorf("fold %d holds other rows for %s than for %s; cross-validate both with the same folds and seed: %w",
				i+1, nameA, nameB, ErrFolds)
		}
	}
	sa, okA := a.Metrics[metric]
	sb, okB := b.Metrics[metric]
	if !okA || !okB {
		return nil, fmt.Errorf("%s was not computed for both models: %w", metric, ErrFolds)
	}
	tt, err := CorrectedTTest(sa.Values, sb.Values, a.TestTrainRatio)
	if err != nil {
		return nil, err
	}
	c := &Comparison{A: nameA, B: nameB, Metric: metric, MeanA: meanOf(sa.Values), MeanB: meanOf(sb.Values), TTest: tt}
	switch {
	case sc.Better(c.MeanA, c.MeanB):
		c.Better = nameA
	case sc.Better(c.MeanB, c.MeanA):
		c.Better = nameB
	}
	c.Likely = c.Better != "" && tt.P < SignificanceLevel
	c.Sentence = c.sentence(sc)
	return c, nil
}

func (c *Comparison) sentence(sc metrics.Scorer) string {
	head := fmt.Sprintf("%s: %s %.4g, %s %.4g on the same %d folds", sc.Label, c.A, c.MeanA, c.B, c.MeanB, c.Folds)
	if c.Better == "" {
		return head + "; they score the same, so neither is better."
	}
	other := c.A
	if c.Better == c.A {
		other = c.B
	}
	stat := fmt.Sprintf("corrected t = %.2f, p = %.3g", c.T, c.P)
	if math.IsInf(c.T, 0) {
		stat = "the same gap on every fold"
	}
	verdict := "the difference could be chance"
	if c.Likely {
		verdict = "the difference is likely real"
	}
	return fmt.Sprintf("%s. %s is better by %.3g (%s): %s.", head, c.Better, math.Abs(c.MeanA-c.MeanB), stat, verdict) +
		map[bool]string{true: "", false: fmt.Sprintf(" Prefer the simpler of %s and %s.", c.Better, other)}[c.Likely]
}
