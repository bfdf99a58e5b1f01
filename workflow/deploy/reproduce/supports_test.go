package reproduce_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/reproduce"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// fitPenguins fits learner on the penguins sample through the default
// split with the given pipeline, without a project (the artifact alone is
// what Supports reads).
func fitPenguins(t *testing.T, learner string, steps ...prep.StepConfig) (*artifact.Artifact, *data.Table) {
	t.Helper()
	tb, err := data.LoadCSV(context.Background(), penguins.path(t), data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := artifact.Fit(context.Background(), tb.Frame, artifact.Spec{Target: "species", Task: model.Classification, Pipeline: prep.NewPipeline(steps...),
		Learner: learner, Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a, tb
}

var penguinsPrep = []prep.StepConfig{
	prep.Configure("impute", param.Values{"strategy": "most_frequent"}, ""),
	prep.Configure("one_hot", nil, ""),
}

func TestSupports_NamesEveryStepItCannotReproduce(t *testing.T) {
	dir := t.TempDir()
	islands := filepath.Join(dir, "islands.csv")
	if err := os.WriteFile(islands, []byte("island,area\nBiscoe,12\nDream,3\nTorgersen,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	steps := append([]prep.StepConfig{
		prep.Configure("rebalance", nil, "rare species get as many rows"),
		prep.Configure("join", param.Values{"table_path": islands, "key": "island"}, "island sizes"),
	}, penguinsPrep...)
	a, _ := fitPenguins(t, "logistic", steps...)
	err := reproduce.Supports(a)
	if !errors.Is(err, reproduce.ErrUnsupported) {
		t.Fatalf("Supports: %v", err)
	}
	for _, want := range []string{"step 1 (rebalance)", "step 2 (join)", "random generator", "another table"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("the error does not say %q: %v", want, err)
		}
	}
	var ue *reproduce.UnsupportedError
	if !errors.As(err, &ue) || ue.Step != 1 || ue.Kind != "rebalance" {
		t.Errorf("the first reason is %+v", ue)
	}
	b, err2 := reproduce.Script(a, reproduce.Inputs{LearningRows: []int{0}})
	if b != nil || err2 == nil || err2.Error() != err.Error() {
		t.Errorf("Script wrote %d bytes, error %v", len(b), err2)
	}
}

func TestSupports_NamesALearnerItCannotReproduce(t *testing.T) {
	a, _ := fitPenguins(t, "logistic", penguinsPrep...)
	if err := reproduce.Supports(a); err != nil {
		t.Fatalf("logistic regression on a plain pipeline: %v", err)
	}
	other := *a
	other.Learner = "svm"
	err := reproduce.Supports(&other)
	var ue *reproduce.UnsupportedError
	if !errors.As(err, &ue) || ue.Learner != "svm" || !errors.Is(err, reproduce.ErrUnsupported) {
		t.Fatalf("an unknown learner: %v", err)
	}
}

func TestScript_RefusesDataItCannotRead(t *testing.T) {
	a, tb := fitPenguins(t, "logistic", penguinsPrep...)
	noText := *tb
	noText.Text = nil
	if _, err := reproduce.NewDataFile(&noText, data.ParseOptions{}, "penguins.parquet", ""); !errors.Is(err, reproduce.ErrUnsupported) {
		t.Errorf("a table not read from delimited text: %v", err)
	}
	df, err := reproduce.NewDataFile(tb, data.ParseOptions{}, "penguins.csv", "")
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]int, tb.Frame.NumRows())
	for i := range rows {
		rows[i] = i
	}
	if _, err := reproduce.Script(a, reproduce.Inputs{Data: df, LearningRows: rows}); err != nil {
		t.Fatalf("the penguins file: %v", err)
	}
	short := df
	short.Columns = df.Columns[1:]
	if _, err := reproduce.Script(a, reproduce.Inputs{Data: short, LearningRows: rows}); err == nil || !strings.Contains(err.Error(), `"species"`) {
		t.Errorf("a file without the target column: %v", err)
	}
	if _, err := reproduce.Script(a, reproduce.Inputs{Data: df}); err == nil {
		t.Error("no learning rows were accepted")
	}
}
