package eda

import (
	"bytes"
	"context"
	"encoding/binary"
	"encoding/json"
	"math"
	"slices"
	"sort"
	"testing"

	"modelbench/workflow/data"
)

// FuzzDescribeCSV feeds arbitrary delimited text through the loader and
// Describe: whatever loads must describe without error or panic, encode to
// JSON, and keep the statistics' invariants.
func FuzzDescribeCSV(f *testing.F) {
	for _, s := range []string{
		"a,b,c\n1,x,2024-01-01\n2,y,2024-01-02\n2,y,2024-01-02\n,z,\n",
		"age,sex,y\n0,Male,1\n30,male,0\n-999,M,1\n45,Female,0\n",
		"x\n1e308\n-1e308\ninf\n-inf\n0\n-0\n",
		"t,u\nhello world,1\n,2\nfoo,3\nfoo,nan\n",
		"d\n20240131\n20240201\n20231231\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		tb, err := data.ReadCSV(context.Background(), bytes.NewReader(b), int64(len(b)), "fuzz.csv", data.CSVOptions{}, nil)
		if err != nil {
			return
		}
		rep, err := Describe(context.Background(), tb, Options{}, nil)
		if err != nil {
			t.Fatalf("Describe: %v", err)
		}
		if _, err := json.Marshal(rep); err != nil {
			t.Fatalf("JSON: %v", err)
		}
		checkInvariants(t, rep)
	})
}

func checkInvariants(t *testing.T, rep *Report) {
	t.Helper()
	for _, c := range rep.Columns {
		if c.Count+c.Missing != rep.Rows || c.Unique > c.Count {
			t.Fatalf("%s: count %d + missing %d != rows %d, or unique %d", c.Name, c.Count, c.Missing, rep.Rows, c.Unique)
		}
		if h := c.Histogram; h != nil {
			sum := 0
			for _, n := range h.Counts {
				sum += n
			}
			infinite := c.Min == nil || c.Max == nil || math.IsInf(*c.Min, 0) || math.IsInf(*c.Max, 0)
			if sum > c.Count || sum < c.Count && !infinite || len(h.Edges) != len(h.Counts)+1 {
				t.Fatalf("%s: histogram holds %d of %d values", c.Name, sum, c.Count)
			}
		}
		qs := []*float64{c.Min, c.P05, c.Q1, c.Median, c.Q3, c.P95, c.Max}
		for i := 1; i < len(qs); i++ {
			if qs[i-1] != nil && qs[i] != nil && *qs[i-1] > *qs[i] {
				t.Fatalf("%s: quantiles out of order %v > %v", c.Name, *qs[i-1], *qs[i])
			}
		}
		if a := c.TargetAssociation; a != nil && (*a < -1e-9 || *a > 1+1e-9) {
			t.Fatalf("%s: association %v outside [0, 1]", c.Name, *a)
		}
	}
	if rep.Correlations != nil {
		for _, m := range []*Matrix{&rep.Correlations.Pearson, &rep.Correlations.Spearman} {
			for i := range m.Columns {
				for j := range m.Columns {
					if v := m.At(i, j); math.Abs(v) > 1+1e-9 {
						t.Fatalf("correlation %v", v)
					}
				}
			}
		}
	}
	if rep.Duplicates.Count >= max(rep.Rows, 1) {
		t.Fatalf("%d duplicates in %d rows", rep.Duplicates.Count, rep.Rows)
	}
}

// FuzzEditDistance checks the one-edit test against the full distance and
// that grouping arbitrary levels never panics.
func FuzzEditDistance(f *testing.F) {
	f.Add("Berlin", "Berlni")
	f.Add("male", "Male ")
	f.Add("", "x")
	f.Fuzz(func(t *testing.T, a, b string) {
		if len(a) > 64 || len(b) > 64 {
			return
		}
		if got, want := editDistanceAtMostOne(a, b), levenshteinOSA(a, b) <= 1; got != want {
			t.Fatalf("%q vs %q: %v, want %v", a, b, got, want)
		}
		spellingGroups([]string{a, b, a + "x", "M"}, []int{50, 2, 1, 3})
	})
}

// FuzzSortedPresent compares the packed radix sort with sort.Float64s on
// arbitrary bit patterns (NaN included, which must be dropped).
func FuzzSortedPresent(f *testing.F) {
	f.Add([]byte{0, 0, 0, 0, 0, 0, 0, 0x80, 1, 0, 0, 0, 0, 0, 0xf0, 0x3f})
	f.Fuzz(func(t *testing.T, b []byte) {
		var vals, want []float64
		for len(b) >= 8 {
			v := math.Float64frombits(binary.LittleEndian.Uint64(b))
			vals = append(vals, v)
			if v == v {
				want = append(want, v)
			}
			b = b[8:]
		}
		sort.Float64s(want)
		got, idx := sortedPresent(vals, true)
		if !slices.Equal(got, want) {
			t.Fatalf("got %v, want %v", got, want)
		}
		for i, r := range idx {
			if vals[r] != got[i] {
				t.Fatalf("row %d at %d", r, i)
			}
		}
	})
}
