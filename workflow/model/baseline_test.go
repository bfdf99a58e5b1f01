package model_test

import (
	"context"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/modeltest"
)

func TestBaseline_Conformance(t *testing.T) { modeltest.RunAll(t, "baseline") }

func FuzzDecodeBaseline(f *testing.F) { modeltest.FuzzDecode(f, "baseline") }

func TestBaseline_MajorityAndPriors(t *testing.T) {
	d := &model.Dataset{Task: model.Classification, Features: []string{"f"}, X: [][]float64{{1, 2, 3, 4, 5}},
		Y: []float64{2, 0, 2, 1, 2}, Classes: []string{"a", "b", "c"}}
	m, err := model.Baseline{}.Fit(context.Background(), d, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, _ := m.Predict([][]float64{{9, 9}})
	if p[0] != 2 || p[1] != 2 {
		t.Errorf("Predict = %v, want the majority class 2", p)
	}
	proba, _ := m.(model.ProbPredictor).PredictProba([][]float64{{0}})
	want := []float64{0.2, 0.2, 0.6}
	for c := range want {
		if proba[0][c] != want[c] {
			t.Errorf("P(class %d) = %v, want %v", c, proba[0][c], want[c])
		}
	}
}
