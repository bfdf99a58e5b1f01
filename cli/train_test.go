package cli

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/workflow"
	"modelbench/workflow/artifact"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// trainJSON is the part of "train --json" the tests read.
type trainJSON struct {
	Learner string         `json:"learner"`
	Params  map[string]any `json:"params"`
	Task    string         `json:"task"`
	Target  string         `json:"target"`
	Rows    int            `json:"rows"`
	Classes []string       `json:"classes"`
	Model   string         `json:"model"`
	CV      *struct {
		Folds    int                    `json:"folds"`
		Metric   string                 `json:"metric"`
		Metrics  map[string]summaryJSON `json:"metrics"`
		Baseline map[string]summaryJSON `json:"baseline"`
		Beats    bool                   `json:"beats_baseline"`
	} `json:"cv"`
}

// summaryJSON is one metric over the folds.
type summaryJSON struct {
	Mean   float64   `json:"mean"`
	Std    float64   `json:"std"`
	Values []float64 `json:"values"`
}

func trainOK(t *testing.T, args ...string) trainJSON {
	t.Helper()
	code, out, errOut := run(t, append([]string{"train", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("train %v: exit %d: %s", args, code, errOut)
	}
	var got trainJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v: %s", err, out)
	}
	return got
}

func TestTrain_ClassificationWithCrossValidation(t *testing.T) {
	dir := t.TempDir()
	got := trainOK(t, "--sample", "iris", "--model", "tree", "--cv", "3", "--seed", "7", "--param", "max_depth=3", "--out", dir)
	if got.Learner != "tree" || got.Task != "classification" || got.Target != "species" || got.Rows != 150 || len(got.Classes) != 3 {
		t.Fatalf("%+v", got)
	}
	if got.Params["max_depth"] != 3.0 || got.Params["seed"] != 7.0 {
		t.Errorf("params %v: max_depth 3 and seed 7 expected", got.Params)
	}
	cv := got.CV
	if cv == nil || cv.Folds != 3 || cv.Metric != "balanced_accuracy" || !cv.Beats {
		t.Fatalf("cv %+v", cv)
	}
	acc := cv.Metrics["balanced_accuracy"]
	if acc.Mean < 0.85 || acc.Mean > 1 || acc.Std < 0 || len(acc.Values) != 3 {
		t.Errorf("a depth-3 tree on iris: balanced accuracy %+v", acc)
	}
	// The majority class is right on a third of each class's rows: recall
	// 1 for one class, 0 for the others, so balanced accuracy is exactly 1/3.
	if b := cv.Baseline["balanced_accuracy"].Mean; math.Abs(b-1.0/3) > 1e-12 {
		t.Errorf("baseline balanced accuracy %v, want 1/3", b)
	}
	a, err := artifact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if a.Learner != "tree" || a.DataSource != "sample:iris" || len(a.DataSHA256) != 64 || a.Seed != 7 || a.AppVersion == "" ||
		got.Model != filepath.Join(dir, artifact.FileName) {
		t.Errorf("provenance: learner %q source %q sha %q seed %d version %q, model %s", a.Learner, a.DataSource, a.DataSHA256, a.Seed, a.AppVersion, got.Model)
	}
}

func TestTrain_TableOutputAndBaseline(t *testing.T) {
	code, out, errOut := run(t, "train", "--sample", "iris", "--model", "baseline", "--cv", "2", "--out", t.TempDir())
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"2-fold cross-validation", "balanced_accuracy", "BASELINE", "model.json"} {
		if !strings.Contains(out, want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
}

func TestTrain_UsageErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--model", "perceptron"}, `unknown model "perceptron"`},
		{[]string{"--model", "tree", "--param", "max_depth=deep"}, "max_depth"},
		{[]string{"--model", "tree", "--param", "depth=3"}, `unknown parameter "depth"`},
		{[]string{"--model", "tree", "--param", "max_depth"}, "name=value"},
		{[]string{"--cv", "1"}, "--cv"},
	} {
		code, _, errOut := run(t, append([]string{"train", "--sample", "iris", "--out", dir}, c.args...)...)
		if code != 2 || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d, %q; want 2 and %q", c.args, code, errOut, c.want)
		}
	}
	if code, _, errOut := run(t, "train", "--sample", "iris"); code != 2 || !strings.Contains(errOut, "--out") {
		t.Errorf("no --out: exit %d, %q", code, errOut)
	}
}

func TestTrain_MissingTargetIsNamed(t *testing.T) {
	path := filepath.Join(t.TempDir(), "small.csv")
	os.WriteFile(path, []byte("x,y\n1,a\n2,b\n3,a\n4,b\n"), 0o644)
	code, _, errOut := run(t, "train", path, "--target", "label", "--out", t.TempDir())
	if code != 1 || !strings.Contains(errOut, `"label"`) || !strings.Contains(errOut, "x, y") {
		t.Errorf("exit %d: %q", code, errOut)
	}
	if got := trainOK(t, path, "--model", "baseline", "--cv", "2", "--out", t.TempDir()); got.Target != "y" || got.Rows != 4 {
		t.Errorf("without --target the inferred target y should be learnt: %+v", got)
	}
	code, _, errOut = run(t, "train", path, "--target", "y", "--model", "linear", "--out", t.TempDir())
	if code != 1 || !strings.Contains(errOut, "linear cannot do classification") {
		t.Errorf("linear on classes: exit %d: %q", code, errOut)
	}
}

