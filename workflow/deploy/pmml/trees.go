package pmml

import (
	"fmt"
	"strconv"

	"modelbench/workflow/model"
)

// modelCtx is what every model element needs: the features' fields, the
// target and its classes.
type modelCtx struct {
	features []string // the PMML field of each model feature, in order
	target   string
	classes  []string // nil for regression
	task     model.Task
	// top is the top-level model's MiningSchema: the raw inputs the
	// features need, with their treatments, and the target.
	top *elem
	fs  *fields // the document's field names, so that new ones are unique
	// notes are facts about the model for the Report.
	notes []string
}

func (m *modelCtx) function() string {
	if m.task == model.Regression {
		return "regression"
	}
	return "classification"
}

// schema is a MiningSchema listing the given active fields and the target.
func (m *modelCtx) schema(active []string) *elem {
	s := el("MiningSchema")
	for _, f := range active {
		s.add(el("MiningField", "name", f))
	}
	return s.add(el("MiningField", "name", m.target, "usageType", "target"))
}

// treeEnsemble writes a model.TreeEnsemble: one tree averaged is a
// TreeModel; several averaged are a MiningModel whose Segmentation
// averages them ("average": the mean of the trees' class probabilities,
// or of their values); TreeSum ensembles are a modelChain of one summing
// MiningModel per score and a RegressionModel that adds the base scores
// and applies the link (see boosted).
func (m *modelCtx) treeEnsemble(e model.TreeEnsemble) (*elem, string, error) {
	if e.Features != len(m.features) {
		return nil, "", fmt.Errorf("the tree ensemble has %d features, the pipeline gives %d", e.Features, len(m.features))
	}
	switch e.Combine {
	case model.TreeAverage:
		if e.Link != model.LinkIdentity {
			return nil, "", unsupported("the tree model", "averaged trees with a link other than the identity")
		}
		if len(e.Trees) == 1 {
			return m.treeModel(e, e.Trees[0], "", true), "TreeModel", nil
		}
		seg := el("Segmentation", "multipleModelMethod", "average")
		for i, t := range e.Trees {
			seg.add(el("Segment", "id", strconv.Itoa(i+1)).add(el("True"), m.treeModel(e, t, "", false)))
		}
		mm := el("MiningModel", "functionName", m.function(), "algorithmName", "random forest").
			add(m.top, m.output(), seg)
		return mm, fmt.Sprintf("MiningModel: Segmentation average of %d TreeModel", len(e.Trees)), nil
	case model.TreeSum:
		return m.boosted(e)
	}
	return nil, "", unsupported("the tree model", "an unknown way of combining trees (%d)", e.Combine)
}

// treeModel writes one tree. Each split is two children, v <= threshold
// (lessOrEqual) and v > threshold (greaterThan); a missing v makes the
// first predicate UNKNOWN, and missingValueStrategy defaultChild then
// takes the child the split's defaultChild names, the side Modelbench
// sends missing values. Every present value satisfies one of the two, so
// no node is left without a true child. sum trees (scoreOnly) hold one
// value per leaf: the leaf's score.
func (m *modelCtx) treeModel(e model.TreeEnsemble, t model.Tree, name string, top bool) *elem {
	fn := m.function()
	scoreOnly := e.Combine == model.TreeSum
	if scoreOnly {
		fn = "regression"
	}
	used := map[int]bool{}
	for _, n := range t.Nodes {
		if !n.IsLeaf() {
			used[n.Feature] = true
		}
	}
	var active []string
	for j, f := range m.features {
		if used[j] {
			active = append(active, f)
		}
	}
	tm := el("TreeModel", "modelName", name, "functionName", fn, "missingValueStrategy", "defaultChild",
		"noTrueChildStrategy", "returnNullPrediction", "splitCharacteristic", "binarySplit")
	switch {
	case top:
		tm.add(m.top, m.output())
	case scoreOnly:
		tm.add(m.sumSchema(active))
	default:
		tm.add(m.schema(active))
	}
	var node func(i int, pred *elem) *elem
	node = func(i int, pred *elem) *elem {
		n := t.Nodes[i]
		x := el("Node", "id", strconv.Itoa(i))
		if n.IsLeaf() {
			x.add(pred)
			m.leaf(x, n, scoreOnly)
			return x
		}
		def := n.Right
		if n.MissingLeft {
			def = n.Left
		}
		x.set("defaultChild", strconv.Itoa(def))
		f, th := m.features[n.Feature], num(n.Threshold)
		x.add(pred,
			node(n.Left, el("SimplePredicate", "field", f, "operator", "lessOrEqual", "value", th)),
			node(n.Right, el("SimplePredicate", "field", f, "operator", "greaterThan", "value", th)))
		return x
	}
	return tm.add(node(0, el("True")))
}

