package ui

import (
	"context"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/eval"
	"modelbench/workflow/param"
)

// trainReady opens a sample, fits the default preparation and shows the
// Train step.
func trainReady(t *testing.T, sample string) (*UI, fyne.Window, *trainScreen) {
	t.Helper()
	u, w := newTestUI(t, Options{Sample: sample})
	u.selectStage(workflow.StagePrepare)
	u.screens[workflow.StagePrepare].(*prepareScreen).run()
	u.selectStage(workflow.StageTrain)
	return u, w, u.screens[workflow.StageTrain].(*trainScreen)
}

func TestTrain_LeaderboardChooseAndInspect(t *testing.T) {
	u, w, ts := trainReady(t, "iris")
	ts.learners.SetSelected([]string{ts.labels["logistic"], ts.labels["tree"]})
	ts.folds.SetText("3")
	ts.run()
	tr := u.Project().Training()
	if tr == nil || len(tr.Board.Entries) != 3 {
		t.Fatalf("leaderboard %+v (%s)", tr, u.Project().Error(workflow.StageTrain))
	}
	if r, _ := ts.board.table.Length(); r != 3 {
		t.Fatalf("table shows %d rows", r)
	}
	ts.board.selectEntry(0)
	test.Tap(ts.board.choose)
	if !strings.Contains(overlayText(w), "why") {
		t.Fatalf("choosing without a reason must be refused: %q", overlayText(w))
	}
	ts.board.why.SetText("highest balanced accuracy")
	test.Tap(ts.board.choose)
	if u.Project().Training().Chosen == nil {
		t.Fatalf("no model chosen: %s", u.Project().Error(workflow.StageTrain))
	}
	if locked, why := u.Project().Locked(workflow.StageEvaluate); locked {
		t.Fatalf("evaluate locked: %s", why)
	}
	u.selectStage(workflow.StageTrain)
	if ts.board.inside.img.Image == nil && ts.board.inside.msg.Text == "" {
		t.Fatal("the chosen model's insides were not drawn")
	}
	if !strings.Contains(ts.status.Text, "highest balanced accuracy") {
		t.Fatalf("status %q", ts.status.Text)
	}
}

func TestTrain_BadFoldsRefused(t *testing.T) {
	u, w, ts := trainReady(t, "iris")
	ts.folds.SetText("1")
	ts.run()
	if !strings.Contains(overlayText(w), "folds") || u.Project().Training() != nil {
		t.Fatalf("bad folds: %q", overlayText(w))
	}
}

func TestTrain_ScoreToFileWritesPredictions(t *testing.T) {
	u, _ := chooseModel(t, "penguins", "logistic")
	a := u.chosenArtifact()
	dir := t.TempDir()
	in := dir + "/new.csv"
	os.WriteFile(in, []byte(penguinRows), 0o644)
	n, err := scoreToFile(context.Background(), a, in, dir+"/out.csv", nil)
	if err != nil || n != 2 {
		t.Fatalf("%d rows, %v", n, err)
	}
	out, _ := os.ReadFile(dir + "/out.csv")
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if !strings.Contains(lines[0], "prediction") || !strings.Contains(lines[1], "Gentoo") || !strings.Contains(lines[2], "Adelie") {
		t.Fatalf("scored file:\n%s", out)
	}
}

