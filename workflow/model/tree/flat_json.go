package tree

import (
	"errors"
	"fmt"
	"math"

	"modelbench/workflow/model"
)

// flatJSON is the saved form of a flatTree: one array per node field.
// MissingLeft lists the nodes whose missing values go left.
type flatJSON struct {
	Feature     []int32      `json:"feature"`
	Threshold   model.Floats `json:"threshold"`
	Left        []int32      `json:"left"`
	Right       []int32      `json:"right"`
	MissingLeft []int32      `json:"missing_left"`
	Value       model.Floats `json:"value"`
	Rows        []int32      `json:"rows"`
	Weight      model.Floats `json:"weight"`
	Impurity    model.Floats `json:"impurity"`
}

func (t *flatTree) toJSON() flatJSON {
	n := len(t.nodes)
	j := flatJSON{Feature: make([]int32, n), Threshold: make(model.Floats, n), Left: make([]int32, n),
		Right: make([]int32, n), MissingLeft: []int32{}, Value: t.value, Rows: t.rows, Weight: t.weight, Impurity: t.impurity}
	for i, nd := range t.nodes {
		j.Feature[i], j.Threshold[i], j.Left[i], j.Right[i] = nd.feature, nd.threshold, nd.left, nd.right
		if nd.missingLeft {
			j.MissingLeft = append(j.MissingLeft, int32(i))
		}
	}
	return j
}

// fromJSON rebuilds a tree of width values per node over d features and
// checks every invariant prediction relies on, so that damaged input gives
// an error rather than a panic or an endless walk.
func (j *flatJSON) fromJSON(width, d int, classification bool) (*flatTree, error) {
	n := len(j.Feature)
	if n == 0 {
		return nil, errors.New("a tree has no nodes")
	}
	if len(j.Threshold) != n || len(j.Left) != n || len(j.Right) != n || len(j.Rows) != n ||
		len(j.Weight) != n || len(j.Impurity) != n || len(j.Value) != n*width {
		return nil, fmt.Errorf("a tree's node arrays have different lengths (%d nodes)", n)
	}
	t := &flatTree{nodes: make([]node, n), width: width, value: j.Value, rows: j.Rows, weight: j.Weight, impurity: j.Impurity}
	for i := range n {
		nd := node{feature: j.Feature[i], threshold: j.Threshold[i], left: j.Left[i], right: j.Right[i]}
		if err := checkNode(nd, i, n, d); err != nil {
			return nil, err
		}
		t.nodes[i] = nd
	}
	for _, i := range j.MissingLeft {
		if i < 0 || int(i) >= n {
			return nil, fmt.Errorf("missing_left names node %d of %d", i, n)
		}
		t.nodes[i].missingLeft = true
	}
	if err := t.checkStats(classification); err != nil {
		return nil, err
	}
	return t, nil
}

// checkStats verifies the per-node numbers of a decoded tree: finite
// values (shares in [0, 1] for a classifier), positive finite weights,
// non-negative finite impurities and at least one row per node.
func (t *flatTree) checkStats(classification bool) error {
	for _, v := range t.value {
		if math.IsNaN(v) || math.IsInf(v, 0) || (classification && (v < 0 || v > 1)) {
			return fmt.Errorf("node value %v is not valid", v)
		}
	}
	for i := range t.nodes {
		w, imp := t.weight[i], t.impurity[i]
		if !(w > 0) || math.IsInf(w, 0) || !(imp >= 0) || math.IsInf(imp, 0) || t.rows[i] < 1 {
			return fmt.Errorf("node %d: weight %v, impurity %v and %d rows are not valid", i, w, imp, t.rows[i])
		}
	}
	return nil
}

// checkNode verifies that node i of n over d features is a leaf or a split
// whose children come after it (so every walk ends at a leaf).
func checkNode(nd node, i, n, d int) error {
	if nd.feature < 0 {
		if nd.feature != -1 || nd.left != -1 || nd.right != -1 {
			return fmt.Errorf("node %d: a leaf must have feature, left and right -1", i)
		}
		return nil
	}
	if int(nd.feature) >= d {
		return fmt.Errorf("node %d splits on feature %d of %d", i, nd.feature, d)
	}
	if int(nd.left) <= i || int(nd.right) <= i || int(nd.left) >= n || int(nd.right) >= n || nd.left == nd.right {
		return fmt.Errorf("node %d has children %d and %d; they must be distinct nodes after it", i, nd.left, nd.right)
	}
	if math.IsNaN(nd.threshold) {
		return fmt.Errorf("node %d has a NaN threshold", i)
	}
	return nil
}
