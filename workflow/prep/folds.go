package prep

import (
	"fmt"
	"sort"

	"modelbench/workflow/data"
)

// FoldSpec says how to cut rows into K folds for cross-validation:
// Method is random, stratified (each fold keeps the target's class
// shares) or group (every group of Column stays within one fold). The same
// spec and seed give the same folds on every machine.
type FoldSpec struct {
	Method string `json:"method"`
	K      int    `json:"k"`
	Seed   uint64 `json:"seed"`
	Column string `json:"column,omitempty"`
}

// Fold is one round of cross-validation: 0-based row positions to train
// on and to validate on, each in increasing order. Over the K folds every
// row is validated exactly once.
type Fold struct {
	Train []int `json:"train"`
	Valid []int `json:"valid"`
}

// Folds cuts the rows of f into folds. target is used by the stratified
// method. To cross-validate inside a training part, Take those rows first;
// positions are then relative to that frame.
func (s FoldSpec) Folds(f *data.Frame, target string) ([]Fold, error) {
	if f == nil || f.NumRows() == 0 {
		return nil, fmt.Errorf("%w: there are no rows to cut into folds", ErrNoRows)
	}
	n := f.NumRows()
	if s.K < 2 || s.K > n {
		return nil, fmt.Errorf("the number of folds must be between 2 and the number of rows (%d), not %d", n, s.K)
	}
	fold := make([]int, n)
	switch s.Method {
	case SplitRandom, "":
		for pos, row := range newRNG(s.Seed).permutation(n) {
			fold[row] = pos % s.K
		}
	case SplitStratified:
		groups, err := strata(f, target)
		if err != nil {
			return nil, err
		}
		r := newRNG(s.Seed)
		c := 0
		for _, g := range groups {
			r.shuffle(g)
			for _, row := range g {
				fold[row] = c % s.K
				c++
			}
		}
	case SplitGroup:
		if err := s.groupFolds(f, fold); err != nil {
			return nil, err
		}
	default:
		return nil, fmt.Errorf("unknown fold method %q (want random, stratified or group)", s.Method)
	}
	return foldsFrom(fold, s.K), nil
}

// groupFolds assigns whole groups, largest first, each to the fold with
// the fewest rows so far (as scikit-learn's GroupKFold); groups of equal
// size are taken in a seeded random order.
func (s FoldSpec) groupFolds(f *data.Frame, fold []int) error {
	c, ok := f.Lookup(s.Column)
	if !ok {
		return colErr(s.Column, "the group folds need a column that is in the data")
	}
	groups := groupRows(c)
	if len(groups) < s.K {
		return colErr(s.Column, "%d folds need at least %d groups, and the column has %d", s.K, s.K, len(groups))
	}
	newRNG(s.Seed).shuffleGroups(groups)
	sort.SliceStable(groups, func(a, b int) bool { return len(groups[a]) > len(groups[b]) })
	size := make([]int, s.K)
	for _, g := range groups {
		best := 0
		for k := range size {
			if size[k] < size[best] {
				best = k
			}
		}
		for _, row := range g {
			fold[row] = best
		}
		size[best] += len(g)
	}
	return nil
}

func foldsFrom(fold []int, k int) []Fold {
	out := make([]Fold, k)
	for row, f := range fold {
		for j := range out {
			if j == f {
				out[j].Valid = append(out[j].Valid, row)
			} else {
				out[j].Train = append(out[j].Train, row)
			}
		}
	}
	return out
}
