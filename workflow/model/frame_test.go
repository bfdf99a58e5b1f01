package model

import (
	"math"
	"strings"
	"testing"

	"modelbench/workflow/data"
)

func TestInferTask_ByTargetColumn(t *testing.T) {
	cases := []struct {
		col  data.Column
		want Task
	}{
		{data.NewCategoricalFromStrings("y", []string{"a", "b"}, nil), Classification},
		{data.NewNumeric("y", []float64{0, 1, 1, 0}, nil), Classification},
		{data.NewNumeric("y", []float64{1.5, 2, 3}, nil), Regression},
		{data.NewNumeric("y", seq(30), nil), Regression},
	}
	for i, c := range cases {
		if got := InferTask(c.col); got != c.want {
			t.Errorf("case %d: %v, want %v", i, got, c.want)
		}
	}
}

func seq(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(i)
	}
	return out
}

func TestNewDataset_EncodesClassesSorted(t *testing.T) {
	y := data.NewCategoricalFromStrings("y", []string{"no", "yes", "maybe", "no"}, nil)
	x := data.NewNumeric("x", []float64{1, 2, 3, 4}, nil)
	b := data.NewBoolean("b", []bool{true, false, true, false}, nil)
	f, _ := data.NewFrame(x, b, y)
	d, err := NewDataset(f, "y", Classification, nil)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(d.Classes, ",") != "maybe,no,yes" || d.Y[0] != 1 || d.Y[2] != 0 || d.X[1][0] != 1 {
		t.Fatalf("dataset %+v", d)
	}
	if err := d.Validate(); err != nil {
		t.Fatal(err)
	}
	labels, _ := Labels([]float64{2, 0}, d.Classes)
	if labels[0] != "yes" || labels[1] != "maybe" {
		t.Fatalf("labels %v", labels)
	}
	if _, err := NewDataset(f, "y", Classification, []string{"no", "yes"}); err == nil {
		t.Fatal("an unseen class was accepted")
	}
}

func TestNewDataset_RejectsTextFeaturesAndMissingTargets(t *testing.T) {
	txt := data.NewCategoricalFromStrings("c", []string{"a", "b"}, nil)
	y := data.NewNumeric("y", []float64{1.5, math.NaN()}, nil)
	f, _ := data.NewFrame(txt, y)
	if _, err := NewDataset(f, "y", Regression, nil); err == nil || !strings.Contains(err.Error(), "one_hot") {
		t.Fatalf("error %v should suggest an encoding step", err)
	}
	g, _ := data.NewFrame(data.NewNumeric("x", []float64{1, 2}, nil), y)
	if _, err := NewDataset(g, "y", Regression, nil); err == nil {
		t.Fatal("a missing target was accepted")
	}
	rows, _ := RowsWithTarget(g, "y")
	if len(rows) != 1 || rows[0] != 0 {
		t.Fatalf("rows with target %v", rows)
	}
}