// sumSchema is the MiningSchema of a model whose result is an
// intermediate score: its active fields only. A tree of one leaf reads
// none, but a MiningSchema needs a field: it lists the first feature.
func (m *modelCtx) sumSchema(active []string) *elem {
	if len(active) == 0 {
		active = m.features[:1]
	}
	s := el("MiningSchema")
	for _, f := range active {
		s.add(el("MiningField", "name", f))
	}
	return s
}

// leaf sets a leaf's score and, for classes, its probabilities (the
// leaf's class shares; recordCount holds the same share, as Modelbench
// keeps shares rather than counts).
func (m *modelCtx) leaf(x *elem, n model.TreeNode, scoreOnly bool) {
	if scoreOnly || m.task == model.Regression {
		x.set("score", num(n.Value[0]))
		return
	}
	best := 0
	for k, p := range n.Value {
		if p > n.Value[best] {
			best = k
		}
	}
	x.set("score", m.classes[best])
	for k, p := range n.Value {
		x.kids = append(x.kids, el("ScoreDistribution", "value", m.classes[k], "recordCount", num(p), "probability", num(p)))
	}
}

// boosted writes gradient boosting as JPMML-SkLearn does: a MiningModel
// whose Segmentation is a modelChain. For each score k, a MiningModel
// sums its trees (Segmentation sum) into the output field boost_k; the
// last segment is a RegressionModel whose table k is base_k + boost_k:
// regression returns it, two classes apply the logit (the first table is
// the second class: p = 1 / (1 + exp(-score)), the other class 1 - p),
// more apply the softmax.
func (m *modelCtx) boosted(e model.TreeEnsemble) (*elem, string, error) {
	if len(e.Base) != e.Outputs {
		return nil, "", fmt.Errorf("the boosted trees have %d base scores for %d outputs", len(e.Base), e.Outputs)
	}
	chain := el("Segmentation", "multipleModelMethod", "modelChain")
	sums := make([]string, e.Outputs)
	for k := range sums {
		var trees []model.Tree
		for _, t := range e.Trees {
			if t.Output == k {
				trees = append(trees, t)
			}
		}
		if len(trees) == 0 {
			continue
		}
		sums[k] = "boost_" + strconv.Itoa(k)
		seg := el("Segmentation", "multipleModelMethod", "sum")
		used := map[string]bool{}
		for i, t := range trees {
			tm := m.treeModel(e, t, "", false)
			for _, mf := range tm.kids[0].kids {
				used[mf.attr("name")] = true
			}
			seg.add(el("Segment", "id", strconv.Itoa(i+1)).add(el("True"), tm))
		}
		var active []string
		for _, f := range m.features {
			if used[f] {
				active = append(active, f)
			}
		}
		sum := el("MiningModel", "functionName", "regression").add(m.sumSchema(active),
			el("Output").add(el("OutputField", "name", sums[k], "optype", "continuous", "dataType", "double", "feature", "predictedValue")), seg)
		chain.add(el("Segment", "id", "sum_"+strconv.Itoa(k)).add(el("True"), sum))
	}
	var present []string
	for _, s := range sums {
		if s != "" {
			present = append(present, s)
		}
	}
	table := func(k int, category string) *elem {
		t := el("RegressionTable", "intercept", num(e.Base[k]), "targetCategory", category)
		if sums[k] != "" {
			t.add(el("NumericPredictor", "name", sums[k], "coefficient", "1"))
		}
		return t
	}
	rm := el("RegressionModel", "functionName", m.function()).add(m.schema(present))
	switch e.Link {
	case model.LinkIdentity:
		if m.task != model.Regression {
			return nil, "", unsupported("the boosted trees", "summed scores used as probabilities directly")
		}
		rm.add(table(0, ""))
	case model.LinkSigmoid:
		if len(m.classes) != 2 || e.Outputs != 1 {
			return nil, "", fmt.Errorf("a sigmoid link needs two classes and one score")
		}
		rm.set("normalizationMethod", "logit")
		rm.add(table(0, m.classes[1]), el("RegressionTable", "intercept", "0", "targetCategory", m.classes[0]))
	case model.LinkSoftmax:
		if len(m.classes) != e.Outputs {
			return nil, "", fmt.Errorf("a softmax link needs one score per class")
		}
		rm.set("normalizationMethod", "softmax")
		for k, c := range m.classes {
			rm.add(table(k, c))
		}
	default:
		return nil, "", unsupported("the boosted trees", "an unknown link (%d)", e.Link)
	}
	chain.add(el("Segment", "id", "link").add(el("True"), rm))
	mm := el("MiningModel", "functionName", m.function(), "algorithmName", "gradient boosting").add(m.top, m.output(), chain)
	norm := rm.attr("normalizationMethod")
	if norm == "" {
		norm = "none"
	}
	return mm, fmt.Sprintf("MiningModel: modelChain of %d summing MiningModel (%d TreeModel) and a RegressionModel (%s)", len(present), len(e.Trees), norm), nil
}
