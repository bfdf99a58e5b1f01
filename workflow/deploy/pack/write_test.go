package pack

import (
	"archive/zip"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"modelbench/workflow/artifact"
	"modelbench/workflow/deploy/pack/packtest"
	"modelbench/workflow/deploy/serve"
)

// other is a platform that is not this machine's.
func other() Target {
	if Host() == (Target{"windows", "amd64"}) {
		return Target{"linux", "amd64"}
	}
	return Target{"windows", "amd64"}
}

// crossServers builds the server for the other platform once (a first
// cross-compilation takes minutes; Go's cache keeps it).
func crossServers(t *testing.T) Locator {
	t.Helper()
	pkgMu.Lock()
	defer pkgMu.Unlock()
	loc, err := packtest.BuildServers(context.Background(), servers, other().String())
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// TestWrite_ZipWithTwoTargets: the .zip holds every file of the manifest
// (and the manifest), the servers for both platforms under their names,
// executable once unpacked.
func TestWrite_ZipWithTwoTargets(t *testing.T) {
	loc := crossServers(t)
	out := filepath.Join(t.TempDir(), "penguins-package")
	m, err := Write(context.Background(), input("penguins"), out, Options{Binary: loc, Targets: []Target{Host(), other()}, Zip: true}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Path != out+".zip" {
		t.Fatalf("written to %s", m.Path)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a folder was left at %s: %v", out, err)
	}
	zr, err := zip.OpenReader(m.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if strings.HasPrefix(f.Name, "bin/") && f.Mode().Perm()&0o111 == 0 {
			t.Errorf("%s is not executable in the archive (%v)", f.Name, f.Mode())
		}
	}
	want := []string{ManifestFile}
	for _, f := range m.Files {
		want = append(want, f.Path)
	}
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("archive holds %v, manifest lists %v", names, want)
	}
	for _, tg := range []Target{Host(), other()} {
		if _, ok := m.File(tg.Binary()); !ok {
			t.Errorf("no %s in the package", tg.Binary())
		}
	}
	if !slices.Contains(names, "bin/windows_amd64/modelbench-serve.exe") {
		t.Errorf("the Windows server is not named .exe: %v", names)
	}
	// Unpacked, it is a deployment directory again.
	dir := t.TempDir()
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(rc)
		rc.Close()
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		_ = os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, b, f.Mode().Perm()); err != nil {
			t.Fatal(err)
		}
	}
	checkHashes(t, dir, m)
	if _, err := serve.LoadDir(dir); err != nil {
		t.Fatal(err)
	}
}

