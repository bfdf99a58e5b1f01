package eda

import (
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"modelbench/workflow/data"
)

func predictorNames(ps []Predictor) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.Column)
	}
	return out
}

// On every real dataset, the cheap check finds exactly the columns that
// Explore's target-leakage alert names (two code paths, one measure).
func TestPerfectPredictors_AgreeWithTheLeakageAlert(t *testing.T) {
	for _, c := range []struct{ file, target string }{
		{"sk_iris.csv", "target_name"}, {"sk_iris.csv", "target"}, {"sk_wine.csv", "target_name"},
		{"sk_breast_cancer.csv", "target_name"}, {"penguins.csv", "species"}, {"weka_diabetes.csv", "class"},
		{"cardata_titanic.csv", "survived"}, {"weka_credit_g.csv", "class"}, {"weka_soybean.csv", "class"},
		{"vega_seattle_weather.csv", "weather"}, {"r_mtcars.csv", "mpg"}, {"sk_diabetes.csv", "target"},
		{"weka_vote.csv", "Class"},
	} {
		t.Run(c.file+"/"+c.target, func(t *testing.T) {
			tb, err := data.LoadCSV(context.Background(), filepath.Join(datasetsDir, c.file), data.CSVOptions{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			rep, err := Describe(context.Background(), tb, Options{Target: c.target}, nil)
			if err != nil {
				t.Fatal(err)
			}
			var want []string
			for _, a := range rep.Alerts {
				if a.Kind == KindLeakage {
					want = append(want, a.Column)
				}
			}
			var feats []string
			for _, n := range tb.Frame.Names() {
				if n != c.target {
					feats = append(feats, n)
				}
			}
			got, err := PerfectPredictors(context.Background(), tb.Frame, c.target, feats, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(predictorNames(got), want) {
				t.Fatalf("perfect predictors %v, the leakage alert names %v", predictorNames(got), want)
			}
		})
	}
}

func TestPerfectPredictors_Measures(t *testing.T) {
	ctx := context.Background()
	classes := labels(60, func(i int) string { return []string{"a", "b", "c"}[i%3] })
	code := make([]float64, 60)
	ranged := make([]float64, 60)
	noisy := make([]float64, 60)
	for i := range code {
		code[i] = float64(i % 3)
		ranged[i] = float64(i%3)*100 + float64(i) // each class in its own range
		noisy[i] = float64(i % 7)
	}
	f, err := data.NewFrame(mkCat("y", classes...), mkNum("code", code...), mkNum("ranged", ranged...), mkNum("noisy", noisy...),
		mkCat("id", labels(60, func(i int) string { return "r" + string(rune('A'+i%26)) + string(rune('a'+i/26)) })...))
	if err != nil {
		t.Fatal(err)
	}
	got, err := PerfectPredictors(ctx, f, "y", []string{"code", "ranged", "noisy", "id"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Column != "code" || got[0].Measure != MeasureLambda || got[0].Score != 1 || got[0].Levels != 3 || got[0].Rows != 60 ||
		got[1].Column != "ranged" || got[1].Measure != MeasureSeparation {
		t.Fatalf("got %+v", got)
	}
	if !strings.Contains(got[0].Evidence, "λ = 1.0000 over 60 rows") {
		t.Errorf("evidence %q", got[0].Evidence)
	}
	// Only the rows given count: on rows 0..2 every column is perfect,
	// but with one row per class that means nothing.
	got, _ = PerfectPredictors(ctx, f, "y", []string{"code", "noisy"}, []int{0, 1, 2})
	if len(got) != 0 {
		t.Fatalf("three rows: %+v", got)
	}
	if _, err := PerfectPredictors(ctx, f, "y", []string{"nope"}, nil); err == nil {
		t.Fatal("an unknown feature must be an error")
	}
	if got, err := PerfectPredictors(ctx, f, "absent", []string{"code"}, nil); got != nil || err != nil {
		t.Fatalf("an absent target: %v %v", got, err)
	}
}

func TestPerfectPredictors_Regression(t *testing.T) {
	x := normal(1, 200, 0, 1)
	y, copyOf, unrelated := make([]float64, 200), make([]float64, 200), normal(2, 200, 0, 1)
	for i, v := range x {
		y[i] = 3*v + 0.5*unrelated[i]
		copyOf[i] = y[i]*2 + 7 // the target in other units
	}
	f, _ := data.NewFrame(mkNum("y", y...), mkNum("x", x...), mkNum("copy", copyOf...), mkNum("unrelated", unrelated...))
	got, err := PerfectPredictors(context.Background(), f, "y", []string{"x", "copy", "unrelated"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Column != "copy" || got[0].Measure != MeasurePearson || got[0].Score < 0.9999 {
		t.Fatalf("got %+v", got)
	}
}

// A feature that is perfect on the screened rows but not on the others is
// not reported: the screen only narrows the search.
func TestPerfectPredictors_ConfirmsOnEveryRow(t *testing.T) {
	n := 2 * PredictorScreenRows
	y := labels(n, func(i int) string { return []string{"no", "yes"}[i/3%2] })
	leak := append([]string(nil), y...)
	for i := 1; i < n; i += 10 { // odd rows, which the screen skips
		leak[i] = map[string]string{"no": "yes", "yes": "no"}[leak[i]]
	}
	f, _ := data.NewFrame(mkCat("y", y...), mkCat("leak", leak...), mkCat("copy", y...))
	if got := spaced(seqInts(n), PredictorScreenRows); got[1] != 2 {
		t.Fatalf("the screen should take every other row, got %v…", got[:3])
	}
	got, err := PerfectPredictors(context.Background(), f, "y", []string{"leak", "copy"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(predictorNames(got), []string{"copy"}) || got[0].Rows != n {
		t.Fatalf("got %+v", got)
	}
}

func seqInts(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}
