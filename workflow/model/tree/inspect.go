package tree

import (
	"math"
	"strconv"

	"modelbench/workflow/model"
)

// Node is one node of a fitted tree in plain form, for drawing and reports.
// A row goes to Left when its value of Feature is <= Threshold, to Right
// when it is larger, and to the side MissingLeft names when it is missing.
type Node struct {
	ID          int     // index in the tree's node list; the root is 0
	Feature     int     // index of the split feature in Features(); -1 for a leaf
	FeatureName string  // name of the split feature; "" for a leaf
	Threshold   float64 // split value; +Inf means "present values left, missing right"
	MissingLeft bool    // rows with a missing value go left (false: right)
	Left, Right int     // child IDs; -1 for a leaf
	// Value is what the node predicts: the class proportions of its
	// training rows (classification), or one number (regression: the mean
	// target; boosted trees: the node's raw score step, learning rate
	// included).
	Value []float64
	// Samples is the number of distinct training rows that reached the
	// node; Weight counts a row as often as a bootstrap drew it (equal to
	// Samples outside forests). Forests keep only Weight, and only for
	// classification; boosted trees keep neither (both 0).
	Samples int
	Weight  float64
	// Impurity is the node's Gini impurity, entropy in bits or mean squared
	// error (0 for forests and boosted trees, which keep none).
	Impurity float64
	// Gain is how much the split improved the fit, the weighted impurity
	// decrease; 0 for a leaf and for the trees of forests and boosted
	// models, which keep only what prediction, Explain and their
	// importances (saved as such) need.
	Gain float64
}

// IsLeaf reports whether the node has no children.
func (n Node) IsLeaf() bool { return n.Feature < 0 }

// plainNodes converts t to plain Nodes; names are the feature names.
// Statistics t does not keep are 0 (Gain needs weights and impurities).
func (t *flatTree) plainNodes(names []string) []Node {
	out := make([]Node, len(t.nodes))
	for i, nd := range t.nodes {
		n := Node{ID: i, Feature: int(nd.feature), Left: int(nd.left), Right: int(nd.right),
			Threshold: nd.threshold, MissingLeft: nd.missingLeft,
			Value: append([]float64(nil), t.values(int32(i))...)}
		if t.rows != nil {
			n.Samples = int(t.rows[i])
		}
		if t.weight != nil {
			n.Weight = t.weight[i]
		}
		if t.impurity != nil {
			n.Impurity = t.impurity[i]
		}
		if nd.feature >= 0 {
			n.FeatureName = names[nd.feature]
			if t.weight != nil && t.impurity != nil {
				l, r := nd.left, nd.right
				n.Gain = t.weight[i]*t.impurity[i] - t.weight[l]*t.impurity[l] - t.weight[r]*t.impurity[r]
			}
		} else {
			n.Threshold = 0
		}
		out[i] = n
	}
	return out
}

// path returns the node indices a row visits from the root to its leaf.
func (t *flatTree) path(row []float64) []int32 {
	out := []int32{0}
	n := int32(0)
	for {
		nd := &t.nodes[n]
		if nd.feature < 0 {
			return out
		}
		v := row[nd.feature]
		switch {
		case v <= nd.threshold, v != v && nd.missingLeft:
			n = nd.left
		default:
			n = nd.right
		}
		out = append(out, n)
	}
}

// ruleText states in words the step from a split on feature name with
// threshold thr to the child the value v went to.
func ruleText(name string, thr float64, v float64, wentLeft bool) string {
	missing := math.IsNaN(v)
	switch {
	case math.IsInf(thr, 1) && wentLeft:
		return name + " is present"
	case math.IsInf(thr, 1):
		return name + " is missing"
	case missing && wentLeft:
		return name + " is missing (treated as <= " + formatThreshold(thr) + ")"
	case missing:
		return name + " is missing (treated as > " + formatThreshold(thr) + ")"
	case wentLeft:
		return name + " <= " + formatThreshold(thr)
	}
	return name + " > " + formatThreshold(thr)
}

func formatThreshold(v float64) string { return strconv.FormatFloat(v, 'g', 6, 64) }

// addPathTerms appends one term per split on row's path through t, the
// effect being the change of value component k (scaled by scale) from a
// node to its child, and returns the terms and the root and leaf values.
func (t *flatTree) addPathTerms(terms []model.Term, names []string, row []float64, k int, scale float64) ([]model.Term, float64, float64) {
	p := t.path(row)
	base := t.values(p[0])[k] * scale
	prev := base
	for i := 1; i < len(p); i++ {
		parent := t.nodes[p[i-1]]
		cur := t.values(p[i])[k] * scale
		f := parent.feature
		terms = append(terms, model.Term{Feature: names[f], Value: row[f], Effect: cur - prev,
			Rule: ruleText(names[f], parent.threshold, row[f], p[i] == parent.left)})
		prev = cur
	}
	return terms, base, prev
}

// featureEffects follows row's path through t and adds to effect[f] the
// change of value component k (times scale) at every split on feature f,
// counting the splits in uses. It returns the scaled root and leaf values.
func (t *flatTree) featureEffects(row []float64, k int, scale float64, effect []float64, uses []int) (float64, float64) {
	p := t.path(row)
	base := t.values(p[0])[k] * scale
	prev := base
	for i := 1; i < len(p); i++ {
		f := t.nodes[p[i-1]].feature
		cur := t.values(p[i])[k] * scale
		effect[f] += cur - prev
		uses[f]++
		prev = cur
	}
	return base, prev
}