// TestWrite_InProcessWithoutAServerForThisMachine: a package for another
// platform only is measured and checked with the server inside this
// process, and says so; its Dockerfile says whether it can be built.
func TestWrite_InProcessWithoutAServerForThisMachine(t *testing.T) {
	loc := crossServers(t)
	onlyOther := func(goos, goarch string) (string, error) {
		if (Target{goos, goarch}) != other() {
			return "", fmt.Errorf("no server for %s/%s here", goos, goarch)
		}
		return loc(goos, goarch)
	}
	out := filepath.Join(t.TempDir(), "pkg")
	m, err := Write(context.Background(), input("titanic"), out, Options{Binary: onlyOther, Targets: []Target{other()}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	r := m.Resources
	if r.MeasuredWith != "in-process" || r.MemorySource != MemoryInProcHp || !r.Checked || r.CheckedRows != fixtures["titanic"].Test.NumRows() {
		t.Errorf("resources %+v", r)
	}
	if !slices.ContainsFunc(m.LeftOut, func(s string) bool { return strings.Contains(s, "inside Modelbench") }) {
		t.Errorf("the manifest does not say the server ran in-process: %v", m.LeftOut)
	}
	df, _ := os.ReadFile(filepath.Join(out, DockerFile))
	if other().OS != "linux" && !strings.Contains(string(df), "carries no Linux server") {
		t.Errorf("the Dockerfile does not say it cannot be built:\n%s", df)
	}
	if _, err := os.Stat(filepath.Join(out, Host().Binary())); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("the host's server was copied although not asked for")
	}
}

// TestWrite_Errors: no model, a platform a package cannot carry, a
// server that cannot be found (naming the platform and where it looked),
// a server for the wrong platform, and a folder of other files are
// refused before anything is written.
func TestWrite_Errors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	if _, err := Write(ctx, &Input{}, filepath.Join(dir, "a"), Options{Binary: locate0}, nil); !errors.Is(err, ErrNoModel) {
		t.Errorf("no model: %v", err)
	}
	if _, err := Write(ctx, input("penguins"), filepath.Join(dir, "b"), Options{Binary: locate0, Targets: []Target{{"plan9", "386"}}}, nil); !errors.Is(err, ErrTarget) {
		t.Errorf("plan9: %v", err)
	}
	if _, err := ParseTargets("linux/amd64, solaris/sparc"); !errors.Is(err, ErrTarget) || !strings.Contains(err.Error(), "darwin/arm64") {
		t.Errorf("ParseTargets of an unknown target: %v", err)
	}
	if _, err := ParseTargets("linux"); !errors.Is(err, ErrTarget) {
		t.Errorf("ParseTargets without an architecture: %v", err)
	}
	if got, err := ParseTargets(" linux/arm64,host,linux_arm64 , WINDOWS/AMD64"); err != nil || !slices.Equal(got, []Target{{"linux", "arm64"}, Host(), {"windows", "amd64"}}) {
		t.Errorf("ParseTargets: %v %v", got, err)
	}
	empty := t.TempDir()
	_, err := Write(ctx, input("penguins"), filepath.Join(dir, "c"), Options{Binary: DirLocator(empty), Targets: []Target{{"linux", "arm64"}}}, nil)
	if !errors.Is(err, ErrNoBinary) || !strings.Contains(err.Error(), "linux/arm64") || !strings.Contains(err.Error(), filepath.Join(empty, "linux_arm64", "modelbench-serve")) {
		t.Errorf("a missing server: %v", err)
	}
	if _, err := Write(ctx, input("penguins"), filepath.Join(dir, "c2"), Options{}, nil); !errors.Is(err, ErrNoBinary) {
		t.Errorf("no locator: %v", err)
	}
	// The host's server filed as another platform's.
	wrong := t.TempDir()
	host, _ := locate0(Host().OS, Host().Arch)
	o := other()
	_ = os.MkdirAll(filepath.Join(wrong, o.OS+"_"+o.Arch), 0o755)
	if err := copyFile(host, filepath.Join(wrong, o.OS+"_"+o.Arch, o.BinaryName()), 0o755); err != nil {
		t.Fatal(err)
	}
	_, err = Write(ctx, input("penguins"), filepath.Join(dir, "d"), Options{Binary: DirLocator(wrong), Targets: []Target{o}}, nil)
	if !errors.Is(err, ErrNoBinary) || !strings.Contains(err.Error(), "an executable for "+Host().String()) {
		t.Errorf("a server of the wrong platform: %v", err)
	}
	// A folder of someone's files is not overwritten.
	busy := filepath.Join(dir, "busy")
	_ = os.MkdirAll(busy, 0o755)
	_ = os.WriteFile(filepath.Join(busy, "notes.txt"), []byte("mine"), 0o644)
	if _, err := Write(ctx, input("penguins"), busy, Options{Binary: locate0}, nil); err == nil || !strings.Contains(err.Error(), "no earlier package") {
		t.Errorf("a busy folder: %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(busy, "notes.txt")); string(b) != "mine" {
		t.Error("the busy folder was changed")
	}
	for _, p := range []string{"a", "b", "c", "c2", "d"} {
		if _, err := os.Stat(filepath.Join(dir, p)); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a failed write left %s", p)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".modelbench-package-*")); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
}

// TestWrite_ReplacesAnEarlierPackageAndCancels: writing again into a
// package folder replaces it (no stale files); a cancelled context leaves
// the earlier package as it was.
func TestWrite_ReplacesAnEarlierPackageAndCancels(t *testing.T) {
	out := filepath.Join(t.TempDir(), "pkg")
	if _, err := Write(context.Background(), input("penguins"), out, Options{Binary: locate0}, nil); err != nil {
		t.Fatal(err)
	}
	stale := filepath.Join(out, "stale.txt")
	_ = os.WriteFile(stale, []byte("old"), 0o644)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Write(ctx, input("titanic"), out, Options{Binary: locate0}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
	if m, err := ReadManifest(out); err != nil || m.Name != "penguins" {
		t.Errorf("the earlier package changed: %v %v", m, err)
	}
	m, err := Write(context.Background(), input("titanic"), out, Options{Binary: locate0}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(stale); !errors.Is(err, os.ErrNotExist) {
		t.Error("a stale file survived the new package")
	}
	if back, err := ReadManifest(out); err != nil || back.Name != "titanic" || back.ModelVersion != m.ModelVersion {
		t.Errorf("the new manifest: %+v %v", back, err)
	}
}

// TestWrite_Extras: an export that supports the model is written and
// listed with its file; one that does not is listed with its reason; one
// that fails is listed with its error and the package is still written.
func TestWrite_Extras(t *testing.T) {
	readable := Extra{Name: "readable", Write: func(ctx context.Context, a *artifact.Artifact, dir string) (string, bool, error) {
		sub := filepath.Join(dir, "readable")
		if err := os.MkdirAll(sub, 0o755); err != nil {
			return "", false, err
		}
		p, err := a.SaveReadable(sub)
		return p, false, err
	}}
	treesOnly := Extra{Name: "trees-only", Supports: func(a *artifact.Artifact) error {
		if a.Learner != "forest" && a.Learner != "tree" {
			return fmt.Errorf("the %s learner is not a tree ensemble", a.Learner)
		}
		return nil
	}, Write: readable.Write}
	failing := Extra{Name: "failing", Write: func(ctx context.Context, a *artifact.Artifact, dir string) (string, bool, error) {
		return "", false, errors.New("the exporter cannot write here")
	}}
	out := filepath.Join(t.TempDir(), "pkg")
	m, err := Write(context.Background(), input("penguins"), out, Options{Binary: locate0, Extras: []Extra{readable, treesOnly, failing}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(m.Extras) != 3 {
		t.Fatalf("extras %+v", m.Extras)
	}
	r, tr, f := m.Extras[0], m.Extras[1], m.Extras[2]
	if !r.Supported || r.File != "readable/model.json" || r.Checked {
		t.Errorf("readable: %+v", r)
	}
	if _, ok := m.File("readable/model.json"); !ok {
		t.Error("the extra's file is not in the manifest")
	}
	if tr.Supported || !strings.Contains(tr.Reason, "logistic") || tr.File != "" {
		t.Errorf("trees-only: %+v", tr)
	}
	if !f.Supported || !strings.Contains(f.Error, "cannot write") {
		t.Errorf("failing: %+v", f)
	}
	readme, _ := os.ReadFile(filepath.Join(out, ReadmeFile))
	if !strings.Contains(string(readme), "## Other exports") || !strings.Contains(string(readme), "not a tree ensemble") {
		t.Error("the README does not list the extras")
	}
}
