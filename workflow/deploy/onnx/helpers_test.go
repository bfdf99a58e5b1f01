package onnx_test

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"testing"

	"modelbench/assets"
	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/onnx"
	"modelbench/workflow/internal/testsets"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// dataset is a shared dataset with its target.
type dataset struct {
	name, target string
	restates     string // a column that restates the target, or ""
	table        *data.Table
}

// sharedTargets are the files of workflow/internal/testsets (copies of
// /work/shared/datasets) and the target their README names; ignored lists
// columns that merely restate the target.
var sharedTargets = []struct{ file, target, ignored string }{
	{"sk_iris.csv", "target_name", "target"}, {"sk_wine.csv", "target_name", "target"},
	{"sk_breast_cancer.csv", "target_name", "target"}, {"sk_diabetes.csv", "target", ""},
	{"penguins.csv", "species", ""}, {"r_airquality.csv", "Ozone", ""}, {"r_mtcars.csv", "mpg", ""},
	{"cardata_titanic.csv", "survived", ""}, {"weka_credit_g.csv", "class", ""}, {"weka_diabetes.csv", "class", ""},
	{"mlbench_pima_diabetes2.csv", "diabetes", ""}, {"weka_vote.csv", "Class", ""}, {"weka_soybean.csv", "class", ""},
	{"weka_weather_nominal.csv", "play", ""}, {"diamonds.csv", "price", ""}, {"vega_seattle_weather.csv", "weather", ""},
	{"vega_cars.csv", "Miles_per_Gallon", ""},
}

