package onnx

import (
	"fmt"

	"modelbench/workflow/artifact"
	"modelbench/workflow/model"
	"modelbench/workflow/model/bayes"
	"modelbench/workflow/model/knn"
	"modelbench/workflow/model/linear"
)

// modelResult names the model's results in the graph: for a classifier the
// class index (int64 [N]) and the probabilities (double [N, k]); for a
// regression the value (double [N, 1]).
type modelResult struct {
	index, proba, value string
}

// plannedModel is a model checked for export.
type plannedModel struct {
	how   string
	notes []string
	// emit writes the model on the feature columns x ([N, 1] doubles, in
	// the model's Features order).
	emit func(g *graph, x []string) modelResult
}

// typed is the optional capability of models that name their saved type.
type typed interface{ ModelType() string }

// planModel finds how to write the artifact's model.
func planModel(a *artifact.Artifact) (plannedModel, error) {
	part := fmt.Sprintf("the model (%s)", a.Learner)
	bad := func(format string, args ...any) error {
		return &UnsupportedError{Part: part, Why: fmt.Sprintf(format, args...)}
	}
	m := a.Model
	if m.Task() != a.Task {
		return plannedModel{}, bad("it predicts a %v target, the artifact a %v one", m.Task(), a.Task)
	}
	if a.Task == model.Classification && len(m.Classes()) != len(a.Classes) {
		return plannedModel{}, bad("it has %d classes, the artifact %d", len(m.Classes()), len(a.Classes))
	}
	switch mm := m.(type) {
	case model.TreeEnsembler:
		return planTrees(mm.TreeEnsemble(), len(m.Features()), bad)
	case *linear.Fitted:
		return planLinear(mm, bad)
	case *bayes.Fitted:
		return planBayes(mm.Parameters(), bad)
	case *knn.Fitted:
		return planKNN(mm.Neighbours(), bad)
	}
	if t, ok := m.(typed); ok && t.ModelType() == "baseline" {
		return planBaseline(m, a.Task, bad)
	}
	return plannedModel{}, bad("the exporter does not know this kind of model (%T)", m)
}

// planBaseline writes the constant answer of the baseline, which ignores
// the features: its prediction and probabilities for any one row.
func planBaseline(m model.Model, task model.Task, bad func(string, ...any) error) (plannedModel, error) {
	row := make([][]float64, len(m.Features()))
	for j := range row {
		row[j] = []float64{0}
	}
	pred, err := m.Predict(row)
	if err != nil {
		return plannedModel{}, bad("it does not predict: %v", err)
	}
	var proba []float64
	if task == model.Classification {
		pp, ok := m.(model.ProbPredictor)
		if !ok {
			return plannedModel{}, bad("it gives no probabilities")
		}
		p, err := pp.PredictProba(row)
		if err != nil {
			return plannedModel{}, bad("it gives no probabilities: %v", err)
		}
		proba = p[0]
	}
	return plannedModel{how: "constants (the baseline ignores the features): ConstantOfShape and Expand", emit: func(g *graph, x []string) modelResult {
		if task == model.Regression {
			return modelResult{value: g.fill(x[0], pred[0])}
		}
		ones := g.fill(x[0], 1)
		probs := g.mul(ones, g.row(proba))
		idx := g.op("Reshape", []string{g.toInt64(g.fill(x[0], pred[0])), g.int64s([]int64{1}, -1)})
		return modelResult{index: idx, proba: probs}
	}}, nil
}

// argmax is the index of the largest value of each row of s ([N, k]), the
// first on ties, as int64 [N].
func (g *graph) argmax(s string) string {
	return g.op("ArgMax", []string{s}, aInt("axis", 1), aInt("keepdims", 0), aInt("select_last_index", 0))
}

// softmax is Modelbench's softmax over the rows of s ([N, k]): shifted by
// the row's largest score, exponentiated, divided by the sum.
func (g *graph) softmax(s string) string {
	m := g.op("ReduceMax", []string{s}, aInts("axes", []int64{1}), aInt("keepdims", 1))
	e := g.exp(g.sub(s, m))
	sum := g.op("ReduceSum", []string{e, g.int64s([]int64{1}, 1)}, aInt("keepdims", 1))
	return g.div(e, sum)
}

// sigmoidPair is {1 - p, p} with p = 1 / (1 + exp(-s)) for s [N, 1].
func (g *graph) sigmoidPair(p string) string {
	return g.concat(1, g.sub(g.scalar(1), p), p)
}
