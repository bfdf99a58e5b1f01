package tree

import (
	"math"
	"testing"
)

// TestSigmoidSoftplus compares the one-exponential form with the direct
// formulas, including values where a naive form overflows.
func TestSigmoidSoftplus(t *testing.T) {
	for _, f := range []float64{-800, -40, -3.5, -1e-9, 0, 1e-9, 0.7, 12, 40, 800} {
		p, sp := sigmoidSoftplus(f)
		if want := sigmoid(f); math.Abs(p-want) > 1e-15 {
			t.Errorf("sigmoid(%v) = %v, want %v", f, p, want)
		}
		if want := softplus(f); math.Abs(sp-want) > 1e-12*math.Max(1, math.Abs(want)) {
			t.Errorf("softplus(%v) = %v, want %v", f, sp, want)
		}
	}
}
