package onnx

import (
	"fmt"

	"modelbench/workflow/model"
)

// Tree models. The trees are walked by one ai.onnx.ml TreeEnsembleRegressor
// with double thresholds (nodes_values_as_tensor), BRANCH_LEQ splits and
// the missing-value direction of every split (nodes_missing_value_tracks_
// true): exactly TreeEnsemble's rule, v <= threshold goes left, NaN goes
// where MissingLeft says. The operator's output is float, so it is not
// asked for the leaves' values: each tree is its own target and its leaves
// weigh their position among the tree's leaves (small whole numbers, exact
// in float). The leaf values are then gathered from a double table and
// added tree by tree in the ensemble's order, from the same starting
// scores, so the scores are Modelbench's bit for bit; the link follows
// TreeEnsemble's formulas.

// planTrees checks the ensemble against its contract and prepares it.
func planTrees(e model.TreeEnsemble, features int, bad func(string, ...any) error) (plannedModel, error) {
	if err := checkEnsemble(e, features); err != nil {
		return plannedModel{}, bad("its trees are inconsistent: %v", err)
	}
	how := fmt.Sprintf("%d trees in one ai.onnx.ml TreeEnsembleRegressor (double thresholds, missing-value directions) giving each tree's leaf; the leaf values gathered in double and added tree by tree", len(e.Trees))
	var notes []string
	switch e.Link {
	case model.LinkSigmoid:
		how += "; probabilities by the sigmoid (Exp, Add, Div)"
		notes = append(notes, "Probabilities go through exp, which ONNX Runtime may compute in the last bit differently from Go; they agree to about 1e-15.")
	case model.LinkSoftmax:
		how += "; probabilities by the softmax (ReduceMax, Exp, ReduceSum, Div)"
		notes = append(notes, "Probabilities go through exp, which ONNX Runtime may compute in the last bit differently from Go; they agree to about 1e-15.")
	}
	return plannedModel{how: how, notes: notes, emit: func(g *graph, x []string) modelResult { return g.trees(e, x) }}, nil
}

func checkEnsemble(e model.TreeEnsemble, features int) error {
	if len(e.Trees) == 0 || e.Outputs < 1 || e.Features != features {
		return fmt.Errorf("%d trees, %d outputs, %d features for %d inputs", len(e.Trees), e.Outputs, e.Features, features)
	}
	width := e.Outputs
	switch {
	case e.Combine == model.TreeAverage && e.Link == model.LinkIdentity:
		if e.Task == model.Classification && e.Outputs != len(e.Classes) {
			return fmt.Errorf("%d outputs for %d classes", e.Outputs, len(e.Classes))
		}
	case e.Combine == model.TreeSum && len(e.Base) == e.Outputs:
		width = 1
		switch {
		case e.Link == model.LinkIdentity && e.Task == model.Regression && e.Outputs == 1:
		case e.Link == model.LinkSigmoid && e.Outputs == 1 && len(e.Classes) == 2:
		case e.Link == model.LinkSoftmax && e.Outputs == len(e.Classes):
		default:
			return fmt.Errorf("link %v with %d outputs and %d classes", e.Link, e.Outputs, len(e.Classes))
		}
	default:
		return fmt.Errorf("combine %v with link %v", e.Combine, e.Link)
	}
	if e.Task == model.Regression && e.Outputs != 1 {
		return fmt.Errorf("a regression with %d outputs", e.Outputs)
	}
	for t, tr := range e.Trees {
		if tr.Output < 0 || tr.Output >= e.Outputs || len(tr.Nodes) == 0 {
			return fmt.Errorf("tree %d: output %d, %d nodes", t, tr.Output, len(tr.Nodes))
		}
		for i, n := range tr.Nodes {
			if n.IsLeaf() {
				if len(n.Value) != width {
					return fmt.Errorf("tree %d node %d: %d values, want %d", t, i, len(n.Value), width)
				}
				continue
			}
			if n.Feature >= features || n.Left <= i || n.Right <= i || n.Left >= len(tr.Nodes) || n.Right >= len(tr.Nodes) {
				return fmt.Errorf("tree %d node %d: feature %d, children %d and %d", t, i, n.Feature, n.Left, n.Right)
			}
		}
	}
	return nil
}

