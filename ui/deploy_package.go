package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/artifact"
	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/progress"
)

// packageForm is the Export package… dialog's content: one checkbox per
// platform the package can carry the server for (this machine's ticked),
// and whether to write one .zip.
type packageForm struct {
	targets []*widget.Check
	zip     *widget.Check
	// extras are the portable formats the package can carry, with a
	// checkbox each: ticked and enabled when the format can express the
	// chosen model, disabled with the reason otherwise.
	extras      []pack.Extra
	extraChecks []*widget.Check
	obj         fyne.CanvasObject
}

func newPackageForm(extras []pack.Extra, a *artifact.Artifact) *packageForm {
	f := &packageForm{zip: widget.NewCheck("One .zip file instead of a folder", nil)}
	box := container.NewVBox(wrapped("The model with its input contract and drift baseline, the scoring server for each platform ticked below, "+
		"a Dockerfile, Kubernetes manifests, an OpenAPI description and a README for the people who run it. "+
		"The package's own server is started once to check its predictions against the model's and to measure its memory and speed."),
		widget.NewLabelWithStyle("Run the server on", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	for _, t := range pack.Targets {
		label := targetLabel(t)
		if t == pack.Host() {
			label += " (this computer)"
		}
		c := widget.NewCheck(label, nil)
		c.SetChecked(t == pack.Host())
		f.targets = append(f.targets, c)
		box.Add(c)
	}
	box.Add(widget.NewLabelWithStyle("Portable formats, for teams that do not run our server", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}))
	f.extras = extras
	for _, x := range extras {
		c := widget.NewCheck(extraLabel(x.Name), nil)
		why := ""
		if x.Supports != nil {
			if err := x.Supports(a); err != nil {
				why = err.Error()
			}
		}
		if why == "" {
			c.SetChecked(true)
			box.Add(c)
		} else {
			c.Disable()
			box.Add(container.NewVBox(c, wrapped("    not for this model: "+why)))
		}
		f.extraChecks = append(f.extraChecks, c)
	}
	box.Add(f.zip)
	f.obj = container.NewVScroll(box)
	return f
}

// extraLabel names a portable format for people.
func extraLabel(name string) string {
	switch name {
	case "onnx":
		return "model.onnx — the whole pipeline as one ONNX graph (ONNX Runtime)"
	case "pmml":
		return "model.pmml — PMML 4.4 for PMML engines"
	case "reproduce":
		return "reproduce.py — rebuilds the pipeline and model with scikit-learn"
	}
	return name
}

// chosenExtras are the ticked portable formats (an empty, non-nil slice
// when none is ticked, so the package writes none).
func (f *packageForm) chosenExtras() []pack.Extra {
	out := []pack.Extra{}
	for i, c := range f.extraChecks {
		if c.Checked && !c.Disabled() {
			out = append(out, f.extras[i])
		}
	}
	return out
}

// targetLabel names a platform for people.
func targetLabel(t pack.Target) string {
	os := map[string]string{"linux": "Linux", "windows": "Windows", "darwin": "macOS"}[t.OS]
	arch := map[string]string{"amd64": "x86-64", "arm64": "ARM64"}[t.Arch]
	if t.OS == "darwin" && t.Arch == "arm64" {
		arch = "Apple silicon"
	}
	return fmt.Sprintf("%s (%s)", os, arch)
}

// chosen are the ticked platforms.
func (f *packageForm) chosen() []pack.Target {
	var out []pack.Target
	for i, c := range f.targets {
		if c.Checked {
			out = append(out, pack.Targets[i])
		}
	}
	return out
}

// exportPackage asks for the platforms, the form and a folder, then writes
// the deployment package there in the background.
func (u *UI) exportPackage() {
	tr := u.proj.Training()
	if tr == nil || tr.Chosen == nil {
		u.showError(errNoChosen)
		return
	}
	f := newPackageForm(u.proj.PackageExtras(), tr.Chosen)
	d := dialog.NewCustomConfirm("Export package", "Choose folder…", "Cancel", f.obj, func(ok bool) {
		if !ok {
			return
		}
		targets := f.chosen()
		if len(targets) == 0 {
			u.showError(fmt.Errorf("tick at least one platform to run the server on"))
			return
		}
		extras := f.chosenExtras()
		u.chooseFolder(func(dir string) {
			u.writePackage(filepath.Join(dir, packageFolder(u)), targets, f.zip.Checked, extras)
		})
	}, u.win)
	d.Resize(fyne.NewSize(720, 620))
	d.Show()
}

// chooseFolder asks for a folder and calls chosen with its path; tests
// set UI.pickFolder to answer instead of the file dialog.
func (u *UI) chooseFolder(chosen func(dir string)) {
	if u.pickFolder != nil {
		u.pickFolder(chosen)
		return
	}
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			u.showError(err)
			return
		}
		chosen(dir.Path())
	}, u.win)
}

