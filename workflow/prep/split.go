package prep

import (
	"errors"
	"fmt"
	"math"
	"sort"

	"modelbench/workflow/data"
)

// The split methods.
const (
	SplitRandom     = "random"     // rows shuffled with the seed
	SplitStratified = "stratified" // each target class split in the same shares
	SplitTime       = "time"       // earliest rows train, latest test, by Column
	SplitGroup      = "group"      // every group of Column in one part only
)

// SplitSpec says how to cut rows into training, validation and test
// parts. Train, Valid and Test are shares that must add up to 1 (Valid and
// Test may be 0). Column names the time or group column for those methods.
// The same spec and seed give the same split on every machine.
type SplitSpec struct {
	Method string  `json:"method"`
	Train  float64 `json:"train"`
	Valid  float64 `json:"valid"`
	Test   float64 `json:"test"`
	Seed   uint64  `json:"seed"`
	Column string  `json:"column,omitempty"`
}

// Split holds 0-based row positions of each part, in increasing order.
// Parts never share a row and together hold every row.
type Split struct {
	Train []int `json:"train"`
	Valid []int `json:"valid"`
	Test  []int `json:"test"`
}

// Split cuts the rows of f. target is needed by the stratified method
// (its missing values form their own class). Errors name the column or
// share that is wrong.
func (s SplitSpec) Split(f *data.Frame, target string) (Split, error) {
	if err := s.check(f); err != nil {
		return Split{}, err
	}
	n := f.NumRows()
	switch s.Method {
	case SplitRandom, "":
		p := newRNG(s.Seed).permutation(n)
		return s.cut([][]int{p}, n), nil
	case SplitStratified:
		groups, err := strata(f, target)
		if err != nil {
			return Split{}, err
		}
		r := newRNG(s.Seed)
		for _, g := range groups {
			r.shuffle(g)
		}
		return s.cut(groups, n), nil
	case SplitTime:
		order, err := timeOrder(f, s.Column)
		if err != nil {
			return Split{}, err
		}
		return s.cut([][]int{order}, n), nil
	case SplitGroup:
		return s.groupSplit(f)
	}
	return Split{}, fmt.Errorf("unknown split method %q (want random, stratified, time or group)", s.Method)
}

func (s SplitSpec) check(f *data.Frame) error {
	if f == nil || f.NumRows() == 0 {
		return fmt.Errorf("%w: there are no rows to split", ErrNoRows)
	}
	for _, v := range []float64{s.Train, s.Valid, s.Test} {
		if v < 0 || v > 1 || math.IsNaN(v) {
			return fmt.Errorf("split shares must lie between 0 and 1 (train %g, validation %g, test %g)", s.Train, s.Valid, s.Test)
		}
	}
	if s.Train <= 0 {
		return errors.New("the training share must be above 0")
	}
	if sum := s.Train + s.Valid + s.Test; math.Abs(sum-1) > 1e-9 {
		return fmt.Errorf("the split shares add up to %g, not 1 (train %g, validation %g, test %g)", sum, s.Train, s.Valid, s.Test)
	}
	if (s.Method == SplitTime || s.Method == SplitGroup) && f.Index(s.Column) < 0 {
		return colErr(s.Column, "the %s split needs a column that is in the data", s.Method)
	}
	return nil
}

// counts turns shares into row counts for n rows: test and validation are
// rounded, each at least 1 when its share is above 0 and rows allow, and
// training gets the rest.
func (s SplitSpec) counts(n int) (train, valid, test int) {
	part := func(share float64) int {
		if share <= 0 {
			return 0
		}
		return max(1, int(math.Round(share*float64(n))))
	}
	test, valid = part(s.Test), part(s.Valid)
	for test+valid >= n && (test > 0 || valid > 0) {
		if valid >= test && valid > 0 {
			valid--
		} else {
			test--
		}
	}
	return n - valid - test, valid, test
}

