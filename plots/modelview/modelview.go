package modelview

import (
	"fmt"
	"math"
	"strconv"

	"modelbench/plots"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
)

// Leaderboard draws every entry's score ± its spread across folds, best
// first, with the baseline marked.
func Leaderboard(lb *eval.Leaderboard, s plots.Style) (*plots.Figure, error) {
	scores := make([]plots.Score, len(lb.Entries))
	for i, e := range lb.Entries {
		scores[i] = plots.Score{Name: e.Name, Mean: e.Score, Std: e.Std, Baseline: e.Baseline}
	}
	return plots.Leaderboard(scores, plots.LeaderboardOptions{Title: "Validation " + lb.Metric, Metric: lb.Metric,
		LowerIsBetter: !lb.HigherIsBetter, Style: s})
}

// Inspect draws the most telling view of a fitted model: the tree of a
// decision tree (a model.TreeSampler whose model.TreeEnsemble is one
// averaged tree), the importances of an ensemble, the coefficients of a
// linear model. classes may be nil for regression.
func Inspect(m model.Model, classes []string, s plots.Style) (*plots.Figure, error) {
	if _, ok := m.(model.TreeSampler); ok {
		if te, ok := m.(model.TreeEnsembler); ok {
			if e := te.TreeEnsemble(); e.Combine == model.TreeAverage && len(e.Trees) == 1 {
				return Tree(e.Trees[0], m.(model.TreeSampler).TreeSamples(0), m.Features(), classes, 4, s)
			}
		}
	}
	switch x := m.(type) {
	case model.Coefficienter:
		return Coefficients(x, classes, s)
	case model.Importancer:
		return Importances(m.Features(), x.Importances(), s)
	}
	return nil, fmt.Errorf("%w: this kind of model has no picture of its insides", plots.ErrNothingToDraw)
}

// Tree draws a decision tree of a model's TreeEnsemble down to maxDepth
// levels: each split with its feature (named from features, the model's
// Features) and threshold, each node with what it predicts and, when
// samples is not nil (model.TreeSampler), how many training rows reached
// it. The tree must follow model.Tree's contract.
func Tree(t model.Tree, samples []int, features, classes []string, maxDepth int, s plots.Style) (*plots.Figure, error) {
	if len(t.Nodes) == 0 {
		return nil, fmt.Errorf("%w: the tree has no nodes", plots.ErrNothingToDraw)
	}
	if samples != nil && len(samples) != len(t.Nodes) {
		return nil, fmt.Errorf("%d sample counts for %d nodes", len(samples), len(t.Nodes))
	}
	for i, n := range t.Nodes {
		if !n.IsLeaf() && (n.Left <= i || n.Right <= i || n.Left >= len(t.Nodes) || n.Right >= len(t.Nodes) || n.Feature >= len(features)) {
			return nil, fmt.Errorf("node %d of the tree is not a valid split", i)
		}
	}
	return plots.Tree(treeNode(t, samples, features, 0, classes), plots.TreeOptions{Title: "The decision tree", MaxDepth: maxDepth, Style: s})
}

func treeNode(t model.Tree, samples []int, features []string, id int, classes []string) plots.TreeNode {
	n := t.Nodes[id]
	out := plots.TreeNode{Value: nodeValue(n.Value, classes)}
	if samples != nil {
		out.Samples = samples[id]
	}
	if n.IsLeaf() {
		return out
	}
	thr := strconv.FormatFloat(n.Threshold, 'g', 4, 64)
	if math.IsInf(n.Threshold, 1) {
		out.Label = features[n.Feature] + " is present"
	} else {
		out.Label = features[n.Feature] + " <= " + thr
	}
	out.Children = []plots.TreeNode{treeNode(t, samples, features, n.Left, classes), treeNode(t, samples, features, n.Right, classes)}
	return out
}

// nodeValue names a node's prediction: the majority class with its share,
// or the value.
func nodeValue(v []float64, classes []string) string {
	if len(classes) == 0 || len(v) != len(classes) {
		if len(v) == 0 {
			return ""
		}
		return strconv.FormatFloat(v[0], 'g', 4, 64)
	}
	best := 0
	for k := range v {
		if v[k] > v[best] {
			best = k
		}
	}
	return fmt.Sprintf("%s (%.0f%%)", classes[best], 100*v[best])
}

// Importances draws a feature-importance bar per feature, largest on top.
func Importances(features []string, imp []float64, s plots.Style) (*plots.Figure, error) {
	reps := make([][]float64, len(imp))
	for j, v := range imp {
		reps[j] = []float64{v}
	}
	return plots.PermutationImportance(features, reps, plots.ImportanceOptions{Title: "How much each feature was used (impurity decrease)",
		Metric: "share of the total", Style: s})
}

// Coefficients draws the weights of a linear model's first output (the
// log-odds of the second class, or the value); for several classes, the
// first class's scores.
func Coefficients(c model.Coefficienter, classes []string, s plots.Style) (*plots.Figure, error) {
	names, values, _ := c.Coefficients()
	if len(values) == 0 {
		return nil, fmt.Errorf("%w: no coefficients", plots.ErrNothingToDraw)
	}
	k := 0
	what := "weight"
	if len(classes) > 2 && len(values) == len(classes) {
		what = "weight for class " + classes[0]
	} else if len(classes) == 2 {
		what = "weight towards " + classes[1]
	}
	reps := make([][]float64, len(names))
	for j := range names {
		reps[j] = []float64{values[k][j]}
	}
	return plots.PermutationImportance(names, reps, plots.ImportanceOptions{Title: "Coefficients of the linear model (on the prepared, scaled inputs)",
		Metric: what, Style: s})
}

// OutOfFoldROC overlays the ROC curves of every leaderboard entry of a
// binary classification, computed from its out-of-fold predictions (each
// row scored by the model that did not see it), so models are compared
// on validation rows, never on the test rows.
func OutOfFoldROC(lb *eval.Leaderboard, s plots.Style) (*plots.Figure, error) {
	var curves []plots.Curve
	for _, e := range lb.Entries {
		r := e.Result
		if r == nil || r.OOF == nil || r.OOF.Proba == nil || len(r.OOF.Classes) != 2 {
			continue
		}
		pos := make([]bool, len(r.OOF.Truth))
		score := make([]float64, len(r.OOF.Truth))
		for i := range pos {
			pos[i], score[i] = r.OOF.Truth[i] == 1, r.OOF.Proba[i][1]
		}
		roc, err := metrics.ROCCurve(pos, score, true)
		if err != nil {
			continue
		}
		curves = append(curves, plots.Curve{Name: e.Name, X: roc.FPR, Y: roc.TPR})
	}
	if len(curves) == 0 {
		return nil, fmt.Errorf("%w: out-of-fold ROC curves need a yes/no target and probabilities", plots.ErrNothingToDraw)
	}
	return plots.ROC(curves, plots.CurveOptions{Title: "ROC of every model on its validation folds", Style: s})
}
