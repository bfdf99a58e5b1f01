package eval

import (
	"errors"
	"fmt"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// ErrSplit means the rows cannot be split as asked (too few rows for the
// folds, a test share outside (0, 1)).
var ErrSplit = errors.New("the rows cannot be split as asked")

// Split is one partition of row positions into training and test rows.
// Both lists are sorted and disjoint.
type Split struct {
	Repeat int   `json:"repeat"` // 0-based repetition of a repeated k-fold
	Fold   int   `json:"fold"`   // 0-based fold within the repetition
	Train  []int `json:"-"`
	Test   []int `json:"-"`
}

// rng returns the stream for one seed and repetition. PCG's output is
// fixed by its specification, and shuffle below uses only Uint64, so the
// folds are the same on every machine and Go release.
func rng(seed uint64, repeat int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, 0x6576616c^uint64(repeat)))
}

// shuffle is a Fisher–Yates shuffle with Lemire's unbiased bounded draw.
func shuffle(r *rand.Rand, v []int) {
	for i := len(v) - 1; i > 0; i-- {
		j := boundedDraw(r, uint64(i+1))
		v[i], v[j] = v[j], v[i]
	}
}

func boundedDraw(r *rand.Rand, n uint64) int {
	hi, lo := bits.Mul64(r.Uint64(), n)
	if lo < n {
		thresh := -n % n
		for lo < thresh {
			hi, lo = bits.Mul64(r.Uint64(), n)
		}
	}
	return int(hi)
}

// KFold splits n rows into k folds of sizes differing by at most one,
// after shuffling with seed; with repeats > 1 the whole procedure repeats
// with a new shuffle, giving k·repeats splits. strata, when not nil, holds
// a group per row (a class index, −1 for none) and the folds are
// stratified: each group is spread over the folds as evenly as possible,
// so every fold keeps the class shares of the whole. It fails when k < 2
// or k > n.
func KFold(n, k, repeats int, seed uint64, strata []int) ([]Split, error) {
	if k < 2 || k > n {
		return nil, fmt.Errorf("%d folds for %d rows; want 2 to %d: %w", k, n, n, ErrSplit)
	}
	if strata != nil && len(strata) != n {
		return nil, fmt.Errorf("%d strata for %d rows: %w", len(strata), n, ErrSplit)
	}
	repeats = max(repeats, 1)
	out := make([]Split, 0, k*repeats)
	for r := 0; r < repeats; r++ {
		fold := make([]int, n)
		for p, row := range dealOrder(n, strata, rng(seed, r)) {
			fold[row] = p % k
		}
		for f := 0; f < k; f++ {
			s := Split{Repeat: r, Fold: f}
			for row, g := range fold {
				if g == f {
					s.Test = append(s.Test, row)
				} else {
					s.Train = append(s.Train, row)
				}
			}
			out = append(out, s)
		}
	}
	return out, nil
}

// dealOrder returns the rows in the order they are dealt to the folds:
// shuffled, and with strata grouped stratum by stratum (in order of the
// stratum value), so dealing round-robin spreads every stratum evenly.
func dealOrder(n int, strata []int, r *rand.Rand) []int {
	rows := make([]int, n)
	for i := range rows {
		rows[i] = i
	}
	shuffle(r, rows)
	if strata != nil {
		slices.SortStableFunc(rows, func(a, b int) int { return strata[a] - strata[b] })
	}
	return rows
}

// HoldoutSplit sets aside ⌈testShare·n⌉ rows as test rows (as
// scikit-learn's train_test_split), chosen at random with seed. With
// strata, every stratum gives its share of test rows (largest remainders),
// so the test rows keep the class shares of the whole. It fails unless
// 0 < testShare < 1 and both parts get at least one row.
func HoldoutSplit(n int, testShare float64, seed uint64, strata []int) (Split, error) {
	if !(testShare > 0 && testShare < 1) {
		return Split{}, fmt.Errorf("test share %v must be between 0 and 1: %w", testShare, ErrSplit)
	}
	if strata != nil && len(strata) != n {
		return Split{}, fmt.Errorf("%d strata for %d rows: %w", len(strata), n, ErrSplit)
	}
	nTest := int(math.Ceil(testShare * float64(n)))
	if nTest < 1 || nTest >= n {
		return Split{}, fmt.Errorf("a test share of %v leaves %d of %d rows for testing: %w", testShare, nTest, n, ErrSplit)
	}
	rows := dealOrder(n, strata, rng(seed, 0))
	runs := groupRuns(rows, strata)
	test := make([]bool, n)
	for i, q := range quotas(runs, nTest, n) {
		for _, row := range runs[i].rows[:q] {
			test[row] = true
		}
	}
	s := Split{}
	for row, t := range test {
		if t {
			s.Test = append(s.Test, row)
		} else {
			s.Train = append(s.Train, row)
		}
	}
	return s, nil
}

// run is the rows of one stratum in dealing order.
type run struct{ rows []int }

// groupRuns cuts the dealing order into strata (one run without strata).
func groupRuns(rows, strata []int) []run {
	if strata == nil {
		return []run{{rows}}
	}
	var out []run
	start := 0
	for i := 1; i <= len(rows); i++ {
		if i == len(rows) || strata[rows[i]] != strata[rows[start]] {
			out = append(out, run{rows[start:i]})
			start = i
		}
	}
	return out
}

// quotas shares nTest test rows out of n among the runs in proportion to
// their sizes by the largest-remainder method (Hamilton): every run gets
// the whole part of its share, and the rows left over go to the runs with
// the largest fractional parts (the larger run first on ties).
func quotas(runs []run, nTest, n int) []int {
	q := make([]int, len(runs))
	order := make([]int, len(runs))
	left := nTest
	for i, g := range runs {
		q[i] = len(g.rows) * nTest / n
		left -= q[i]
		order[i] = i
	}
	rem := func(i int) int { return len(runs[i].rows) * nTest % n }
	slices.SortStableFunc(order, func(a, b int) int {
		if d := rem(b) - rem(a); d != 0 {
			return d
		}
		return len(runs[b].rows) - len(runs[a].rows)
	})
	for _, i := range order[:left] {
		q[i]++
	}
	return q
}
