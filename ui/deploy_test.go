package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"modelbench/workflow"
	"modelbench/workflow/deploy"
)

// TestDeploy_AnswerAnItemFillTheFormsAndExport taps through the Deploy
// screen: an answer and a form field reach the project (and the journal),
// and the documentation bundle is written with what was answered.
func TestDeploy_AnswerAnItemFillTheFormsAndExport(t *testing.T) {
	u, es := chooseModel(t, "titanic", "logistic")
	es.run(workflow.PartTest)
	u.selectStage(workflow.StageDeploy)
	ds, ok := u.screens[workflow.StageDeploy].(*deployScreen)
	if !ok || ds.result == nil {
		t.Fatalf("the Deploy screen did not assess the checklist")
	}
	if !strings.Contains(ds.scores.Text, "Readiness") || !strings.Contains(ds.scores.Text, "ML Test Score") {
		t.Fatalf("scores line %q", ds.scores.Text)
	}
	// Answer the first item of the Production section.
	var row int
	for i, r := range ds.items.items.rows {
		if r.item != nil && strings.HasPrefix(r.item.ID, "production.") {
			row = i
			break
		}
	}
	ds.items.items.list.Select(row)
	id := ds.items.items.selected
	ds.items.status.SetSelected(statusLabels[deploy.Done])
	ds.items.note.SetText("the package's scoring service behind the company gateway")
	test.Tap(ds.items.record)
	got := u.Project().DeployState().Items[id]
	if got.Status != deploy.Done || !strings.Contains(got.Note, "gateway") {
		t.Fatalf("item %s: saved %+v", id, got)
	}
	if j := u.Project().Journal(); !strings.Contains(j[len(j)-1].What, id) {
		t.Fatalf("the answer was not journaled: %+v", j[len(j)-1])
	}
	// "Not applicable" without a reason is refused and changes nothing.
	ds.items.items.list.Select(row)
	ds.items.status.SetSelected(statusLabels[deploy.NotApplicable])
	ds.items.note.SetText("")
	test.Tap(ds.items.record)
	if u.Project().DeployState().Items[id].Status != deploy.Done {
		t.Fatal("a not-applicable answer without a reason was saved")
	}
	// A form field.
	in, ok := ds.forms.inputs["model_card.owners"]
	if !ok {
		t.Fatalf("no owners field; fields %v", formKeys(ds.forms.inputs))
	}
	in.entry.SetText("The survival study team")
	ds.forms.save(formOf(t, "model_card"))
	if v := u.Project().DeployState().Fields["model_card.owners"]; v != "The survival study team" {
		t.Fatalf("owners saved as %q", v)
	}
	// Export.
	out := filepath.Join(t.TempDir(), "documentation")
	u.writeDocumentation(out, false)
	for _, f := range []string{"index.html", "pdf/model-card.pdf", "markdown/model-card.md"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Fatalf("the bundle lacks %s: %v", f, err)
		}
	}
	md, _ := os.ReadFile(filepath.Join(out, "markdown", "model-card.md"))
	if !strings.Contains(string(md), "The survival study team") {
		t.Fatal("the model card does not carry the answered field")
	}
}

func formOf(t *testing.T, id string) deploy.Form {
	d, err := deploy.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range d.Forms {
		if f.ID == id {
			return f
		}
	}
	t.Fatalf("no form %q", id)
	return deploy.Form{}
}

func formKeys(m map[string]formInput) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}
