package plots

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// quantileSorted returns the p-quantile of sorted s by linear
// interpolation between closest ranks (numpy's default, Hyndman–Fan type 7).
func quantileSorted(s []float64, p float64) float64 {
	if len(s) == 0 {
		return math.NaN()
	}
	h := p * float64(len(s)-1)
	i := int(math.Floor(h))
	if i >= len(s)-1 {
		return s[len(s)-1]
	}
	return s[i] + (h-float64(i))*(s[i+1]-s[i])
}

// sortedCopy returns a sorted copy of v.
func sortedCopy(v []float64) []float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s
}

// TestQuantiles_MatchSorting checks quickselect quantiles against sorting
// on samples with ties, constants and odd sizes.
func TestQuantiles_MatchSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for n := 1; n < 400; n += 7 {
		for _, ties := range []int{0, 1, 3} {
			v := make([]float64, n)
			for i := range v {
				v[i] = r.NormFloat64()
				if ties > 0 {
					v[i] = float64(r.IntN(ties + 1))
				}
			}
			s := sortedCopy(v)
			ps := []float64{0, 0.1, 0.25, 0.5, 0.75, 0.9, 1}
			got := quantiles(slices.Clone(v), ps...)
			for i, p := range ps {
				if want := quantileSorted(s, p); math.Abs(got[i]-want) > 1e-12 {
					t.Errorf("n=%d ties=%d p=%v: %v, sorting gives %v", n, ties, p, got[i], want)
				}
			}
		}
	}
}
