package modeltest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"slices"
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/progress"
)

// checkCapabilities checks the optional interfaces a model implements.
func checkCapabilities(t *testing.T, m model.Model, d *model.Dataset) {
	if ex, ok := m.(model.Explainer); ok {
		checkExplainer(t, ex, m, d)
	}
	if c, ok := m.(model.Coefficienter); ok {
		names, values, intercepts := c.Coefficients()
		if !slices.Equal(names, d.Features) {
			t.Errorf("Coefficients names %v, features %v", names, d.Features)
		}
		if len(values) == 0 || len(values) != len(intercepts) {
			t.Errorf("Coefficients: %d outputs and %d intercepts", len(values), len(intercepts))
		}
		for k, v := range values {
			if len(v) != len(d.Features) {
				t.Errorf("Coefficients output %d has %d weights for %d features", k, len(v), len(d.Features))
			}
		}
	}
	if im, ok := m.(model.Importancer); ok {
		imp := im.Importances()
		if len(imp) != len(d.Features) {
			t.Errorf("Importances: %d values for %d features", len(imp), len(d.Features))
		}
		for j, v := range imp {
			if !(v >= 0) || math.IsInf(v, 0) {
				t.Errorf("importance of %q is %v; want a finite non-negative number", d.Features[j], v)
			}
		}
	}
}

func checkExplainer(t *testing.T, ex model.Explainer, m model.Model, d *model.Dataset) {
	pred, _ := m.Predict(d.X)
	for _, i := range []int{0, d.Rows() / 2, d.Rows() - 1} {
		row := make([]float64, len(d.X))
		for j := range row {
			row[j] = d.X[j][i]
		}
		e, err := ex.Explain(row)
		if err != nil {
			t.Fatalf("Explain(row %d): %v", i+1, err)
		}
		sum := e.Base
		for _, term := range e.Terms {
			sum += term.Effect
		}
		if math.Abs(sum-e.Output) > 1e-6*math.Max(1, math.Abs(e.Output)) {
			t.Errorf("row %d: Base + terms = %v, Output %v", i+1, sum, e.Output)
		}
		if d.Task == model.Regression && (e.Class != -1 || math.Abs(e.Output-pred[i]) > 1e-6*math.Max(1, math.Abs(pred[i]))) {
			t.Errorf("row %d: explanation class %d output %v, prediction %v", i+1, e.Class, e.Output, pred[i])
		}
		if d.Task == model.Classification && (e.Class < 0 || e.Class >= len(d.Classes)) {
			t.Errorf("row %d: explained class %d is not a class index", i+1, e.Class)
		}
	}
	if _, err := ex.Explain(make([]float64, len(d.X)+1)); !errors.Is(err, model.ErrSchemaMismatch) {
		t.Errorf("Explain with a wrong row length: err = %v, want ErrSchemaMismatch", err)
	}
}

func checkRoundTrip(t *testing.T, m model.Model, X [][]float64) {
	b, err := model.Marshal(m)
	if err != nil {
		t.Fatalf("Marshal: %v", err)
	}
	back, err := model.Unmarshal(b)
	if err != nil {
		t.Fatalf("Unmarshal: %v", err)
	}
	want, _ := m.Predict(X)
	got, err := back.Predict(X)
	if err != nil || !sameBits(got, want) {
		t.Fatalf("the unmarshalled model predicts differently (err %v)", err)
	}
	if back.Task() != m.Task() || !slices.Equal(back.Features(), m.Features()) || !slices.Equal(back.Classes(), m.Classes()) {
		t.Error("the unmarshalled model has another task, features or classes")
	}
	if pp, ok := m.(model.ProbPredictor); ok && m.Task() == model.Classification {
		bp, ok := back.(model.ProbPredictor)
		if !ok {
			t.Fatal("the unmarshalled model lost PredictProba")
		}
		a, _ := pp.PredictProba(X)
		c, _ := bp.PredictProba(X)
		for i := range a {
			if !sameBits(a[i], c[i]) {
				t.Fatalf("row %d: probabilities differ after the round trip", i+1)
			}
		}
	}
	again, err := model.Marshal(back)
	if err != nil || !bytes.Equal(again, b) {
		t.Errorf("marshalling the unmarshalled model gives other bytes (err %v)", err)
	}
	var compact bytes.Buffer
	if err := json.Compact(&compact, b); err != nil || !bytes.Equal(compact.Bytes(), b) {
		t.Errorf("Marshal's output is not compact JSON (%v)", err)
	}
	checkSameExplanations(t, m, back, X)
	if s, ok := m.(model.Sizer); ok {
		if got := s.SavedSize(); math.Abs(float64(got-len(b))) > 0.01*float64(len(b)) {
			t.Errorf("SavedSize %d, Marshal wrote %d bytes", got, len(b))
		}
	}
	if _, ok := m.(model.ReadableMarshaler); ok {
		r, err := model.MarshalReadable(m)
		if err != nil {
			t.Fatalf("MarshalReadable: %v", err)
		}
		fromReadable, err := model.Unmarshal(r)
		if err != nil {
			t.Fatalf("Unmarshal of the readable form: %v", err)
		}
		if again, err := model.Marshal(fromReadable); err != nil || !bytes.Equal(again, b) {
			t.Errorf("the model read from its readable form saves to other bytes (err %v)", err)
		}
		checkSameExplanations(t, m, fromReadable, X)
	}
}

