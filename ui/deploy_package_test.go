package ui

import (
	"archive/zip"
	"context"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/deploy"
	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/deploy/pack/packtest"
)

// otherTarget is a platform the package can carry that is not this one.
func otherTarget() pack.Target {
	if pack.Host() == (pack.Target{OS: "windows", Arch: "amd64"}) {
		return pack.Target{OS: "linux", Arch: "amd64"}
	}
	return pack.Target{OS: "windows", Arch: "amd64"}
}

func findCheck(w fyne.Window, prefix string) *widget.Check {
	var found *widget.Check
	for _, o := range w.Canvas().Overlays().List() {
		walk(o, func(o fyne.CanvasObject) {
			if c, ok := o.(*widget.Check); ok && strings.HasPrefix(c.Text, prefix) {
				found = c
			}
		})
	}
	return found
}

// TestDeploy_ExportPackage taps Export package… on the Deploy screen:
// this computer's platform is ticked by default; ticking another and the
// .zip box and choosing a folder writes the archive with both servers as
// a background job, shows what it measured, and the checklist's evidence
// records the checked export.
func TestDeploy_ExportPackage(t *testing.T) {
	u, es := chooseModel(t, "titanic", "logistic")
	es.run(workflow.PartTest)
	u.selectStage(workflow.StageDeploy)
	ds := u.screens[workflow.StageDeploy].(*deployScreen)
	other := otherTarget()
	loc, err := packtest.BuildServers(context.Background(), t.TempDir(), pack.Host().String(), other.String())
	if err != nil {
		t.Fatal(err)
	}
	u.opts.ServerLocator = loc
	dir := t.TempDir()
	u.pickFolder = func(chosen func(string)) { chosen(dir) }

	test.Tap(ds.pkgBtn)
	w := u.win
	if !strings.Contains(overlayText(w), "Docker") {
		t.Fatalf("no package dialog: %q", overlayText(w))
	}
	host := findCheck(w, targetLabel(pack.Host()))
	if host == nil || !host.Checked || !strings.Contains(host.Text, "this computer") {
		t.Fatalf("this computer's platform is not ticked: %+v", host)
	}
	oc := findCheck(w, targetLabel(other))
	zc := findCheck(w, "One .zip")
	if oc == nil || oc.Checked || zc == nil || zc.Checked {
		t.Fatalf("other platform %+v, zip %+v", oc, zc)
	}
	// The portable formats are offered with what each supports: a
	// logistic model exports to all three; untick PMML.
	for _, name := range []string{"onnx", "pmml", "reproduce"} {
		c := findCheck(w, extraLabel(name))
		if c == nil || !c.Checked || c.Disabled() {
			t.Fatalf("%s is not offered for a logistic model: %+v", name, c)
		}
	}
	test.Tap(findCheck(w, extraLabel("pmml")))
	test.Tap(oc)
	test.Tap(zc)
	choose := findButtonIn(w, "Choose folder…")
	if choose == nil {
		t.Fatal("no Choose folder… button")
	}
	test.Tap(choose)

	if got := overlayText(w); !strings.Contains(got, "Package written") || !strings.Contains(got, "predicts exactly as the model does") {
		t.Fatalf("no result dialog: %q", got)
	}
	archive := filepath.Join(dir, "titanic-package.zip")
	zr, err := zip.OpenReader(archive)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	for _, want := range []string{pack.Host().Binary(), other.Binary(), "model.json", "openapi.yaml", "k8s/deployment.yaml", "README.md", "manifest.json",
		"model.onnx", "reproduce.py"} {
		if !slices.Contains(names, want) {
			t.Errorf("the archive lacks %s: %v", want, names)
		}
	}
	if slices.Contains(names, "model.pmml") {
		t.Error("PMML was unticked but written")
	}
	ex := u.Project().DeployState().Exports
	if len(ex) != 1 || ex[0].Path != archive || !ex[0].Checked {
		t.Fatalf("exports recorded %+v", ex)
	}
	if e := deploy.Judge(u.Project().DeployFacts())["export_checked"]; e.Verdict != deploy.Pass {
		t.Errorf("export_checked evidence %+v", e)
	}
}

// TestDeploy_ExportPackageNeedsAPlatform: unticking every platform is
// refused with a message, and nothing is written.
func TestDeploy_ExportPackageNeedsAPlatform(t *testing.T) {
	u, _ := chooseModel(t, "titanic", "logistic")
	u.selectStage(workflow.StageDeploy)
	ds := u.screens[workflow.StageDeploy].(*deployScreen)
	asked := false
	u.pickFolder = func(func(string)) { asked = true }
	test.Tap(ds.pkgBtn)
	test.Tap(findCheck(u.win, targetLabel(pack.Host())))
	test.Tap(findButtonIn(u.win, "Choose folder…"))
	if asked || !strings.Contains(overlayText(u.win), "at least one platform") {
		t.Fatalf("asked for a folder %v; overlay %q", asked, overlayText(u.win))
	}
}
