package tree

import (
	"fmt"
	"math"

	"modelbench/workflow/model"
	"modelbench/workflow/model/internal/classes"
)

// ForestModel is a fitted random forest. It is immutable and safe for
// concurrent use.
type ForestModel struct {
	fitted
	trees       []*flatTree
	importances []float64
	oob         float64 // NaN when no row was ever out of bag
	layout      lazyLayout
}

// newForestModel computes the importances of the freshly grown trees, then
// keeps of them only what prediction, Explain and Tree need: values, and
// for classification the weights (the saved class counts imply them, so
// they cost nothing to save).
func newForestModel(d *model.Dataset, trees []*flatTree) *ForestModel {
	m := &ForestModel{fitted: newFitted(d), trees: trees, oob: math.NaN()}
	m.importances = forestImportances(trees, len(d.Features))
	for _, t := range trees {
		t.strip(d.Task == model.Classification)
	}
	return m
}

// forestImportances averages the trees' normalised impurity decreases and
// normalises the result (trees without splits count as zeros).
func forestImportances(trees []*flatTree, d int) []float64 {
	out := make([]float64, d)
	one := make([]float64, d)
	for _, t := range trees {
		clear(one)
		t.addImportances(one)
		normalise(one)
		for j, v := range one {
			out[j] += v
		}
	}
	normalise(out)
	return out
}

// width is the number of values per tree node.
func (m *ForestModel) width() int { return max(len(m.classes), 1) }

// average writes into out (n rows × width, row-major) the mean over the
// trees of the leaf values of every row of X. Rows are handled in blocks,
// trees in order within a block, so the sums do not depend on scheduling.
func (m *ForestModel) average(X [][]float64, n int) []float64 {
	return m.averageWith(m.layout.get(m.trees, m.width()), X, n)
}

// averageWith is average through the prediction layout l, or walking the
// flatTrees when l is nil (trees the layout cannot hold; the tests compare
// the two).
func (m *ForestModel) averageWith(l *walkLayout, X [][]float64, n int) []float64 {
	w := m.width()
	out := make([]float64, n*w)
	inv := 1 / float64(len(m.trees))
	parallelRows(n, func(lo, hi int) {
		for b := lo; b < hi; b += 256 {
			e := min(b+256, hi)
			acc := out[b*w : e*w]
			if l != nil {
				l.addRows(X, b, e, acc)
			} else {
				m.addFlat(X, b, e, acc)
			}
			for i := range acc {
				acc[i] *= inv
			}
		}
	})
	return out
}

// addFlat adds the trees' leaf values for rows lo..hi of X to acc (row lo
// at acc[0]), walking the flatTrees tree by tree.
func (m *ForestModel) addFlat(X [][]float64, lo, hi int, acc []float64) {
	w := m.width()
	for _, t := range m.trees {
		for i := lo; i < hi; i++ {
			v := t.values(t.leafOf(X, i))
			a := acc[(i-lo)*w : (i-lo+1)*w]
			for k := range a {
				a[k] += v[k]
			}
		}
	}
}

// Predict returns per row the class with the largest average probability
// over the trees (the lowest index on ties), or the average value.
func (m *ForestModel) Predict(X [][]float64) ([]float64, error) {
	n, err := model.CheckPredict(X, m.features, true)
	if err != nil {
		return nil, err
	}
	avg := m.average(X, n)
	if m.task == model.Regression {
		return avg, nil
	}
	w := m.width()
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(classes.ArgMax(avg[i*w : i*w+w]))
	}
	return out, nil
}

// PredictWithProba returns Predict's classes and PredictProba's
// probabilities from one walk of the trees (model.JointPredictor). It
// returns model.ErrWrongTask for a regression forest.
func (m *ForestModel) PredictWithProba(X [][]float64) ([]float64, [][]float64, error) {
	n, err := m.checkProba(X)
	if err != nil {
		return nil, nil, err
	}
	avg := m.average(X, n)
	w := m.width()
	pred := make([]float64, n)
	proba := make([][]float64, n)
	for i := range proba {
		proba[i] = avg[i*w : (i+1)*w : (i+1)*w]
		pred[i] = float64(classes.ArgMax(proba[i]))
	}
	return pred, proba, nil
}

// PredictProba returns per row the trees' class proportions averaged. It
// returns model.ErrWrongTask for a regression forest.
func (m *ForestModel) PredictProba(X [][]float64) ([][]float64, error) {
	n, err := m.checkProba(X)
	if err != nil {
		return nil, err
	}
	avg := m.average(X, n)
	w := m.width()
	out := make([][]float64, n)
	for i := range out {
		out[i] = avg[i*w : (i+1)*w : (i+1)*w]
	}
	return out, nil
}

// Importances returns the mean decrease in impurity per feature: each
// tree's impurity decreases normalised to sum 1, averaged over the trees
// and normalised again. The slice is the model's own; do not modify it.
func (m *ForestModel) Importances() []float64 { return m.importances }

// OOBScore returns the out-of-bag score: every training row is predicted by
// the trees whose bootstrap sample left it out, and those predictions are
// scored as accuracy (classification) or R² (regression). It estimates the
// score on new data without a separate test set. It is NaN when no row was
// left out of any tree (tiny datasets or very few trees).
func (m *ForestModel) OOBScore() float64 { return m.oob }

// NumTrees returns the number of trees.
func (m *ForestModel) NumTrees() int { return len(m.trees) }

// Tree returns the nodes of tree i (0 <= i < NumTrees()) as DecisionTree's
// Nodes does, with the statistics a forest keeps: Value, and Weight (the
// bootstrap weight) for classification; Samples, Impurity and Gain are 0,
// as is Weight for regression. It panics for an index out of range.
func (m *ForestModel) Tree(i int) []Node { return m.trees[i].plainNodes(m.features) }

// Explain averages the trees' decision paths (Saabas' method): Base is the
// mean root value, and every feature used on some path gets one Term with
// the mean over the trees of the value changes at its splits, so Base plus
// the effects is the forest's output. For classification the value is the
// probability of the predicted class; for regression the predicted value.
// Terms are in feature order; Rule says on how many paths the feature was
// asked.
func (m *ForestModel) Explain(row []float64) (model.Explanation, error) {
	X, err := m.rowMatrix(row)
	if err != nil {
		return model.Explanation{}, err
	}
	e := model.Explanation{Class: -1, Scale: "value"}
	k := 0
	if m.task == model.Classification {
		k = classes.ArgMax(m.average(X, 1))
		e.Class, e.Scale = k, "probability"
	}
	inv := 1 / float64(len(m.trees))
	effect := make([]float64, len(row))
	uses := make([]int, len(row))
	for _, t := range m.trees {
		base, out := t.featureEffects(row, k, inv, effect, uses)
		e.Base += base
		e.Output += out
	}
	e.Terms = m.featureTerms(row, effect, uses, func(u int) string {
		return fmt.Sprintf("asked on %d of %d tree paths", u, len(m.trees))
	})
	return e, nil
}