// cut walks each ordered group and deals its rows to train, then valid,
// then test, in the spec's shares (per group, so strata keep their shares).
func (s SplitSpec) cut(groups [][]int, n int) Split {
	var sp Split
	if len(groups) == 1 {
		tr, va, _ := s.counts(n)
		g := groups[0]
		sp = Split{Train: g[:tr], Valid: g[tr : tr+va], Test: g[tr+va:]}
	} else {
		for _, g := range groups {
			tr, va, _ := s.counts(len(g))
			sp.Train = append(sp.Train, g[:tr]...)
			sp.Valid = append(sp.Valid, g[tr:tr+va]...)
			sp.Test = append(sp.Test, g[tr+va:]...)
		}
	}
	sp.Train = sorted(sp.Train)
	sp.Valid = sorted(sp.Valid)
	sp.Test = sorted(sp.Test)
	return sp
}

func sorted(rows []int) []int {
	out := append(make([]int, 0, len(rows)), rows...)
	sort.Ints(out)
	return out
}

// strata groups row positions by the target's value (missing as its own
// group), groups in order of first appearance.
func strata(f *data.Frame, target string) ([][]int, error) {
	tc, ok := f.Lookup(target)
	if !ok {
		return nil, colErr(target, "the stratified split needs the target column, and it is not in the data")
	}
	codes, levels := data.Dictionary(tc)
	if tc.Kind() == data.Numeric && len(levels) > max(20, f.NumRows()/10) {
		return nil, colErr(target, "the target has %d different values, which looks like a measurement; use a random split", len(levels))
	}
	return groupCodes(codes, len(levels)), nil
}

// timeOrder sorts rows by a numeric or date column, ties by position.
func timeOrder(f *data.Frame, name string) ([]int, error) {
	c, _ := f.Lookup(name)
	key := make([]float64, c.Len())
	switch x := c.(type) {
	case *data.NumericColumn:
		copy(key, x.Values())
	case *data.DatetimeColumn:
		for i, v := range x.UnixNanos() {
			key[i] = float64(v)
		}
	default:
		return nil, colErr(name, "the time split needs a date or number column, not %s values", c.Kind())
	}
	for i := range key {
		if c.IsMissing(i) {
			return nil, rowErr(name, i, "the time split needs a time for every row; this one is missing (filter or fill it first)")
		}
	}
	order := make([]int, len(key))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return key[order[a]] < key[order[b]] })
	return order, nil
}

// groupSplit shuffles the groups and deals whole groups to the parts until
// each has its share of rows.
func (s SplitSpec) groupSplit(f *data.Frame) (Split, error) {
	c, _ := f.Lookup(s.Column)
	groups := groupRows(c)
	if len(groups) < 2 {
		return Split{}, colErr(s.Column, "the group split needs at least two groups, and the column has %d", len(groups))
	}
	newRNG(s.Seed).shuffleGroups(groups)
	n := f.NumRows()
	tr, va, _ := s.counts(n)
	var sp Split
	done := 0
	for gi, g := range groups {
		left := len(groups) - gi
		switch {
		case done < tr && (left > 1 || s.Valid+s.Test == 0):
			sp.Train = append(sp.Train, g...)
		case done < tr+va && s.Valid > 0:
			sp.Valid = append(sp.Valid, g...)
		case s.Test > 0:
			sp.Test = append(sp.Test, g...)
		default:
			sp.Valid = append(sp.Valid, g...)
		}
		done += len(g)
	}
	sp.Train, sp.Valid, sp.Test = sorted(sp.Train), sorted(sp.Valid), sorted(sp.Test)
	return sp, nil
}

// groupRows lists the rows of each group of c (by value; a missing value
// is a group of its own), in order of first appearance.
func groupRows(c data.Column) [][]int {
	codes, levels := data.Dictionary(c)
	return groupCodes(codes, len(levels))
}

// groupCodes lists the rows of each group of codes (one per level; the
// missing rows, code -1, are a group of their own), groups in order of
// first appearance.
func groupCodes(codes []int32, nLevels int) [][]int {
	byLevel := make([][]int, nLevels+1)
	var order []int
	for i, k := range codes {
		g := int(k)
		if k < 0 {
			g = nLevels
		}
		if byLevel[g] == nil {
			order = append(order, g)
		}
		byLevel[g] = append(byLevel[g], i)
	}
	out := make([][]int, len(order))
	for i, g := range order {
		out[i] = byLevel[g]
	}
	return out
}

// shuffleGroups permutes the groups (Fisher-Yates).
func (r *rng) shuffleGroups(g [][]int) {
	for i := len(g) - 1; i > 0; i-- {
		j := r.intn(i + 1)
		g[i], g[j] = g[j], g[i]
	}
}
