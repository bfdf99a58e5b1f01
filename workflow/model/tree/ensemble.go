package tree

import "modelbench/workflow/model"

// view returns t as a model.Tree adding to output (one copy of the
// values, shared by the nodes' Value slices).
func (t *flatTree) view(output int) model.Tree {
	vals := append([]float64(nil), t.value...)
	w := t.width
	out := model.Tree{Output: output, Nodes: make([]model.TreeNode, len(t.nodes))}
	for i, nd := range t.nodes {
		n := model.TreeNode{Feature: int(nd.feature), Left: int(nd.left), Right: int(nd.right),
			Value: vals[i*w : (i+1)*w : (i+1)*w]}
		if nd.feature >= 0 {
			n.Threshold, n.MissingLeft = nd.threshold, nd.missingLeft
		}
		out.Nodes[i] = n
	}
	return out
}

// averaged is the TreeAverage ensemble of trees with width values per node.
func (f fitted) averaged(trees []*flatTree, width int) model.TreeEnsemble {
	e := model.TreeEnsemble{Task: f.task, Features: len(f.features), Classes: append([]string(nil), f.classes...),
		Outputs: width, Combine: model.TreeAverage, Link: model.LinkIdentity, Trees: make([]model.Tree, len(trees))}
	for i, t := range trees {
		e.Trees[i] = t.view(0)
	}
	return e
}

// TreeEnsemble returns the tree as a one-tree TreeAverage ensemble: the
// leaf's class proportions (or mean target) are the output.
func (m *TreeModel) TreeEnsemble() model.TreeEnsemble {
	return m.fitted.averaged([]*flatTree{m.t}, m.t.width)
}

// TreeSamples returns the number of training rows that reached each node
// of the tree (i must be 0).
func (m *TreeModel) TreeSamples(i int) []int {
	if i != 0 {
		panic("tree: a decision tree has one tree")
	}
	out := make([]int, len(m.t.rows))
	for k, r := range m.t.rows {
		out[k] = int(r)
	}
	return out
}

// TreeEnsemble returns the forest as a TreeAverage ensemble of its trees.
func (m *ForestModel) TreeEnsemble() model.TreeEnsemble { return m.fitted.averaged(m.trees, m.width()) }

// TreeEnsemble returns the boosted trees as a TreeSum ensemble: tree i
// adds to score i % k from the baseline scores, and the link is the
// identity (regression), the sigmoid (two classes) or the softmax.
func (m *BoostingModel) TreeEnsemble() model.TreeEnsemble {
	e := model.TreeEnsemble{Task: m.task, Features: len(m.features), Outputs: m.k, Combine: model.TreeSum,
		Base: append([]float64(nil), m.base...), Link: model.LinkIdentity, Trees: make([]model.Tree, len(m.trees))}
	if m.classes != nil {
		e.Classes = append([]string(nil), m.classes...)
	}
	switch m.kind {
	case binaryLoss:
		e.Link = model.LinkSigmoid
	case multinomialLoss:
		e.Link = model.LinkSoftmax
	}
	for i, t := range m.trees {
		e.Trees[i] = t.flat().view(i % m.k)
	}
	return e
}
