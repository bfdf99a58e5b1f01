package prep

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"modelbench/workflow/data"
)

// fixture is one reference case written by testdata/make_fixtures.py
// (scikit-learn 1.2.1, pandas 1.5.3, numpy 1.24; run
// `cd testdata && /usr/bin/python3 make_fixtures.py`). Source names the
// reference call that produced Expect.
type fixture struct {
	Name        string           `json:"name"`
	Source      string           `json:"source"`
	CSV         string           `json:"csv"`
	Target      string           `json:"target"`
	Steps       []StepConfig     `json:"steps"`
	FitRows     []int            `json:"fit_rows"`
	ApplyRows   []int            `json:"apply_rows"`
	Expect      map[string][]any `json:"expect"`
	TrainExpect map[string][]any `json:"train_expect"`
	Absent      []string         `json:"absent"`
	Tol         float64          `json:"tol"`
	// Fitted holds per column the reference's fitted state in the order
	// of fittedNumbers: impute [fill]; scale [centre, scale]; clip [lower,
	// upper]; yeo_johnson [lambda]; bin [edges...].
	Fitted    map[string][]any `json:"fitted"`
	FittedTol float64          `json:"fitted_tol"`
}

// fittedNumbers returns a transform's fitted numbers per column, in the
// order of fixture.Fitted.
func fittedNumbers(t Transform) map[string][]float64 {
	out := map[string][]float64{}
	switch s := t.(type) {
	case *imputeState:
		for _, c := range s.Columns {
			out[c.Name] = []float64{float64(c.Number)}
		}
	case *scaleState:
		for _, c := range s.Columns {
			out[c.Name] = []float64{float64(c.Center), float64(c.Scale)}
		}
	case *clipState:
		for _, c := range s.Columns {
			out[c.Name] = []float64{float64(c.Lower), float64(c.Upper)}
		}
	case *yeoJohnsonState:
		for _, c := range s.Columns {
			out[c.Name] = []float64{float64(c.Lambda)}
		}
	case *binState:
		for _, c := range s.Columns {
			out[c.Name] = floats(c.Edges)
		}
	}
	return out
}

var (
	framesMu sync.Mutex
	frames   = map[string]*data.Frame{}
)

// loadFrame reads a CSV of testdata once per test binary.
func loadFrame(t testing.TB, name string) *data.Frame {
	t.Helper()
	framesMu.Lock()
	defer framesMu.Unlock()
	if f, ok := frames[name]; ok {
		return f
	}
	tb, err := data.LoadCSV(context.Background(), filepath.Join("testdata", name), data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	frames[name] = tb.Frame
	return tb.Frame
}

func loadFixtures(t *testing.T) []fixture {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.json"))
	if err != nil || len(paths) < 40 {
		t.Fatalf("expected the reference fixtures in testdata/fixtures, found %d (%v)", len(paths), err)
	}
	var out []fixture
	for _, p := range paths {
		if filepath.Base(p) == "rng.json" {
			continue
		}
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var fx fixture
		if err := json.Unmarshal(b, &fx); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out = append(out, fx)
	}
	return out
}

// TestSteps_MatchScikitLearn fits each fixture's steps on its training
// rows and compares Apply on its rows (and, where given, the fit-time
// output) with the reference values, column by column.
func TestSteps_MatchScikitLearn(t *testing.T) {
	ctx := context.Background()
	for _, fx := range loadFixtures(t) {
		t.Run(fx.Name, func(t *testing.T) {
			f := loadFrame(t, fx.CSV)
			ft, train, err := NewPipeline(fx.Steps...).FitTransform(ctx, f.Take(fx.FitRows), fx.Target, nil)
			if err != nil {
				t.Fatalf("fit: %v", err)
			}
			out, err := ft.Apply(ctx, f.Take(fx.ApplyRows))
			if err != nil {
				t.Fatalf("apply: %v", err)
			}
			compareFitted(t, ft, fx)
			compareColumns(t, "apply", out, fx.Expect, fx.Tol, fx.Source)
			compareColumns(t, "fit", train, fx.TrainExpect, fx.Tol, fx.Source)
			for _, name := range fx.Absent {
				if out.Index(name) >= 0 {
					t.Errorf("column %q should have been replaced", name)
				}
			}
		})
	}
}

func compareFitted(t *testing.T, ft *Fitted, fx fixture) {
	t.Helper()
	if fx.Fitted == nil {
		return
	}
	ts := ft.Transforms()
	got := fittedNumbers(ts[len(ts)-1])
	for name, want := range fx.Fitted {
		g := got[name]
		if len(g) != len(want) {
			t.Errorf("fitted %q: got %v, want %v", name, g, want)
			continue
		}
		for i, w := range want {
			if w == nil {
				continue
			}
			wf := w.(float64)
			if d := math.Abs(g[i] - wf); !(d <= fx.FittedTol*math.Max(1, math.Abs(wf))) && !(math.IsInf(g[i], 0) && g[i] == wf) {
				t.Errorf("fitted %q[%d]: got %v, want %v (reference: %s)", name, i, g[i], wf, fx.Source)
			}
		}
	}
}

func compareColumns(t *testing.T, what string, f *data.Frame, expect map[string][]any, tol float64, source string) {
	t.Helper()
	for name, want := range expect {
		c, ok := f.Lookup(name)
		if !ok {
			t.Errorf("%s: no column %q (have %v)", what, name, f.Names())
			continue
		}
		if c.Len() != len(want) {
			t.Errorf("%s: column %q has %d rows, want %d", what, name, c.Len(), len(want))
			continue
		}
		bad := 0
		for i, w := range want {
			if msg := cellMismatch(c, i, w, tol); msg != "" && bad < 3 {
				bad++
				t.Errorf("%s: %q row %d: %s (reference: %s)", what, name, i, msg, source)
			}
		}
	}
}

// cellMismatch compares one cell with a reference value: nil means
// missing, a string a category, a number within a relative tolerance.
func cellMismatch(c data.Column, i int, want any, tol float64) string {
	switch w := want.(type) {
	case nil:
		if !c.IsMissing(i) {
			return "got " + c.Format(i) + ", want missing"
		}
	case string:
		if c.IsMissing(i) || c.Format(i) != w {
			return "got " + c.Format(i) + ", want " + w
		}
	case float64:
		num, ok := c.(*data.NumericColumn)
		if !ok {
			return "not a numeric column"
		}
		got := num.At(i)
		if math.IsNaN(got) || math.Abs(got-w) > tol*math.Max(1, math.Abs(w)) {
			return "got " + data.FormatFloat(got) + ", want " + data.FormatFloat(w)
		}
	}
	return ""
}
