package pmml_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"modelbench/assets"
	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/pmml"
	"modelbench/workflow/internal/testsets"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// datasets are the shared datasets (workflow/internal/testsets, copies of
// /work/shared/datasets and of the samples) with the target their README
// names.
var datasets = map[string]string{
	"sk_iris.csv": "target_name", "sk_wine.csv": "target_name", "sk_breast_cancer.csv": "target_name",
	"sk_diabetes.csv": "target", "penguins.csv": "species", "r_airquality.csv": "Ozone", "r_mtcars.csv": "mpg",
	"cardata_titanic.csv": "survived", "weka_credit_g.csv": "class", "weka_diabetes.csv": "class",
	"mlbench_pima_diabetes2.csv": "diabetes", "weka_vote.csv": "Class", "weka_soybean.csv": "class",
	"weka_weather_nominal.csv": "play", "diamonds.csv": "price", "vega_seattle_weather.csv": "weather",
	"vega_cars.csv": "Miles_per_Gallon",
}

// learnerParams are the learners compared, with parameters that keep the
// test quick (fewer trees and rounds than the defaults; nothing else
// changes what the export must write).
var learnerParams = map[string]param.Values{
	"baseline": nil, "linear": nil, "logistic": nil, "naive_bayes": nil, "tree": nil,
	"forest": {"n_estimators": 12}, "gbt": {"max_iter": 25},
}

// loaded is one dataset split into fitting and test rows (every fourth
// row is a test row).
type loaded struct {
	table       *data.Table
	train, test *data.Frame
	target      string
	task        model.Task
}

func load(t *testing.T, file, target string) loaded {
	t.Helper()
	return loadPath(t, testsets.Path(file), target)
}

// loadSample loads one of the bundled sample datasets.
func loadSample(t *testing.T, s assets.Sample) loaded {
	t.Helper()
	b, err := s.Bytes()
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), s.File)
	if err := os.WriteFile(p, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return loadPath(t, p, s.Target)
}

