package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"modelbench/workflow"
	"modelbench/workflow/deploy"
)

// evaluatedProjectFile trains and evaluates a model headless and saves
// the project, as a script would.
func evaluatedProjectFile(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	p := filepath.Join(dir, "p.mbproj")
	if code, _, errOut := run(t, "train", "--sample", "titanic", "--model", "logistic", "--cv", "3", "--test", "0.2",
		"--out", filepath.Join(dir, "model"), "--save-project", p); code != 0 {
		t.Fatalf("train: %d %s", code, errOut)
	}
	return p
}

func keys(m map[string]any) string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return strings.Join(ks, ",")
}

// TestChecklist_JSONHasTheDocumentedShape: "checklist --json" prints
// exactly the keys the README documents, for every section, item, ML
// section and test.
func TestChecklist_JSONHasTheDocumentedShape(t *testing.T) {
	p := evaluatedProjectFile(t)
	code, out, errOut := run(t, "checklist", p, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	if k := keys(got); k != "ml_test_score,readiness,sections" {
		t.Fatalf("top-level keys %s", k)
	}
	secs := got["sections"].([]any)
	if len(secs) != 4 {
		t.Fatalf("%d sections", len(secs))
	}
	for _, s := range secs {
		sm := s.(map[string]any)
		if k := keys(sm); k != "id,items,title" {
			t.Fatalf("section keys %s", k)
		}
		for _, it := range sm["items"].([]any) {
			im := it.(map[string]any)
			if k := keys(im); k != "evidence,id,note,question,status" {
				t.Fatalf("item keys %s", k)
			}
			for _, e := range im["evidence"].([]any) {
				if k := keys(e.(map[string]any)); k != "id,screen,stale,text,verdict" {
					t.Fatalf("evidence keys %s", k)
				}
			}
		}
	}
	ml := got["ml_test_score"].(map[string]any)
	if k := keys(ml); k != "score,sections" {
		t.Fatalf("ml_test_score keys %s", k)
	}
	n := 0
	for _, s := range ml["sections"].([]any) {
		sm := s.(map[string]any)
		if k := keys(sm); k != "name,points,tests" {
			t.Fatalf("ml section keys %s", k)
		}
		for _, ts := range sm["tests"].([]any) {
			n++
			if k := keys(ts.(map[string]any)); k != "evidence,id,points,status,title" {
				t.Fatalf("test keys %s", k)
			}
		}
	}
	if n != 28 {
		t.Fatalf("%d tests", n)
	}
	if r, ok := got["readiness"].(float64); !ok || r <= 0 || r > 100 {
		t.Fatalf("readiness %v", got["readiness"])
	}
	if strings.Contains(errOut, "has not reached Evaluate") {
		t.Fatalf("an evaluated project is said not to have reached Evaluate: %s", errOut)
	}
}

// checklistOf runs "checklist --json" and decodes it.
func checklistOf(t *testing.T, args ...string) (checklistOutput, string) {
	t.Helper()
	code, out, errOut := run(t, append([]string{"checklist", "--json"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got checklistOutput
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	return got, errOut
}

func itemOf(c checklistOutput, id string) checklistItem {
	for _, s := range c.Sections {
		for _, it := range s.Items {
			if it.ID == id {
				return it
			}
		}
	}
	return checklistItem{}
}

// TestChecklist_ResumesSavedAnswersAndChecks: answers, the
// reproducibility check and an export saved in the window's project file
// come back, still current (the replayed model has the same fingerprint);
// an answers file applies on top without changing the file.
func TestChecklist_ResumesSavedAnswersAndChecks(t *testing.T) {
	ctx := context.Background()
	path := evaluatedProjectFile(t)
	r, err := resumeProject(ctx, path) // the window would hold the project like this
	if err != nil {
		t.Fatal(err)
	}
	p := r.p
	if _, err := p.CheckReproducible(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if err := p.SetChecklistAnswer("production.server", deploy.Answer{Status: deploy.Partly, Note: "a laptop"}); err != nil {
		t.Fatal(err)
	}
	if _, err := p.Save(path); err != nil {
		t.Fatal(err)
	}
	before, _ := os.ReadFile(path)
	got, _ := checklistOf(t, path)
	if it := itemOf(got, "production.server"); it.Status != deploy.Partly || it.Note != "a laptop" {
		t.Fatalf("saved answer: %+v", it)
	}
	it := itemOf(got, "documentation.reproducibility")
	if it.Status != deploy.Done || len(it.Evidence) != 1 || it.Evidence[0].Stale || it.Evidence[0].Verdict != deploy.Pass {
		t.Fatalf("the saved check after the replay: %+v", it)
	}
	answers := filepath.Join(t.TempDir(), "answers.json")
	os.WriteFile(answers, []byte(`{"format": "modelbench.answers", "version": 1,
		"checklist": {"monitoring.outcomes": {"status": "not_applicable", "reason": "a study"}}}`), 0o644)
	withAnswers, _ := checklistOf(t, path, "--answers", answers)
	if it := itemOf(withAnswers, "monitoring.outcomes"); it.Status != deploy.NotApplicable || it.Note != "not applicable: a study" {
		t.Fatalf("answer from the file: %+v", it)
	}
	if withAnswers.Readiness <= got.Readiness {
		t.Fatalf("readiness %v with an item out of scope, %v before", withAnswers.Readiness, got.Readiness)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Fatal("checklist changed the project file")
	}
	os.WriteFile(answers, []byte(`{"format": "modelbench.answers", "version": 1, "checklist": {"monitoring.outcome": {"status": "done"}}}`), 0o644)
	if code, _, errOut := run(t, "checklist", path, "--answers", answers); code != 1 || !strings.Contains(errOut, "answers.json") || !strings.Contains(errOut, "monitoring.outcome") {
		t.Fatalf("a bad answers file: %d %s", code, errOut)
	}
}

// TestDocs_WritesTheBundle: "docs" writes every document in the forms
// asked for, as a folder or a .zip.
func TestDocs_WritesTheBundle(t *testing.T) {
	p := evaluatedProjectFile(t)
	out := filepath.Join(t.TempDir(), "docs")
	code, stdout, errOut := run(t, "docs", p, "--out", out, "--format", "md,html", "--check")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, f := range []string{"index.html", "model-card.html", "evaluation.html", "markdown/index.md", "markdown/decision-journal.md", "markdown/checklist.md"} {
		if _, err := os.Stat(filepath.Join(out, f)); err != nil {
			t.Errorf("missing %s: %v", f, err)
		}
	}
	if _, err := os.Stat(filepath.Join(out, "pdf")); err == nil {
		t.Error("PDFs written though not asked for")
	}
	if !strings.Contains(stdout, "model-card, datasheet, decision-journal, checklist, exploration, evaluation") || !strings.Contains(stdout, "gaps") {
		t.Errorf("stdout %q", stdout)
	}
	journal, _ := os.ReadFile(filepath.Join(out, "markdown", "decision-journal.md"))
	if n := strings.Count(string(journal), "chose logistic"); n != 1 {
		t.Errorf("the journal names the choice %d times (the replay must not add to it)", n)
	}
	if !strings.Contains(string(journal), "reproducibility check") {
		t.Error("the check run by --check is not in the journal")
	}
	checklist, _ := os.ReadFile(filepath.Join(out, "markdown", "checklist.md"))
	if !strings.Contains(string(checklist), "all ") || !strings.Contains(string(checklist), "predictions are identical") {
		t.Error("the reproducibility evidence is missing from the checklist")
	}
	zipOut := filepath.Join(t.TempDir(), "bundle")
	if code, _, errOut := run(t, "docs", p, "--out", zipOut, "--zip", "--format", "html"); code != 0 {
		t.Fatalf("--zip: %d %s", code, errOut)
	}
	if _, err := os.Stat(zipOut + ".zip"); err != nil {
		t.Fatal(err)
	}
}

// TestDocs_SaysWhatIsMissing: a project that has not reached Evaluate is
// documented as far as it goes, with a note naming the missing step; one
// without a chosen model is refused with the reason; bad usage exits 2.
func TestDocs_SaysWhatIsMissing(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "p.mbproj")
	if code, _, errOut := run(t, "train", "--sample", "iris", "--model", "tree", "--cv", "3", "--out", filepath.Join(dir, "m"), "--save-project", p); code != 0 {
		t.Fatalf("train: %s", errOut)
	}
	code, _, errOut := run(t, "docs", p, "--out", filepath.Join(dir, "docs"), "--format", "md")
	if code != 0 || !strings.Contains(errOut, "not been evaluated on the test rows") {
		t.Fatalf("not evaluated: %d %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "docs", "markdown", "evaluation.md")); err == nil {
		t.Error("an evaluation report without an evaluation")
	}
	if _, errOut := checklistOf(t, p); !strings.Contains(errOut, "has not reached Evaluate: the chosen model tree has not been evaluated on the test rows (Evaluate step)") {
		t.Errorf("checklist note %q", errOut)
	}

	ctx := context.Background()
	q := workflow.New()
	if err := q.LoadData(ctx, workflow.DataRef{Sample: "iris"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := q.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := q.RunTrain(ctx, workflow.TrainSettings{Candidates: []workflow.CandidateSpec{{Name: "tree", Learner: "tree"}}, Validation: workflow.ValidateCV, Folds: 3, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	unchosen, err := q.Save(filepath.Join(dir, "unchosen"))
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut = run(t, "docs", unchosen, "--out", filepath.Join(dir, "d2"))
	if code != 1 || !strings.Contains(errOut, "no model has been chosen to carry forward (Train step)") {
		t.Fatalf("no chosen model: %d %s", code, errOut)
	}
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"docs", p}, 2, "--out"},
		{[]string{"docs", p, "--out", dir, "--format", "docx"}, 2, "docx"},
		{[]string{"docs", "--out", dir}, 2, "project file"},
		{[]string{"docs", filepath.Join(dir, "nope.mbproj"), "--out", dir}, 1, "nope.mbproj"},
		{[]string{"checklist"}, 2, "project file"},
		{[]string{"checklist", filepath.Join(dir, "nope.mbproj")}, 1, "nope.mbproj"},
	} {
		code, _, errOut := run(t, c.args...)
		if code != c.code || !strings.Contains(errOut, c.says) {
			t.Errorf("%v: exit %d %q, want %d mentioning %q", c.args, code, errOut, c.code, c.says)
		}
	}
	if !IsCommand("docs") || !IsCommand("checklist") {
		t.Error("docs and checklist are not commands")
	}
}
