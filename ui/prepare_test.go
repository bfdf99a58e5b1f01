package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
)

func TestPrepare_DefaultPipelineFitsAndUnlocksTrain(t *testing.T) {
	u, _ := newTestUI(t, Options{Sample: "titanic"})
	u.selectStage(workflow.StagePrepare)
	ps := u.screens[workflow.StagePrepare].(*prepareScreen)
	if ps.steps.list.Length() == 0 {
		t.Fatal("the default pipeline is not shown")
	}
	if locked, _ := u.Project().Locked(workflow.StageTrain); !locked {
		t.Fatal("train must stay locked before the pipeline is fitted")
	}
	ps.run()
	if u.Project().Status(workflow.StagePrepare) != workflow.Done {
		t.Fatalf("prepare %v: %s", u.Project().Status(workflow.StagePrepare), u.Project().Error(workflow.StagePrepare))
	}
	if locked, why := u.Project().Locked(workflow.StageTrain); locked {
		t.Fatalf("train still locked: %s", why)
	}
	if !strings.Contains(ps.status.Text, "training rows") || !strings.Contains(ps.fitted.Text, "step 1") {
		t.Fatalf("status %q fitted %q", ps.status.Text, ps.fitted.Text)
	}
}

func TestPrepare_EditStepValidatesAndRecordsWhy(t *testing.T) {
	u, w := newTestUI(t, Options{Sample: "penguins"})
	u.selectStage(workflow.StagePrepare)
	ps := u.screens[workflow.StagePrepare].(*prepareScreen)
	menu := ps.steps.kindMenu()
	var clip func()
	for _, it := range menu.Items {
		if strings.HasPrefix(it.Label, "Clip") {
			clip = it.Action
		}
	}
	if clip == nil {
		t.Fatal("no clip step in the add menu")
	}
	n := ps.steps.list.Length()
	clip()
	pl, isDef := u.Project().Pipeline()
	if isDef || len(pl.Steps) != n+1 || pl.Steps[n].Kind != "clip" {
		t.Fatalf("pipeline %+v", pl.Steps)
	}
	// A bad quantile is refused and the pipeline stays as it was.
	entry := findEntryWithText(ps.steps.form.Object(), "0.99")
	if entry == nil {
		t.Fatal("no upper quantile field")
	}
	entry.SetText("7")
	test.Tap(ps.steps.save)
	if !strings.Contains(overlayText(w), "upper_quantile") {
		t.Fatalf("no error for a quantile of 7: %q", overlayText(w))
	}
	entry.SetText("0.95")
	ps.steps.why.SetText("flipper lengths above the 95th percentile are typing errors")
	test.Tap(ps.steps.save)
	pl, _ = u.Project().Pipeline()
	if pl.Steps[n].Params.Float("upper_quantile") != 0.95 || !strings.Contains(pl.Steps[n].Why, "typing errors") {
		t.Fatalf("step after save %+v", pl.Steps[n])
	}
	if ps.preview.column.Options == nil {
		t.Fatal("the before/after preview did not run")
	}
}

func findEntryWithText(o fyne.CanvasObject, text string) *widget.Entry {
	var found *widget.Entry
	walk(o, func(o fyne.CanvasObject) {
		if e, ok := o.(*widget.Entry); ok && e.Text == text && found == nil {
			found = e
		}
	})
	return found
}