// sharedDatasets loads every shared dataset: the testsets files and the
// bundled samples (assets/samples) whose content is not among them. Large
// files keep every 20th row, to keep the test fast.
func sharedDatasets(t *testing.T) []dataset {
	t.Helper()
	ctx := context.Background()
	seen := map[[32]byte]bool{}
	var out []dataset
	add := func(name, target, ignored string, raw []byte) {
		sum := sha256.Sum256(raw)
		if seen[sum] {
			return
		}
		seen[sum] = true
		tb, err := data.ReadCSV(ctx, bytes.NewReader(raw), int64(len(raw)), name, data.CSVOptions{}, nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if tb.Frame.NumRows() > 5000 {
			tb.Frame = tb.Frame.Take(every(tb.Frame.NumRows(), 20))
		}
		if tb.Schema, err = tb.Schema.WithRole(target, data.Target); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ignored != "" {
			if tb.Schema, err = tb.Schema.WithRole(ignored, data.Ignored); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		out = append(out, dataset{name: name, target: target, restates: ignored, table: tb})
	}
	for _, s := range sharedTargets {
		raw, err := os.ReadFile(testsets.Path(s.file))
		if err != nil {
			t.Fatal(err)
		}
		add(s.file, s.target, s.ignored, raw)
	}
	for _, s := range assets.Samples() {
		r, _, err := s.Open()
		if err != nil {
			t.Fatal(err)
		}
		raw, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		add("sample "+s.ID, s.Target, "", raw)
	}
	return out
}

func every(n, k int) []int {
	var rows []int
	for i := 0; i < n; i += k {
		rows = append(rows, i)
	}
	return rows
}

// split returns the fitting rows (two in three) and the held-out rows.
func split(f *data.Frame) (*data.Frame, *data.Frame) {
	var fit, held []int
	for i := 0; i < f.NumRows(); i++ {
		if i%3 == 0 {
			held = append(held, i)
		} else {
			fit = append(fit, i)
		}
	}
	return f.Take(fit), f.Take(held)
}

// fitted is one artifact and its export.
type fitted struct {
	name   string
	a      *artifact.Artifact
	model  []byte
	report *onnx.Report
	test   *data.Frame
}

// fitArtifact fits the learner on the dataset's fitting rows with the given
// pipeline (nil: Modelbench's default preparation, scaled, as the Train
// step uses it) and exports it.
func fitArtifact(t *testing.T, ds dataset, learner string, params param.Values, pipe *prep.Pipeline) (*artifact.Artifact, *data.Frame) {
	t.Helper()
	train, test := split(ds.table.Frame)
	tc, _ := ds.table.Frame.Lookup(ds.target)
	p := prep.Default(ds.table.Schema, ds.table.Frame, true)
	if pipe != nil {
		p = *pipe
	}
	if pipe != nil && ds.restates != "" {
		drop := prep.Configure("drop_columns", param.Values{"columns": []string{ds.restates}}, "restates the target")
		p = prep.NewPipeline(append([]prep.StepConfig{drop}, p.Steps...)...)
	}
	spec := artifact.Spec{Target: ds.target, Task: model.InferTask(tc), Pipeline: p, Learner: learner, Params: params, Seed: 42}
	a, err := artifact.Fit(context.Background(), train, spec, nil)
	if err != nil {
		t.Fatalf("%s %s: fit: %v", ds.name, learner, err)
	}
	return a, test
}

// messy returns f as new data might come, keeping each column's kind:
// numbers missing, huge, negative or infinite; categories and text unseen
// or missing; yes/no values and dates missing.
func messy(f *data.Frame) *data.Frame {
	out := make([]data.Column, f.NumCols())
	for j, c := range f.Columns() {
		n := c.Len()
		miss := data.NewMask(n)
		switch x := c.(type) {
		case *data.NumericColumn:
			v := slices.Clone(x.Values())
			for i := range v {
				switch {
				case i%5 == 1:
					v[i] = math.NaN()
				case i%7 == 2:
					v[i] = v[i]*1000 + 1e6
				case i%11 == 3:
					v[i] = -v[i] * 1000
				case i%13 == 4:
					v[i] = math.Inf(1)
				case i%17 == 5:
					v[i] = math.Inf(-1)
				}
			}
			out[j] = data.NewNumeric(c.Name(), v, nil)
		case *data.DatetimeColumn:
			for i := 0; i < n; i++ {
				if i%5 == 0 || x.IsMissing(i) {
					miss.Set(i)
				}
			}
			out[j] = data.NewDatetime(c.Name(), slices.Clone(x.UnixNanos()), miss, x.Layout())
		case *data.BooleanColumn:
			v := make([]bool, n)
			for i := range v {
				v[i], _ = x.At(i)
				if i%6 == 2 || x.IsMissing(i) {
					miss.Set(i)
				}
			}
			out[j] = data.NewBoolean(c.Name(), v, miss).Spelled(x.Spelling())
		case *data.TextColumn:
			s := slices.Clone(x.Values())
			for i := range s {
				switch {
				case i%4 == 1:
					s[i] = "Atlantis"
				case i%7 == 3 || x.IsMissing(i):
					miss.Set(i)
				}
			}
			out[j] = data.NewText(c.Name(), s, miss)
		default:
			s := make([]string, n)
			for i := range s {
				s[i] = c.Format(i)
				switch {
				case i%4 == 1:
					s[i] = "Atlantis"
				case i%6 == 2:
					s[i] = ""
				}
			}
			out[j] = data.NewCategoricalFromStrings(c.Name(), s, nil)
		}
	}
	g, err := data.NewFrame(out...)
	if err != nil {
		panic(err)
	}
	return g
}

// predictable returns the rows of f that Modelbench can score with a (all
// of them, unless the model refuses missing or infinite prepared values)
// and its predictions for them.
func predictable(t *testing.T, a *artifact.Artifact, f *data.Frame) (*data.Frame, *artifact.Predictions) {
	t.Helper()
	ctx := context.Background()
	p, err := a.Predict(ctx, f)
	if err == nil {
		return f, p
	}
	if !errors.Is(err, model.ErrMissingValues) && !errors.Is(err, model.ErrInfiniteFeatures) {
		t.Fatalf("Modelbench cannot score the rows: %v", err)
	}
	X, err := a.Design(ctx, f)
	if err != nil {
		t.Fatal(err)
	}
	var rows []int
	for i := 0; i < f.NumRows(); i++ {
		ok := true
		for _, col := range X {
			ok = ok && !math.IsNaN(col[i]) && !math.IsInf(col[i], 0)
		}
		if ok {
			rows = append(rows, i)
		}
	}
	f = f.Take(rows)
	p, err = a.Predict(ctx, f)
	if err != nil {
		t.Fatalf("Modelbench cannot score the finite rows: %v", err)
	}
	return f, p
}

// diffs are the largest differences found between ONNX Runtime and
// Modelbench.
type diffs struct {
	proba, value float64
	rows         int
}

// compare checks ONNX Runtime's outputs for a job against Modelbench's
// predictions: labels identical, probabilities within 1e-5, regression
// values within 1e-9 relative.
func compare(j *ortJob, rep *onnx.Report, p *artifact.Predictions, d *diffs) error {
	if j.err != "" {
		return fmt.Errorf("ONNX Runtime: %s", j.err)
	}
	n := len(p.Index)
	label, ok := j.outputs[rep.Outputs[0].Name]
	if !ok || len(label.Values) != n {
		return fmt.Errorf("output %q: %d values for %d rows (outputs %v)", rep.Outputs[0].Name, len(label.Values), n, keys(j.outputs))
	}
	d.rows += n
	if p.Task == model.Regression {
		for i, s := range label.Values {
			v, err := parseNumber(s)
			if err != nil {
				return err
			}
			want := p.Index[i]
			diff := math.Abs(v - want)
			if !(diff <= 1e-9*math.Max(1, math.Abs(want))) {
				return fmt.Errorf("row %d: ONNX predicts %v, Modelbench %v", i+1, v, want)
			}
			d.value = math.Max(d.value, diff/math.Max(1, math.Abs(want)))
		}
		return nil
	}
	for i, s := range label.Values {
		if want := p.Classes[int(p.Index[i])]; s != want {
			return fmt.Errorf("row %d: ONNX predicts %q, Modelbench %q (probabilities %v)", i+1, s, want, p.Proba[i])
		}
	}
	proba, ok := j.outputs[rep.Outputs[1].Name]
	k := len(p.Classes)
	if !ok || len(proba.Values) != n*k || len(proba.Dims) != 2 || proba.Dims[1] != k {
		return fmt.Errorf("output %q: dims %v for %d rows and %d classes", rep.Outputs[1].Name, proba.Dims, n, k)
	}
	for i := 0; i < n; i++ {
		for c := 0; c < k; c++ {
			v, err := parseNumber(proba.Values[i*k+c])
			if err != nil {
				return err
			}
			diff := math.Abs(v - p.Proba[i][c])
			if !(diff <= 1e-5) {
				return fmt.Errorf("row %d class %q: ONNX probability %v, Modelbench %v", i+1, p.Classes[c], v, p.Proba[i][c])
			}
			d.proba = math.Max(d.proba, diff)
		}
	}
	return nil
}

func keys(m map[string]ortOutput) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
