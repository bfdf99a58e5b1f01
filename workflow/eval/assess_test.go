package eval

import (
	"context"
	"math"
	"testing"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/internal/testsets"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// assessSample fits learner on the first 70% of a shuffled sample and
// assesses it on the rest.
func assessSample(t *testing.T, file, target, learner string, task model.Task) *Assessment {
	t.Helper()
	tab, err := data.LoadCSV(context.Background(), testsets.Path(file), data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := tab.Frame
	rows, _ := model.RowsWithTarget(f, target)
	f = f.Take(rows)
	s := prep.SplitSpec{Method: prep.SplitRandom, Train: 0.7, Test: 0.3, Seed: 5}
	sp, err := s.Split(f, target)
	if err != nil {
		t.Fatal(err)
	}
	train := f.Take(sp.Train)
	sch := data.InferSchema(train, nil)
	sch, _ = sch.WithRole(target, data.Target)
	a, err := artifact.Fit(context.Background(), train, artifact.Spec{Target: target, Task: task,
		Pipeline: prep.Default(sch, train, true), Learner: learner, Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	as, err := Assess(context.Background(), a, f.Take(sp.Test), AssessOptions{Repeats: 2, Seed: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func TestAssess_BinaryHasCurvesThresholdAndSlices(t *testing.T) {
	as := assessSample(t, "cardata_titanic.csv", "survived", "logistic", model.Classification)
	if as.Confusion == nil || as.Threshold == nil || as.Gain == nil || len(as.Calibration) == 0 || len(as.ROC) != 1 {
		t.Fatalf("binary views missing: %+v", as)
	}
	// The confusion matrix agrees with accuracy computed here from the predictions.
	ok := 0
	for i := range as.Predictions.Truth {
		if as.Predictions.Truth[i] == as.Predictions.Pred[i] {
			ok++
		}
	}
	if acc := float64(ok) / float64(len(as.Predictions.Truth)); math.Abs(acc-as.Metrics.Metrics["accuracy"]) > 1e-12 {
		t.Fatalf("accuracy %v, recomputed %v", as.Metrics.Metrics["accuracy"], acc)
	}
	if as.Metrics.Metrics["roc_auc"] < 0.75 {
		t.Fatalf("titanic logistic AUC %.3f is implausibly low", as.Metrics.Metrics["roc_auc"])
	}
	if as.Importance == nil || as.Importance.Features[0].Column != "sex" {
		t.Fatalf("the most important column on titanic should be sex: %+v", as.Importance)
	}
	if len(as.Slices) == 0 || as.Worst == nil || len(as.Dependence) == 0 {
		t.Fatalf("slices %d worst %v dependence %d", len(as.Slices), as.Worst, len(as.Dependence))
	}
	at := as.Threshold.At(0.5)
	if at.TP+at.FN == 0 {
		t.Fatal("the threshold explorer sees no positives")
	}
	_ = metrics.Costs{}
}

func TestAssess_MulticlassAndRegression(t *testing.T) {
	mc := assessSample(t, "penguins.csv", "species", "tree", model.Classification)
	if len(mc.ROC) != 3 || mc.Threshold != nil || mc.Confusion == nil {
		t.Fatalf("multiclass: roc %d threshold %v", len(mc.ROC), mc.Threshold)
	}
	rg := assessSample(t, "sk_diabetes.csv", "target", "linear", model.Regression)
	if rg.Confusion != nil || rg.ROC != nil || rg.Metrics.Metrics["r2"] < 0.3 {
		t.Fatalf("regression: %+v", rg.Metrics)
	}
}
