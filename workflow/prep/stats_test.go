package prep

import (
	"math"
	"slices"
	"sort"
	"testing"

	"modelbench/workflow/stat"
)

// TestQuantiles_IgnoreMissing checks that quantiles and median skip NaN
// (np.nanquantile, np.nanmedian): the quantiles equal the stat package's
// on the sorted present values (stat checks those against numpy), the
// median is the definition on a sorted copy, for sizes on both sides of
// stat's sorting threshold.
func TestQuantiles_IgnoreMissing(t *testing.T) {
	r := newRNG(5)
	for _, n := range []int{1, 2, 3, 10, 63, 64, 65, 1000, 4097} {
		v := make([]float64, n)
		for i := range v {
			v[i] = float64(r.intn(50)) - 25 // many ties
			if i%17 == 3 {
				v[i] = math.NaN()
			}
		}
		before := slices.Clone(v)
		x := presentValues(v)
		sort.Float64s(x)
		for _, q := range []float64{0, 0.01, 0.25, 0.5, 0.75, 0.99, 1} {
			want := stat.QuantileSorted(x, q)
			if got := quantiles(v, q)[0]; got != want {
				t.Errorf("n=%d q=%g: %v, want %v", n, q, got, want)
			}
		}
		m := len(x)
		want := x[m/2]
		if m%2 == 0 {
			want = (x[m/2-1] + x[m/2]) / 2
		}
		if got := median(v); got != want {
			t.Errorf("n=%d: median %v, want %v", n, got, want)
		}
		if !slices.EqualFunc(v, before, func(a, b float64) bool { return a == b || math.IsNaN(a) && math.IsNaN(b) }) {
			t.Fatalf("n=%d: quantiles or median changed their input", n)
		}
	}
	if !math.IsNaN(median([]float64{math.NaN()})) || !math.IsNaN(quantiles(nil, 0.5)[0]) {
		t.Error("no values should give NaN")
	}
}

func TestLog1p_CloseToMathLog1p(t *testing.T) {
	for _, x := range []float64{-0.999, -0.75, -0.5, -1e-9, 0, 1e-12, 0.3, 0.5, 0.5000001, 2, 1e6, 1e300} {
		want := math.Log1p(x)
		if got := log1p(x); math.Abs(got-want) > 2e-16*math.Abs(want) {
			t.Errorf("log1p(%g) = %v, want %v", x, got, want)
		}
	}
	if !math.IsNaN(log1p(-1)) || !math.IsNaN(log1p(-3)) {
		t.Error("log1p at or below -1 must be missing")
	}
}

func TestMinimize_FindsKnownMinimum(t *testing.T) {
	for _, c := range []struct {
		f    func(float64) float64
		want float64
	}{
		{func(x float64) float64 { return (x - 0.3) * (x - 0.3) }, 0.3},
		{func(x float64) float64 { return math.Cosh(x + 7) }, -7}, // outside the start bracket
		{func(x float64) float64 { return x*x*x*x - 3*x }, math.Cbrt(0.75)},
	} {
		got, err := minimize(c.f, -2, 2, 1.48e-8)
		if err != nil || math.Abs(got-c.want) > 1e-6 {
			t.Errorf("minimum at %v (%v), want %v", got, err, c.want)
		}
	}
	if _, err := minimize(func(x float64) float64 { return -x }, -2, 2, 1.48e-8); err == nil {
		t.Error("an unbounded function should fail")
	}
}
