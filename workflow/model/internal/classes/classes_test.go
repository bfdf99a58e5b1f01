package classes

import (
	"math"
	"slices"
	"testing"
)

func TestBest_FirstOnTies(t *testing.T) {
	scores := [][]float64{
		{1, 5, 2, math.NaN()},
		{3, 5, 2, math.NaN()},
		{2, 4, 7, math.NaN()},
	}
	if got := Best(scores); !slices.Equal(got, []float64{1, 0, 2, 0}) {
		t.Errorf("Best = %v, want [1 0 2 0]", got)
	}
	if got := ArgMax([]float64{0.2, 0.5, 0.5, 0.1}); got != 1 {
		t.Errorf("ArgMax = %d, want 1", got)
	}
	if ArgMax(nil) != 0 {
		t.Error("ArgMax(nil) must be 0")
	}
}

// The expected probabilities are scipy.special.softmax([[1, 2, 3],
// [1000, 1000, 0]], axis=1) (scipy 1.10, Debian's /usr/bin/python3).
func TestSoftmax_MatchesScipy(t *testing.T) {
	scores := [][]float64{{1, 1000}, {2, 1000}, {3, 0}}
	want := [][]float64{
		{0.09003057317038046, 0.24472847105479764, 0.6652409557748218},
		{0.5, 0.5, 0},
	}
	got := Softmax(scores)
	if len(got) != 2 {
		t.Fatalf("%d rows, want 2", len(got))
	}
	for i := range want {
		sum := 0.0
		for c := range want[i] {
			sum += got[i][c]
			if math.Abs(got[i][c]-want[i][c]) > 1e-15 {
				t.Errorf("row %d class %d: %v, want %v", i, c, got[i][c], want[i][c])
			}
		}
		if math.Abs(sum-1) > 1e-15 {
			t.Errorf("row %d sums to %v", i, sum)
		}
	}
}
