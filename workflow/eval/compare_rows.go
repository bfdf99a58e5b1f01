package eval

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strings"

	"modelbench/workflow/artifact"
	"modelbench/workflow/eval/metrics"
)

// CompareOnRows says whether one fitted model is really better than
// another on the same labelled rows, which neither learnt from (a retrain
// compares the old and the new model on recent rows this way). a and b
// are the two models' Score results for the same rows in the same order.
// The rows are cut into k chunks at random (seeded); the metric is
// computed per chunk for both models, and the paired t-test of Train's
// comparison (CorrectedTTest) is run on the chunk scores without the
// train/test overlap correction, since no model was fitted on any chunk.
// It fails when the rows differ, a chunk has no score, or k < 2.
func CompareOnRows(nameA string, a *artifact.Predictions, nameB string, b *artifact.Predictions, metric string, k int, seed uint64) (*Comparison, error) {
	sc, err := metrics.Lookup(metric)
	if err != nil {
		return nil, err
	}
	n := len(a.Truth)
	if len(b.Truth) != n || len(a.Index) != n || len(b.Index) != n {
		return nil, fmt.Errorf("the two models were scored on different rows (%d and %d): %w", n, len(b.Truth), ErrFolds)
	}
	for i := range a.Truth {
		if a.Truth[i] != b.Truth[i] && !(math.IsNaN(a.Truth[i]) && math.IsNaN(b.Truth[i])) {
			return nil, fmt.Errorf("row %d has another truth for %s than for %s: %w", i+1, nameA, nameB, ErrFolds)
		}
	}
	if k < 2 || n < 2*k {
		return nil, fmt.Errorf("comparing on %d rows in %d chunks: need at least 2 chunks of 2 rows", n, k)
	}
	order := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15)).Perm(n)
	sa, sb := make([]float64, k), make([]float64, k)
	for c := range k {
		var rows []int
		for i := c; i < n; i += k {
			rows = append(rows, order[i])
		}
		va, errA := sc.Score(rowsOf(a, rows))
		vb, errB := sc.Score(rowsOf(b, rows))
		if errA != nil || errB != nil || math.IsNaN(va) || math.IsNaN(vb) {
			return nil, fmt.Errorf("%s is undefined on chunk %d of the rows; use more rows or fewer chunks", sc.Label, c+1)
		}
		sa[c], sb[c] = va, vb
	}
	tt, err := pairedTTest(sa, sb, 0)
	if err != nil {
		return nil, err
	}
	out := &Comparison{A: nameA, B: nameB, Metric: metric, MeanA: meanOf(sa), MeanB: meanOf(sb), TTest: tt}
	switch {
	case sc.Better(out.MeanA, out.MeanB):
		out.Better = nameA
	case sc.Better(out.MeanB, out.MeanA):
		out.Better = nameB
	}
	out.Likely = out.Better != "" && tt.P < SignificanceLevel
	out.Sentence = strings.Replace(out.sentence(sc), fmt.Sprintf("on the same %d folds", k),
		fmt.Sprintf("on the same %d rows (%d random chunks)", n, k), 1)
	return out, nil
}

// rowsOf returns the rows of p as metrics predictions.
func rowsOf(p *artifact.Predictions, rows []int) *metrics.Predictions {
	m := &metrics.Predictions{Task: p.Task, Classes: p.Classes, Truth: make([]float64, len(rows)), Pred: make([]float64, len(rows))}
	if p.Proba != nil {
		m.Proba = make([][]float64, len(rows))
	}
	for j, r := range rows {
		m.Truth[j], m.Pred[j] = p.Truth[r], p.Index[r]
		if p.Proba != nil {
			m.Proba[j] = p.Proba[r]
		}
	}
	return m
}
