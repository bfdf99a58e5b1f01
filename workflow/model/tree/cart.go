package tree

import (
	"context"
	"fmt"

	"modelbench/workflow/model"
	"modelbench/workflow/model/internal/classes"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// DecisionTree is the configuration of a CART decision tree (registry name
// "tree"). The zero value is a fully grown Gini tree over all features with
// seed 0.
type DecisionTree struct {
	// Criterion is "gini" (the default, also for "") or "entropy" for
	// classification; regression always uses the squared error.
	Criterion string
	// MaxDepth limits the number of questions from the root to a leaf;
	// 0 or less means no limit.
	MaxDepth int
	// MinSamplesSplit is the fewest rows a node needs to be split (values
	// below 2 mean 2).
	MinSamplesSplit int
	// MinSamplesLeaf is the fewest rows each child of a split must keep
	// (values below 1 mean 1).
	MinSamplesLeaf int
	// MaxFeatures is how many features each split may look at, drawn at
	// random per node: "" or "all", "sqrt", "log2", "auto", a fraction such
	// as "0.5" or a count such as "3" (see the package documentation).
	MaxFeatures string
	// CCPAlpha is the complexity cost per leaf of minimal cost-complexity
	// pruning; 0 or less means no pruning.
	CCPAlpha float64
	// Seed fixes the random order in which features are tried (which
	// decides between equally good splits) and the feature draws.
	Seed uint64
}

// Name returns "tree".
func (DecisionTree) Name() string { return "tree" }

// Supports reports true for classification and regression.
func (DecisionTree) Supports(model.Task) bool { return true }

// Params describes the parameters (the registry entry's Params).
func (DecisionTree) Params() []param.Spec { return treeParams() }

// growConfig resolves the learner's settings for dataset d.
func (l DecisionTree) growConfig(d *model.Dataset) (growConfig, error) {
	crit, err := parseCriterion(l.Criterion, d.Task)
	if err != nil {
		return growConfig{}, err
	}
	rule, err := parseMaxFeatures(l.MaxFeatures)
	if err != nil {
		return growConfig{}, err
	}
	cfg := growConfig{crit: crit, maxDepth: l.MaxDepth, minSamplesSplit: max(l.MinSamplesSplit, 2),
		minSamplesLeaf: max(l.MinSamplesLeaf, 1), maxFeatures: rule.resolve(len(d.X), d.Task)}
	if d.Task == model.Classification {
		cfg.nClasses = len(d.Classes)
	}
	return cfg, nil
}

// parseCriterion reads a criterion name for task.
func parseCriterion(s string, task model.Task) (criterion, error) {
	if task == model.Regression {
		return squaredCriterion, nil
	}
	switch s {
	case "", "gini":
		return giniCriterion, nil
	case "entropy":
		return entropyCriterion, nil
	}
	return 0, fmt.Errorf("criterion %q: use gini or entropy", s)
}

// cartLearner is a learner that grows CART trees (DecisionTree and
// RandomForest): growConfig resolves its settings for a dataset.
type cartLearner interface {
	model.Learner
	growConfig(d *model.Dataset) (growConfig, error)
}

// startCART takes the first steps of every CART fit: it checks d for l,
// resolves l's settings and presorts the features (see presort).
func startCART(ctx context.Context, l cartLearner, d *model.Dataset, report progress.Func) (growConfig, []entry, error) {
	if err := model.CheckFit(ctx, l, d, true); err != nil {
		return growConfig{}, nil, err
	}
	cfg, err := l.growConfig(d)
	if err != nil {
		return growConfig{}, nil, err
	}
	report.Send(0, "sorting the features")
	order, err := presort(ctx, d.X)
	return cfg, order, err
}

// samples pairs each row's target with weight 1.
func samples(y []float64) []sample {
	s := make([]sample, len(y))
	for i, v := range y {
		s[i] = sample{y: v, w: 1}
	}
	return s
}

// Fit grows the tree on every row of d, then prunes it with CCPAlpha.
// Missing feature values (NaN) are allowed; see the package documentation.
func (l DecisionTree) Fit(ctx context.Context, d *model.Dataset, report progress.Func) (model.Model, error) {
	cfg, idx, err := startCART(ctx, l, d, report)
	if err != nil {
		return nil, err
	}
	report.Send(0.3, "growing the tree")
	n := d.Rows()
	g := newGrower(cfg, d.X, samples(d.Y), idx, n)
	t, err := g.grow(ctx, n, streamRNG(l.Seed, treeStream))
	if err != nil {
		return nil, err
	}
	t = prune(t, l.CCPAlpha)
	m := newTreeModel(d, t)
	report.Send(1, fmt.Sprintf("tree with %d leaves, depth %d", t.leaves(), t.depth()))
	return m, nil
}

// treeStream is the PCG stream of a lone tree (forest trees use their index).
const treeStream = 0x7472656531

func newTreeModel(d *model.Dataset, t *flatTree) *TreeModel {
	m := &TreeModel{fitted: newFitted(d), t: t}
	m.importances = make([]float64, len(d.Features))
	t.addImportances(m.importances)
	normalise(m.importances)
	return m
}

// TreeModel is a fitted decision tree. It is immutable and safe for
// concurrent use.
type TreeModel struct {
	fitted
	t           *flatTree
	importances []float64
}

// Predict returns, per row, the class index with the largest share in the
// row's leaf (the lowest index on ties) or the leaf's mean target.
func (m *TreeModel) Predict(X [][]float64) ([]float64, error) {
	n, err := model.CheckPredict(X, m.features, true)
	if err != nil {
		return nil, err
	}
	out := make([]float64, n)
	t := m.t
	parallelRows(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			v := t.values(t.leafOf(X, i))
			if m.task == model.Classification {
				out[i] = float64(classes.ArgMax(v))
			} else {
				out[i] = v[0]
			}
		}
	})
	return out, nil
}

