package metrics

import (
	"math"
	"math/rand/v2"
	"testing"

	"modelbench/workflow/model"
)

// benchBinary returns n rows of a binary problem with informative,
// partly tied scores.
func benchBinary(n int) *Predictions {
	r := rand.New(rand.NewPCG(1, 2))
	p := &Predictions{Task: model.Classification, Classes: []string{"no", "yes"},
		Truth: make([]float64, n), Pred: make([]float64, n), Proba: make([][]float64, n)}
	for i := range p.Truth {
		y := float64(r.IntN(2))
		s := 1 / (1 + math.Exp(-(2*y - 1 + r.NormFloat64()*1.5)))
		s = math.Round(s*1e4) / 1e4
		p.Truth[i], p.Proba[i] = y, []float64{1 - s, s}
		if s >= 0.5 {
			p.Pred[i] = 1
		}
	}
	return p
}

func BenchmarkROCAUC_1M(b *testing.B) {
	pos, s, _ := benchBinary(1_000_000).Binary()
	b.ResetTimer()
	for b.Loop() {
		if _, err := ROCAUC(pos, s); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEvaluate_1M(b *testing.B) {
	p := benchBinary(1_000_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := Evaluate(p); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkThresholdExplorer_At is one slider move on a million rows.
func BenchmarkThresholdExplorer_At(b *testing.B) {
	pos, s, _ := benchBinary(1_000_000).Binary()
	e, err := NewThresholdExplorer(pos, s, Costs{FalsePositive: 1, FalseNegative: 5})
	if err != nil {
		b.Fatal(err)
	}
	t := 0.0
	b.ResetTimer()
	for b.Loop() {
		t += 0.001
		if t > 1 {
			t = 0
		}
		_ = e.At(t)
	}
}
