package workflow

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestResume_ReopenedProjectNeedsNoRetraining: a project saved after
// Evaluate reopens with the same leaderboard, the same chosen model (same
// predictions) and its evaluation, without a new look at the test rows.
func TestResume_ReopenedProjectNeedsNoRetraining(t *testing.T) {
	ctx := context.Background()
	p := chosenProject(t, "penguins", "forest", "logistic")
	ev, err := p.RunEvaluate(ctx, PartTest, nil)
	if err != nil {
		t.Fatal(err)
	}
	path, err := p.Save(filepath.Join(t.TempDir(), "p"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if q.Status(StageTrain) == Done {
		t.Fatal("opening alone must not claim a trained model")
	}
	notes, err := q.Resume(ctx, nil)
	if err != nil || len(notes) != 0 {
		t.Fatalf("resume: %v %v", notes, err)
	}
	for _, s := range []Stage{StagePrepare, StageTrain, StageEvaluate} {
		if q.Status(s) != Done {
			t.Fatalf("%s is %s after resuming", s, q.Status(s))
		}
	}
	tr, orig := q.Training(), p.Training()
	if len(tr.Board.Entries) != len(orig.Board.Entries) || tr.Board.Entries[0].Score != orig.Board.Entries[0].Score {
		t.Fatalf("leaderboard %+v, saved %+v", tr.Board.Entries, orig.Board.Entries)
	}
	want, _ := orig.Chosen.Predict(ctx, p.Table().Frame)
	got, err := tr.Chosen.Predict(ctx, q.Table().Frame)
	if err != nil || !slices.Equal(got.Index, want.Index) {
		t.Fatalf("the restored model predicts differently (%v)", err)
	}
	again := q.Evaluation()
	if len(again.Issues) != 0 || again.Assessment.Metrics.Metrics["accuracy"] != ev.Assessment.Metrics.Metrics["accuracy"] {
		t.Fatalf("restored evaluation: issues %v, accuracy %v vs %v", again.Issues, again.Assessment.Metrics.Metrics["accuracy"], ev.Assessment.Metrics.Metrics["accuracy"])
	}
	if got := q.Document().Evaluate.TestLog.Models; len(got) != 1 {
		t.Fatalf("test log %v: resuming must not count as another model on the test rows", got)
	}
	// Saving the resumed project keeps the model in the file.
	path2, err := q.Save(filepath.Join(t.TempDir(), "q"))
	if err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path2); !strings.Contains(string(b), `"model": {`) {
		t.Fatal("the resaved project lost its model")
	}
}

// TestResume_ChangedDataAsksForRetraining: a model saved with a project is
// not restored onto data that changed since.
func TestResume_ChangedDataAsksForRetraining(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	csv := filepath.Join(dir, "d.csv")
	var b strings.Builder
	b.WriteString("x,z,y\n")
	for i := range 60 {
		b.WriteString(strings.Join([]string{strconv.Itoa(i), strconv.Itoa(i % 7), []string{"a", "b"}[i%2]}, ",") + "\n")
	}
	os.WriteFile(csv, []byte(b.String()), 0o644)
	p := New()
	if err := p.LoadData(ctx, DataRef{Path: csv}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunTrain(ctx, TrainSettings{Candidates: []CandidateSpec{{Name: "tree", Learner: "tree"}}, Validation: ValidateCV, Folds: 3, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ChooseModel(ctx, "tree", "only one", nil); err != nil {
		t.Fatal(err)
	}
	path, err := p.Save(filepath.Join(dir, "p"))
	if err != nil {
		t.Fatal(err)
	}
	os.WriteFile(csv, []byte(b.String()+"100,3,a\n"), 0o644)
	q, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	notes, err := q.Resume(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(notes) != 1 || !strings.Contains(notes[0], "data changed") || q.Training() != nil && q.Training().Chosen != nil {
		t.Fatalf("notes %v, training %+v", notes, q.Training())
	}
}