// trees writes the ensemble on the feature columns x.
func (g *graph) trees(e model.TreeEnsemble, x []string) modelResult {
	X := g.concat(1, x...)
	leaf, leaves := g.treeLeaves(e, X) // int64 [N, T]: each tree's leaf, numbered across all trees
	T := len(e.Trees)
	var s string // scores [N, Outputs]
	if e.Combine == model.TreeAverage {
		table := make([]float64, 0, len(leaves)*e.Outputs)
		for _, v := range leaves {
			table = append(table, v...)
		}
		vals := g.op("Gather", []string{g.doubles([]int64{int64(len(leaves)), int64(e.Outputs)}, table...), leaf}, aInt("axis", 0)) // [N, T, K]
		parts := g.split(vals, 1, T)
		s = parts[0]
		for _, p := range parts[1:] {
			s = g.add(s, p)
		}
		s = g.op("Reshape", []string{s, g.int64s([]int64{2}, -1, int64(e.Outputs))})
		s = g.mul(s, g.scalar(1/float64(T)))
	} else {
		table := make([]float64, len(leaves))
		for i, v := range leaves {
			table[i] = v[0]
		}
		vals := g.op("Gather", []string{g.doubles([]int64{int64(len(table))}, table...), leaf}, aInt("axis", 0)) // [N, T]
		parts := g.split(vals, 1, T)
		score := make([]string, e.Outputs)
		for k := range score {
			score[k] = g.fill(x[0], e.Base[k])
		}
		for t, tr := range e.Trees {
			score[tr.Output] = g.add(score[tr.Output], parts[t])
		}
		s = g.concat(1, score...)
	}
	if e.Task == model.Regression {
		return modelResult{value: s}
	}
	var proba string
	switch e.Link {
	case model.LinkIdentity:
		proba = s
	case model.LinkSigmoid:
		p := g.div(g.scalar(1), g.add(g.scalar(1), g.exp(g.neg(s))))
		proba = g.sigmoidPair(p)
	case model.LinkSoftmax:
		proba = g.softmax(s)
	}
	return modelResult{index: g.argmax(proba), proba: proba}
}

// treeLeaves adds the TreeEnsembleRegressor that finds every tree's leaf
// for every row of X, and returns the leaves as int64 [N, T] indices into
// the returned list of every tree's leaf values (tree by tree, leaves in
// node order).
func (g *graph) treeLeaves(e model.TreeEnsemble, X string) (string, [][]float64) {
	var (
		treeIDs, nodeIDs, featureIDs, trueIDs, falseIDs, missing []int64
		modes                                                    []string
		thresholds                                               []float64
		tIDs, tNodes, tTrees                                     []int64
		weights                                                  []float32
		leaves                                                   [][]float64
		offsets                                                  []int64
	)
	for t, tr := range e.Trees {
		offsets = append(offsets, int64(len(leaves)))
		k := 0
		for i, n := range tr.Nodes {
			treeIDs, nodeIDs = append(treeIDs, int64(t)), append(nodeIDs, int64(i))
			if n.IsLeaf() {
				featureIDs, modes, thresholds = append(featureIDs, 0), append(modes, "LEAF"), append(thresholds, 0)
				trueIDs, falseIDs, missing = append(trueIDs, 0), append(falseIDs, 0), append(missing, 0)
				tIDs, tNodes, tTrees = append(tIDs, int64(t)), append(tNodes, int64(i)), append(tTrees, int64(t))
				weights = append(weights, float32(k))
				leaves = append(leaves, n.Value)
				k++
				continue
			}
			featureIDs, modes, thresholds = append(featureIDs, int64(n.Feature)), append(modes, "BRANCH_LEQ"), append(thresholds, n.Threshold)
			trueIDs, falseIDs = append(trueIDs, int64(n.Left)), append(falseIDs, int64(n.Right))
			m := int64(0)
			if n.MissingLeft {
				m = 1
			}
			missing = append(missing, m)
		}
		if k >= 1<<24 {
			panic("onnx: a tree with more leaves than float counts exactly")
		}
	}
	T := int64(len(e.Trees))
	y := g.ml("TreeEnsembleRegressor", []string{X},
		aInt("n_targets", T), aString("aggregate_function", "SUM"), aString("post_transform", "NONE"),
		aInts("nodes_treeids", treeIDs), aInts("nodes_nodeids", nodeIDs), aInts("nodes_featureids", featureIDs),
		aStrings("nodes_modes", modes), aTensor("nodes_values_as_tensor", doubleTensor("nodes_values", thresholds)),
		aInts("nodes_truenodeids", trueIDs), aInts("nodes_falsenodeids", falseIDs),
		aInts("nodes_missing_value_tracks_true", missing),
		aInts("target_ids", tIDs), aInts("target_nodeids", tNodes), aInts("target_treeids", tTrees),
		aFloats("target_weights", weights))
	leaf := g.add(g.toInt64(y), g.int64s([]int64{1, T}, offsets...))
	return leaf, leaves
}
