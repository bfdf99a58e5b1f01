package eval

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"strings"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/linear"
	"modelbench/workflow/model/tree"
	"modelbench/workflow/prep"
)

func TestLeaderboard_RanksWithBaseline(t *testing.T) {
	f := synthFrame(200, 11, 0)
	cands := []Candidate{
		{Name: "stump", Learner: tree.DecisionTree{MaxDepth: 1}},
		{Name: "logistic", Learner: linear.Logistic{}},
		{Name: "broken", Learner: linear.Regression{}}, // wrong task: left off with a warning
	}
	opt := CVOptions{Folds: prep.FoldSpec{K: 5, Seed: 1}}
	lb, err := RunLeaderboard(context.Background(), f, "y", synthPipe, cands, "accuracy", opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(lb.Entries) != 3 || lb.Best().Name != "logistic" {
		t.Fatalf("entries %+v", names(lb))
	}
	var base Entry
	for _, e := range lb.Entries {
		if e.Baseline {
			base = e
		}
	}
	if base.Name != BaselineName || base.Learner != "baseline" {
		t.Fatalf("no baseline: %v", names(lb))
	}
	// Every entry equals its own cross-validation.
	alone, err := CrossValidate(context.Background(), f, "y", synthPipe, linear.Logistic{}, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := lb.Best(); got.Score != alone.Metrics["accuracy"].Mean || got.Std != alone.Metrics["accuracy"].Std || got.ModelBytes == 0 {
		t.Errorf("logistic entry %+v, alone %+v", got, alone.Metrics["accuracy"])
	}
	if !hasIssue(lb, "broken left off") {
		t.Errorf("issues %+v; want the broken candidate reported", lb.Issues)
	}
	if _, err := json.Marshal(lb); err != nil {
		t.Fatal(err)
	}
	c, err := lb.Compare("logistic", BaselineName)
	if err != nil || c.Better != "logistic" || !c.Likely {
		t.Errorf("logistic against the baseline: %+v %v", c, err)
	}
}

func names(lb *Leaderboard) []string {
	var out []string
	for _, e := range lb.Entries {
		out = append(out, e.Name)
	}
	return out
}

func hasIssue(lb *Leaderboard, text string) bool {
	for _, i := range lb.Issues {
		if strings.Contains(i.Text, text) {
			return true
		}
	}
	return false
}

func TestLeaderboard_WarnsWhenBaselineIsNotBeaten(t *testing.T) {
	base := Entry{Name: BaselineName, Score: 0.7, Std: 0.02}
	lb, err := NewLeaderboard("accuracy", base)
	if err != nil {
		t.Fatal(err)
	}
	if err := lb.Add(Entry{Name: "weak", Score: 0.69}); err != nil {
		t.Fatal(err)
	}
	if err := lb.Add(Entry{Name: "close", Score: 0.71, Std: 0.03}); err != nil {
		t.Fatal(err)
	}
	if !hasIssue(lb, "weak does not beat the baseline") || !hasIssue(lb, "close beats the baseline by less than the spread") {
		t.Errorf("issues %+v", lb.Issues)
	}
	if err := lb.Add(Entry{Name: "weak"}); err == nil {
		t.Error("a repeated name was accepted")
	}
	lossBoard, _ := NewLeaderboard("rmse", Entry{Name: BaselineName, Score: 10})
	_ = lossBoard.Add(Entry{Name: "good", Score: 4})
	if lossBoard.Best().Name != "good" {
		t.Errorf("for a loss the lowest score must lead: %v", names(lossBoard))
	}
}

func TestLeaderboard_RefusesOtherFolds(t *testing.T) {
	f := synthFrame(100, 12, 0)
	a, err := CrossValidate(context.Background(), f, "y", synthPipe, model.Baseline{}, CVOptions{Folds: prep.FoldSpec{Seed: 1}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := CrossValidate(context.Background(), f, "y", synthPipe, linear.Logistic{}, CVOptions{Folds: prep.FoldSpec{Seed: 2}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	base, _ := EntryFromCV(BaselineName, nil, a, "accuracy")
	lb, _ := NewLeaderboard("accuracy", base)
	e, _ := EntryFromCV("logistic", nil, b, "accuracy")
	if err := lb.Add(e); !errors.Is(err, ErrFolds) {
		t.Errorf("other folds: %v, want ErrFolds", err)
	}
	if _, err := Compare("a", a, "b", b, "accuracy"); !errors.Is(err, ErrFolds) {
		t.Errorf("Compare on other folds: %v, want ErrFolds", err)
	}
}

// TestCompare_UsesTheCorrectedTest checks Compare against CorrectedTTest
// on the fold scores and its plain sentence.
func TestCompare_UsesTheCorrectedTest(t *testing.T) {
	f := synthFrame(150, 13, 0)
	opt := CVOptions{Folds: prep.FoldSpec{K: 5}, Repeats: 2}
	a, err := CrossValidate(context.Background(), f, "y", synthPipe, linear.Logistic{}, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := CrossValidate(context.Background(), f, "y", synthPipe, tree.DecisionTree{MaxDepth: 2}, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := Compare("logistic", a, "tree", b, "log_loss")
	if err != nil {
		t.Fatal(err)
	}
	want, _ := CorrectedTTest(a.Metrics["log_loss"].Values, b.Metrics["log_loss"].Values, 0.25)
	if c.Folds != 10 || math.Abs(c.T-want.T) > 1e-12 || math.Abs(c.P-want.P) > 1e-12 {
		t.Errorf("got t=%v p=%v folds=%d, want t=%v p=%v (ratio 1/4 for 5 folds)", c.T, c.P, c.Folds, want.T, want.P)
	}
	if c.Better != "logistic" || !strings.Contains(c.Sentence, "logistic is better") ||
		!strings.Contains(c.Sentence, map[bool]string{true: "likely real", false: "could be chance"}[c.Likely]) {
		t.Errorf("comparison %+v", c)
	}
	same, _ := Compare("x", a, "y", a, "accuracy")
	if same.Better != "" || same.Likely || !strings.Contains(same.Sentence, "neither") {
		t.Errorf("a model against itself: %+v", same)
	}
}

func TestHoldout_ScoresTheEvaluationRows(t *testing.T) {
	f := synthFrame(120, 14, 15)
	var train, eval []int
	for i := 0; i < 120; i++ {
		if i%4 == 0 {
			eval = append(eval, i)
		} else {
			train = append(train, i)
		}
	}
	r, err := Holdout(context.Background(), f, "y", synthPipe, linear.Logistic{}, HoldoutOptions{Train: train, Eval: eval}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range r.Rows {
		if row%15 == 0 {
			t.Fatalf("row %d has no target but was evaluated", row)
		}
	}
	if len(r.Rows) != r.Metrics.Rows || len(r.Issues) != 0 || r.Metrics.Metrics["accuracy"] < 0.7 {
		t.Errorf("rows %d, metrics %+v, issues %+v", len(r.Rows), r.Metrics, r.Issues)
	}
	again, err := Holdout(context.Background(), f, "y", synthPipe, linear.Logistic{}, HoldoutOptions{Train: train, Eval: train}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Issues) != 1 || again.Issues[0].Level != "warning" {
		t.Errorf("scoring the training rows gave issues %+v", again.Issues)
	}
	if _, err := Holdout(context.Background(), f, "y", synthPipe, linear.Logistic{}, HoldoutOptions{Train: train, Eval: []int{500}}, nil); !errors.Is(err, ErrRows) {
		t.Errorf("a row outside the frame: %v", err)
	}
}

func TestBoardRecord_RoundTripsWithoutNaN(t *testing.T) {
	lb, err := UnvalidatedLeaderboard("", model.Classification, nil)
	if err != nil {
		t.Fatal(err)
	}
	lb.Entries = append(lb.Entries, Entry{Name: "tree", Learner: "tree", Score: 0.9, Std: 0.01, FoldScores: model.Floats{0.89, 0.91}})
	b, err := json.Marshal(lb.Record())
	if err != nil {
		t.Fatalf("a leaderboard with unscored entries must save: %v", err)
	}
	var r BoardRecord
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	back, err := r.Leaderboard()
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Entries) != 2 || !math.IsNaN(back.Entries[0].Score) || back.Entries[1].Score != 0.9 || back.Metric != lb.Metric {
		t.Fatalf("restored %+v", back)
	}
	if _, err := back.Compare("tree", BaselineName); !errors.Is(err, ErrFolds) {
		t.Fatalf("comparing restored entries: %v, want ErrFolds", err)
	}
	if _, err := (BoardRecord{Metric: "nope"}).Leaderboard(); err == nil {
		t.Fatal("an unknown metric was accepted")
	}
}
