package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/workflow"
)

func TestInitRun_HeadlessProjectFromStartToEvaluation(t *testing.T) {
	dir := t.TempDir()
	proj := filepath.Join(dir, "penguins.mbproj")
	code, out, errOut := run(t, "init", "--sample", "penguins", "--model", "logistic", "--model", "tree", "--test", "0.25",
		"--seed", "11", "--cv", "3", "--out", proj)
	if code != 0 {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	if !strings.Contains(out, "candidates: logistic, tree (3-fold") || !strings.Contains(out, "modelbench run") {
		t.Fatalf("init says:\n%s", out)
	}
	var got runOutput
	code, stdout, errOut := run(t, "run", proj, "--json")
	if code != 0 {
		t.Fatalf("run: exit %d: %s", code, errOut)
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Board) != 3 || got.Chosen != got.Board[0].Name && !got.Board[0].Baseline || got.Metric != "balanced_accuracy" {
		t.Fatalf("leaderboard %+v, chosen %q", got.Board, got.Chosen)
	}
	if got.Test["balanced_accuracy"] < 0.8 {
		t.Fatalf("test metrics %v", got.Test)
	}
	// An answers file given to run is applied and saved with the project.
	answers := filepath.Join(dir, "answers.json")
	os.WriteFile(answers, []byte(`{"format": "modelbench.answers", "version": 1, "purpose": {"motivation": "science", "decision": "which colony to survey next"}}`), 0o644)
	if code, _, errOut := run(t, "run", proj, "--answers", answers); code != 0 {
		t.Fatalf("run --answers: %s", errOut)
	}
	// The saved project reopens in the state run left it, without training.
	ctx := context.Background()
	p, err := workflow.Open(ctx, proj, nil)
	if err != nil {
		t.Fatal(err)
	}
	if notes, err := p.Resume(ctx, nil); err != nil || len(notes) > 0 {
		t.Fatalf("resume: %v %v", notes, err)
	}
	if p.Status(workflow.StageEvaluate) != workflow.Done || p.Document().Train.Chosen != got.Chosen {
		t.Fatalf("reopened: evaluate %s, chosen %q", p.Status(workflow.StageEvaluate), p.Document().Train.Chosen)
	}
	if got := p.DeployState().Fields["purpose.decision"]; got != "which colony to survey next" {
		t.Fatalf("the answers file was not kept: fields %v", p.DeployState().Fields)
	}
	if locked, why := p.Locked(workflow.StageDeploy); locked {
		t.Fatalf("deploy locked: %s", why)
	}
	if s := p.SplitSpec(); s.Test != 0.25 || s.Seed != 11 || s.Method != "stratified" {
		t.Fatalf("split %+v", s)
	}
	// Running again keeps the recorded choice and is not a second model on
	// the test rows.
	code, stdout, errOut = run(t, "run", proj, "--json")
	if code != 0 {
		t.Fatalf("second run: %s", errOut)
	}
	var again runOutput
	json.Unmarshal([]byte(stdout), &again)
	if again.Chosen != got.Chosen || again.Test["balanced_accuracy"] != got.Test["balanced_accuracy"] {
		t.Fatalf("second run chose %q (%v), first %q (%v)", again.Chosen, again.Test, got.Chosen, got.Test)
	}
	for _, is := range again.Issues {
		if strings.Contains(is.Text, "test set") {
			t.Fatalf("the same model on the same test rows must not warn: %v", is.Text)
		}
	}
}

func TestInitRun_Errors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"init", "--sample", "iris"}, 2, "--out"},
		{[]string{"init", "--sample", "iris", "--out", filepath.Join(dir, "a"), "--model", "perceptron"}, 2, `unknown model "perceptron"`},
		{[]string{"init", "--sample", "iris", "--out", filepath.Join(dir, "a"), "--split", "sideways"}, 2, "--split"},
		{[]string{"init", "--sample", "iris", "--out", filepath.Join(dir, "a"), "--split", "time"}, 2, "--split-column"},
		{[]string{"init", "--sample", "iris", "--out", filepath.Join(dir, "a"), "--valid", "0.6", "--test", "0.5"}, 2, "shares"},
		{[]string{"init", "--sample", "diamonds", "--out", filepath.Join(dir, "a"), "--model", "logistic"}, 2, "cannot do regression"},
		{[]string{"run"}, 2, "one project file"},
		{[]string{"run", filepath.Join(dir, "missing.mbproj")}, 1, "missing.mbproj"},
	} {
		code, _, errOut := run(t, c.args...)
		if code != c.code || !strings.Contains(errOut, c.want) {
			t.Errorf("%v: exit %d %q; want %d and %q", c.args, code, errOut, c.code, c.want)
		}
	}
	bad := filepath.Join(dir, "bad.mbproj")
	os.WriteFile(bad, []byte(`{"format": "something else"}`), 0o644)
	if code, _, errOut := run(t, "run", bad); code != 1 || !strings.Contains(errOut, "not a Modelbench project") {
		t.Errorf("a foreign file: exit %d %q", code, errOut)
	}
}
