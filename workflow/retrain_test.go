package workflow

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"modelbench/workflow/data"
)

// conceptCSV writes n rows of x, z and a label that is "b" when x is above
// cut: moving cut is a change in the world the model must learn again.
func conceptCSV(t *testing.T, path string, n int, cut float64, seed uint64) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 1))
	var b strings.Builder
	b.WriteString("x,z,label\n")
	for range n {
		x, z := r.Float64(), r.Float64()
		l := "a"
		if x > cut {
			l = "b"
		}
		fmt.Fprintf(&b, "%.6f,%.6f,%s\n", x, z, l)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRetrain_NewConceptIsLearntComparedAcceptedAndRolledBack(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	old, recent := filepath.Join(dir, "old.csv"), filepath.Join(dir, "recent.csv")
	conceptCSV(t, old, 600, 0.5, 1)
	conceptCSV(t, recent, 500, 0.2, 2)
	p := New()
	if err := p.LoadData(ctx, DataRef{Path: old}, nil); err != nil {
		t.Fatal(err)
	}
	// x alone decides the label, so the default preparation would leave
	// it out as a likely leak: here it is the concept itself.
	if err := p.SetColumnRole("x", data.Feature, "the label is x above a cut"); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunTrain(ctx, TrainSettings{Candidates: []CandidateSpec{{Name: "tree", Learner: "tree"}}, Validation: ValidateCV, Folds: 3, Seed: 4}, nil); err != nil {
		t.Fatal(err)
	}
	first, err := p.ChooseModel(ctx, "tree", "the only one", nil)
	if err != nil {
		t.Fatal(err)
	}
	nt, err := data.LoadCSV(ctx, recent, data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	res, err := p.Retrain(ctx, RetrainOptions{New: nt.Frame, Source: "recent.csv", Replace: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.CompareRows != 150 || res.LearnRows != 350 || !res.Better {
		t.Fatalf("compare %d, learn %d, better %v: %s", res.CompareRows, res.LearnRows, res.Better, res.Comparison.Sentence)
	}
	if res.RetrainedMetrics["accuracy"] < res.CurrentMetrics["accuracy"]+0.15 {
		t.Fatalf("accuracy on the recent rows: current %.3f, retrained %.3f", res.CurrentMetrics["accuracy"], res.RetrainedMetrics["accuracy"])
	}
	if p.Training().Chosen != first {
		t.Fatal("Retrain alone must not change the chosen model")
	}
	v, err := p.AcceptRetrain(res, "the cut moved")
	if err != nil || v != 2 {
		t.Fatalf("accept: %d %v", v, err)
	}
	if p.Training().Chosen != res.Retrained || p.Status(StageEvaluate) == Done {
		t.Fatal("the retrained model must be carried forward and Evaluate go out of date")
	}
	if _, err := p.AcceptRetrain(res, "twice"); err == nil {
		t.Fatal("a retrain of a model that is no longer chosen was accepted")
	}
	if f := p.DeployFacts(); f.Version != 2 || len(f.Versions) != 2 || f.Versions[1].Why != "the cut moved" || f.Versions[1].After != res.RetrainedMetrics[res.Metric] {
		t.Fatalf("the documents' facts about the versions: %+v", f.Versions)
	}
	vs, cur := p.ModelVersions()
	if len(vs) != 2 || cur != 2 || vs[1].Source != "recent.csv" || vs[1].Comparison == "" || vs[0].LearnRows != len(p.Training().DevRows) || vs[0].LearnRows == 0 {
		t.Fatalf("versions %+v, current %d", vs, cur)
	}
	// The versions travel in the project file; rolling back brings the
	// first model back exactly.
	path, err := p.Save(filepath.Join(dir, "p"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := q.Resume(ctx, nil); err != nil {
		t.Fatal(err)
	}
	want, _ := res.Retrained.Predict(ctx, nt.Frame)
	got, _ := q.Training().Chosen.Predict(ctx, nt.Frame)
	if !slices.Equal(got.Index, want.Index) {
		t.Fatal("the reopened project does not carry version 2")
	}
	if err := q.Rollback(1, "the new cut was a data error"); err != nil {
		t.Fatal(err)
	}
	want, _ = first.Predict(ctx, nt.Frame)
	got, _ = q.Training().Chosen.Predict(ctx, nt.Frame)
	if !slices.Equal(got.Index, want.Index) {
		t.Fatal("rolling back did not bring version 1 back")
	}
	if _, cur := q.ModelVersions(); cur != 1 {
		t.Fatalf("current version %d after the rollback", cur)
	}
	if err := q.Rollback(9, ""); err == nil {
		t.Fatal("a version that does not exist was rolled back to")
	}
}

func TestRetrain_RefusesUnknownClassesAndTooFewRows(t *testing.T) {
	ctx := context.Background()
	p := chosenProject(t, "iris", "tree")
	tb := p.Table()
	if _, err := p.Retrain(ctx, RetrainOptions{New: tb.Frame.Take([]int{0, 1, 2})}, nil); err == nil || !strings.Contains(err.Error(), "too few") {
		t.Fatalf("three rows: %v", err)
	}
	f, _ := data.NewFrame(data.NewNumeric("sepal_length", []float64{5}, nil))
	if _, err := p.Retrain(ctx, RetrainOptions{New: f}, nil); err == nil {
		t.Fatal("rows without the target accepted")
	}
}
