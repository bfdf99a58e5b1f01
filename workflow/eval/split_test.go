package eval

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestKFold_PartitionsAndStratifies(t *testing.T) {
	// 3 classes of 50, 30 and 7 rows: the rare class has fewer rows than
	// some fold counts, so its rows must still be spread one per fold.
	var strata []int
	for c, n := range []int{50, 30, 7} {
		for i := 0; i < n; i++ {
			strata = append(strata, c)
		}
	}
	n := len(strata)
	for _, tc := range []struct {
		k, repeats int
		strata     []int
	}{{5, 1, nil}, {5, 1, strata}, {10, 3, strata}, {2, 2, nil}, {87, 1, nil}} {
		splits, err := KFold(n, tc.k, tc.repeats, 42, tc.strata)
		if err != nil {
			t.Fatal(err)
		}
		if len(splits) != tc.k*tc.repeats {
			t.Fatalf("k=%d repeats=%d: %d splits", tc.k, tc.repeats, len(splits))
		}
		for r := 0; r < tc.repeats; r++ {
			seen := make([]int, n)
			sizes := []int{}
			perClass := make([][]int, 3)
			for _, s := range splits[r*tc.k : (r+1)*tc.k] {
				if len(s.Train)+len(s.Test) != n || !slices.IsSorted(s.Test) || !slices.IsSorted(s.Train) {
					t.Fatalf("split %d/%d is not a sorted partition", s.Repeat, s.Fold)
				}
				for _, row := range s.Test {
					seen[row]++
				}
				sizes = append(sizes, len(s.Test))
				counts := make([]int, 3)
				for _, row := range s.Test {
					counts[strata[row]]++
				}
				for c := range counts {
					perClass[c] = append(perClass[c], counts[c])
				}
			}
			for row, m := range seen {
				if m != 1 {
					t.Fatalf("k=%d: row %d is a test row %d times in repeat %d", tc.k, row, m, r)
				}
			}
			if spread(sizes) > 1 {
				t.Errorf("k=%d: fold sizes %v differ by more than one", tc.k, sizes)
			}
			if tc.strata != nil {
				for c, counts := range perClass {
					if spread(counts) > 1 {
						t.Errorf("k=%d: class %d spread over folds as %v", tc.k, c, counts)
					}
				}
			}
		}
	}
}

func spread(v []int) int { return slices.Max(v) - slices.Min(v) }

func TestKFold_DeterministicPerSeed(t *testing.T) {
	a, _ := KFold(100, 5, 2, 7, nil)
	b, _ := KFold(100, 5, 2, 7, nil)
	c, _ := KFold(100, 5, 2, 8, nil)
	for i := range a {
		if !slices.Equal(a[i].Test, b[i].Test) {
			t.Fatalf("split %d differs for the same seed", i)
		}
	}
	if slices.Equal(a[0].Test, c[0].Test) {
		t.Error("another seed gave the same first fold")
	}
	if slices.Equal(a[0].Test, a[5].Test) {
		t.Error("the second repetition repeats the first shuffle")
	}
	// The folds are pinned: a change of shuffle would change every saved
	// comparison, so it must be deliberate.
	if got := a[0].Test[:5]; !slices.Equal(got, pinnedFold) {
		t.Errorf("first fold starts %v, pinned %v", got, pinnedFold)
	}
}

var pinnedFold = []int{1, 8, 9, 11, 16}

func TestHoldoutSplit_SizesAndShares(t *testing.T) {
	strata := make([]int, 0, 103)
	for c, n := range []int{70, 25, 8} {
		for i := 0; i < n; i++ {
			strata = append(strata, c)
		}
	}
	n := len(strata)
	for _, share := range []float64{0.2, 0.25, 0.5, 0.01} {
		s, err := HoldoutSplit(n, share, 3, strata)
		if err != nil {
			t.Fatal(err)
		}
		want := int(math.Ceil(share * float64(n)))
		if len(s.Test) != want || len(s.Train)+len(s.Test) != n {
			t.Errorf("share %v: %d test rows, want %d", share, len(s.Test), want)
		}
		counts := make([]int, 3)
		for _, row := range s.Test {
			counts[strata[row]]++
		}
		for c, m := range []int{70, 25, 8} {
			if math.Abs(float64(counts[c])-share*float64(m)) >= 1 {
				t.Errorf("share %v: class %d has %d test rows of %d", share, c, counts[c], m)
			}
		}
	}
	for _, bad := range []float64{0, 1, -0.1, math.NaN()} {
		if _, err := HoldoutSplit(n, bad, 1, nil); !errors.Is(err, ErrSplit) {
			t.Errorf("share %v: %v", bad, err)
		}
	}
	if _, err := KFold(3, 4, 1, 1, nil); !errors.Is(err, ErrSplit) {
		t.Errorf("4 folds of 3 rows: %v", err)
	}
}