// checkSameExplanations compares the explanations of a few rows of X by
// m and back, bit for bit, when m is an Explainer.
func checkSameExplanations(t *testing.T, m, back model.Model, X [][]float64) {
	ex, ok := m.(model.Explainer)
	if !ok || len(X) == 0 {
		return
	}
	bex, ok := back.(model.Explainer)
	if !ok {
		t.Fatal("the unmarshalled model lost Explain")
	}
	n := len(X[0])
	for _, i := range []int{0, n / 3, n / 2, n - 1} {
		row := make([]float64, len(X))
		for j := range X {
			row[j] = X[j][i]
		}
		a, err1 := ex.Explain(row)
		c, err2 := bex.Explain(row)
		if err1 != nil || err2 != nil || !sameExplanation(a, c) {
			t.Fatalf("row %d: explanations differ after the round trip (%v, %v)", i+1, err1, err2)
		}
	}
}

// sameExplanation compares two explanations, numbers bit for bit.
func sameExplanation(a, b model.Explanation) bool {
	if a.Class != b.Class || a.Scale != b.Scale || !sameBits([]float64{a.Base, a.Output}, []float64{b.Base, b.Output}) || len(a.Terms) != len(b.Terms) {
		return false
	}
	for k, ta := range a.Terms {
		tb := b.Terms[k]
		if ta.Feature != tb.Feature || ta.Rule != tb.Rule || !sameBits([]float64{ta.Value, ta.Effect}, []float64{tb.Value, tb.Effect}) {
			return false
		}
	}
	return true
}

// checkBadInputs feeds the inputs whose errors the model package documents.
func checkBadInputs(t *testing.T, e model.Entry, l model.Learner, task model.Task) {
	ctx := context.Background()
	good := Datasets(task)[0].Data
	cases := []struct {
		name string
		d    *model.Dataset
		want error
	}{
		{"no rows", &model.Dataset{Task: task, Features: []string{"a"}, X: [][]float64{{}}, Y: []float64{}, Classes: good.Classes}, model.ErrNoRows},
		{"no features", &model.Dataset{Task: task, Y: good.Y, Classes: good.Classes}, model.ErrNoFeatures},
		{"NaN target", withTarget(good, 3, math.NaN()), model.ErrNonFiniteTarget},
	}
	if task == model.Regression {
		cases = append(cases, struct {
			name string
			d    *model.Dataset
			want error
		}{"infinite target", withTarget(good, 0, math.Inf(1)), model.ErrNonFiniteTarget})
	} else {
		one := clone(good)
		for i := range one.Y {
			one.Y[i] = 1
		}
		cases = append(cases, struct {
			name string
			d    *model.Dataset
			want error
		}{"one class", one, model.ErrOneClass})
	}
	for _, c := range cases {
		if _, err := l.Fit(ctx, c.d, nil); !errors.Is(err, c.want) {
			t.Errorf("%s: err = %v, want %v", c.name, err, c.want)
		}
	}
	for _, other := range []model.Task{model.Classification, model.Regression} {
		if e.Supports(other) {
			continue
		}
		if _, err := model.New(e.Name, other, nil); !errors.Is(err, model.ErrWrongTask) {
			t.Errorf("model.New for %v: err = %v, want ErrWrongTask", other, err)
		}
		d := Datasets(other)[0].Data
		if _, err := l.Fit(ctx, d, nil); !errors.Is(err, model.ErrWrongTask) {
			t.Errorf("Fit on a %v dataset: err = %v, want ErrWrongTask", other, err)
		}
	}
	checkMissing(t, l, good)
}

