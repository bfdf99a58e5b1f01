package tree

import (
	"fmt"
	"math"

	"modelbench/workflow/model"
)

// flatJSON is the saved form of a flatTree: its shape, then one array per
// node statistic (Value holds width values per node).
type flatJSON struct {
	splitsJSON
	Value    model.Floats `json:"value"`
	Rows     []int32      `json:"rows"`
	Weight   model.Floats `json:"weight"`
	Impurity model.Floats `json:"impurity"`
}

func (t *flatTree) toJSON() flatJSON {
	j := flatJSON{splitsJSON: newSplitsJSON(len(t.nodes)), Value: t.value, Rows: t.rows, Weight: t.weight, Impurity: t.impurity}
	for i, nd := range t.nodes {
		j.set(i, nd)
	}
	return j
}

// fromJSON rebuilds a tree of width values per node over d features and
// checks every invariant prediction relies on (see splitsJSON.nodes and
// checkStats), so that damaged input gives an error rather than a panic or
// an endless walk.
func (j *flatJSON) fromJSON(width, d int, classification bool) (*flatTree, error) {
	nodes, err := j.nodes(d, func(n int) bool {
		return len(j.Rows) == n && len(j.Weight) == n && len(j.Impurity) == n && len(j.Value) == n*width
	})
	if err != nil {
		return nil, err
	}
	t := &flatTree{nodes: nodes, width: width, value: j.Value, rows: j.Rows, weight: j.Weight, impurity: j.Impurity}
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
