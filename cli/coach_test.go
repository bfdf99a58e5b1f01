package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/workflow/artifact"
)

// skIris is scikit-learn's iris as exported with its numeric code
// "target" and the spelled-out label "target_name" (the same file as
// /work/shared/datasets/sk_iris.csv).
var skIris = filepath.Join("..", "workflow", "internal", "testsets", "data", "sk_iris.csv")

// coachJSON is the part of "train --json" about the coach.
type coachJSON struct {
	CV *struct {
		Metrics map[string]summaryJSON `json:"metrics"`
	} `json:"cv"`
	Issues []struct {
		Level string `json:"level"`
		Text  string `json:"text"`
	} `json:"issues"`
	Coach []struct {
		ID       string `json:"id"`
		Rule     string `json:"rule"`
		Severity string `json:"severity"`
		Saw      string `json:"saw"`
		Do       string `json:"do"`
	} `json:"coach"`
}

func trainCoach(t *testing.T, args ...string) (coachJSON, *artifact.Artifact) {
	t.Helper()
	dir := t.TempDir()
	code, out, errOut := run(t, append([]string{"train", skIris, "--target", "target", "--json", "--out", dir}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got coachJSON
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	a, err := artifact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	return got, a
}

// inputNames lists the prepared columns the model reads.
func inputNames(a *artifact.Artifact) string {
	return strings.Join(a.Model.Features(), ",")
}

// Tried as a new user would: the code is the target, and the spelled-out
// label sits beside it. The default preparation leaves the label out and
// the coach says so, in the JSON and in the text output.
func TestTrain_NewUserOnScikitIrisIsWarnedAndTheLeakLeftOut(t *testing.T) {
	got, a := trainCoach(t)
	if strings.Contains(inputNames(a), "target_name") {
		t.Fatalf("the model reads the spelled-out label: %s", inputNames(a))
	}
	if auc := got.CV.Metrics["roc_auc"].Mean; auc >= 0.9999 {
		t.Fatalf("ROC AUC %.4f: the label is still in", auc)
	}
	if len(got.Coach) != 1 || got.Coach[0].ID != "leak_left_out:target_name" || got.Coach[0].Severity != "warning" ||
		!strings.Contains(got.Coach[0].Saw, "λ = 1.0000") || !strings.Contains(got.Coach[0].Do, `--keep "target_name"`) {
		t.Fatalf("coach %+v", got.Coach)
	}
	found := false
	for _, is := range got.Issues {
		if is.Level == "warning" && strings.HasPrefix(is.Text, "coach: A likely leak was left out.") && !strings.Contains(is.Text, "[[") {
			found = true
		}
	}
	if !found {
		t.Fatalf("the coach's warning is not among the issues: %+v", got.Issues)
	}
	code, out, _ := run(t, "train", skIris, "--target", "target", "--out", t.TempDir())
	if code != 0 || !strings.Contains(out, `warning: coach: A likely leak was left out. "target_name" alone predicts the target "target"`) {
		t.Fatalf("text output:\n%s", out)
	}
}

// Keeping the column is explicit, and the coach then speaks louder.
func TestTrain_KeepKeepsTheLeakAndTheCoachObjects(t *testing.T) {
	got, a := trainCoach(t, "--keep", "target_name")
	if !strings.Contains(inputNames(a), "target_name") {
		t.Fatalf("--keep did not keep the label: %s", inputNames(a))
	}
	if auc := got.CV.Metrics["roc_auc"].Mean; auc != 1 {
		t.Fatalf("ROC AUC %.4f with the label kept", auc)
	}
	if len(got.Coach) != 1 || got.Coach[0].ID != "leak_feature:target_name" || got.Coach[0].Severity != "critical" {
		t.Fatalf("coach %+v", got.Coach)
	}
	if code, _, errOut := run(t, "train", skIris, "--target", "target", "--keep", "nope", "--out", t.TempDir()); code == 0 || !strings.Contains(errOut, "--keep nope") {
		t.Fatalf("an unknown --keep column: %d %q", code, errOut)
	}
}

// A clean dataset trains without a word from the coach.
func TestTrain_CleanDataHasNoCoachNotes(t *testing.T) {
	code, out, errOut := run(t, "train", "--sample", "iris", "--json", "--cv", "3", "--out", t.TempDir())
	if code != 0 {
		t.Fatal(errOut)
	}
	var got coachJSON
	json.Unmarshal([]byte(out), &got)
	if len(got.Coach) != 0 {
		t.Fatalf("coach %+v", got.Coach)
	}
}

// modelbench run speaks too.
func TestRun_PrintsTheCoach(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "p.mbproj")
	if code, _, errOut := run(t, "init", skIris, "--target", "target", "--model", "tree", "--cv", "3", "--out", proj); code != 0 {
		t.Fatal(errOut)
	}
	code, out, errOut := run(t, "run", proj, "--json")
	if code != 0 {
		t.Fatal(errOut)
	}
	var got struct {
		Issues []struct{ Level, Text string } `json:"issues"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, is := range got.Issues {
		found = found || is.Level == "warning" && strings.Contains(is.Text, `coach: A likely leak was left out. "target_name"`)
	}
	if !found {
		t.Fatalf("issues %+v", got.Issues)
	}
}
