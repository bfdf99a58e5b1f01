package model

// TreeEnsembler is a model made of binary decision trees that shows them,
// with the rule that turns them into its predictions, for exporters (ONNX,
// PMML, a scikit-learn reproduction). Following TreeEnsemble's contract
// reproduces Predict and PredictProba bit for bit.
type TreeEnsembler interface {
	// TreeEnsemble returns the trees; the result is a fresh copy that the
	// caller may keep or change.
	TreeEnsemble() TreeEnsemble
}

// TreeSampler is a TreeEnsembler that also knows how many distinct
// training rows reached each node (for drawing the tree).
type TreeSampler interface {
	// TreeSamples returns, for tree i of the TreeEnsemble, the number of
	// training rows that reached each node, in node order (a fresh slice);
	// it panics for i out of range.
	TreeSamples(i int) []int
}

// TreeCombine says how an ensemble turns its trees' leaves into scores.
type TreeCombine int

// The ways of combining trees.
const (
	// TreeAverage: every node holds Outputs values. A row's scores start
	// at 0; for each tree in order, its leaf's values are added (score[k]
	// += leaf.Value[k]); then every score is multiplied by
	// 1/float64(len(Trees)) (a multiplication by that float64, not a
	// division). Random forests and single decision trees.
	TreeAverage TreeCombine = iota
	// TreeSum: every node holds one value. A row's scores start at Base;
	// for each tree in order, its leaf's value is added to the score the
	// tree names (score[tree.Output] += leaf.Value[0]). Gradient boosting.
	TreeSum
)

// TreeLink says how an ensemble's scores become its output.
type TreeLink int

// The links.
const (
	// LinkIdentity: the scores are the output. Regression (one score):
	// Predict returns score[0]. Classification (TreeAverage, one score per
	// class): the scores are PredictProba's probabilities.
	LinkIdentity TreeLink = iota
	// LinkSigmoid: two classes, one score s: p := 1 / (1 + math.Exp(-s)),
	// and the probabilities are {1 - p, p}.
	LinkSigmoid
	// LinkSoftmax: one score per class: m is the largest score; e[c] :=
	// math.Exp(s[c] - m); sum is e[0] + e[1] + ... added in class order
	// from 0.0; the probabilities are e[c] / sum.
	LinkSoftmax
)

// TreeEnsemble is the trees of a tree model and the rule that turns them
// into its predictions, precisely enough to reproduce Predict and
// PredictProba bit for bit in float64 arithmetic:
//
//   - Each tree is walked from its root (node 0) for the row: at a split,
//     with v the row's value of Feature (X column Feature, in the model's
//     Features order), the row goes Left when v <= Threshold, to the side
//     MissingLeft names when v is NaN (missing), and Right otherwise
//     (v > Threshold). Infinite values compare as numbers; a Threshold of
//     +Inf sends every present value left. The walk ends at a leaf.
//   - Combine turns the leaves reached into Outputs scores, Link the
//     scores into the output (see their constants).
//   - Classification: PredictProba returns the probabilities; Predict the
//     index of the largest probability, the lowest index on ties.
//     Regression: Predict returns the single score (Link is
//     LinkIdentity).
type TreeEnsemble struct {
	Task     Task
	Features int      // number of input columns; a split's Feature is below it
	Classes  []string // class labels, nil for regression
	Outputs  int      // scores per row (see Combine)
	Combine  TreeCombine
	Base     []float64 // TreeSum: the Outputs starting scores; nil for TreeAverage
	Link     TreeLink
	Trees    []Tree
}

// Tree is one tree of a TreeEnsemble. Its nodes are in depth-first
// preorder: the root is node 0 and a split's children come after it.
type Tree struct {
	// Output is the score the tree's leaves add to (TreeSum); 0 for
	// TreeAverage, whose leaves hold every score.
	Output int
	Nodes  []TreeNode
}

// TreeNode is one node of a Tree.
type TreeNode struct {
	Feature     int     // index of the split feature; -1 for a leaf
	Threshold   float64 // rows with a value <= Threshold go Left; 0 for a leaf
	MissingLeft bool    // rows with a missing (NaN) value go Left (false: Right)
	Left, Right int     // child node indices, after this node's; -1 for a leaf
	// Value holds Outputs values (TreeAverage: class proportions or the
	// mean target of the node's training rows) or one (TreeSum: the node's
	// score step). Prediction uses the leaves' values; a split's are the
	// same quantity for its training rows (what explanations start from).
	Value []float64
}

// IsLeaf reports whether the node has no children.
func (n TreeNode) IsLeaf() bool { return n.Feature < 0 }
