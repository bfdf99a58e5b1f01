package ui

import (
	"context"
	"os"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/eval"
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
	os.WriteFile(in, []byte("species,island,bill_length_mm,bill_depth_mm,flipper_length_mm,body_mass_g,sex,year\n,Biscoe,46.1,13.2,211,4500,female,2007\n,Dream,39.5,17.8,188,3300,,2007\n"), 0o644)
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

func TestTrain_TuneOffersBestSetting(t *testing.T) {
	u, _, ts := trainReady(t, "iris")
	ts.runSearch("tree", eval.SearchOptions{Method: eval.GridSearch, Space: []eval.Dimension{{Name: "max_depth", Values: []any{1, 3}}}})
	test.Tap(findButtonIn(u.win, "Use the best"))
	if ts.params["tree"].Int("max_depth") != 3 {
		t.Fatalf("best setting not kept: %v", ts.params["tree"])
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
