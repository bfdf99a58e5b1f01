package knn

import (
	"math"
	"math/rand/v2"
	"testing"
)

// The principal axes must be orthonormal, ordered by variance, drop the
// directions without spread, and keep distances: that is what makes searching in the rotated space exact.
func TestRotation_OrthonormalAndDistancePreserving(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 4))
	const n, p = 500, 6
	data := make([]float64, n*p)
	for i := 0; i < n; i++ {
		a, b := rng.NormFloat64(), rng.NormFloat64()
		row := []float64{a, 2 * a, a - b, b, 3 + rng.NormFloat64()*0.1, a + b} // correlated, one redundant column
		copy(data[i*p:], row)
	}
	r := newRotation(data, p)
	kept := len(r.axes)
	if kept != 3 { // a, b and the noise column span the rows
		t.Fatalf("%d axes kept, want 3", kept)
	}
	for a := 0; a < kept; a++ {
		for b := 0; b < kept; b++ {
			want := 0.0
			if a == b {
				want = 1
			}
			if got := dot6(r.axes[a], r.axes[b]); math.Abs(got-want) > 1e-12 {
				t.Errorf("axes %d·%d = %v, want %v", a, b, got, want)
			}
		}
	}
	z := make([]float64, n*kept)
	for i := 0; i < n; i++ {
		r.apply(z[i*kept:(i+1)*kept], data[i*p:(i+1)*p])
	}
	variance := func(a int) float64 {
		s := 0.0
		for i := 0; i < n; i++ {
			s += z[i*kept+a] * z[i*kept+a]
		}
		return s / n
	}
	for a := 1; a < kept; a++ {
		if variance(a) > variance(a-1)*(1+1e-9)+1e-20 {
			t.Errorf("axis %d has more variance (%v) than axis %d (%v)", a, variance(a), a-1, variance(a-1))
		}
	}
	for i := 1; i < n; i++ {
		d0 := sqEuclid(data[:p], data[i*p:(i+1)*p], math.Inf(1))
		d1 := sqEuclid(z[:kept], z[i*kept:(i+1)*kept], math.Inf(1))
		if math.Abs(d0-d1) > 1e-10*math.Max(1, d0) {
			t.Fatalf("row %d: distance %v before rotation, %v after", i, d0, d1)
		}
	}
}

func dot6(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}
