package tree

import (
	"fmt"
	"math"

	"modelbench/workflow/model"
	"modelbench/workflow/model/internal/classes"
)

// BoostingModel is a fitted gradient-boosted model. Its score per output is
// the baseline plus the values of the trees; for classification the scores
// are turned into probabilities by the sigmoid (two classes) or the
// softmax. It is immutable and safe for concurrent use.
type BoostingModel struct {
	fitted
	kind        lossKind
	k           int          // scores (trees) per iteration
	base        []float64    // starting score per output
	trees       []*boostTree // iteration-major: trees[it*k+c]
	nIter       int
	trainLoss   []float64
	valLoss     []float64
	importances []float64
}

func (b *boostFit) model() *BoostingModel {
	d := b.d
	m := &BoostingModel{fitted: newFitted(d), kind: b.kind, k: b.k,
		base: b.base, trees: b.trees, nIter: len(b.trees) / b.k, trainLoss: b.trainCur, valLoss: b.valCur}
	m.importances = boostImportances(m.trees, len(d.Features))
	m.trees = make([]*boostTree, len(b.trees))
	for i, t := range b.trees {
		m.trees[i] = t.lean()
	}
	return m
}

// boostImportances sums the split gains per feature, normalised to 1.
func boostImportances(trees []*boostTree, d int) []float64 {
	out := make([]float64, d)
	for _, t := range trees {
		for _, nd := range t.nodes {
			if nd.feature >= 0 {
				out[nd.feature] += nd.gain
			}
		}
	}
	normalise(out)
	return out
}

// NumIter returns the number of boosting iterations fitted (fewer than the
// maximum when early stopping ended the fit).
func (m *BoostingModel) NumIter() int { return m.nIter }

// LossCurve returns the loss after 0, 1, ..., NumIter() iterations (the
// first value is the baseline's) on the training rows and on the
// validation rows set aside for early stopping (nil when it was off). The
// loss is the log loss for classification and the mean squared error for
// regression. The training curve is measured on at most 10,000 training
// rows spread evenly over them (all rows for smaller sets), which keeps
// it cheap. A validation curve that rises while the training curve falls
// is overfitting. The slices are the model's own.
func (m *BoostingModel) LossCurve() (train, validation []float64) { return m.trainLoss, m.valLoss }

// Importances returns each feature's share of the total split gain (loss
// reduction) over all trees. The slice is the model's own.
func (m *BoostingModel) Importances() []float64 { return m.importances }

// NumTrees returns the number of trees: NumIter() times the number of
// scores (1 for regression and two classes, one per class otherwise).
func (m *BoostingModel) NumTrees() int { return len(m.trees) }

// Tree returns the nodes of tree i, in depth-first preorder, as plain
// Nodes: Value holds the node's score step; Samples, Weight, Impurity and
// Gain are 0, as the model keeps only what prediction and Explain need
// (Importances holds the split gains summed per feature). Tree i belongs
// to iteration i / k and score i % k. It panics for i out of range.
func (m *BoostingModel) Tree(i int) []Node {
	t := m.trees[i]
	out := make([]Node, len(t.nodes))
	for j, nd := range t.nodes {
		n := Node{ID: j, Feature: int(nd.feature), Left: int(nd.left), Right: int(nd.right), MissingLeft: nd.missingLeft,
			Value: []float64{nd.value}}
		if nd.feature >= 0 {
			n.FeatureName, n.Threshold = m.features[nd.feature], nd.threshold
		}
		out[j] = n
	}
	return out
}

// leaf returns the leaf of tree t that row i of X reaches.
func (t *boostTree) leaf(X [][]float64, i int) *bnode {
	nodes := t.nodes
	n := int32(0)
	for {
		nd := &nodes[n]
		if nd.feature < 0 {
			return nd
		}
		v := X[nd.feature][i]
		switch {
		case v <= nd.threshold, v != v && nd.missingLeft:
			n = nd.left
		default:
			n = nd.right
		}
	}
}

