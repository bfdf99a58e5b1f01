package modelview

import (
	"context"
	"errors"
	"strings"
	"testing"

	"modelbench/plots"
	"modelbench/workflow"
	"modelbench/workflow/artifact"
	"modelbench/workflow/eval"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners"
	"modelbench/workflow/prep"
)

func fit(t *testing.T, learner string) *artifact.Artifact {
	t.Helper()
	ctx := context.Background()
	tb, _, err := workflow.LoadRef(ctx, workflow.DataRef{Sample: "iris"}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := artifact.Fit(ctx, tb.Frame, artifact.Spec{Target: "species", Task: model.Classification,
		Pipeline: prep.Default(tb.Schema, tb.Frame, true), Learner: learner, Seed: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

func TestInspect_DrawsTreeForestAndLinearModels(t *testing.T) {
	for _, l := range []string{"tree", "forest", "logistic", "gbt"} {
		a := fit(t, l)
		f, err := Inspect(a.Model, a.Classes, plots.Light())
		if err != nil {
			t.Fatalf("%s: %v", l, err)
		}
		img, err := plots.Image(f, 900, 600)
		if err != nil || img.Bounds().Dx() != 900 {
			t.Fatalf("%s: render %v", l, err)
		}
	}
	a := fit(t, "knn")
	if _, err := Inspect(a.Model, a.Classes, plots.Light()); err == nil {
		t.Fatal("k-NN has no picture of its insides; Inspect should say so")
	}
}

func TestNodeValue_NamesMajorityClass(t *testing.T) {
	if got := nodeValue([]float64{0.1, 0.7, 0.2}, []string{"a", "b", "c"}); got != "b (70%)" {
		t.Fatalf("got %q", got)
	}
	if got := nodeValue([]float64{12.34567}, nil); got != "12.35" {
		t.Fatalf("got %q", got)
	}
}

func TestOutOfFoldROC_OneCurvePerModel(t *testing.T) {
	ctx := context.Background()
	tb, _, err := workflow.LoadRef(ctx, workflow.DataRef{Sample: "titanic"}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	var cands []eval.Candidate
	for _, name := range []string{"logistic", "tree"} {
		l, _ := model.New(name, model.Classification, nil)
		cands = append(cands, eval.Candidate{Name: name, Learner: l})
	}
	lb, err := eval.RunLeaderboard(ctx, tb.Frame, "survived", prep.Default(tb.Schema, tb.Frame, true), cands, "", eval.CVOptions{Task: model.Classification}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := OutOfFoldROC(lb, plots.Light())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := plots.PNG(f, 600, 400); err != nil {
		t.Fatal(err)
	}
}

// TestTree_DrawsTheViewOfADecisionTree: Inspect draws a decision tree
// from its model.TreeEnsemble and sample counts, with the same labels as
// the tree's own nodes give.
func TestTree_DrawsTheViewOfADecisionTree(t *testing.T) {
	a := fit(t, "tree")
	e := a.Model.(model.TreeEnsembler).TreeEnsemble()
	samples := a.Model.(model.TreeSampler).TreeSamples(0)
	root := treeNode(e.Trees[0], samples, a.Model.Features(), 0, a.Classes)
	if root.Samples != a.TrainRows || len(root.Children) != 2 || !strings.Contains(root.Label, " <= ") {
		t.Errorf("root drawn as %+v for %d training rows", root, a.TrainRows)
	}
	if _, err := Tree(model.Tree{}, nil, nil, nil, 4, plots.Light()); !errors.Is(err, plots.ErrNothingToDraw) {
		t.Errorf("empty tree: %v", err)
	}
	bad := model.Tree{Nodes: []model.TreeNode{{Feature: 0, Left: 0, Right: 1}, {Feature: -1, Left: -1, Right: -1}}}
	if _, err := Tree(bad, nil, []string{"x"}, nil, 4, plots.Light()); err == nil {
		t.Error("a split pointing at itself was drawn")
	}
}