func withTarget(d *model.Dataset, row int, v float64) *model.Dataset {
	c := clone(d)
	c.Y[row] = v
	return c
}

// checkMissing accepts either behaviour the contract allows for NaN
// features: ErrMissingValues, or a model whose predictions are valid.
func checkMissing(t *testing.T, l model.Learner, good *model.Dataset) {
	d := clone(good)
	d.X[0][1] = math.NaN()
	m, err := l.Fit(context.Background(), d, nil)
	if err != nil {
		if !errors.Is(err, model.ErrMissingValues) {
			t.Errorf("NaN feature: err = %v, want ErrMissingValues or success", err)
		}
		return
	}
	pred, err := m.Predict(d.X)
	if err != nil {
		if !errors.Is(err, model.ErrMissingValues) {
			t.Errorf("Predict with a NaN feature: err = %v, want ErrMissingValues or valid predictions", err)
		}
		return
	}
	for i, p := range pred {
		if math.IsNaN(p) || math.IsInf(p, 0) {
			t.Fatalf("row %d: prediction %v with a NaN feature; return ErrMissingValues instead", i+1, p)
		}
	}
}

// checkCancel cancels before Fit, and from the first progress report that
// says work remains.
func checkCancel(t *testing.T, l model.Learner, d *model.Dataset) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := l.Fit(ctx, d, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("Fit with a cancelled context: err = %v, want context.Canceled", err)
	}
	ctx, cancel = context.WithCancel(context.Background())
	defer cancel()
	sawPartial := false
	report := func(r progress.Report) {
		if r.Fraction < 1 {
			sawPartial = true
			cancel()
		}
	}
	_, err := l.Fit(ctx, d, report)
	if sawPartial && !errors.Is(err, context.Canceled) {
		t.Errorf("Fit cancelled from a progress report: err = %v, want context.Canceled", err)
	}
}

// FuzzDecode fuzzes model.Unmarshal with the saved forms of the learner's
// models as seeds: damaged input must give an error, never a panic, and a
// model that decodes must predict without panicking.
func FuzzDecode(f *testing.F, name string) {
	e, ok := model.Lookup(name)
	if !ok {
		f.Fatalf("no learner %q is registered", name)
	}
	var seeds []model.Model
	for _, task := range e.Tasks {
		l, err := model.New(name, task, nil)
		if err != nil {
			f.Fatal(err)
		}
		for _, c := range Datasets(task) {
			m, err := l.Fit(context.Background(), c.Data, nil)
			if err != nil {
				f.Fatal(err)
			}
			seeds = append(seeds, m)
		}
	}
	FuzzUnmarshal(f, seeds, func(t *testing.T, m model.Model) {
		X := make([][]float64, len(m.Features()))
		for j := range X {
			X[j] = []float64{0, 1, -1e300}
		}
		if p, err := m.Predict(X); err == nil && len(p) != 3 {
			t.Errorf("Predict returned %d values for 3 rows", len(p))
		}
		if pp, ok := m.(model.ProbPredictor); ok {
			_, _ = pp.PredictProba(X)
		}
		if ex, ok := m.(model.Explainer); ok {
			_, _ = ex.Explain(make([]float64, len(X)))
		}
	})
}

// FuzzUnmarshal fuzzes model.Unmarshal with the saved forms of seeds as
// the seed corpus: damaged input must give an error, never a panic, and
// check runs on every model that decodes (a learner package passes its own
// seeds and a stricter check than FuzzDecode's). No seeds means an empty
// corpus.
func FuzzUnmarshal(f *testing.F, seeds []model.Model, check func(t *testing.T, m model.Model)) {
	for _, m := range seeds {
		b, err := model.Marshal(m)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := model.Unmarshal(b)
		if err != nil {
			return
		}
		check(t, m)
	})
}
