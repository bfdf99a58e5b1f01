package modeltest

import (
	"context"
	"errors"
	"math"
	"reflect"
	"slices"
	"sync"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// RunAll runs Run with default parameters for every task the registered
// learner name claims.
func RunAll(t *testing.T, name string) {
	t.Helper()
	e, ok := model.Lookup(name)
	if !ok {
		t.Fatalf("no learner %q is registered (is its package imported?)", name)
	}
	for _, task := range e.Tasks {
		t.Run(task.String(), func(t *testing.T) { Run(t, name, task, nil) })
	}
}

// Run checks the registered learner name, built by model.New for task with
// params (nil means defaults), against the whole contract described in the
// package documentation. Each check is a subtest.
func Run(t *testing.T, name string, task model.Task, params param.Values) {
	t.Helper()
	e, ok := model.Lookup(name)
	if !ok {
		t.Fatalf("no learner %q is registered (is its package imported?)", name)
	}
	build := func(t *testing.T) model.Learner {
		t.Helper()
		l, err := model.New(name, task, params)
		if err != nil {
			t.Fatalf("model.New(%q, %v, %v): %v", name, task, params, err)
		}
		return l
	}
	t.Run("registry", func(t *testing.T) { checkEntry(t, e, build(t), task) })
	for _, c := range Datasets(task) {
		t.Run(c.Name, func(t *testing.T) { checkCase(t, build, c.Data) })
	}
	t.Run("bad_inputs", func(t *testing.T) { checkBadInputs(t, e, build(t), task) })
	t.Run("cancel", func(t *testing.T) { checkCancel(t, build(t), Datasets(task)[0].Data) })
}

func checkEntry(t *testing.T, e model.Entry, l model.Learner, task model.Task) {
	if l.Name() != e.Name {
		t.Errorf("Name() = %q, registered as %q", l.Name(), e.Name)
	}
	if e.Label == "" || e.Help == "" {
		t.Errorf("entry %q needs a Label and a Help text", e.Name)
	}
	for _, tk := range []model.Task{model.Classification, model.Regression} {
		if l.Supports(tk) != e.Supports(tk) {
			t.Errorf("Supports(%v) = %v, but the entry's Tasks are %v", tk, l.Supports(tk), e.Tasks)
		}
	}
	if !l.Supports(task) {
		t.Errorf("a learner built for %v does not support it", task)
	}
	names := func(specs []param.Spec) []string {
		out := make([]string, len(specs))
		for i, s := range specs {
			out[i] = s.Name
		}
		return out
	}
	if !slices.Equal(names(l.Params()), names(e.Params)) {
		t.Errorf("Params() %v differ from the entry's %v", names(l.Params()), names(e.Params))
	}
	for _, s := range e.Params {
		if s.Label == "" || s.Help == "" {
			t.Errorf("parameter %q needs a Label and a Help text", s.Name)
		}
		if _, err := s.Validate(s.Default); err != nil {
			t.Errorf("parameter %q: default %v is invalid: %v", s.Name, s.Default, err)
		}
	}
}

// checkCase fits one dataset and checks everything a fitted model promises.
func checkCase(t *testing.T, build func(*testing.T) model.Learner, d *model.Dataset) {
	l, fresh, before := build(t), build(t), clone(d)
	var reports []progress.Report
	var mu sync.Mutex
	m, err := l.Fit(context.Background(), d, func(r progress.Report) {
		mu.Lock()
		reports = append(reports, r)
		mu.Unlock()
	})
	if err != nil {
		t.Fatalf("Fit: %v", err)
	}
	if !sameDataset(d, before) {
		t.Error("Fit modified the dataset")
	}
	if !reflect.DeepEqual(l, fresh) {
		t.Errorf("Fit modified the learner: %+v, was %+v", l, fresh)
	}
	for _, r := range reports {
		if math.IsNaN(r.Fraction) || r.Fraction > 1 {
			t.Errorf("progress fraction %v outside [0, 1] (or negative for unknown)", r.Fraction)
		}
	}
	checkMeta(t, m, d)
	pred := checkPredictions(t, m, d)
	m2, err := build(t).Fit(context.Background(), clone(d), nil)
	if err != nil {
		t.Fatalf("second Fit: %v", err)
	}
	if p2, _ := m2.Predict(d.X); !sameBits(pred, p2) {
		t.Error("two fits with the same parameters and seed predict differently")
	}
	checkConcurrent(t, m, d.X, pred)
	checkSchema(t, m, d.X)
	checkCapabilities(t, m, d)
	checkRoundTrip(t, m, d.X)
}

func checkMeta(t *testing.T, m model.Model, d *model.Dataset) {
	if m.Task() != d.Task {
		t.Errorf("model Task %v, dataset %v", m.Task(), d.Task)
	}
	if !slices.Equal(m.Features(), d.Features) {
		t.Errorf("model Features %v, dataset %v", m.Features(), d.Features)
	}
	if !slices.Equal(m.Classes(), d.Classes) {
		t.Errorf("model Classes %v, dataset %v", m.Classes(), d.Classes)
	}
}

func checkPredictions(t *testing.T, m model.Model, d *model.Dataset) []float64 {
	pred, err := m.Predict(d.X)
	if err != nil {
		t.Fatalf("Predict: %v", err)
	}
	if len(pred) != d.Rows() {
		t.Fatalf("Predict returned %d values for %d rows", len(pred), d.Rows())
	}
	for i, p := range pred {
		if math.IsNaN(p) || math.IsInf(p, 0) {
			t.Fatalf("row %d: prediction %v is not finite", i+1, p)
		}
		if d.Task == model.Classification && (p != math.Trunc(p) || p < 0 || int(p) >= len(d.Classes)) {
			t.Fatalf("row %d: prediction %v is not a class index below %d", i+1, p, len(d.Classes))
		}
	}
	if pp, ok := m.(model.ProbPredictor); ok && d.Task == model.Classification {
		checkProba(t, pp, d)
		if jp, ok := m.(model.JointPredictor); ok {
			checkJoint(t, jp, pred, pp, d)
		}
	}
	empty := make([][]float64, len(d.X))
	for j := range empty {
		empty[j] = []float64{}
	}
	if p, err := m.Predict(empty); err != nil || len(p) != 0 {
		t.Errorf("Predict on zero rows = %v, %v; want an empty result", p, err)
	}
	return pred
}

// checkJoint requires PredictWithProba to give exactly Predict's and
// PredictProba's answers.
func checkJoint(t *testing.T, jp model.JointPredictor, pred []float64, pp model.ProbPredictor, d *model.Dataset) {
	jpred, jproba, err := jp.PredictWithProba(d.X)
	if err != nil {
		t.Fatalf("PredictWithProba: %v", err)
	}
	proba, _ := pp.PredictProba(d.X)
	if !sameBits(jpred, pred) || len(jproba) != len(proba) {
		t.Fatal("PredictWithProba's predictions differ from Predict's")
	}
	for i := range proba {
		if !sameBits(jproba[i], proba[i]) {
			t.Fatalf("row %d: PredictWithProba's probabilities differ from PredictProba's", i+1)
		}
	}
}

func checkProba(t *testing.T, pp model.ProbPredictor, d *model.Dataset) {
	proba, err := pp.PredictProba(d.X)
	if err != nil {
		t.Fatalf("PredictProba: %v", err)
	}
	if len(proba) != d.Rows() {
		t.Fatalf("PredictProba returned %d rows for %d", len(proba), d.Rows())
	}
	for i, row := range proba {
		if len(row) != len(d.Classes) {
			t.Fatalf("row %d: %d probabilities for %d classes", i+1, len(row), len(d.Classes))
		}
		sum := 0.0
		for _, p := range row {
			if !(p >= 0 && p <= 1) {
				t.Fatalf("row %d: probability %v outside [0, 1]", i+1, p)
			}
			sum += p
		}
		if math.Abs(sum-1) > 1e-9 {
			t.Fatalf("row %d: probabilities sum to %v", i+1, sum)
		}
	}
}

func checkConcurrent(t *testing.T, m model.Model, X [][]float64, want []float64) {
	var wg sync.WaitGroup
	results := make([][]float64, 4)
	for g := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			results[g], _ = m.Predict(X)
		}()
	}
	wg.Wait()
	for _, r := range results {
		if !sameBits(r, want) {
			t.Error("concurrent Predict calls gave different results")
			return
		}
	}
}

func checkSchema(t *testing.T, m model.Model, X [][]float64) {
	fewer := X[:len(X)-1]
	more := append(slices.Clone(X), X[0])
	for _, bad := range [][][]float64{fewer, more} {
		if _, err := m.Predict(bad); !errors.Is(err, model.ErrSchemaMismatch) {
			t.Errorf("Predict with %d columns instead of %d: err = %v, want ErrSchemaMismatch", len(bad), len(X), err)
		}
		if pp, ok := m.(model.ProbPredictor); ok && m.Task() == model.Classification {
			if _, err := pp.PredictProba(bad); !errors.Is(err, model.ErrSchemaMismatch) {
				t.Errorf("PredictProba with %d columns: err = %v, want ErrSchemaMismatch", len(bad), err)
			}
		}
	}
}
