package stat

import (
	"math"
	"testing"
)

// TestCompensatedSum_KeepsSmallTerms: naive summation of 1 followed by
// 1e6 values of 1e-16 returns 1 (each term is below half an ulp of 1);
// the exact sum is 1 + 1e-10, which Neumaier summation recovers to within
// one ulp.
func TestCompensatedSum_KeepsSmallTerms(t *testing.T) {
	v := make([]float64, 1_000_001)
	v[0] = 1
	for i := 1; i < len(v); i++ {
		v[i] = 1e-16
	}
	if got, want := CompensatedSum(v), 1+1e-10; math.Abs(got-want) > 2.3e-16 {
		t.Errorf("sum %.17g, want %.17g", got, want)
	}
	if CompensatedSum(nil) != 0 || !math.IsNaN(CompensatedSum([]float64{1, math.NaN()})) || !math.IsNaN(CompensatedSum([]float64{1, math.Inf(1)})) {
		t.Error("empty must sum to 0, NaN and infinite values to NaN")
	}
}
