package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/deploy/pack/packtest"
)

// withServers makes the command find servers built for the test.
func withServers(t *testing.T) {
	t.Helper()
	loc, err := packtest.BuildServers(context.Background(), t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	old := locateServers
	locateServers = func() pack.Locator { return loc }
	t.Cleanup(func() { locateServers = old })
}

// TestPackage_WritesAndReportsTheFigures: "package" resumes a saved
// project (no retraining), writes the folder, prints the targets, the
// check and the figures, and --zip --json writes the archive and prints
// the manifest.
func TestPackage_WritesAndReportsTheFigures(t *testing.T) {
	withServers(t)
	p := evaluatedProjectFile(t)
	out := filepath.Join(t.TempDir(), "pkg")
	code, stdout, stderr := run(t, "package", p, "--out", out)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, want := range []string{"wrote " + out, "servers: " + pack.Host().String(), "checked: the server's predictions equal the model's on",
		"test rows", "single-row latency", "kubernetes: memory request"} {
		if !strings.Contains(stdout, want) {
			t.Errorf("output lacks %q:\n%s", want, stdout)
		}
	}
	m, err := pack.ReadManifest(out)
	if err != nil || m.Name != "p" || !m.Resources.Checked {
		t.Fatalf("manifest %+v %v", m, err)
	}
	code, stdout, stderr = run(t, "package", p, "--out", filepath.Join(t.TempDir(), "pkg"), "--zip", "--json", "--target", "host")
	if code != 0 {
		t.Fatalf("zip: exit %d: %s", code, stderr)
	}
	var got struct {
		Path         string `json:"path"`
		ModelVersion string `json:"model_version"`
		Files        []pack.File
	}
	if err := json.Unmarshal([]byte(stdout), &got); err != nil || !strings.HasSuffix(got.Path, ".zip") || got.ModelVersion != m.ModelVersion || len(got.Files) == 0 {
		t.Fatalf("--json: %v %s", err, stdout)
	}
	if _, err := os.Stat(got.Path); err != nil {
		t.Fatal(err)
	}
}

// TestPackage_Errors: usage errors exit 2 (no project, no --out, an
// unknown target); a project without a chosen model and a server that
// cannot be found exit 1 and say why.
func TestPackage_Errors(t *testing.T) {
	dir := t.TempDir()
	for _, args := range [][]string{{"package"}, {"package", "p.mbproj"}, {"package", "p.mbproj", "--out", dir, "--target", "plan9/386"}} {
		if code, _, stderr := run(t, args...); code != 2 {
			t.Errorf("%v: exit %d %s", args, code, stderr)
		}
	}
	unchosen := filepath.Join(dir, "u.mbproj")
	if code, _, stderr := run(t, "init", "--sample", "titanic", "--out", unchosen); code != 0 {
		t.Fatalf("init: %s", stderr)
	}
	code, _, stderr := run(t, "package", unchosen, "--out", filepath.Join(dir, "x"))
	if code != 1 || !strings.Contains(stderr, "no model") {
		t.Errorf("no chosen model: exit %d %s", code, stderr)
	}
	old := locateServers
	locateServers = func() pack.Locator { return pack.DirLocator(filepath.Join(dir, "nothing")) }
	defer func() { locateServers = old }()
	p := evaluatedProjectFile(t)
	code, _, stderr = run(t, "package", p, "--out", filepath.Join(dir, "y"), "--target", "linux/arm64")
	if code != 1 || !strings.Contains(stderr, "linux/arm64") || !strings.Contains(stderr, filepath.Join(dir, "nothing", "linux_arm64")) {
		t.Errorf("missing server: exit %d %s", code, stderr)
	}
}