// packageFolder is the package's folder name: the project's name and
// "package".
func packageFolder(u *UI) string {
	name := "model"
	if p := u.proj.Path(); p != "" {
		name = strings.TrimSuffix(filepath.Base(p), filepath.Ext(p))
	} else if d := u.proj.Document().Data; d != nil && d.Sample != "" {
		name = d.Sample
	}
	return name + "-package"
}

// serverLocator finds the prebuilt servers (Options.ServerLocator, else
// beside the app).
func (u *UI) serverLocator() pack.Locator {
	if u.opts.ServerLocator != nil {
		return u.opts.ServerLocator
	}
	return pack.AppLocator()
}

// writePackage writes the package to out (out.zip when zipped) as a
// background job and shows what it wrote and measured.
// extras nil carries every portable format the model supports.
func (u *UI) writePackage(out string, targets []pack.Target, zip bool, extras []pack.Extra) {
	p := u.proj
	opt := pack.Options{Targets: targets, Zip: zip, Binary: u.serverLocator(), Extras: extras}
	retrained := u.acceptedRetrain()
	u.tasks.Start(jobExportPackage.on(out), "Writing the deployment package to "+out, func(ctx context.Context, report progress.Func) error {
		var m *pack.Manifest
		var err error
		if retrained != nil {
			m, err = p.ExportPackageVersion(ctx, out, retrained, opt, report)
		} else {
			m, err = p.ExportPackage(ctx, out, opt, report)
		}
		if err != nil {
			return err
		}
		msg := packageSummary(m)
		fyne.Do(func() { dialog.ShowInformation("Package written", msg, u.win) })
		return nil
	})
}

// acceptedRetrain is the retrain accepted in this session in the Monitor
// tab when it is still the model carried forward (nil otherwise): its
// package is profiled on the rows it learnt from, which only that result
// holds.
func (u *UI) acceptedRetrain() *workflow.RetrainResult {
	ds, ok := u.screens[workflow.StageDeploy].(*deployScreen)
	tr := u.proj.Training()
	if !ok || ds.monitor == nil || tr == nil {
		return nil
	}
	if r := ds.monitor.retrain.accepted; r != nil && r.Retrained == tr.Chosen {
		return r
	}
	return nil
}

// packageSummary says, for the result dialog, what the package holds and
// what was measured.
func packageSummary(m *pack.Manifest) string {
	var b strings.Builder
	r := m.Resources
	fmt.Fprintf(&b, "The deployment package is in %s.\n\n", m.Path)
	var ts []string
	for _, t := range m.Targets {
		ts = append(ts, t.Target)
	}
	fmt.Fprintf(&b, "Servers for %s. ", strings.Join(ts, ", "))
	if r.Checked {
		fmt.Fprintf(&b, "The package's server predicts exactly as the model does on all %d %s rows.\n", r.CheckedRows, r.CheckedPart)
	} else {
		fmt.Fprintf(&b, "WARNING: the package's server predicts differently on %d of %d %s rows (%s).\n", r.Mismatches, r.CheckedRows, r.CheckedPart, r.FirstMismatch)
	}
	fmt.Fprintf(&b, "Model file %.1f kB, memory %.1f MiB, single-row latency %.2f ms (median of %d requests); Kubernetes memory request %s.",
		float64(r.ModelBytes)/1e3, float64(max(r.MemoryBytes, r.MemoryLoadedBytes))/(1<<20), r.LatencyMS, r.LatencyRequests, m.Sizing.MemoryRequest)
	if len(m.LeftOut) > 0 {
		b.WriteString("\n\nLeft out: " + strings.Join(m.LeftOut, "; ") + ".")
	}
	for _, e := range m.Extras {
		switch {
		case e.File != "":
			fmt.Fprintf(&b, "\n%s: %s", e.Name, e.File)
		case !e.Supported:
			fmt.Fprintf(&b, "\n%s: not for this model (%s)", e.Name, e.Reason)
		case e.Error != "":
			fmt.Fprintf(&b, "\n%s: failed (%s)", e.Name, e.Error)
		}
	}
	b.WriteString("\n\nIts README.md says how to start, secure, scale and monitor it.")
	return b.String()
}
