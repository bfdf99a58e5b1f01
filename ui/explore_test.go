package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"modelbench/workflow"
)

func TestExplore_RunsOnOpenAndShowsAlerts(t *testing.T) {
	u, _ := newTestUI(t, Options{Sample: "pima_diabetes"})
	u.selectStage(workflow.StageExplore)
	r := u.Project().Exploration()
	if r == nil || u.Project().Status(workflow.StageExplore) != workflow.Done {
		t.Fatalf("exploration did not run: %v", u.Project().Status(workflow.StageExplore))
	}
	es := u.screens[workflow.StageExplore].(*exploreScreen)
	if es.alerts.list.Length() != len(r.Alerts) || len(r.Alerts) == 0 {
		t.Fatalf("alerts shown %d of %d", es.alerts.list.Length(), len(r.Alerts))
	}
	if !strings.Contains(es.header.Text, "rows") {
		t.Errorf("header %q", es.header.Text)
	}
	// The first alert is selected and its figure rendered.
	if es.alerts.message.Text == "" || es.alerts.why.Text == "" {
		t.Fatal("the selected alert shows no explanation")
	}
	if es.alerts.figure.img.Image == nil && es.alerts.figure.msg.Text == "" {
		t.Fatal("the alert's evidence was not drawn")
	}
}

func TestExplore_FixButtonAddsPrefilledStep(t *testing.T) {
	u, _ := newTestUI(t, Options{Sample: "pima_diabetes"})
	u.selectStage(workflow.StageExplore)
	r := u.Project().Exploration()
	es := u.screens[workflow.StageExplore].(*exploreScreen)
	idx := -1
	for i, a := range r.Alerts {
		if a.Fix != nil {
			idx = i
			break
		}
	}
	if idx < 0 {
		t.Fatal("no alert with a fix on pima_diabetes (zeros that mean missing)")
	}
	es.alerts.list.Select(idx)
	before, _ := u.Project().Pipeline()
	test.Tap(es.alerts.fix)
	after, isDefault := u.Project().Pipeline()
	if isDefault || len(after.Steps) != len(before.Steps)+1 || after.Steps[len(after.Steps)-1].Kind != r.Alerts[idx].Fix.Step {
		t.Fatalf("pipeline after fix: %+v", after.Steps)
	}
	if u.current != workflow.StagePrepare {
		t.Fatalf("the fix should lead to the Prepare step, at %v", u.current)
	}
}

func TestExplore_ColumnShowsStatsAndFigures(t *testing.T) {
	u, _ := newTestUI(t, Options{Sample: "penguins"})
	u.selectStage(workflow.StageExplore)
	es := u.screens[workflow.StageExplore].(*exploreScreen)
	es.columns.list.Select(2) // bill_length_mm
	if !strings.Contains(es.columns.stats.Text, "median") || !strings.Contains(es.columns.stats.Text, "43.9") {
		t.Fatalf("stats %q", es.columns.stats.Text)
	}
	if es.columns.dist.img.Image == nil || es.columns.target.img.Image == nil {
		t.Fatal("figures not drawn")
	}
}