// TestTrain_ProjectSuppliesPipelineAndTarget saves a project with its own
// preparation and checks that train uses it, and its data.
func TestTrain_ProjectSuppliesPipelineAndTarget(t *testing.T) {
	ctx := context.Background()
	p := workflow.New()
	if err := p.LoadData(ctx, workflow.DataRef{Sample: "penguins"}, nil); err != nil {
		t.Fatal(err)
	}
	pl := prep.NewPipeline(
		prep.Configure("drop_columns", param.Values{"columns": []string{"island", "sex", "year"}}, "only the measurements"),
		prep.Configure("impute", param.Values{"strategy": "median"}, ""),
	)
	if err := p.SetPipeline(pl, "measurements only", "test"); err != nil {
		t.Fatal(err)
	}
	proj := filepath.Join(t.TempDir(), "p.mbproj")
	if _, err := p.Save(proj); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	got := trainOK(t, "--project", proj, "--model", "logistic", "--cv", "0", "--out", dir)
	if got.Target != "species" || got.CV != nil || got.Rows != 344 {
		t.Fatalf("%+v", got)
	}
	a, err := artifact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if feats := strings.Join(a.Model.Features(), ","); feats != "bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g" {
		t.Errorf("the project's pipeline was not used: features %s", feats)
	}
}

// TestTrain_SameModelAsTheProjectReplays: what train fits is exactly what
// the saved project gives when its stages are run again through
// workflow.Project, the way the window runs them — the command line has no
// orchestration of its own.
func TestTrain_SameModelAsTheProjectReplays(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.mbproj")
	got := trainOK(t, "--sample", "penguins", "--model", "forest", "--param", "n_estimators=20", "--cv", "3",
		"--test", "0.25", "--seed", "9", "--out", dir, "--save-project", proj)
	if got.Rows != 344-86 { // every penguin has a species; a quarter (86) is held out
		t.Fatalf("fitted on %d rows", got.Rows)
	}
	cli, err := artifact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p, err := workflow.Open(ctx, proj, nil)
	if err != nil {
		t.Fatal(err)
	}
	chosen := p.Document().Train.Chosen
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunTrain(ctx, p.TrainSettings(), nil); err != nil {
		t.Fatal(err)
	}
	a, err := p.ChooseModel(ctx, chosen, "replay", nil)
	if err != nil {
		t.Fatal(err)
	}
	if a.Seed != 9 || cli.Seed != 9 || a.TrainRows != cli.TrainRows || len(p.Preparation().Split.Test) != 86 {
		t.Fatalf("seed %d/%d, rows %d/%d, test rows %d", a.Seed, cli.Seed, a.TrainRows, cli.TrainRows, len(p.Preparation().Split.Test))
	}
	want, err := cli.Predict(ctx, p.Table().Frame)
	if err != nil {
		t.Fatal(err)
	}
	again, err := a.Predict(ctx, p.Table().Frame)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want.Proba {
		for k := range want.Proba[i] {
			if want.Proba[i][k] != again.Proba[i][k] {
				t.Fatalf("row %d: the command line's model says %v, the replayed project %v", i, want.Proba[i], again.Proba[i])
			}
		}
	}
}

func TestTrain_TestRowsEvaluatedOnce(t *testing.T) {
	dir := t.TempDir()
	var out struct {
		Rows int `json:"rows"`
		Test *struct {
			Rows    int                `json:"rows"`
			Metrics map[string]float64 `json:"metrics"`
		} `json:"test"`
	}
	code, stdout, errOut := run(t, "train", "--json", "--sample", "iris", "--model", "logistic", "--test", "0.2", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if err := json.Unmarshal([]byte(stdout), &out); err != nil {
		t.Fatal(err)
	}
	if out.Test == nil || out.Test.Rows != 30 || out.Rows != 120 || out.Test.Metrics["accuracy"] < 0.8 {
		t.Fatalf("train with --test 0.2 on 150 iris rows: %s", stdout)
	}
	if code, _, errOut := run(t, "train", "--sample", "iris", "--test", "0.95", "--out", dir); code != 2 || !strings.Contains(errOut, "--test") {
		t.Fatalf("--test 0.95: exit %d %q", code, errOut)
	}
}

func TestTrain_ReadableModelFileLoadsTheSame(t *testing.T) {
	compact, readable := t.TempDir(), t.TempDir()
	trainOK(t, "--sample", "iris", "--model", "forest", "--param", "n_estimators=5", "--cv", "0", "--out", compact)
	trainOK(t, "--sample", "iris", "--model", "forest", "--param", "n_estimators=5", "--cv", "0", "--out", readable, "--readable")
	a, errA := os.ReadFile(filepath.Join(compact, artifact.FileName))
	b, errB := os.ReadFile(filepath.Join(readable, artifact.FileName))
	if errA != nil || errB != nil || len(b) <= len(a) || !strings.Contains(string(b), "\n  ") {
		t.Fatalf("compact %d bytes, readable %d bytes", len(a), len(b))
	}
	ma, _ := artifact.Load(compact)
	mb, err := artifact.Load(readable)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	p := workflow.New()
	if err := p.LoadData(ctx, workflow.DataRef{Sample: "iris"}, nil); err != nil {
		t.Fatal(err)
	}
	pa, _ := ma.Predict(ctx, p.Table().Frame)
	pb, _ := mb.Predict(ctx, p.Table().Frame)
	for i := range pa.Proba {
		for k := range pa.Proba[i] {
			if pa.Proba[i][k] != pb.Proba[i][k] {
				t.Fatalf("row %d: %v vs %v", i, pa.Proba[i], pb.Proba[i])
			}
		}
	}
}
