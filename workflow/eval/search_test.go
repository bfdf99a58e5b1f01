package eval

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"os"
	"strings"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/tree"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"

	_ "modelbench/workflow/model/learners" // registers every learner family
)

func entry(t *testing.T, name string) model.Entry {
	t.Helper()
	e, ok := model.Lookup(name)
	if !ok {
		t.Fatalf("learner %q is not registered", name)
	}
	return e
}

// TestSearch_MatchesGridSearchCV compares a grid over logistic
// regression's C with scikit-learn's GridSearchCV on the same folds
// (mean_test_score and std_test_score; testdata/make_cv_fixtures.py).
func TestSearch_MatchesGridSearchCV(t *testing.T) {
	b, err := os.ReadFile("testdata/cv.json")
	if err != nil {
		t.Fatal(err)
	}
	var all struct {
		Cases []struct {
			Name string
			Fold []int
			Grid struct {
				C           []float64 `json:"C"`
				Accuracy    []float64 `json:"accuracy"`
				AccuracyStd []float64 `json:"accuracy_std"`
				LogLoss     []float64 `json:"log_loss"`
			}
		}
	}
	if err := json.Unmarshal(b, &all); err != nil {
		t.Fatal(err)
	}
	c := all.Cases[1]
	f := loadFrame(t, "cv_breast_cancer.csv")
	var values []any
	for _, v := range c.Grid.C {
		values = append(values, v)
	}
	opt := SearchOptions{Space: []Dimension{{Name: "C", Values: values}}, Fixed: param.Values{"tol": 1e-10, "max_iter": 10000},
		Metric: "log_loss", CV: CVOptions{Splits: foldsOf(c.Fold), Metrics: []string{"accuracy"}}}
	res, err := Search(context.Background(), f, "target_name", scaleAll, entry(t, "logistic"), opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Trials) != 4 || res.Metric != "log_loss" || res.HigherIsBetter {
		t.Fatalf("got %+v", res)
	}
	for i := 1; i < len(res.Trials); i++ {
		if res.Trials[i].Score < res.Trials[i-1].Score {
			t.Errorf("trials not sorted by log loss: %v then %v", res.Trials[i-1].Score, res.Trials[i].Score)
		}
	}
	for _, tr := range res.Trials {
		k := indexOf(c.Grid.C, tr.Params.Float("C"))
		if math.Abs(tr.Score-c.Grid.LogLoss[k]) > 1e-4*c.Grid.LogLoss[k] {
			t.Errorf("C=%v: log loss %v, GridSearchCV %v", c.Grid.C[k], tr.Score, c.Grid.LogLoss[k])
		}
		acc := tr.Result.Metrics["accuracy"]
		if math.Abs(acc.Mean-c.Grid.Accuracy[k]) > 1e-12 || math.Abs(acc.Std-c.Grid.AccuracyStd[k]) > 1e-12 {
			t.Errorf("C=%v: accuracy %v ± %v, GridSearchCV %v ± %v", c.Grid.C[k], acc.Mean, acc.Std, c.Grid.Accuracy[k], c.Grid.AccuracyStd[k])
		}
	}
	if !strings.HasPrefix(res.Trials[0].Label, "C=1") {
		t.Errorf("best trial %q; GridSearchCV's best log loss is at C=1", res.Trials[0].Label)
	}
}

func indexOf(v []float64, x float64) int {
	for i, y := range v {
		if y == x {
			return i
		}
	}
	return -1
}