// PredictProba returns, per row, the class proportions of the training rows
// in the row's leaf. It returns model.ErrWrongTask for a regression tree.
func (m *TreeModel) PredictProba(X [][]float64) ([][]float64, error) {
	n, err := m.checkProba(X)
	if err != nil {
		return nil, err
	}
	out := make([][]float64, n)
	k := len(m.classes)
	flat := make([]float64, n*k)
	t := m.t
	parallelRows(n, func(lo, hi int) {
		for i := lo; i < hi; i++ {
			out[i] = flat[i*k : (i+1)*k : (i+1)*k]
			copy(out[i], t.values(t.leafOf(X, i)))
		}
	})
	return out, nil
}

// Importances returns each feature's share of the total weighted impurity
// decrease of the splits (they sum to 1, or are all 0 for a tree without
// splits). The slice is the model's own and must not be modified.
func (m *TreeModel) Importances() []float64 { return m.importances }

// Nodes returns the tree's nodes in depth-first order (root first, each
// left child right after its parent). The result is a fresh copy.
func (m *TreeModel) Nodes() []Node { return m.t.plainNodes(m.features) }

// PruningPath returns the cost-complexity pruning path of the tree: the
// increasing alphas (the first is 0) at which weakest-link pruning removes
// branches, and the total impurity of the leaves (weighted by their share
// of the training rows) of the tree pruned with each alpha. Fitting again
// with CCPAlpha between two consecutive alphas gives the tree of the lower
// one; plotting impurity against alpha shows how much fit each
// simplification costs.
func (m *TreeModel) PruningPath() (alphas, impurities []float64) { return pruningPath(m.t) }

// Depth returns the number of questions on the longest root-to-leaf path.
func (m *TreeModel) Depth() int { return m.t.depth() }

// Leaves returns the number of leaves.
func (m *TreeModel) Leaves() int { return m.t.leaves() }

// Path returns the IDs of the nodes row visits, from the root (0) to its
// leaf, for highlighting in a drawing. row holds one value per feature.
func (m *TreeModel) Path(row []float64) ([]int, error) {
	if err := m.checkRow(row); err != nil {
		return nil, err
	}
	p := m.t.path(row)
	out := make([]int, len(p))
	for i, v := range p {
		out[i] = int(v)
	}
	return out, nil
}

// Explain follows row's decision path: Base is the root's value, and every
// split adds one Term whose Effect is the change of the value from the node
// to the child the row went to, so Base + effects is the leaf's value. For
// classification the value is the share of the predicted class (Scale
// "probability"); for regression the mean target (Scale "value").
func (m *TreeModel) Explain(row []float64) (model.Explanation, error) {
	if err := m.checkRow(row); err != nil {
		return model.Explanation{}, err
	}
	e := model.Explanation{Class: -1, Scale: "value"}
	k := 0
	if m.task == model.Classification {
		p := m.t.path(row)
		k = classes.ArgMax(m.t.values(p[len(p)-1]))
		e.Class, e.Scale = k, "probability"
	}
	e.Terms, e.Base, e.Output = m.t.addPathTerms(nil, m.features, row, k, 1)
	return e, nil
}
