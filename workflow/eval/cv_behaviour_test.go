package eval

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"strings"
	"sync"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/model/linear"
	"modelbench/workflow/model/tree"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// synthFrame builds n rows: numeric x0, x1 (x1 shifted by +50 in the last
// fifth of the rows, so a scaler fitted on all rows would differ from one
// fitted on a fold), a category c, a class target y ("no"/"yes") driven by
// x0 and c, and a numeric target v. Rows whose index is a multiple of
// missingEvery (when > 0) lack y.
func synthFrame(n int, seed uint64, missingEvery int) *data.Frame {
	r := rand.New(rand.NewPCG(seed, 1))
	x0, x1, v := make([]float64, n), make([]float64, n), make([]float64, n)
	c, y := make([]string, n), make([]string, n)
	for i := 0; i < n; i++ {
		x0[i], x1[i] = r.NormFloat64(), r.NormFloat64()
		if i >= n*4/5 {
			x1[i] += 50
		}
		c[i] = []string{"a", "b", "c"}[r.IntN(3)]
		z := x0[i] + map[string]float64{"a": -1, "b": 0, "c": 1}[c[i]] + 0.5*r.NormFloat64()
		y[i] = map[bool]string{true: "yes", false: "no"}[z > 0]
		v[i] = 3*x0[i] - x1[i] + r.NormFloat64()
		if missingEvery > 0 && i%missingEvery == 0 {
			y[i] = ""
		}
	}
	f, err := data.NewFrame(data.NewNumeric("x0", x0, nil), data.NewNumeric("x1", x1, nil),
		data.NewCategoricalFromStrings("c", c, nil), data.NewCategoricalFromStrings("y", y, nil),
		data.NewNumeric("v", v, nil))
	if err != nil {
		panic(err)
	}
	return f
}

var synthPipe = prep.NewPipeline(
	prep.Configure("drop_columns", param.Values{"columns": []string{"v"}}, ""),
	prep.Configure("scale", param.Values{"method": "standard"}, ""),
	prep.Configure("one_hot", nil, ""),
)

