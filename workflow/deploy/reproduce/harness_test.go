package reproduce_test

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"modelbench/assets"
	"modelbench/workflow"
	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/reproduce"
	"modelbench/workflow/internal/testsets"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// The tests run every generated script with Debian's python3 and its
// scikit-learn (python3-sklearn 1.2.1, pandas 1.5.3, numpy 1.24), the
// independent reference: the script's prepared learning rows must equal
// Fitted.Apply's to 1e-9 and its test metrics must be within the quality
// tolerance of the Train step (modeltest.Tolerance: 2 points of accuracy,
// 0.02 of R²) of Modelbench's.

// tolerance is modeltest.Tolerance, the quality tolerance of the Train step.
const tolerance = 0.02

var (
	pythonOnce sync.Once
	pythonPath string
	pythonErr  string
)

// python returns a python3 that has scikit-learn 1.2 or later and pandas,
// skipping the test when there is none unless MODELBENCH_REQUIRE_CHROMIUM
// is set (make test sets it for every external tool the tests need, so CI
// cannot pass without running the scripts).
func python(t *testing.T) string {
	t.Helper()
	pythonOnce.Do(func() {
		for _, cand := range []string{"/usr/bin/python3", "python3"} {
			p, err := exec.LookPath(cand)
			if err != nil {
				pythonErr = err.Error()
				continue
			}
			out, err := exec.Command(p, "-c", "import sklearn, pandas, numpy; print(sklearn.__version__)").CombinedOutput()
			if err != nil {
				pythonErr = p + ": " + strings.TrimSpace(string(out))
				continue
			}
			pythonPath = p
			return
		}
	})
	if pythonPath != "" {
		return pythonPath
	}
	if os.Getenv("MODELBENCH_REQUIRE_CHROMIUM") != "" {
		t.Fatalf("python3 with scikit-learn is required (apt-get install python3-sklearn python3-pandas): %s", pythonErr)
	}
	t.Skipf("no python3 with scikit-learn on this machine (%s); make test installs it", pythonErr)
	return ""
}

// dataset is a table to train on: a bundled sample or a file of the
// shared test datasets, with the target and the columns to ignore.
type dataset struct {
	sample string // bundled sample id
	file   string // or a file of workflow/internal/testsets
	target string // "" for a sample's own
	ignore []string
	kinds  map[string]data.Kind // types changed in the Data step
	abs    string               // or a file written by the test, read with opt
	opt    data.ParseOptions
}

