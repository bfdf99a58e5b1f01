package tree

import (
	"errors"
	"fmt"
	"math"

	"modelbench/workflow/model"
)

// flatJSON is the readable saved form of a flatTree: its shape, then one
// array per node statistic (Value holds width values per node). Version 1
// always has every statistic; the readable form of version 2 leaves out
// those the model does not keep (a forest keeps no rows or impurities).
type flatJSON struct {
	splitsJSON
	Value    model.Floats `json:"value"`
	Rows     []int32      `json:"rows,omitempty"`
	Weight   model.Floats `json:"weight,omitempty"`
	Impurity model.Floats `json:"impurity,omitempty"`
}

func (t *flatTree) toJSON() flatJSON {
	j := flatJSON{splitsJSON: newSplitsJSON(len(t.nodes)), Value: t.value, Rows: t.rows, Weight: t.weight, Impurity: t.impurity}
	for i, nd := range t.nodes {
		j.set(i, nd)
	}
	return j
}

// errNoStats is the error for a decision tree saved without the node
// statistics its drawing and pruning path need.
var errNoStats = errors.New("the tree's node statistics (rows, weight, impurity) are missing")

// fromJSON rebuilds a tree of width values per node over d features and
// checks every invariant prediction relies on (see splitsJSON.nodes and
// checkStats), so that damaged input gives an error rather than a panic or
// an endless walk. A statistic may be absent unless needStats; nodes
// stored in another order than preorder (boosted trees of version 1) are
// renumbered into it.
func (j *flatJSON) fromJSON(width, d int, classification, needStats bool) (*flatTree, error) {
	fits := func(n, got int) bool { return got == n || (got == 0 && !needStats) }
	nodes, err := j.nodes(d, func(n int) bool {
		return fits(n, len(j.Rows)) && fits(n, len(j.Weight)) && fits(n, len(j.Impurity)) && len(j.Value) == n*width
	})
	if err != nil {
		return nil, err
	}
	t := &flatTree{nodes: nodes, width: width, value: j.Value, rows: j.Rows, weight: j.Weight, impurity: j.Impurity}
	if len(t.rows) == 0 {
		t.rows = nil
	}
	if len(t.weight) == 0 {
		t.weight = nil
	}
	if len(t.impurity) == 0 {
		t.impurity = nil
	}
	if err := t.checkStats(classification); err != nil {
		return nil, err
	}
	return t.preorder()
}

// checkStats verifies the per-node numbers of a decoded tree: finite
// values (shares in [0, 1] for a classifier), and where present positive
// finite weights, non-negative finite impurities and at least one row per
// node.
func (t *flatTree) checkStats(classification bool) error {
	for _, v := range t.value {
		if math.IsNaN(v) || math.IsInf(v, 0) || (classification && (v < 0 || v > 1)) {
			return fmt.Errorf("node value %v is not valid", v)
		}
	}
	for i := range t.nodes {
		if t.weight != nil && (!(t.weight[i] > 0) || math.IsInf(t.weight[i], 0)) {
			return fmt.Errorf("node %d: weight %v is not valid", i, t.weight[i])
		}
		if t.impurity != nil && (!(t.impurity[i] >= 0) || math.IsInf(t.impurity[i], 0)) {
			return fmt.Errorf("node %d: impurity %v is not valid", i, t.impurity[i])
		}
		if t.rows != nil && t.rows[i] < 1 {
			return fmt.Errorf("node %d: %d rows", i, t.rows[i])
		}
	}
	return nil
}

// hasStats reports whether t keeps every node statistic.
func (t *flatTree) hasStats() bool { return t.rows != nil && t.weight != nil && t.impurity != nil }

// preorder returns t with its nodes renumbered in depth-first preorder
// (t itself when they already are), or an error when the nodes reached
// from the root do not form a tree holding every node exactly once. The
// children of every node must be valid indices (splitsJSON.nodes checks
// them).
func (t *flatTree) preorder() (*flatTree, error) {
	n := len(t.nodes)
	order := make([]int32, 0, n)
	seen := make([]bool, n)
	stack := []int32{0}
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		if seen[i] {
			return nil, fmt.Errorf("node %d has two parents", i)
		}
		seen[i] = true
		order = append(order, i)
		if nd := t.nodes[i]; nd.feature >= 0 {
			stack = append(stack, nd.right, nd.left)
		}
	}
	if len(order) != n {
		return nil, fmt.Errorf("%d of %d nodes are not reached from the root", n-len(order), n)
	}
	same := true
	for k, i := range order {
		same = same && int(i) == k
	}
	if same {
		return t, nil
	}
	id := make([]int32, n)
	for k, i := range order {
		id[i] = int32(k)
	}
	out := &flatTree{nodes: make([]node, n), width: t.width, value: make([]float64, 0, len(t.value))}
	for k, i := range order {
		nd := t.nodes[i]
		if nd.feature >= 0 {
			nd.left, nd.right = id[nd.left], id[nd.right]
		}
		out.nodes[k] = nd
		out.value = append(out.value, t.values(i)...)
	}
	out.rows, out.weight, out.impurity = permute(t.rows, order), permute(t.weight, order), permute(t.impurity, order)
	return out, nil
}

// permute returns v[order[0]], v[order[1]], ... (nil for a nil v).
func permute[T any](v []T, order []int32) []T {
	if v == nil {
		return nil
	}
	out := make([]T, len(order))
	for k, i := range order {
		out[k] = v[i]
	}
	return out
}

// strip drops the statistics only a single tree's inspection needs (rows
// and impurities), and the weights too unless keepWeight: what a forest
// keeps of its trees.
func (t *flatTree) strip(keepWeight bool) {
	t.rows, t.impurity = nil, nil
	if !keepWeight {
		t.weight = nil
	}
}
