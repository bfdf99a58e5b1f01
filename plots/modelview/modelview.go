package modelview

import (
	"fmt"
	"math"
	"strconv"

	"modelbench/plots"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/model/tree"
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
// decision tree, the importances of an ensemble, the coefficients of a
// linear model. classes may be nil for regression.
func Inspect(m model.Model, classes []string, s plots.Style) (*plots.Figure, error) {
	switch x := m.(type) {
	case *tree.TreeModel:
		return Tree(x.Nodes(), classes, 4, s)
	case model.Coefficienter:
		return Coefficients(x, classes, s)
	case model.Importancer:
		return Importances(m.Features(), x.Importances(), s)
	}
	return nil, fmt.Errorf("%w: this kind of model has no picture of its insides", plots.ErrNothingToDraw)
}

// Tree draws a decision tree down to maxDepth levels.
func Tree(nodes []tree.Node, classes []string, maxDepth int, s plots.Style) (*plots.Figure, error) {
	if len(nodes) == 0 {
		return nil, fmt.Errorf("%w: the tree has no nodes", plots.ErrNothingToDraw)
	}
	return plots.Tree(treeNode(nodes, 0, classes), plots.TreeOptions{Title: "The decision tree", MaxDepth: maxDepth, Style: s})
}

func treeNode(nodes []tree.Node, id int, classes []string) plots.TreeNode {
	n := nodes[id]
	out := plots.TreeNode{Value: nodeValue(n.Value, classes), Samples: n.Samples}
	if n.IsLeaf() {
		return out
	}
	thr := strconv.FormatFloat(n.Threshold, 'g', 4, 64)
	if math.IsInf(n.Threshold, 1) {
		out.Label = n.FeatureName + " is present"
	} else {
		out.Label = n.FeatureName + " <= " + thr
	}
	out.Children = []plots.TreeNode{treeNode(nodes, n.Left, classes), treeNode(nodes, n.Right, classes)}
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
