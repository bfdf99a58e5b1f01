package knn

import (
	"context"
	"math"
	"math/rand/v2"
	"testing"

	"modelbench/workflow/model"
)

// TestFitted_SavedSizeMatchesMarshal compares SavedSize with the real
// saved length: exact for small models, within 1% for one of 50,000 rows
// (values of very different lengths: integers, decimals, tiny numbers).
func TestFitted_SavedSizeMatchesMarshal(t *testing.T) {
	for _, n := range []int{30, 50_000} {
		rng := rand.New(rand.NewPCG(uint64(n), 9))
		d := &model.Dataset{Task: model.Regression, Features: []string{"a", "b", "c"}, X: make([][]float64, 3), Y: make([]float64, n)}
		for j := range d.X {
			d.X[j] = make([]float64, n)
		}
		for i := range n {
			d.X[0][i] = float64(rng.IntN(100))
			d.X[1][i] = math.Round(rng.NormFloat64()*1e4) / 1e4
			d.X[2][i] = rng.Float64() * 1e-7
			d.Y[i] = rng.NormFloat64()
		}
		m, err := KNN{K: 3}.Fit(context.Background(), d, nil)
		if err != nil {
			t.Fatal(err)
		}
		b, err := model.Marshal(m)
		if err != nil {
			t.Fatal(err)
		}
		got := m.(model.Sizer).SavedSize()
		if n <= sizeSample && got != len(b) || math.Abs(float64(got-len(b))) > 0.01*float64(len(b)) {
			t.Errorf("%d rows: SavedSize %d, saved %d bytes", n, got, len(b))
		}
	}
}