// TestSearch_EqualsCrossValidate checks that a searched candidate scores
// exactly what cross-validating it alone gives (shared folds, shared
// pipeline fits), and that grid order and ranking are right.
func TestSearch_EqualsCrossValidate(t *testing.T) {
	f := synthFrame(160, 7, 0)
	opt := SearchOptions{Space: []Dimension{{Name: "max_depth", Values: []any{1, 3}}, {Name: "criterion"}},
		Metric: "accuracy", CV: CVOptions{Folds: prep.FoldSpec{K: 4, Seed: 3}}}
	res, err := Search(context.Background(), f, "y", synthPipe, entry(t, "tree"), opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Trials) != 4 {
		t.Fatalf("%d trials, want 2 depths × 2 criteria", len(res.Trials))
	}
	for _, tr := range res.Trials {
		alone, err := CrossValidate(context.Background(), f, "y", synthPipe,
			tree.DecisionTree{MaxDepth: tr.Params.Int("max_depth"), Criterion: tr.Params.String("criterion")},
			CVOptions{Folds: prep.FoldSpec{K: 4, Seed: 3}}, nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := alone.Metrics["accuracy"]; got.Mean != tr.Score || got.Std != tr.Std {
			t.Errorf("%s: search %v ± %v, alone %v ± %v", tr.Label, tr.Score, tr.Std, got.Mean, got.Std)
		}
	}
	for i := 1; i < len(res.Trials); i++ {
		if res.Trials[i].Score > res.Trials[i-1].Score {
			t.Errorf("not sorted: %v after %v", res.Trials[i].Score, res.Trials[i-1].Score)
		}
	}
	if len(res.Issues) == 0 || !strings.Contains(res.Issues[0].Text, "optimistic") {
		t.Errorf("issues %+v; want the note that the best of many is optimistic", res.Issues)
	}
}

func TestSearch_RandomIsSeededAndInRange(t *testing.T) {
	specs := entry(t, "logistic").Params
	opt := SearchOptions{Method: RandomSearch, Trials: 30, Seed: 9,
		Space: []Dimension{{Name: "C", Min: 0.001, Max: 100}, {Name: "max_iter", Min: 50, Max: 60}, {Name: "penalty"}}}
	a, err := candidates(specs, opt)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := candidates(specs, opt)
	if len(a) != 30 {
		t.Fatalf("%d candidates, want 30", len(a))
	}
	below1 := 0
	for i := range a {
		if a[i].label != b[i].label {
			t.Fatalf("candidate %d differs for the same seed: %s / %s", i, a[i].label, b[i].label)
		}
		C, it := a[i].params.Float("C"), a[i].params.Int("max_iter")
		if C < 0.001 || C > 100 || it < 50 || it > 60 {
			t.Errorf("%s is outside the space", a[i].label)
		}
		if C < 1 {
			below1++
		}
	}
	// C's spec is marked Log: a geometric draw over 1e-3..1e2 puts 3/5 of
	// the draws below 1; a uniform one would put 1 %.
	if below1 < 10 {
		t.Errorf("only %d of 30 draws of C below 1; the draw is not geometric", below1)
	}
}

func TestSearch_GridValues(t *testing.T) {
	specs := entry(t, "logistic").Params
	c, err := candidates(specs, SearchOptions{Space: []Dimension{{Name: "C", Min: 0.01, Max: 100}}})
	if err != nil {
		t.Fatal(err)
	}
	want := []float64{0.01, 0.1, 1, 10, 100}
	for i, w := range want {
		if got := c[i].params.Float("C"); math.Abs(got-w) > 1e-12*w {
			t.Errorf("grid point %d = %v, want %v", i, got, w)
		}
	}
	c, err = candidates(specs, SearchOptions{Space: []Dimension{{Name: "max_iter", Min: 1, Max: 3, Steps: 9}}})
	if err != nil || len(c) != 3 {
		t.Errorf("integer grid 1..3 in 9 steps: %d candidates (%v), want 1, 2, 3", len(c), err)
	}
}

func TestSearch_RejectsBadSpaces(t *testing.T) {
	specs := entry(t, "tree").Params
	cases := []SearchOptions{
		{},
		{Space: []Dimension{{Name: "depth"}}},
		{Space: []Dimension{{Name: "max_features"}}}, // a string needs explicit values
		{Space: []Dimension{{Name: "ccp_alpha", Min: 0, Max: 1, Log: true}}},
		{Space: []Dimension{{Name: "max_depth", Values: []any{2}}}, Fixed: param.Values{"max_depth": 3}},
		{Space: []Dimension{{Name: "max_depth", Min: 1, Max: 50, Steps: 50}, {Name: "min_samples_leaf", Min: 1, Max: 50, Steps: 50}}},
		{Method: "bayes", Space: []Dimension{{Name: "criterion"}}},
		{Space: []Dimension{{Name: "max_depth", Values: []any{-4}}}},
	}
	for i, opt := range cases {
		if _, err := candidates(specs, opt); !errors.Is(err, ErrSpace) {
			t.Errorf("case %d: %v, want ErrSpace", i, err)
		}
	}
}

func TestSearch_ListsFailedCandidates(t *testing.T) {
	f := synthFrame(80, 8, 0)
	opt := SearchOptions{Space: []Dimension{{Name: "max_features", Values: []any{"all", "nonsense"}}},
		CV: CVOptions{Folds: prep.FoldSpec{K: 3}}}
	res, err := Search(context.Background(), f, "y", synthPipe, entry(t, "tree"), opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Trials) != 1 || len(res.Failed) != 1 || !strings.Contains(res.Failed[0].Label, "nonsense") {
		t.Errorf("trials %+v failed %+v", res.Trials, res.Failed)
	}
}