func (d dataset) path(t *testing.T) string {
	if d.abs != "" {
		return d.abs
	}
	if d.sample == "" {
		return testsets.Path(d.file)
	}
	s, err := assets.LookupSample(d.sample)
	if err != nil {
		t.Fatal(err)
	}
	p, err := filepath.Abs(filepath.Join("..", "..", "..", "assets", "samples", s.File))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// trained is a project trained through workflow.Project and evaluated on
// its test rows.
type trained struct {
	p  *workflow.Project
	a  *artifact.Artifact
	in reproduce.Inputs
}

// train loads d, applies the pipeline (nil: the default preparation),
// trains learner with params on the default split, chooses it and
// evaluates it on the test rows, as the window does.
func train(t *testing.T, d dataset, learner string, params param.Values, pipeline func(*workflow.Project) prep.Pipeline) trained {
	t.Helper()
	ctx := context.Background()
	p := workflow.New()
	ref := workflow.DataRef{Sample: d.sample}
	switch {
	case d.abs != "":
		ref = workflow.DataRef{Path: d.abs, Options: data.LoadOptions{CSV: data.CSVOptions{ParseOptions: d.opt}}}
	case d.sample == "":
		ref = workflow.DataRef{Path: testsets.Path(d.file)}
	}
	if err := p.LoadData(ctx, ref, nil); err != nil {
		t.Fatal(err)
	}
	if d.target != "" {
		if err := p.SetColumnRole(d.target, data.Target, "the test's target"); err != nil {
			t.Fatal(err)
		}
	}
	for c, k := range d.kinds {
		if err := p.SetColumnKind(c, k, "the test's type"); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range d.ignore {
		if err := p.SetColumnRole(c, data.Ignored, "a copy of the target"); err != nil {
			t.Fatal(err)
		}
	}
	if pipeline != nil {
		if err := p.SetPipeline(pipeline(p), "the test's pipeline", ""); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	s := workflow.TrainSettings{Candidates: []workflow.CandidateSpec{{Name: learner, Learner: learner, Params: params}},
		Validation: workflow.ValidateNone, Seed: workflow.DefaultSeed}
	if _, err := p.RunTrain(ctx, s, nil); err != nil {
		t.Fatal(err)
	}
	a, err := p.ChooseModel(ctx, learner, "the test's model", nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunEvaluate(ctx, workflow.PartTest, nil); err != nil {
		t.Fatal(err)
	}
	in, err := p.ReproduceInputs()
	if err != nil {
		t.Fatal(err)
	}
	pr := p.Preparation()
	dev := append(slices.Clone(pr.Split.Train), pr.Split.Valid...)
	slices.Sort(dev)
	if !slices.Equal(in.LearningRows, dev) || !slices.Equal(in.TestRows, pr.Split.Test) {
		t.Fatal("ReproduceInputs does not give the split's training + validation rows and test rows")
	}
	return trained{p: p, a: a, in: in}
}

// result is what the script wrote with --json.
type result struct {
	SKLearn      map[string]float64 `json:"scikit_learn"`
	Modelbench   map[string]float64 `json:"modelbench"`
	Checks       []string           `json:"checks"`
	LearningRows int                `json:"learning_rows"`
	FittedRows   int                `json:"fitted_rows"`
	TestRows     int                `json:"test_rows"`
	fitted       [][]float64        // the rows the estimator learnt from, in order (--dump-fitted)
}

// runScript writes the script of tr, runs it on the data file and
// returns what it printed and wrote: the prepared learning rows (by
// row position) and the metrics.
func runScript(t *testing.T, tr trained, file string) (map[int][]float64, result) {
	t.Helper()
	py := python(t)
	script, err := reproduce.Script(tr.a, tr.in)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	path := filepath.Join(dir, reproduce.FileName)
	if err := os.WriteFile(path, script, 0o644); err != nil {
		t.Fatal(err)
	}
	prepared, fitted, metrics := filepath.Join(dir, "prepared.csv"), filepath.Join(dir, "fitted.csv"), filepath.Join(dir, "metrics.json")
	cmd := exec.Command(py, path, file, "--dump-prepared", prepared, "--dump-fitted", fitted, "--json", metrics)
	cmd.Dir = dir
	// One thread: the machine is shared, and HistGradientBoosting's OpenMP
	// threads slow small fits down many times over when cores are busy.
	cmd.Env = append(os.Environ(), "OMP_NUM_THREADS=1")
	out, err := cmd.CombinedOutput()
	if err != nil {
		if keep := os.Getenv("REPRODUCE_KEEP"); keep != "" {
			_ = os.WriteFile(filepath.Join(keep, t.Name()[strings.LastIndexByte(t.Name(), '/')+1:]+".py"), script, 0o644)
		}
		t.Fatalf("the script failed: %v\n%s", err, out)
	}
	var res result
	b, err := os.ReadFile(metrics)
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &res); err != nil {
		t.Fatal(err)
	}
	res.fitted = readRows(t, fitted, tr.a.Pipeline.Features())
	return readPrepared(t, prepared, tr.a.Pipeline.Features()), res
}

// readPrepared reads the script's --dump-prepared CSV: a row column, then
// the features in order.
func readPrepared(t *testing.T, path string, features []string) map[int][]float64 {
	t.Helper()
	rows := readRows(t, path, features)
	out := make(map[int][]float64, len(rows))
	for _, r := range rows {
		out[int(r[0])] = r[1:]
	}
	return out
}

// readRows reads a CSV the script dumped: each record's row position and
// then its features, in the file's order.
func readRows(t *testing.T, path string, features []string) [][]float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) == 0 || !slices.Equal(recs[0][1:], features) {
		t.Fatalf("the prepared rows have the columns %v, Modelbench %v", recs[0], features)
	}
	var out [][]float64
	for _, r := range recs[1:] {
		vals := make([]float64, len(r))
		for j, s := range r {
			vals[j] = math.NaN()
			if s != "" {
				if vals[j], err = strconv.ParseFloat(s, 64); err != nil {
					t.Fatal(err)
				}
			}
		}
		out = append(out, vals)
	}
	return out
}

// comparePrepared checks the script's prepared learning rows against
// Fitted.Apply on the same rows, to 1e-9 (relative above 1).
func comparePrepared(t *testing.T, tr trained, got map[int][]float64) {
	t.Helper()
	rows := tr.in.LearningRows
	applied, err := tr.a.Pipeline.Apply(context.Background(), tr.p.Table().Frame.Take(rows))
	if err != nil {
		t.Fatal(err)
	}
	features := tr.a.Pipeline.Features()
	X, err := model.Matrix(applied, features)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(rows) {
		t.Fatalf("the script prepared %d learning rows, Modelbench %d", len(got), len(rows))
	}
	worst, bad := 0.0, 0
	for i, r := range rows {
		g, ok := got[r]
		if !ok {
			t.Fatalf("row %d is missing from the prepared rows", r)
		}
		for j := range features {
			want := X[j][i]
			if math.IsNaN(want) != math.IsNaN(g[j]) {
				bad++
				if bad <= 5 {
					t.Errorf("row %d, %s: script %v, Modelbench %v", r, features[j], g[j], want)
				}
				continue
			}
			if d := math.Abs(g[j]-want) / math.Max(1, math.Abs(want)); d > worst {
				worst = d
			}
			if d := math.Abs(g[j] - want); d > 1e-9*math.Max(1, math.Abs(want)) {
				bad++
				if bad <= 5 {
					t.Errorf("row %d, %s: script %.17g, Modelbench %.17g", r, features[j], g[j], want)
				}
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d prepared values differ", bad)
	}
	t.Logf("prepared: %d rows × %d features agree, largest difference %.2g", len(rows), len(features), worst)
}

// compareFitted checks the rows the script's estimator learnt from (after
// the row steps, target encodings out of fold) against the dataset
// Modelbench's learner was given (artifact.Prepare on the learning rows).
func compareFitted(t *testing.T, tr trained, got [][]float64) {
	t.Helper()
	a := tr.a
	pd, err := artifact.Prepare(context.Background(), tr.p.Table().Frame.Take(tr.in.LearningRows), nil,
		artifact.Spec{Target: a.Target, Task: a.Task, Classes: a.Classes, Pipeline: a.Pipeline.Pipeline()}, nil)
	if err != nil {
		t.Fatal(err)
	}
	X := pd.Data.X
	if len(got) != pd.Data.Rows() {
		t.Fatalf("the script's estimator learnt from %d rows, Modelbench's from %d", len(got), pd.Data.Rows())
	}
	bad := 0
	for i, r := range got {
		for j := range X {
			want, g := X[j][i], r[j+1]
			if math.IsNaN(want) != math.IsNaN(g) || math.Abs(g-want) > 1e-9*math.Max(1, math.Abs(want)) {
				bad++
				if bad <= 5 {
					t.Errorf("fitted row %d (row %v), %s: script %.17g, Modelbench %.17g", i, r[0], a.Pipeline.Features()[j], g, want)
				}
			}
		}
	}
	if bad > 0 {
		t.Fatalf("%d values the estimators learnt from differ", bad)
	}
}

// compareMetrics checks the headline metric (accuracy or R²) within the
// tolerance and that every Modelbench metric was printed beside
// scikit-learn's.
func compareMetrics(t *testing.T, tr trained, res result) {
	t.Helper()
	key := "accuracy"
	if tr.a.Task == model.Regression {
		key = "r2"
	}
	ours, theirs := res.Modelbench[key], res.SKLearn[key]
	if _, ok := res.SKLearn[key]; !ok || len(res.Modelbench) == 0 {
		t.Fatalf("the script printed no %s: %+v", key, res)
	}
	for k := range res.Modelbench {
		if _, ok := res.SKLearn[k]; !ok && k != "roc_auc" {
			t.Errorf("Modelbench's %s has no scikit-learn counterpart in the script", k)
		}
	}
	t.Logf("%s: scikit-learn %.4f, Modelbench %.4f (%d test rows, %d learnt values checked)", key, theirs, ours, res.TestRows, len(res.Checks))
	if math.Abs(ours-theirs) > tolerance {
		t.Errorf("%s: scikit-learn %.4f, Modelbench %.4f: more than %.2f apart", key, theirs, ours, tolerance)
	}
	if res.TestRows != len(tr.in.TestRows) || res.LearningRows != len(tr.in.LearningRows) || res.FittedRows != tr.a.TrainRows {
		t.Errorf("rows: the script used %d learning, %d fitted, %d test; Modelbench %d, %d, %d", res.LearningRows, res.FittedRows, res.TestRows,
			len(tr.in.LearningRows), tr.a.TrainRows, len(tr.in.TestRows))
	}
}

// reproduceCase trains, writes and runs a script, and compares.
func reproduceCase(t *testing.T, d dataset, learner string, params param.Values, pipeline func(*workflow.Project) prep.Pipeline) result {
	t.Helper()
	python(t)
	tr := train(t, d, learner, params, pipeline)
	got, res := runScript(t, tr, d.path(t))
	comparePrepared(t, tr, got)
	compareFitted(t, tr, res.fitted)
	compareMetrics(t, tr, res)
	return res
}
