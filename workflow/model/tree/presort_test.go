package tree

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestPresort_OrderAndRanks checks presort against a plain sort: values
// ascending, NaN last, ties in row order, dense ranks shared by equal
// values (including -0 and +0).
func TestPresort_OrderAndRanks(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 5, 63, 64, 1000, 5000} {
		col := make([]float64, n)
		for i := range col {
			switch rng.IntN(10) {
			case 0:
				col[i] = math.NaN()
			case 1:
				col[i] = math.Copysign(0, -1)
			case 2:
				col[i] = 0
			case 3:
				col[i] = math.Inf(-1 + 2*rng.IntN(2))
			default:
				col[i] = math.Round(rng.NormFloat64()*1e6) / 1e3 * math.Pow(10, float64(rng.IntN(40)-20))
			}
		}
		got, err := presort(context.Background(), [][]float64{col})
		if err != nil {
			t.Fatal(err)
		}
		want := make([]int, n)
		for i := range want {
			want[i] = i
		}
		slices.SortStableFunc(want, func(a, b int) int {
			va, vb := col[a], col[b]
			switch {
			case math.IsNaN(va) && math.IsNaN(vb):
				return 0
			case math.IsNaN(va):
				return 1
			case math.IsNaN(vb):
				return -1
			case va < vb:
				return -1
			case va > vb:
				return 1
			}
			return 0
		})
		for p, e := range got {
			a, b := col[e.row], col[want[p]]
			if !(a == b || math.IsNaN(a) && math.IsNaN(b)) {
				t.Fatalf("n=%d position %d: value %v, want %v", n, p, a, b)
			}
			if math.IsNaN(a) != (e.rank == nanRank) {
				t.Fatalf("n=%d position %d: rank %d for value %v", n, p, e.rank, a)
			}
			if p > 0 && !math.IsNaN(a) {
				prev := got[p-1]
				same := col[prev.row] == a
				if (same && prev.rank != e.rank) || (!same && e.rank != prev.rank+1) {
					t.Fatalf("n=%d position %d: ranks %d then %d for %v then %v", n, p, prev.rank, e.rank, col[prev.row], a)
				}
				if same && !(math.Signbit(col[prev.row]) != math.Signbit(a)) && prev.row > e.row {
					t.Fatalf("n=%d position %d: equal values out of row order", n, p)
				}
			}
		}
	}
}