// TestCrossValidate_FitsPreparationOnTrainingRowsOnly checks that each
// fold's fitted pipeline learnt its statistics from that fold's training
// rows: applied to them, the scaled columns have mean 0 and standard
// deviation 1 exactly as a scaler fitted on them alone would give.
func TestCrossValidate_FitsPreparationOnTrainingRowsOnly(t *testing.T) {
	f := synthFrame(200, 1, 0)
	res, err := CrossValidate(context.Background(), f, "y", synthPipe, linear.Logistic{}, CVOptions{KeepModels: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, fr := range res.Folds {
		train := complement(fr.Test, f.NumRows())
		out, err := fr.Artifact.Pipeline.Apply(context.Background(), f.Take(train))
		if err != nil {
			t.Fatal(err)
		}
		col, _ := out.Lookup("x1")
		m, s := meanStd(col.(*data.NumericColumn).Values())
		if math.Abs(m) > 1e-12 || math.Abs(s-1) > 1e-12 {
			t.Errorf("fold %d: x1 on the training rows has mean %g, std %g; the scaler saw other rows", fr.Fold+1, m, s)
		}
		if len(fr.Artifact.Rows) != len(train) {
			t.Errorf("fold %d trained on %d rows, want %d", fr.Fold+1, len(fr.Artifact.Rows), len(train))
		}
	}
}

func complement(rows []int, n int) []int {
	in := make([]bool, n)
	for _, r := range rows {
		in[r] = true
	}
	var out []int
	for i := 0; i < n; i++ {
		if !in[i] {
			out = append(out, i)
		}
	}
	return out
}

// TestCrossValidate_Deterministic checks that the result depends on the
// seed only, not on how many folds run at once.
func TestCrossValidate_Deterministic(t *testing.T) {
	f := synthFrame(150, 2, 0)
	learner := tree.DecisionTree{MaxDepth: 3}
	run := func(workers int, seed uint64) *CVResult {
		res, err := CrossValidate(context.Background(), f, "y", synthPipe, learner,
			CVOptions{Workers: workers, Folds: prep.FoldSpec{K: 4, Seed: seed}, Repeats: 2}, nil)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	a, b, c := run(1, 5), run(2, 5), run(2, 6)
	if len(a.Folds) != 8 {
		t.Fatalf("%d folds, want 4 × 2 repeats", len(a.Folds))
	}
	for name, s := range a.Metrics {
		for k, v := range s.Values {
			if w := b.Metrics[name].Values[k]; v != w && !(math.IsNaN(v) && math.IsNaN(w)) {
				t.Errorf("%s fold %d: %v with one worker, %v with two", name, k, v, w)
			}
		}
	}
	if a.Metrics["log_loss"].Mean == c.Metrics["log_loss"].Mean {
		t.Error("another seed gave identical scores")
	}
	for i := range a.OOF.Pred {
		if a.OOF.Pred[i] != b.OOF.Pred[i] {
			t.Fatalf("out-of-fold prediction %d differs between runs", i)
		}
	}
	delete(a.Folds[0].Metrics, "accuracy") // as a metric undefined on one fold would be
	a.summarise([]string{"accuracy"})
	if v := a.Metrics["accuracy"].Values[0]; !math.IsNaN(v) {
		t.Errorf("an undefined fold shows %v, want NaN", v)
	}
	if _, err := json.Marshal(a); err != nil {
		t.Errorf("the result does not marshal: %v", err)
	}
}

// TestCrossValidate_LeavesOutMissingTargets checks that rows without a
// target are neither trained on nor scored, and that an issue says so.
func TestCrossValidate_LeavesOutMissingTargets(t *testing.T) {
	f := synthFrame(120, 3, 10) // 12 rows lack y
	res, err := CrossValidate(context.Background(), f, "y", synthPipe, tree.DecisionTree{MaxDepth: 2}, CVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.OOFRows) != 108 {
		t.Errorf("%d out-of-fold rows, want 108", len(res.OOFRows))
	}
	for _, r := range res.OOFRows {
		if r%10 == 0 {
			t.Fatalf("row %d has no target but was scored", r)
		}
	}
	total := 0
	for _, fr := range res.Folds {
		total += fr.TestRows
	}
	if total != 108 || len(res.Issues) == 0 || !strings.Contains(res.Issues[0].Text, "12 rows") {
		t.Errorf("test rows %d, issues %+v", total, res.Issues)
	}
}

// TestCrossValidate_ProgressAndErrors checks the progress reports (never
// backwards, ending at 1) and that a failing learner names the fold.
func TestCrossValidate_ProgressAndErrors(t *testing.T) {
	f := synthFrame(100, 4, 0)
	var mu sync.Mutex
	var fracs []float64
	rep := progress.Func(func(r progress.Report) { mu.Lock(); fracs = append(fracs, r.Fraction); mu.Unlock() })
	if _, err := CrossValidate(context.Background(), f, "y", synthPipe, model.Baseline{}, CVOptions{}, rep); err != nil {
		t.Fatal(err)
	}
	for i := 1; i < len(fracs); i++ {
		if fracs[i] < fracs[i-1] {
			t.Fatalf("progress went back from %v to %v", fracs[i-1], fracs[i])
		}
	}
	if len(fracs) == 0 || fracs[len(fracs)-1] != 1 {
		t.Errorf("last progress %v, want 1", fracs)
	}
	_, err := CrossValidate(context.Background(), f, "y", synthPipe, linear.Regression{}, CVOptions{}, nil)
	if !errors.Is(err, model.ErrWrongTask) || !strings.Contains(err.Error(), "fold") {
		t.Errorf("regression learner on classes: %v", err)
	}
	if _, err := CrossValidate(context.Background(), f, "nope", synthPipe, model.Baseline{}, CVOptions{}, nil); !errors.Is(err, ErrTarget) {
		t.Errorf("unknown target: %v", err)
	}
	if _, err := CrossValidate(context.Background(), f, "y", synthPipe, model.Baseline{}, CVOptions{Metrics: []string{"r2"}}, nil); err == nil {
		t.Error("a regression metric for a classification target was accepted")
	}
}

// blockingLearner fits only once its context is cancelled.
type blockingLearner struct{ started chan struct{} }

func (blockingLearner) Name() string             { return "blocking" }
func (blockingLearner) Supports(model.Task) bool { return true }
func (blockingLearner) Params() []param.Spec     { return nil }
func (l blockingLearner) Fit(ctx context.Context, _ *model.Dataset, _ progress.Func) (model.Model, error) {
	select {
	case l.started <- struct{}{}:
	default:
	}
	<-ctx.Done()
	return nil, ctx.Err()
}

// TestCrossValidate_Cancel checks that cancelling stops every fold and
// returns the context's error (the test would hang otherwise).
func TestCrossValidate_Cancel(t *testing.T) {
	f := synthFrame(100, 5, 0)
	ctx, cancel := context.WithCancel(context.Background())
	l := blockingLearner{started: make(chan struct{}, 1)}
	go func() { <-l.started; cancel() }()
	_, err := CrossValidate(ctx, f, "y", synthPipe, l, CVOptions{Workers: 2}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v, want context.Canceled", err)
	}
}

// TestCrossValidate_RejectsUnusableSplits checks the caller's folds: a
// row outside the frame, or a fold whose rows all lack the target, is an
// error naming the fold.
func TestCrossValidate_RejectsUnusableSplits(t *testing.T) {
	f := synthFrame(40, 6, 10) // rows 0, 10, 20, 30 lack y
	for _, c := range []struct {
		name  string
		folds []prep.Fold
		want  string
	}{
		{"outside", []prep.Fold{{Train: []int{1, 2, 3}, Valid: []int{4, 40}}}, "fold 1: validation row 40 is outside"},
		{"no target", []prep.Fold{{Train: []int{1, 2, 3}, Valid: []int{4}}, {Train: []int{1, 2}, Valid: []int{10, 20}}}, "fold 2: there are no validation rows"},
	} {
		_, err := CrossValidate(context.Background(), f, "y", synthPipe, model.Baseline{}, CVOptions{Splits: c.folds}, nil)
		if !errors.Is(err, ErrSplit) || !errors.Is(err, ErrRows) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

// TestCrossValidate_CancelledBeforeStart: a context cancelled before any
// fold starts is an error, not a result assembled from folds that never
// ran (that used to panic on the missing predictions).
func TestCrossValidate_CancelledBeforeStart(t *testing.T) {
	f := synthFrame(100, 5, 0)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, workers := range []int{1, 2} {
		if _, err := CrossValidate(ctx, f, "y", synthPipe, model.Baseline{}, CVOptions{Workers: workers}, nil); !errors.Is(err, context.Canceled) {
			t.Fatalf("workers %d: got %v, want context.Canceled", workers, err)
		}
	}
}
