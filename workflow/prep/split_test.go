package prep

import (
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"testing"

	"modelbench/workflow/data"
)

// TestRNG_MatchesReference compares the generator with an independent
// Python implementation (testdata/make_fixtures_more.py); the first five
// SplitMix64 outputs for seed 1234567 are also the published test vector
// of Vigna's reference code.
func TestRNG_MatchesReference(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("testdata", "fixtures", "rng.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref struct {
		Seed     uint64   `json:"seed"`
		Next     []string `json:"next"`
		PermSeed uint64   `json:"perm_seed"`
		Perm     []int    `json:"permutation_20"`
	}
	if err := json.Unmarshal(b, &ref); err != nil {
		t.Fatal(err)
	}
	r := newRNG(ref.Seed)
	for i, s := range ref.Next {
		want, _ := strconv.ParseUint(s, 10, 64)
		if got := r.next(); got != want {
			t.Errorf("output %d: %d, want %d", i, got, want)
		}
	}
	if got := newRNG(ref.PermSeed).permutation(20); !equalInts(got, ref.Perm) {
		t.Errorf("permutation %v, want %v", got, ref.Perm)
	}
}

func equalInts(a, b []int) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// checkPartition fails unless the parts are sorted, disjoint and cover
// 0..n-1.
func checkPartition(t *testing.T, n int, parts ...[]int) {
	t.Helper()
	seen := make([]bool, n)
	total := 0
	for _, p := range parts {
		if !sort.IntsAreSorted(p) {
			t.Errorf("a part is not sorted")
		}
		for _, r := range p {
			if seen[r] {
				t.Fatalf("row %d is in two parts", r)
			}
			seen[r] = true
		}
		total += len(p)
	}
	if total != n {
		t.Fatalf("the parts hold %d of %d rows", total, n)
	}
}

func TestSplit_Methods(t *testing.T) {
	f := loadFrame(t, "penguins.csv")
	n := f.NumRows()
	cases := []SplitSpec{
		{Method: SplitRandom, Train: 0.6, Valid: 0.2, Test: 0.2, Seed: 1},
		{Method: SplitStratified, Train: 0.7, Valid: 0.1, Test: 0.2, Seed: 2},
		{Method: SplitTime, Train: 0.5, Valid: 0.25, Test: 0.25, Column: "year"},
		{Method: SplitGroup, Train: 0.6, Valid: 0.2, Test: 0.2, Seed: 3, Column: "island"},
		{Method: SplitRandom, Train: 0.8, Test: 0.2, Seed: 1},
	}
	for _, s := range cases {
		sp, err := s.Split(f, "species")
		if err != nil {
			t.Fatalf("%s: %v", s.Method, err)
		}
		checkPartition(t, n, sp.Train, sp.Valid, sp.Test)
		again, _ := s.Split(f, "species")
		if !equalInts(sp.Train, again.Train) || !equalInts(sp.Test, again.Test) {
			t.Errorf("%s: the same seed gave another split", s.Method)
		}
		if s.Method == SplitRandom || s.Method == SplitStratified {
			if d := len(sp.Test) - int(s.Test*float64(n)+0.5); d < -3 || d > 3 {
				t.Errorf("%s: %d test rows for a share of %g", s.Method, len(sp.Test), s.Test)
			}
		}
	}
}

func TestSplit_StratifiedKeepsClassShares(t *testing.T) {
	f := loadFrame(t, "penguins.csv")
	sp, err := SplitSpec{Method: SplitStratified, Train: 0.6, Valid: 0.2, Test: 0.2, Seed: 9}.Split(f, "species")
	if err != nil {
		t.Fatal(err)
	}
	species, _ := f.Lookup("species")
	count := func(rows []int) map[string]int {
		m := map[string]int{}
		for _, r := range rows {
			m[species.Format(r)]++
		}
		return m
	}
	all := count(rowsWhere(f.NumRows(), func(int) bool { return true }))
	for name, part := range map[string][]int{"valid": sp.Valid, "test": sp.Test} {
		got := count(part)
		for class, n := range all {
			want := 0.2 * float64(n)
			if d := float64(got[class]) - want; d < -1 || d > 1 {
				t.Errorf("%s has %d %s rows, want %.1f ± 1", name, got[class], class, want)
			}
		}
	}
}

