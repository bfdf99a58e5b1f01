package plots

import (
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

// TestSpreadBins_KeepsMoments checks that spreading binned counts keeps
// the total and, with Sheppard's correction, the standard deviation of the
// raw sample it was binned from.
func TestSpreadBins_KeepsMoments(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	for _, c := range []struct {
		name string
		bins int
		tol  float64
	}{{"fine", 60, 0.01}, {"coarse", 8, 0.03}} {
		v := make([]float64, 20000)
		for i := range v {
			v[i] = 3 + 2*r.NormFloat64()
		}
		edges := autoEdges(slices.Clone(v), c.bins)
		counts := countBins(v, edges)
		_, wantStd := meanStd(v)
		pts, w, std := spreadBins(edges, counts, float64(len(v)))
		if len(pts) != len(w) || math.Abs(sum(w)-float64(len(v))) > 1e-6 {
			t.Errorf("%s: %d points, %d weights summing to %v, want %d", c.name, len(pts), len(w), sum(w), len(v))
		}
		if math.Abs(std-wantStd) > c.tol*wantStd {
			t.Errorf("%s: binned std %v, sample std %v", c.name, std, wantStd)
		}
	}
}

// TestShareRows_CountsAndOrder checks the stacked-share table: levels by
// frequency (most frequent drawn on top, so last), pooled "other", and the
// missing level.
func TestShareRows_CountsAndOrder(t *testing.T) {
	feature := []int32{0, 1, 1, 2, 2, 2, -1, 3}
	class := []int32{0, 0, 1, 1, 1, 0, 1, -1}
	table := make([][]float64, 5)
	for i := range table {
		table[i] = make([]float64, 3)
	}
	for i, f := range feature {
		table[groupIndex(f, 4)][groupIndex(class[i], 2)]++
	}
	rows, names := shareRows(table, []string{"a", "b", "c", "d"}, 2)
	want := []string{"(missing) (1)", "other (2)", "b (2)", "c (3)"}
	if !slices.Equal(names, want) {
		t.Fatalf("names %q, want %q", names, want)
	}
	// "other" pools a (class 0) and d (missing class)
	if !slices.Equal(rows[1], []float64{1, 0, 1}) || !slices.Equal(rows[3], []float64{1, 2, 0}) {
		t.Errorf("rows %v", rows)
	}
}
