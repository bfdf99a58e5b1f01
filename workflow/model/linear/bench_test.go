package linear

import (
	"context"
	"math/rand/v2"
	"testing"

	"modelbench/workflow/model"
)

// benchSet is a 100k × 20 binary problem: a noisy linear boundary over
// correlated Gaussian features (the shape of the mbbench file).
func benchSet(n, p int, task model.Task) *model.Dataset {
	rng := rand.New(rand.NewPCG(42, 1))
	d := &model.Dataset{Task: task, X: make([][]float64, p), Y: make([]float64, n)}
	for j := range d.X {
		d.Features = append(d.Features, string(rune('a'+j)))
		d.X[j] = make([]float64, n)
	}
	for i := 0; i < n; i++ {
		base, s := rng.NormFloat64(), 0.0
		for j := range d.X {
			d.X[j][i] = base*0.5 + rng.NormFloat64()
			s += float64(j%3-1) * d.X[j][i]
		}
		d.Y[i] = s + rng.NormFloat64()
		if task == model.Classification {
			d.Y[i] = 0
			if s+rng.NormFloat64() > 0 {
				d.Y[i] = 1
			}
		}
	}
	if task == model.Classification {
		d.Classes = []string{"0", "1"}
	}
	return d
}

func BenchmarkLogistic_Fit100k(b *testing.B) {
	d := benchSet(100000, 20, model.Classification)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := (Logistic{}).Fit(context.Background(), d, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLogistic_FitL1_100k(b *testing.B) {
	d := benchSet(100000, 20, model.Classification)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := (Logistic{Penalty: PenaltyL1}).Fit(context.Background(), d, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRegression_Fit100k(b *testing.B) {
	d := benchSet(100000, 20, model.Regression)
	for _, pen := range []string{PenaltyNone, PenaltyL2, PenaltyL1} {
		b.Run(pen, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				if _, err := (Regression{Penalty: pen, Alpha: 0.1}).Fit(context.Background(), d, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