func loadPath(t *testing.T, path, target string) loaded {
	t.Helper()
	file := filepath.Base(path)
	tb, err := data.LoadCSV(context.Background(), path, data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	f := tb.Frame
	if f.NumRows() > 4000 {
		f = f.Take(every(f.NumRows(), func(i int) bool { return i%20 == 0 }))
	}
	c, ok := f.Lookup(target)
	if !ok {
		t.Fatalf("%s has no column %q", file, target)
	}
	return loaded{table: tb, target: target, task: model.InferTask(c),
		train: f.Take(every(f.NumRows(), func(i int) bool { return i%4 != 0 })),
		test:  f.Take(every(f.NumRows(), func(i int) bool { return i%4 == 0 }))}
}

func every(n int, keep func(int) bool) []int {
	var out []int
	for i := 0; i < n; i++ {
		if keep(i) {
			out = append(out, i)
		}
	}
	return out
}

// defaultPipeline is the preparation the Train step uses.
func (l loaded) defaultPipeline(t *testing.T) prep.Pipeline {
	schema, err := l.table.Schema.WithRole(l.target, data.Target)
	if err != nil {
		t.Fatal(err)
	}
	return prep.Default(schema, l.table.Frame, true)
}

// fit trains a learner on the fitting rows.
func (l loaded) fit(t *testing.T, learner string, p prep.Pipeline) *artifact.Artifact {
	t.Helper()
	return l.fitWith(t, learner, learnerParams[learner], p)
}

// fitWith trains a learner with the given parameters.
func (l loaded) fitWith(t *testing.T, learner string, params param.Values, p prep.Pipeline) *artifact.Artifact {
	t.Helper()
	a, err := artifact.Fit(context.Background(), l.train, artifact.Spec{Target: l.target, Task: l.task, Pipeline: p,
		Learner: learner, Params: params, Seed: 7}, nil)
	if err != nil {
		t.Fatalf("fit %s: %v", learner, err)
	}
	return a
}

// records turns the rows of f into PMML inputs: each input column's value
// as a PMML consumer receives it (numbers in xs:double form, categories,
// texts and yes/no values as the file spells them, dates in ISO 8601 as
// the DataField's type says); a missing value is left out.
func records(f *data.Frame, inputs []data.Field, dateTypes map[string]string) []map[string]string {
	out := make([]map[string]string, f.NumRows())
	for i := range out {
		out[i] = map[string]string{}
	}
	for _, in := range inputs {
		c, ok := f.Lookup(in.Name)
		if !ok {
			continue
		}
		for i := range out {
			if c.IsMissing(i) {
				continue
			}
			switch col := c.(type) {
			case *data.NumericColumn:
				v := col.Values()[i]
				switch {
				case math.IsNaN(v):
					continue
				case math.IsInf(v, 1):
					out[i][in.Name] = "INF"
				case math.IsInf(v, -1):
					out[i][in.Name] = "-INF"
				default:
					out[i][in.Name] = strconv.FormatFloat(v, 'g', -1, 64)
				}
			case *data.DatetimeColumn:
				tm := time.Unix(0, col.UnixNanos()[i]).UTC()
				if dateTypes[in.Name] == "date" {
					out[i][in.Name] = tm.Format("2006-01-02")
				} else {
					out[i][in.Name] = tm.Format("2006-01-02T15:04:05")
				}
			default:
				out[i][in.Name] = c.Format(i)
			}
		}
	}
	return out
}

// compared counts what one comparison checked.
type compared struct{ rows, probs int }

// comparePredictions scores f with Modelbench and with the independent
// evaluator on doc and requires the same labels and probabilities (or
// values) to tol. Rows Modelbench cannot score make the whole frame
// skipped (Predict fails as a whole); a nil error means they agreed.
func comparePredictions(a *artifact.Artifact, doc []byte, rep *pmml.Report, f *data.Frame, tol float64) (compared, error) {
	ev, err := newEvaluator(doc)
	if err != nil {
		return compared{}, err
	}
	return compareWith(a, ev, rep, f, tol)
}

// compareWith is comparePredictions with a parsed (possibly altered)
// document.
func compareWith(a *artifact.Artifact, ev *xEvaluator, rep *pmml.Report, f *data.Frame, tol float64) (compared, error) {
	var n compared
	want, err := a.Predict(context.Background(), f)
	if err != nil {
		return n, errSkip{err}
	}
	dateTypes := map[string]string{}
	for _, df := range ev.doc.Data {
		dateTypes[df.Name] = df.DataType
	}
	recs := records(f, a.Input, dateTypes)
	for i, rec := range recs {
		out, err := ev.score(rec)
		if err != nil {
			return n, rowErr(i, "the evaluator fails: %v", err)
		}
		got := out[rep.Outputs[0]]
		if got.isMissing() {
			return n, rowErr(i, "the PMML gives no prediction")
		}
		if a.Task == model.Regression {
			if !close(got.num, want.Index[i], tol) {
				return n, rowErr(i, "PMML predicts %v, Modelbench %v", got.num, want.Index[i])
			}
			n.rows++
			continue
		}
		if label := a.Classes[int(want.Index[i])]; got.str != label {
			return n, rowErr(i, "PMML predicts %q, Modelbench %q (probabilities %v)", got.str, label, want.Proba[i])
		}
		for k := range a.Classes {
			p := out[rep.Outputs[1+k]]
			if p.isMissing() || !close(p.num, want.Proba[i][k], tol) {
				return n, rowErr(i, "P(%s): PMML %v, Modelbench %v", a.Classes[k], p.num, want.Proba[i][k])
			}
			n.probs++
		}
		n.rows++
	}
	return n, nil
}

// close compares to tol, relative to the size of the values above 1;
// NaN equals NaN and infinities must be equal.
func close(a, b, tol float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) || math.IsInf(a, 0) || math.IsInf(b, 0) {
		return a == b || math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

type errSkip struct{ err error }

func (e errSkip) Error() string { return "Modelbench cannot score these rows: " + e.err.Error() }

type rowError struct {
	row int
	msg string
}

func (e rowError) Error() string { return "row " + strconv.Itoa(e.row+1) + ": " + e.msg }

func rowErr(i int, format string, args ...any) error {
	return rowError{i, sprintf(format, args...)}
}