// TestTrain_ScoringDoesNotCancelATrainingRun holds a real training run
// half-way (its first progress report blocks until released), scores a
// file with the chosen model meanwhile, then lets the training go on:
// both Train-stage jobs must complete and the new leaderboard must apply.
func TestTrain_ScoringDoesNotCancelATrainingRun(t *testing.T) {
	u, _ := chooseModel(t, "penguins", "logistic")
	u.selectStage(workflow.StageTrain)
	ts := u.screens[workflow.StageTrain].(*trainScreen)
	before, a := u.Project().Training(), u.chosenArtifact()
	in := t.TempDir() + "/new.csv"
	os.WriteFile(in, []byte(penguinRows), 0o644)

	held, release := make(chan struct{}), make(chan struct{})
	var holding atomic.Bool
	var releaseOnce sync.Once
	letGo := func() { releaseOnce.Do(func() { close(release) }) }
	t.Cleanup(letGo)
	show := u.tasks.onChange
	u.tasks.onChange = func(active []taskState) {
		for _, st := range active {
			if st.Job == jobTrain && st.Fraction >= 0 && holding.CompareAndSwap(false, true) {
				close(held)
				<-release // the training's goroutine waits inside its progress report
			}
		}
		show(active)
	}
	ended := make(chan error, 1)
	u.tasks.onDone = func(job jobKey, _ string) {
		if job == jobTrain {
			ended <- nil
		}
	}
	showErr := u.tasks.onError
	u.tasks.onError = func(job jobKey, label string, err error) {
		if job == jobTrain {
			ended <- err
		}
		showErr(job, label, err)
	}

	ts.learners.SetSelected([]string{ts.labels["logistic"], ts.labels["tree"]})
	u.tasks.sync = false // this one training runs on its own goroutine
	ts.run()
	select {
	case <-held:
	case err := <-ended:
		t.Fatalf("the training ended (%v) before it reported progress; nothing to hold", err)
	}
	u.tasks.sync = true
	u.startScore(a, in)
	if out, err := os.ReadFile(strings.TrimSuffix(in, ".csv") + "_scored.csv"); err != nil || strings.Count(string(out), "\n") != 3 {
		t.Fatalf("the score did not complete: %v\n%s", err, out)
	}
	var labels []string
	for _, st := range u.tasks.Active() {
		labels = append(labels, st.Label)
	}
	if len(labels) != 1 || labels[0] != "Training and validating" {
		t.Fatalf("running after the score: %q; want the training still running", labels)
	}
	letGo()
	if err := <-ended; err != nil {
		t.Fatalf("the training failed: %v", err)
	}
	tr := u.Project().Training()
	if tr == before || tr == nil || len(tr.Board.Entries) != 3 || u.Project().Status(workflow.StageTrain) != workflow.Done {
		t.Fatalf("the new leaderboard did not apply: %+v, status %v", tr, u.Project().Status(workflow.StageTrain))
	}
}

const penguinRows = "species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n" +
	",Biscoe,46.1,13.2,211,4500,female,2007\n,Dream,39.5,17.8,188,3300,,2007\n"

func TestTrain_TuneOffersBestSetting(t *testing.T) {
	u, _, ts := trainReady(t, "iris")
	ts.runSearch("tree", eval.SearchOptions{Method: eval.GridSearch, Space: []eval.Dimension{{Name: "max_depth", Values: []any{1, 3}}}})
	test.Tap(findButtonIn(u.win, "Use the best"))
	if ts.params["tree"].Int("max_depth") != 3 {
		t.Fatalf("best setting not kept: %v", ts.params["tree"])
	}
	found := false
	for _, c := range u.Project().TrainSettings().Candidates {
		found = found || c.Learner == "tree" && c.Params.Int("max_depth") == 3
	}
	if !found || !u.Project().TuneRecords()[0].Used {
		t.Fatalf("the tuned setting must reach the project's settings: %+v", u.Project().TrainSettings())
	}
}

// TestTrain_FormLivesInTheProject: ticks, validation, seed and parameters
// survive a refresh caused by an unrelated change, and a save and reopen.
func TestTrain_FormLivesInTheProject(t *testing.T) {
	u, _, ts := trainReady(t, "iris")
	ts.learners.SetSelected([]string{ts.labels["knn"], ts.labels["tree"]})
	ts.seed.SetText("77")
	ts.validation.SetSelected(ts.validation.Options[1])
	ts.params["knn"] = param.Values{"k": 9}
	ts.commit()
	if err := u.Project().SetCosts(1, 2); err != nil { // any event refreshes the screen
		t.Fatal(err)
	}
	u.showCurrent()
	if got := ts.learners.Selected; len(got) != 2 || ts.seed.Text != "77" || ts.validation.Selected != ts.validation.Options[1] {
		t.Fatalf("after a refresh: learners %v, seed %q, validation %q", got, ts.seed.Text, ts.validation.Selected)
	}
	path, err := u.Project().Save(t.TempDir() + "/p")
	if err != nil {
		t.Fatal(err)
	}
	q, err := workflow.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	st := q.TrainSettings()
	if st.Seed != 77 || st.Validation != workflow.ValidateHoldout || len(st.Candidates) != 2 || st.Candidates[0].Params.Int("k") != 9 {
		t.Fatalf("reopened settings %+v", st)
	}
}

func findButtonIn(w fyne.Window, text string) *widget.Button {
	for _, o := range w.Canvas().Overlays().List() {
		if b := findButton(o, text); b != nil {
			return b
		}
	}
	return nil
}
