package stat

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"slices"
	"testing"
)

// quantileRef is testdata/quantiles.json: numpy 1.24's quantile (method
// "linear") and median, written by testdata/quantiles_ref.py (its
// docstring holds the command).
type quantileRef struct {
	Qs    []float64 `json:"qs"`
	Cases []struct {
		Name      string    `json:"name"`
		Values    []float64 `json:"values"`
		Quantiles []float64 `json:"quantiles"`
		Median    float64   `json:"median"`
	} `json:"cases"`
}

func loadQuantileRef(t *testing.T) quantileRef {
	t.Helper()
	b, err := os.ReadFile("testdata/quantiles.json")
	if err != nil {
		t.Fatal(err)
	}
	var ref quantileRef
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Cases) < 10 {
		t.Fatalf("only %d reference cases", len(ref.Cases))
	}
	return ref
}

// sameBits reports whether got and want are the same float64, bit for bit.
func sameBits(got, want float64) bool { return math.Float64bits(got) == math.Float64bits(want) }

// TestQuantiles_MatchNumpy checks every path (sorted input, selection one
// quantile at a time, selection of a few in shuffled order, sorting for
// many) against numpy to the last bit.
func TestQuantiles_MatchNumpy(t *testing.T) {
	ref := loadQuantileRef(t)
	for _, c := range ref.Cases {
		sorted := slices.Clone(c.Values)
		slices.Sort(sorted)
		for i, q := range ref.Qs {
			want := c.Quantiles[i]
			if got := QuantileSorted(sorted, q); !sameBits(got, want) {
				t.Errorf("%s: QuantileSorted(%v) = %v, numpy %v", c.Name, q, got, want)
			}
			if got := Quantiles(slices.Clone(c.Values), q)[0]; !sameBits(got, want) {
				t.Errorf("%s: Quantiles(%v) = %v, numpy %v", c.Name, q, got, want)
			}
		}
		few := []int{10, 2, 6, 4} // q = 0.95, 0.05, 0.5, 0.25: out of order
		fewQs := make([]float64, len(few))
		for i, k := range few {
			fewQs[i] = ref.Qs[k]
		}
		for i, got := range Quantiles(slices.Clone(c.Values), fewQs...) {
			if want := c.Quantiles[few[i]]; !sameBits(got, want) {
				t.Errorf("%s: Quantiles(%v) among several = %v, numpy %v", c.Name, fewQs[i], got, want)
			}
		}
		for i, got := range Quantiles(slices.Clone(c.Values), ref.Qs...) {
			if !sameBits(got, c.Quantiles[i]) {
				t.Errorf("%s: Quantiles(%v) among all = %v, numpy %v", c.Name, ref.Qs[i], got, c.Quantiles[i])
			}
		}
		if got := Median(slices.Clone(c.Values)); !sameBits(got, c.Median) {
			t.Errorf("%s: Median = %v, numpy %v", c.Name, got, c.Median)
		}
	}
}

// The expected quantiles are numpy.percentile(..., method="linear").
func TestQuantile_Linear(t *testing.T) {
	for i, c := range []struct {
		vals []float64
		q    float64
		want float64
	}{
		{[]float64{1, 2, 3, 4}, 0.25, 1.75},
		{[]float64{1, 2, 3, 4}, 0.5, 2.5},
		{[]float64{1, 2, 3, 4}, 0.95, 3.85},
		{[]float64{1, 2, 3, 4, 10}, 0.75, 4},
		{[]float64{7}, 0.05, 7},
		{[]float64{0, 10}, 0.05, 0.5},
	} {
		if got := QuantileSorted(c.vals, c.q); math.Abs(got-c.want) > 1e-12 {
			t.Errorf("case %d: QuantileSorted(%v, %v) = %v, want %v", i, c.vals, c.q, got, c.want)
		}
	}
}

// TestQuantiles_SelectionMatchesSorting runs the selection path on many
// sizes, with and without ties, against QuantileSorted on a sorted copy.
func TestQuantiles_SelectionMatchesSorting(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	qs := []float64{0.9, 0, 0.1, 0.5, 1, 0.25, 0.75}
	for n := 1; n < 2000; n += 37 {
		for _, ties := range []int{0, 1, 3, 50} {
			v := make([]float64, n)
			for i := range v {
				v[i] = r.NormFloat64()
				if ties > 0 {
					v[i] = float64(r.IntN(ties + 1))
				}
			}
			s := slices.Clone(v)
			slices.Sort(s)
			got := Quantiles(v, qs...)
			for i, q := range qs {
				if want := QuantileSorted(s, q); !sameBits(got[i], want) {
					t.Errorf("n=%d ties=%d q=%v: %v, sorting gives %v", n, ties, q, got[i], want)
				}
			}
			if !slices.Equal(slices.Sorted(slices.Values(v)), s) {
				t.Fatalf("n=%d: Quantiles lost or changed values while reordering", n)
			}
		}
	}
}

// TestQuantiles_Edges covers empty input, one value, infinite values and
// sorted or reversed runs (the worst case of a naive quickselect).
func TestQuantiles_Edges(t *testing.T) {
	if got := Quantiles(nil, 0.5, 0.1); !math.IsNaN(got[0]) || !math.IsNaN(got[1]) {
		t.Errorf("empty: %v, want NaN", got)
	}
	if !math.IsNaN(QuantileSorted(nil, 0.5)) || !math.IsNaN(Median(nil)) {
		t.Error("empty input must give NaN")
	}
	if got := Quantiles([]float64{4}, 0, 0.3, 1); !slices.Equal(got, []float64{4, 4, 4}) {
		t.Errorf("one value: %v", got)
	}
	// numpy: quantile([-inf, 1, 2], [0.5, 0.75]) = [1, 1.5]; [.25] = -inf.
	inf := []float64{2, math.Inf(-1), 1}
	if got := Quantiles(inf, 0.25, 0.5, 0.75); got[0] != math.Inf(-1) || got[1] != 1 || got[2] != 1.5 {
		t.Errorf("with -Inf: %v, want [-Inf 1 1.5]", got)
	}
	n := 100_000
	up, down := make([]float64, n), make([]float64, n)
	for i := range up {
		up[i], down[i] = float64(i), float64(n-i)
	}
	// (n−1)·0.5 = 49999.5 → 49999.5 on 0..n−1 and 50000.5 on 1..n.
	if got := Quantiles(up, 0.5)[0]; got != 49999.5 {
		t.Errorf("ascending run: median %v", got)
	}
	if got := Median(down); got != 50000.5 {
		t.Errorf("descending run: median %v", got)
	}
}

func ExampleQuantiles() {
	v := []float64{7, 1, 3, 9, 5}
	fmt.Println(Quantiles(v, 0.25, 0.5, 0.75))
	fmt.Println(Median([]float64{4, 1, 3, 2}))
	// Output:
	// [3 5 7]
	// 2.5
}
