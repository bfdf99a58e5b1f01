package eda

import (
	"math"
	"math/rand/v2"
	"slices"
	"sort"
	"testing"

	"modelbench/workflow/stat"
)

func TestSortKeys_MatchesSort(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for _, n := range []int{0, 1, 2, 255, 256, 257, 5000} {
		vals := make([]float64, n)
		for i := range vals {
			switch i % 7 {
			case 0:
				vals[i] = math.Copysign(0, -1)
			case 1:
				vals[i] = math.Inf(1 - 2*(i%2))
			case 2:
				vals[i] = float64(r.IntN(5)) // ties
			default:
				vals[i] = r.NormFloat64() * math.Pow(10, float64(r.IntN(20)-10))
			}
		}
		keys := make([]uint64, n)
		idx := make([]uint32, n)
		for i, v := range vals {
			keys[i], idx[i] = floatKey(v), uint32(i)
		}
		sortKeys(keys, idx)
		want := slices.Clone(vals)
		sort.Float64s(want)
		for i := range keys {
			if got := keyFloat(keys[i]); got != want[i] || vals[idx[i]] != got {
				t.Fatalf("n=%d: position %d holds %v (row %d), want %v", n, i, got, idx[i], want[i])
			}
			if i > 0 && keys[i] == keys[i-1] && idx[i] < idx[i-1] {
				t.Fatalf("n=%d: not stable at %d", n, i)
			}
		}
	}
}

// TestSortedPresent_Float32Ties sorts values that a 32-bit key cannot
// tell apart, with missing values among them.
func TestSortedPresent_Float32Ties(t *testing.T) {
	r := rand.New(rand.NewPCG(8, 9))
	vals := make([]float64, 3000)
	for i := range vals {
		vals[i] = 1e9 + float64(r.IntN(1000))/1e3
		if i%97 == 0 {
			vals[i] = math.NaN()
		}
	}
	got, idx := sortedPresent(vals, true)
	var want []float64
	for _, v := range vals {
		if v == v {
			want = append(want, v)
		}
	}
	sort.Float64s(want)
	if !slices.Equal(got, want) {
		t.Fatal("values out of order")
	}
	for i := range got {
		if vals[idx[i]] != got[i] || i > 0 && got[i] == got[i-1] && idx[i] < idx[i-1] {
			t.Fatalf("row %d at position %d is wrong", idx[i], i)
		}
	}
}

func TestMedianAbsDev_BruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(5, 6))
	for n := 1; n < 60; n++ {
		vals := make([]float64, n)
		for i := range vals {
			vals[i] = float64(r.IntN(10)) + r.Float64()*float64(i%2)
		}
		sort.Float64s(vals)
		med := stat.QuantileSorted(vals, 0.5)
		dev := make([]float64, n)
		for i, v := range vals {
			dev[i] = math.Abs(v - med)
		}
		sort.Float64s(dev)
		if got, want := medianAbsDev(vals, med), stat.QuantileSorted(dev, 0.5); !nearly(got, want) {
			t.Fatalf("n=%d: MAD %v, want %v (%v)", n, got, want, vals)
		}
	}
}

// levenshteinOSA is the optimal-string-alignment distance, the reference
// for editDistanceAtMostOne.
func levenshteinOSA(a, b string) int {
	x, y := []rune(a), []rune(b)
	d := make([][]int, len(x)+1)
	for i := range d {
		d[i] = make([]int, len(y)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(x); i++ {
		for j := 1; j <= len(y); j++ {
			cost := 1
			if x[i-1] == y[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && x[i-1] == y[j-2] && x[i-2] == y[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(x)][len(y)]
}

func TestEditDistanceAtMostOne(t *testing.T) {
	words := []string{"", "a", "ab", "ba", "abc", "acb", "abcd", "abd", "xbcd", "berlin", "berlni", "brelin", "berlinn", "lt-normal", "gt-normal"}
	for _, a := range words {
		for _, b := range words {
			want := levenshteinOSA(a, b) <= 1
			if got := editDistanceAtMostOne(a, b); got != want {
				t.Errorf("%q vs %q: %v, want %v", a, b, got, want)
			}
		}
	}
}

func TestYYYYMMDD(t *testing.T) {
	for _, c := range []struct {
		v  int
		ok bool
	}{{20240131, true}, {20240229, true}, {20230229, false}, {20241301, false}, {20240100, false}, {19991231, true}} {
		if _, ok := yyyymmdd(c.v); ok != c.ok {
			t.Errorf("yyyymmdd(%d) = %v, want %v", c.v, ok, c.ok)
		}
	}
}

func TestNameTokens(t *testing.T) {
	for _, c := range []struct {
		name string
		want []string
	}{
		{"bloodPressure", []string{"blood", "pressure"}},
		{"body_mass_g", []string{"body", "mass", "g"}},
		{"Age (years)", []string{"age", "years"}},
		{"percentage", []string{"percentage"}},
	} {
		if got := nameTokens(c.name); !slices.Equal(got, c.want) {
			t.Errorf("nameTokens(%q) = %v, want %v", c.name, got, c.want)
		}
	}
	if _, ok := impossibleZeroName("percentage"); ok {
		t.Error(`"percentage" read as an age`)
	}
}

// The values of Cramér's V and λ below were checked by hand: a table with
// one non-zero cell per row and column is perfectly associated.
func TestCramersVAndLambda(t *testing.T) {
	a := catVec{codes: []int32{0, 0, 1, 1, 2, 2, -1}, k: 3}
	b := catVec{codes: []int32{1, 1, 0, 0, 2, 2, 0}, k: 3}
	if v := cramersV(a, b); !nearly(v, 1) {
		t.Errorf("V = %v, want 1", v)
	}
	if l := goodmanKruskalLambda(a, b); !nearly(l, 1) {
		t.Errorf("λ = %v, want 1", l)
	}
	c := catVec{codes: []int32{0, 1, 0, 1, 0, 1, 0}, k: 2}
	if v := cramersV(a, c); !nearly(v, 0) {
		t.Errorf("V of independent columns = %v, want 0", v)
	}
	if l := goodmanKruskalLambda(c, a); !nearly(l, 0) {
		t.Errorf("λ = %v, want 0", l)
	}
}
