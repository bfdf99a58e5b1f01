package tree_test

import (
	"context"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/modeltest"
	"modelbench/workflow/model/tree"
)

// FuzzDecodeSmall fuzzes model.Unmarshal with the saved forms (packed and
// readable; the corpus holds version 1 files too) of tiny tree, forest and
// boosting models (fast to mutate, unlike the
// conformance suite's seeds): damaged input must give an error, never a
// panic or an endless walk, and a model that decodes must predict, give
// probabilities, explain and show its nodes without panicking.
func FuzzDecodeSmall(f *testing.F) {
	d := flowers()
	var seeds []model.Model
	for _, l := range []model.Learner{
		tree.DecisionTree{MaxDepth: 2},
		tree.RandomForest{Trees: 2, MaxDepth: 2},
		tree.GradientBoosting{MaxIter: 2, MinLeaf: 2},
	} {
		for _, task := range []model.Task{model.Classification, model.Regression} {
			dd := *d
			dd.Task = task
			if task == model.Regression {
				dd.Classes = nil
			}
			m, err := l.Fit(context.Background(), &dd, nil)
			if err != nil {
				f.Fatal(err)
			}
			seeds = append(seeds, m)
			r, err := model.MarshalReadable(m)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(r)
		}
	}
	modeltest.FuzzUnmarshal(f, seeds, checkDecoded)
}

// checkDecoded is FuzzDecodeSmall's check of a model that decoded: it
// predicts four rows, gives probabilities and explains without an error,
// and shows its nodes and pruning path without panicking.
func checkDecoded(t *testing.T, m model.Model) {
	X := make([][]float64, len(m.Features()))
	for j := range X {
		X[j] = []float64{0, 1, -1e300, 2}
	}
	if p, err := m.Predict(X); err != nil || len(p) != 4 {
		t.Fatalf("Predict: %v, %v", p, err)
	}
	if pp, ok := m.(model.ProbPredictor); ok && m.Task() == model.Classification {
		if _, err := pp.PredictProba(X); err != nil {
			t.Fatal(err)
		}
	}
	if ex, ok := m.(model.Explainer); ok {
		if _, err := ex.Explain(make([]float64, len(X))); err != nil {
			t.Fatal(err)
		}
	}
	switch tm := m.(type) {
	case *tree.TreeModel:
		tm.Nodes()
		tm.PruningPath()
	case *tree.ForestModel:
		tm.Tree(0)
	case *tree.BoostingModel:
		if tm.NumTrees() > 0 {
			tm.Tree(0)
		}
	}
}
