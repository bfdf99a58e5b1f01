package ui

import (
	"context"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"modelbench/workflow"
	"modelbench/workflow/data"
)

// TestRecovery_OfferedAtStartAndRestores leaves a recovery file as a
// crashed session would, starts the window and accepts the offer.
func TestRecovery_OfferedAtStartAndRestores(t *testing.T) {
	rec := t.TempDir() + "/recovery.mbproj"
	p := workflow.New()
	a := p.StartAutosave(rec, time.Millisecond)
	if err := p.LoadData(context.Background(), workflow.DataRef{Sample: "iris"}, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.SetColumnRole("sepal width (cm)", data.Ignored, "measured badly"); err != nil {
		t.Fatal(err)
	}
	a.Flush()
	a.Stop() // the "crash": the recovery file stays

	app := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	u := Create(app, w, Options{Synchronous: true, RecoveryPath: rec})
	if !strings.Contains(overlayText(w), "Restore") {
		t.Fatalf("no offer to restore: %q", overlayText(w))
	}
	yes := findButtonIn(w, "Yes")
	if yes == nil {
		t.Fatal("no Yes button")
	}
	test.Tap(yes)
	tb := u.Project().Table()
	if tb == nil {
		t.Fatalf("nothing restored: %s", u.Project().Error(workflow.StageData))
	}
	if f, _ := tb.Schema.Field("sepal width (cm)"); f.Role != data.Ignored {
		t.Fatalf("the choice made before the crash was lost: %+v", f)
	}
}