// scores returns the raw scores, n rows × k, row-major. Trees are added in
// order for every row, so results do not depend on scheduling.
func (m *BoostingModel) scores(X [][]float64, n int) []float64 {
	k := m.k
	out := make([]float64, n*k)
	parallelRows(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			copy(out[i*k:i*k+k], m.base)
		}
		for b := lo; b < hi; b += 256 {
			e := min(b+256, hi)
			for ti, t := range m.trees {
				c := ti % k
				for i := b; i < e; i++ {
					out[i*k+c] += t.leaf(X, i).value
				}
			}
		}
	})
	return out
}

// proba turns the scores of one row into class probabilities.
func (m *BoostingModel) proba(score []float64, dst []float64) {
	if m.kind == binaryLoss {
		p := sigmoid(score[0])
		dst[0], dst[1] = 1-p, p
		return
	}
	copy(dst, score)
	softmaxInPlace(dst)
}

// Predict returns per row the most probable class (the lowest index on
// ties) or the predicted value.
func (m *BoostingModel) Predict(X [][]float64) ([]float64, error) {
	n, err := model.CheckPredict(X, m.features, true)
	if err != nil {
		return nil, err
	}
	sc := m.scores(X, n)
	if m.task == model.Regression {
		return sc, nil
	}
	out := make([]float64, n)
	p := make([]float64, len(m.classes))
	for i := range out {
		m.proba(sc[i*m.k:(i+1)*m.k], p)
		out[i] = float64(classes.ArgMax(p))
	}
	return out, nil
}

// PredictProba returns per row the class probabilities. It returns
// model.ErrWrongTask for a regression model.
func (m *BoostingModel) PredictProba(X [][]float64) ([][]float64, error) {
	n, err := m.checkProba(X)
	if err != nil {
		return nil, err
	}
	sc := m.scores(X, n)
	c := len(m.classes)
	flat := make([]float64, n*c)
	out := make([][]float64, n)
	for i := range out {
		out[i] = flat[i*c : (i+1)*c : (i+1)*c]
		m.proba(sc[i*m.k:(i+1)*m.k], out[i])
	}
	return out, nil
}

// Explain splits the row's score for the predicted class (Saabas' method
// summed over the trees): Base is the baseline plus every tree's root
// value, and each feature gets one Term adding up the value changes at the
// splits on it along the row's paths, so Base plus the effects is the
// score. Scales: "value" (regression), "log-odds" of the predicted class
// (two classes) or "logit" (its softmax score).
func (m *BoostingModel) Explain(row []float64) (model.Explanation, error) {
	X, err := m.rowMatrix(row)
	if err != nil {
		return model.Explanation{}, err
	}
	e := model.Explanation{Class: -1, Scale: "value"}
	out, sign := 0, 1.0
	sc := m.scores(X, 1)
	if m.task == model.Classification {
		p := make([]float64, len(m.classes))
		m.proba(sc, p)
		e.Class = classes.ArgMax(p)
		e.Scale = "logit"
		if m.kind == binaryLoss {
			e.Scale = "log-odds"
			if e.Class == 0 {
				sign = -1
			}
		} else {
			out = e.Class
		}
	}
	effect, uses := make([]float64, len(row)), make([]int, len(row))
	e.Base = sign * m.base[out]
	for ti := out; ti < len(m.trees); ti += m.k {
		nodes := m.trees[ti].nodes
		n := int32(0)
		e.Base += sign * nodes[0].value
		for nodes[n].feature >= 0 {
			nd := &nodes[n]
			v := row[nd.feature]
			next := nd.right
			if v <= nd.threshold || (math.IsNaN(v) && nd.missingLeft) {
				next = nd.left
			}
			effect[nd.feature] += sign * (nodes[next].value - nd.value)
			uses[nd.feature]++
			n = next
		}
	}
	e.Output = sign * sc[out]
	e.Terms = m.featureTerms(row, effect, uses, func(u int) string { return fmt.Sprintf("asked %d times", u) })
	return e, nil
}
