package workflow

import (
	"context"
	"strings"
	"testing"
)

func chosenProject(t *testing.T, sample string, learners ...string) *Project {
	t.Helper()
	p := preparedProject(t, sample)
	var cands []CandidateSpec
	for _, l := range learners {
		cands = append(cands, CandidateSpec{Name: l, Learner: l})
	}
	ctx := context.Background()
	if _, err := p.RunTrain(ctx, TrainSettings{Candidates: cands, Validation: ValidateCV, Folds: 3, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ChooseModel(ctx, learners[0], "first candidate", nil); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestEvaluate_TestPartOnceAndWarningsOtherwise(t *testing.T) {
	p := chosenProject(t, "titanic", "logistic", "tree")
	ctx := context.Background()
	res, err := p.RunEvaluate(ctx, PartTest, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Issues) != 0 || res.Assessment.Metrics.Rows != len(p.Preparation().Split.Test) {
		t.Fatalf("first test evaluation: issues %v rows %d", res.Issues, res.Assessment.Metrics.Rows)
	}
	if p.Status(StageDeploy) != Ready {
		t.Fatalf("deploy %v after evaluation", p.Status(StageDeploy))
	}
	tr, err := p.RunEvaluate(ctx, PartTraining, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(tr.Issues) == 0 || !strings.Contains(tr.Issues[0].Text, "too") && !strings.Contains(tr.Issues[0].Text, "train") {
		t.Fatalf("evaluating on training rows gave no warning: %v", tr.Issues)
	}
	if _, err := p.ChooseModel(ctx, "tree", "changed my mind after seeing the test score", nil); err != nil {
		t.Fatal(err)
	}
	again, err := p.RunEvaluate(ctx, PartTest, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Issues) == 0 || !strings.Contains(again.Issues[0].Text, "test set") {
		t.Fatalf("a second model on the test set must warn: %v", again.Issues)
	}
}

func TestEvaluate_ThresholdAndCostsAreRecorded(t *testing.T) {
	p := chosenProject(t, "titanic", "logistic")
	if err := p.SetCosts(1, 5); err != nil {
		t.Fatal(err)
	}
	if err := p.SetThreshold(0.3, "missing a survivor costs five times more"); err != nil {
		t.Fatal(err)
	}
	if p.SetThreshold(2, "") == nil || p.SetCosts(-1, 0) == nil {
		t.Fatal("bad threshold or cost accepted")
	}
	d := p.Document()
	if *d.Evaluate.Threshold != 0.3 || d.Evaluate.CostFN != 5 {
		t.Fatalf("evaluate config %+v", d.Evaluate)
	}
}

// TestEvaluate_CostsRepriceTheCurrentEvaluation: new costs reach the
// evaluation the report and documents read, not only the screen.
func TestEvaluate_CostsRepriceTheCurrentEvaluation(t *testing.T) {
	p := chosenProject(t, "titanic", "logistic")
	if _, err := p.RunEvaluate(context.Background(), PartTest, nil); err != nil {
		t.Fatal(err)
	}
	before := p.Evaluation().Assessment.Threshold.MinCost()
	if err := p.SetCosts(1, 20); err != nil {
		t.Fatal(err)
	}
	ex := p.Evaluation().Assessment.Threshold
	if c := ex.Costs(); c.FalsePositive != 1 || c.FalseNegative != 20 {
		t.Fatalf("the evaluation still prices mistakes at %+v", c)
	}
	after := ex.MinCost()
	if after.Threshold >= before.Threshold {
		t.Fatalf("missed survivors 20 times dearer must lower the cheapest threshold: %.3f -> %.3f", before.Threshold, after.Threshold)
	}
}
