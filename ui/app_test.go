package ui

import (
	"context"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/data"
)

func newTestUI(t *testing.T, opts Options) (*UI, fyne.Window) {
	t.Helper()
	a := test.NewTempApp(t)
	w := test.NewTempWindow(t, nil)
	w.Resize(fyne.NewSize(1280, 800))
	opts.Synchronous, opts.NoRecovery, opts.NoTour = true, true, true
	opts.RecoveryPath = t.TempDir() + "/rec.mbproj"
	return Create(a, w, opts), w
}

func TestUI_OpensOnSampleAndShowsSummary(t *testing.T) {
	u, _ := newTestUI(t, Options{Sample: "penguins"})
	tb := u.Project().Table()
	if tb == nil || tb.Frame.NumRows() != 344 {
		t.Fatalf("sample not loaded: %v", tb)
	}
	ds := u.screens[workflow.StageData].(*dataScreen)
	got := ds.summary.Text
	for _, want := range []string{"344 rows", "8 columns", "19 missing cells", "target: species"} {
		if !strings.Contains(got, want) {
			t.Errorf("summary %q lacks %q", got, want)
		}
	}
	if r, c := ds.table.Length(); r != 344 || c != 8 {
		t.Errorf("table preview %d×%d", r, c)
	}
	if u.Project().Status(workflow.StageData) != workflow.Done {
		t.Errorf("data status %v", u.Project().Status(workflow.StageData))
	}
}

func TestUI_LockedStepExplainsWhy(t *testing.T) {
	u, _ := newTestUI(t, Options{})
	u.selectStage(workflow.StageTrain)
	view := u.body.Objects[0]
	text := labelsText(view)
	if !strings.Contains(text, "not available yet") || !strings.Contains(text, "Load a table") {
		t.Fatalf("locked view says %q", text)
	}
	b := findButton(view, "Go to the Data step")
	if b == nil {
		t.Fatal("no way back to the Data step")
	}
	test.Tap(b)
	if u.current != workflow.StageData {
		t.Fatalf("current stage %v", u.current)
	}
}

func TestUI_LockedStepGoesToTheStepThatUnlocksIt(t *testing.T) {
	u, _ := newTestUI(t, Options{Sample: "penguins"})
	for _, c := range []struct {
		locked workflow.Stage
		button string
		want   workflow.Stage
	}{
		{workflow.StageTrain, "Go to the Prepare step", workflow.StagePrepare},
		{workflow.StageEvaluate, "Go to the Train step", workflow.StageTrain},
		{workflow.StageDeploy, "Go to the Train step", workflow.StageTrain}, // Deploy opens once a model is chosen
	} {
		u.selectStage(c.locked)
		b := findButton(u.body.Objects[0], c.button)
		if b == nil {
			t.Fatalf("%v: no button %q in %q", c.locked, c.button, labelsText(u.body.Objects[0]))
		}
		test.Tap(b)
		if u.current != c.want {
			t.Errorf("%v: the button went to %v, want %v", c.locked, u.current, c.want)
		}
	}
}

func TestUI_ChangingRoleUpdatesProject(t *testing.T) {
	u, _ := newTestUI(t, Options{Sample: "iris"})
	ds := u.screens[workflow.StageData].(*dataScreen)
	ds.columns.list.Select(0)
	ds.columns.why.SetText("sepal length is measured after the fact")
	ds.columns.role.SetSelected("ignored")
	f, _ := u.Project().Table().Schema.Field("sepal length (cm)")
	if f.Role != data.Ignored || !f.UserRole {
		t.Fatalf("field after change: %+v", f)
	}
	j := u.Project().Journal()
	if len(j) == 0 || !strings.Contains(j[len(j)-1].Why, "after the fact") {
		t.Fatalf("journal %+v", j)
	}
	ds.columns.role.SetSelected("target")
	if tg, _ := u.Project().Table().Schema.Target(); tg != "sepal length (cm)" {
		t.Fatalf("target %q", tg)
	}
}

func TestUI_FailedTypeChangeKeepsTableAndShowsError(t *testing.T) {
	u, w := newTestUI(t, Options{Sample: "iris"})
	before := u.Project().Table()
	ds := u.screens[workflow.StageData].(*dataScreen)
	ds.columns.list.Select(4) // species
	ds.columns.kind.SetSelected("numeric")
	if u.Project().Table() != before {
		t.Fatal("a failed conversion replaced the table")
	}
	if ds.columns.kind.Selected != "categorical" {
		t.Fatalf("the select shows %q after a failed change", ds.columns.kind.Selected)
	}
	if !strings.Contains(overlayText(w), "setosa") {
		t.Fatalf("the error dialog should name the value that failed; overlay: %q", overlayText(w))
	}
}

func TestUI_BadFileLeavesProjectAsItWas(t *testing.T) {
	u, w := newTestUI(t, Options{Sample: "iris"})
	before := u.Project().Table()
	u.loadData(workflow.DataRef{Path: "/no/such/file.csv"})
	if u.Project().Table() != before {
		t.Fatal("a failed load replaced the table")
	}
	if !strings.Contains(overlayText(w), "/no/such/file.csv") {
		t.Fatalf("error dialog should name the file: %q", overlayText(w))
	}
}

func labelsText(o fyne.CanvasObject) string {
	var b strings.Builder
	walk(o, func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			b.WriteString(l.Text + "\n")
		}
	})
	return b.String()
}

func overlayText(w fyne.Window) string {
	var b strings.Builder
	for _, o := range w.Canvas().Overlays().List() {
		b.WriteString(labelsText(o))
	}
	return b.String()
}

func findButton(o fyne.CanvasObject, text string) *widget.Button {
	var found *widget.Button
	walk(o, func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text {
			found = b
		}
	})
	return found
}

// walk visits o and every object below it, including widgets' renderers.
func walk(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, visit)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, visit)
		}
	}
}

// TestUI_OpeningAProjectRestoresItsModel: a project saved after Evaluate
// opens with its chosen model and evaluation, ready for Deploy, without
// training again.
func TestUI_OpeningAProjectRestoresItsModel(t *testing.T) {
	ctx := context.Background()
	p := workflow.New()
	if err := p.LoadData(ctx, workflow.DataRef{Sample: "iris"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	s := workflow.TrainSettings{Candidates: []workflow.CandidateSpec{{Name: "tree", Learner: "tree"}}, Validation: workflow.ValidateCV, Folds: 3, Seed: 2}
	if _, err := p.RunTrain(ctx, s, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ChooseModel(ctx, "tree", "only one", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunEvaluate(ctx, workflow.PartTest, nil); err != nil {
		t.Fatal(err)
	}
	path, err := p.Save(t.TempDir() + "/iris")
	if err != nil {
		t.Fatal(err)
	}
	u, _ := newTestUI(t, Options{Project: path})
	q := u.Project()
	if q.Status(workflow.StageEvaluate) != workflow.Done || q.Training() == nil || q.Training().Chosen == nil {
		t.Fatalf("opened project: evaluate %s, training %+v", q.Status(workflow.StageEvaluate), q.Training())
	}
	if locked, why := q.Locked(workflow.StageDeploy); locked {
		t.Fatalf("deploy locked after reopening an evaluated project: %s", why)
	}
}
