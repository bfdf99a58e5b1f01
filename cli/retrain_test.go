package cli

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/workflow/artifact"
)

// writeConcept writes rows whose label is "b" when x is above cut.
func writeConcept(t *testing.T, path string, n int, cut float64, seed uint64) {
	t.Helper()
	r := rand.New(rand.NewPCG(seed, 3))
	var b strings.Builder
	b.WriteString("x,z,label\n")
	for range n {
		x := r.Float64()
		l := "a"
		if x > cut {
			l = "b"
		}
		fmt.Fprintf(&b, "%.5f,%.5f,%s\n", x, r.Float64(), l)
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestRetrain_KeepsABetterModelAsANewVersion(t *testing.T) {
	dir := t.TempDir()
	old, recent, proj := filepath.Join(dir, "old.csv"), filepath.Join(dir, "recent.csv"), filepath.Join(dir, "p.mbproj")
	writeConcept(t, old, 500, 0.5, 1)
	writeConcept(t, recent, 400, 0.25, 2)
	if code, _, errOut := run(t, "init", old, "--target", "label", "--model", "tree", "--cv", "3", "--out", proj); code != 0 {
		t.Fatalf("init: %s", errOut)
	}
	if code, _, errOut := run(t, "run", proj); code != 0 {
		t.Fatalf("run: %s", errOut)
	}
	out := filepath.Join(dir, "v2")
	code, stdout, errOut := run(t, "retrain", proj, recent, "--replace", "--out", out, "--json")
	if code != 0 {
		t.Fatalf("retrain: exit %d: %s", code, errOut)
	}
	var o retrainOutput
	if err := json.Unmarshal([]byte(stdout), &o); err != nil {
		t.Fatal(err)
	}
	if !o.Better || !o.Accepted || o.Version != 2 || o.CompareRows != 120 || o.Retrained["accuracy"] <= o.Current["accuracy"] {
		t.Fatalf("%+v", o)
	}
	if _, err := artifact.Load(out); err != nil {
		t.Fatalf("the new version was not written: %v", err)
	}
	// Retraining again on the same concept finds no real gain and keeps
	// version 2.
	code, stdout, errOut = run(t, "retrain", proj, recent, "--replace", "--out", filepath.Join(dir, "v3"), "--json")
	if code != 0 {
		t.Fatalf("second retrain: %s", errOut)
	}
	var again retrainOutput
	json.Unmarshal([]byte(stdout), &again)
	if again.Accepted || again.Version != 2 {
		t.Fatalf("a model no better than the current one was kept: %+v", again)
	}
	if code, _, errOut := run(t, "retrain", proj, recent); code != 2 || !strings.Contains(errOut, "--out") {
		t.Fatalf("no --out: %d %q", code, errOut)
	}
}