func TestSplit_TimeAndGroupRules(t *testing.T) {
	f := loadFrame(t, "vega_seattle_weather.csv")
	sp, err := SplitSpec{Method: SplitTime, Train: 0.7, Valid: 0.15, Test: 0.15, Column: "date"}.Split(f, "weather")
	if err != nil {
		t.Fatal(err)
	}
	date, _ := f.Lookup("date")
	ns := date.(*data.DatetimeColumn).UnixNanos()
	latest := func(rows []int) int64 { return ns[rows[len(rows)-1]] }
	earliest := func(rows []int) int64 { return ns[rows[0]] }
	if latest(sp.Train) >= earliest(sp.Valid) || latest(sp.Valid) >= earliest(sp.Test) {
		t.Error("time split: a later part starts before an earlier one ends")
	}
	g, err := SplitSpec{Method: SplitGroup, Train: 0.6, Valid: 0.2, Test: 0.2, Seed: 5, Column: "weather"}.Split(f, "")
	if err != nil {
		t.Fatal(err)
	}
	checkPartition(t, f.NumRows(), g.Train, g.Valid, g.Test)
	weather, _ := f.Lookup("weather")
	where := map[string]int{}
	for p, rows := range [][]int{g.Train, g.Valid, g.Test} {
		for _, r := range rows {
			if q, ok := where[weather.Format(r)]; ok && q != p {
				t.Fatalf("group %q is in parts %d and %d", weather.Format(r), q, p)
			}
			where[weather.Format(r)] = p
		}
	}
}

func TestSplit_Errors(t *testing.T) {
	f := loadFrame(t, "penguins.csv")
	for _, s := range []SplitSpec{
		{Method: SplitRandom, Train: 0.5, Test: 0.2},
		{Method: SplitRandom, Train: 0, Test: 1},
		{Method: SplitRandom, Train: 1.2, Test: -0.2},
		{Method: "shuffle", Train: 1},
		{Method: SplitTime, Train: 1, Column: "when"},
		{Method: SplitTime, Train: 0.8, Test: 0.2, Column: "bill_length_mm"}, // has missing values
		{Method: SplitTime, Train: 0.8, Test: 0.2, Column: "island"},
		{Method: SplitStratified, Train: 0.8, Test: 0.2, Column: "", Seed: 1},
	} {
		target := "species"
		if s.Method == SplitStratified {
			target = "body_mass_g" // a measurement
		}
		if _, err := s.Split(f, target); err == nil {
			t.Errorf("%+v accepted", s)
		}
	}
}

func TestFolds_EveryRowValidatedOnce(t *testing.T) {
	f := loadFrame(t, "penguins.csv")
	species, _ := f.Lookup("species")
	island, _ := f.Lookup("island")
	for _, s := range []FoldSpec{
		{Method: SplitRandom, K: 5, Seed: 1},
		{Method: SplitStratified, K: 4, Seed: 2},
		{Method: SplitGroup, K: 3, Seed: 3, Column: "island"},
	} {
		folds, err := s.Folds(f, "species")
		if err != nil {
			t.Fatalf("%s: %v", s.Method, err)
		}
		var valid []int
		for _, fd := range folds {
			checkPartition(t, f.NumRows(), fd.Train, fd.Valid)
			valid = append(valid, fd.Valid...)
		}
		sort.Ints(valid)
		checkPartition(t, f.NumRows(), valid)
		for _, fd := range folds {
			switch s.Method {
			case SplitStratified:
				counts := map[string]int{}
				for _, r := range fd.Valid {
					counts[species.Format(r)]++
				}
				for class, n := range map[string]int{"Adelie": 152, "Gentoo": 124, "Chinstrap": 68} {
					if d := counts[class]*s.K - n; d < -s.K || d > s.K {
						t.Errorf("stratified fold has %d %s rows of %d", counts[class], class, n)
					}
				}
			case SplitGroup:
				groups := map[string]bool{}
				for _, r := range fd.Valid {
					groups[island.Format(r)] = true
				}
				for _, r := range fd.Train {
					if groups[island.Format(r)] {
						t.Fatalf("island %s is in a fold's training and validation rows", island.Format(r))
					}
				}
			}
		}
	}
	if _, err := (FoldSpec{Method: SplitGroup, K: 4, Column: "island"}).Folds(f, ""); err == nil {
		t.Error("4 group folds over 3 islands accepted")
	}
	if _, err := (FoldSpec{K: 1}).Folds(f, ""); err == nil {
		t.Error("1 fold accepted")
	}
}
