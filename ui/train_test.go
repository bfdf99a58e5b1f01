package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"modelbench/workflow"
)

func TestTrain_LeaderboardChooseAndInspect(t *testing.T) {
	u, w := newTestUI(t, Options{Sample: "iris"})
	u.selectStage(workflow.StagePrepare)
	u.screens[workflow.StagePrepare].(*prepareScreen).run()
	u.selectStage(workflow.StageTrain)
	ts := u.screens[workflow.StageTrain].(*trainScreen)
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
	u, w := newTestUI(t, Options{Sample: "iris"})
	u.selectStage(workflow.StagePrepare)
	u.screens[workflow.StagePrepare].(*prepareScreen).run()
	u.selectStage(workflow.StageTrain)
	ts := u.screens[workflow.StageTrain].(*trainScreen)
	ts.folds.SetText("1")
	ts.run()
	if !strings.Contains(overlayText(w), "folds") || u.Project().Training() != nil {
		t.Fatalf("bad folds: %q", overlayText(w))
	}
}
