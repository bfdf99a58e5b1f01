package model

import (
	"errors"
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

func TestClassLabels_SortedAsScikitLearn(t *testing.T) {
	// np.unique sorts numbers by value and strings by code point; unused
	// categorical levels and missing values are not classes.
	cat := data.NewCategoricalFromStrings("y", []string{"b", "", "a", "B", "b"}, nil)
	sub := cat.Take([]int{0, 1, 4}) // keeps level "a" and "B" in the dictionary, unused
	num := data.NewNumeric("y", []float64{10, 2, math.NaN(), 2, -1}, nil)
	cases := []struct {
		col  data.Column
		want string
	}{
		{cat, "B,a,b"},
		{sub, "b"},
		{num, "-1,2,10"},
		{data.NewBoolean("y", []bool{true, false}, nil), "false,true"},
	}
	for i, c := range cases {
		if got := strings.Join(ClassLabels(c.col), ","); got != c.want {
			t.Errorf("case %d: %q, want %q", i, got, c.want)
		}
	}
}

func TestTargetValues_IndexesMissingAndUnseen(t *testing.T) {
	nan := math.NaN()
	cases := []struct {
		name    string
		col     data.Column
		task    Task
		classes []string
		want    []float64
	}{
		{"categorical", data.NewCategoricalFromStrings("y", []string{"no", "", "yes", "maybe"}, nil), Classification,
			[]string{"no", "yes"}, []float64{0, nan, 1, nan}},
		{"numeric classes", data.NewNumeric("y", []float64{10, 2, nan, 2}, nil), Classification,
			[]string{"2", "10"}, []float64{1, 0, nan, 0}},
		{"boolean", data.NewBoolean("y", []bool{true, false, true}, missingAt(3, 2)), Classification,
			[]string{"false", "true"}, []float64{1, 0, nan}},
		{"regression", data.NewNumeric("y", []float64{1.5, nan, -3}, nil), Regression, nil, []float64{1.5, nan, -3}},
	}
	for _, c := range cases {
		got, err := TargetValues(c.col, c.task, c.classes)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		for i := range c.want {
			if got[i] != c.want[i] && !(math.IsNaN(got[i]) && math.IsNaN(c.want[i])) {
				t.Errorf("%s row %d: %v, want %v", c.name, i, got[i], c.want[i])
			}
		}
	}
	if _, err := TargetValues(data.NewCategoricalFromStrings("y", []string{"a"}, nil), Regression, nil); err == nil || !strings.Contains(err.Error(), "needs numbers") {
		t.Errorf("categorical regression target: %v", err)
	}
}

func TestMatrix_SharesNumbersConvertsBooleans(t *testing.T) {
	x := data.NewNumeric("x", []float64{1, math.NaN()}, nil)
	b := data.NewBoolean("b", []bool{true, false}, missingAt(2, 1))
	d := data.NewDatetime("d", []int64{0, 1}, nil, "")
	f, _ := data.NewFrame(x, b, d)
	X, err := Matrix(f, []string{"b", "x"})
	if err != nil {
		t.Fatal(err)
	}
	if X[0][0] != 1 || !math.IsNaN(X[0][1]) || &X[1][0] != &x.Values()[0] {
		t.Errorf("matrix %v", X)
	}
	if _, err := Matrix(f, []string{"d"}); err == nil || !strings.Contains(err.Error(), "date_parts") {
		t.Errorf("a date column: %v", err)
	}
	if _, err := Matrix(f, []string{"nope"}); !errors.Is(err, ErrSchemaMismatch) {
		t.Errorf("an absent column: %v", err)
	}
}

// missingAt is a mask of n rows with the given rows missing.
func missingAt(n int, rows ...int) data.Mask {
	m := data.NewMask(n)
	for _, r := range rows {
		m.Set(r)
	}
	return m
}
