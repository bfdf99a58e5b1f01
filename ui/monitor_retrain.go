package ui

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/deploy/watch"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/progress"
)

// The retrain sources, in the radio group's order.
const (
	fromFeedback = "The feedback in the opened log (logged inputs joined to their true outcomes)"
	fromFile     = "A file with the same columns…"
)

// retrainPanel retrains the chosen model on new labelled rows, shows the
// old and the new model on the same held-out new rows with Train's paired
// comparison, accepts the new model as a version with the person's
// reason, exports that version's deployment package, and lists the
// versions with Roll back. The result stays in the panel until accepted
// or replaced: nothing in the project changes before Accept.
type retrainPanel struct {
	u       *UI
	m       *monitorPanel
	from    *widget.RadioGroup
	replace *widget.Check
	run     *widget.Button
	outcome *widget.Label
	why     *widget.Entry
	accept  *widget.Button
	export  *widget.Button
	res     *workflow.RetrainResult
	// accepted is the retrain accepted last, kept to export its package.
	accepted *workflow.RetrainResult
	versions *fyne.Container
	obj      fyne.CanvasObject
	// pickFile answers the file choice in tests.
	pickFile func(chosen func(path string))
}

func newRetrainPanel(u *UI, m *monitorPanel) *retrainPanel {
	r := &retrainPanel{u: u, m: m, replace: widget.NewCheck("Learn from the new rows only (otherwise they are added to the rows the model learnt from)", nil),
		outcome: wrapped("Retraining refits the recorded preparation and learner, with the recorded settings and seed, on new labelled rows, " +
			"and scores the current and the retrained model on the same share of the new rows that neither learnt from."),
		why: widget.NewMultiLineEntry(), versions: container.NewVBox()}
	r.from = widget.NewRadioGroup([]string{fromFeedback, fromFile}, nil)
	r.from.SetSelected(fromFeedback)
	r.run = widget.NewButtonWithIcon("Retrain", theme.ViewRefreshIcon(), r.start)
	r.run.Importance = widget.HighImportance
	r.why.SetPlaceHolder("Why this version should go live (recorded in the decision journal)")
	r.why.SetMinRowsVisible(2)
	r.why.Wrapping = fyne.TextWrapWord
	r.accept = widget.NewButtonWithIcon("Accept as a new version", theme.ConfirmIcon(), r.acceptResult)
	r.accept.Disable()
	r.export = widget.NewButtonWithIcon("Export this version's package…", theme.UploadIcon(), r.exportPackage)
	r.export.Disable()
	box := container.NewVBox(
		widget.NewLabelWithStyle("New labelled rows", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		r.from, r.replace, container.NewHBox(r.run),
		widget.NewSeparator(), r.outcome, r.why, container.NewHBox(r.accept, r.export),
		widget.NewSeparator(),
		widget.NewLabelWithStyle("Model versions", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), r.versions)
	r.obj = container.NewVScroll(box)
	return r
}

func (r *retrainPanel) Object() fyne.CanvasObject { return r.obj }

// sourceOpened is told which source the monitor read: feedback can only
// be read from a log.
func (r *retrainPanel) sourceOpened(src watch.Source) {
	if src.Kind != watch.Log && r.from.Selected == fromFeedback {
		r.outcome.SetText("A service's report does not carry the logged rows: to retrain on its feedback, open its prediction log (the --log file or PostgreSQL URL) instead, or retrain on a file.")
	}
}

// newRows reads the new labelled rows and says where they came from.
type newRows func(ctx context.Context, report progress.Func) (*data.Frame, string, error)

// start reads the new rows and retrains in the task runner.
func (r *retrainPanel) start() {
	p := r.u.proj
	if r.from.Selected == fromFile {
		r.chooseFile(func(path string) {
			r.launch(func(ctx context.Context, report progress.Func) (*data.Frame, string, error) {
				nt, _, err := workflow.LoadRef(ctx, workflow.DataRef{Path: path}, "", report)
				if err != nil {
					return nil, "", err
				}
				return nt.Frame, path, nil
			})
		})
		return
	}
	src := r.m.src
	if src.Kind != watch.Log {
		r.u.showError(errors.New("open the service's prediction log in the Monitor tab first (a log file or PostgreSQL URL, with the package's folder): its feedback is what the model is retrained on"))
		return
	}
	w, err := watch.ParseWindow(r.m.windowSpec())
	if err != nil {
		r.u.showError(err)
		return
	}
	r.launch(func(ctx context.Context, report progress.Func) (*data.Frame, string, error) {
		fr, err := p.FeedbackRows(ctx, src, watch.Options{Window: w}, report)
		if err != nil {
			return nil, "", err
		}
		return fr.Frame, fr.Source, nil
	})
}

// launch reads the new rows and retrains on them as one job, adding them
// or replacing the rows the model learnt from as the box says.
func (r *retrainPanel) launch(read newRows) {
	p, replace := r.u.proj, r.replace.Checked
	r.u.tasks.Start(jobRetrain, "Retraining the chosen model", func(ctx context.Context, report progress.Func) error {
		rows, source, err := read(ctx, report.Scale(0, 0.3))
		if err != nil {
			return err
		}
		res, err := p.Retrain(ctx, workflow.RetrainOptions{New: rows, Source: source, Replace: replace}, report.Scale(0.3, 1))
		if err != nil {
			return err
		}
		fyne.Do(func() { r.showResult(res) })
		return nil
	})
}

// chooseFile asks for a data file (tests answer through pickFile).
func (r *retrainPanel) chooseFile(chosen func(string)) {
	if r.pickFile != nil {
		r.pickFile(chosen)
		return
	}
	d := dialog.NewFileOpen(func(rc fyne.URIReadCloser, err error) {
		if err != nil || rc == nil {
			r.u.showError(err)
			return
		}
		path := rc.URI().Path()
		rc.Close()
		r.u.picked(path)
		chosen(path)
	}, r.u.win)
	r.u.showFileDialog(d)
}

// showResult shows the old and new model on the held-out new rows.
func (r *retrainPanel) showResult(res *workflow.RetrainResult) {
	r.res = res
	r.outcome.SetText(retrainSummary(res))
	_, v := r.u.proj.ModelVersions()
	r.accept.SetText(fmt.Sprintf("Accept as version %d", v+1))
	r.accept.Enable()
	if res.Better {
		r.accept.Importance = widget.HighImportance
	} else {
		r.accept.Importance = widget.MediumImportance
	}
	r.accept.Refresh()
}

// retrainSummary says how both models did, metric by metric, and what
// the paired test says.
func retrainSummary(res *workflow.RetrainResult) string {
	var b strings.Builder
	how := "added to the rows the model learnt from"
	if res.Replace {
		how = "replacing the rows the model learnt from"
	}
	fmt.Fprintf(&b, "Retrained on %s (%s): it learnt from %d rows. Both models were scored on the same %d held-out new rows.\n\n",
		res.Source, how, res.LearnRows, res.CompareRows)
	label := func(name string) string {
		if sc, err := metrics.Lookup(name); err == nil {
			return sc.Label
		}
		return name
	}
	if v, ok := res.CurrentMetrics[res.Metric]; ok {
		fmt.Fprintf(&b, "%s (the metric the model was chosen by): current %.4f, retrained %.4f.\n", label(res.Metric), v, res.RetrainedMetrics[res.Metric])
	}
	names := make([]string, 0, len(res.CurrentMetrics))
	for k := range res.CurrentMetrics {
		if k != res.Metric {
			names = append(names, k)
		}
	}
	sort.Strings(names)
	others := make([]string, len(names))
	for i, k := range names {
		others[i] = fmt.Sprintf("%s %.3f → %.3f", label(k), res.CurrentMetrics[k], res.RetrainedMetrics[k])
	}
	if len(others) > 0 {
		b.WriteString("Other metrics, current → retrained: " + strings.Join(others, "; ") + ".\n\n")
	}
	b.WriteString(res.Comparison.Sentence)
	if res.Better {
		b.WriteString("\nThe retrained model is better and the difference is likely real: accept it with your reason.")
	} else {
		b.WriteString("\nThe retrained model is not clearly better: keep the current one unless you have another reason.")
	}
	return b.String()
}

// acceptResult records the retrained model as a new version.
func (r *retrainPanel) acceptResult() {
	res, why := r.res, strings.TrimSpace(r.why.Text)
	if res == nil {
		return
	}
	if why == "" {
		r.u.showError(errors.New("say why this version should go live: the reason is recorded in the decision journal"))
		return
	}
	v, err := r.u.proj.AcceptRetrain(res, why)
	if err != nil {
		r.u.showError(err)
		return
	}
	r.accepted, r.res = res, nil
	r.accept.Disable()
	r.export.Enable()
	r.export.Importance = widget.HighImportance
	r.export.Refresh()
	r.outcome.SetText(fmt.Sprintf("Version %d is now the model carried forward; version %d stays in the project for rollback. "+
		"Export its package so that the service serves it under its new model version; the documentation and checklist evidence about the model are now out of date.", v, v-1))
	r.refresh(r.u.proj)
}

// exportPackage writes the accepted version's deployment package.
func (r *retrainPanel) exportPackage() {
	res := r.accepted
	if res == nil {
		return
	}
	_, v := r.u.proj.ModelVersions()
	p := r.u.proj
	r.u.chooseFolder(func(dir string) {
		out := filepath.Join(dir, fmt.Sprintf("%s-v%d", packageFolder(r.u), v))
		opt := pack.Options{Targets: []pack.Target{pack.Host()}, Binary: r.u.serverLocator()}
		r.u.tasks.Start(jobExportPackage.on(out), "Writing version "+fmt.Sprint(v)+"'s package to "+out, func(ctx context.Context, report progress.Func) error {
			m, err := p.ExportPackageVersion(ctx, out, res, opt, report)
			if err != nil {
				return err
			}
			msg := packageSummary(m)
			fyne.Do(func() {
				r.m.deployment.SetText(m.Path)
				dialog.ShowInformation(fmt.Sprintf("Version %d's package written", v), msg, r.u.win)
			})
			return nil
		})
	})
}

// refresh lists the model versions with Roll back for the others.
func (r *retrainPanel) refresh(p *workflow.Project) {
	vs, current := p.ModelVersions()
	r.versions.RemoveAll()
	if len(vs) == 0 {
		r.versions.Add(wrapped("Version 1 is the model chosen in Train. Each accepted retrain adds a version; every version stays in the project."))
		return
	}
	for _, v := range vs {
		line := fmt.Sprintf("Version %d · %s · %s · learnt from %d rows", v.Version, v.Time.Local().Format("2006-01-02 15:04"), v.Learner, v.LearnRows)
		if v.Source != "" {
			line += " of " + v.Source
		}
		if v.Why != "" {
			line += " — " + v.Why
		}
		var right fyne.CanvasObject = widget.NewLabelWithStyle("current", fyne.TextAlignTrailing, fyne.TextStyle{Bold: true})
		if v.Version != current {
			version := v.Version
			right = widget.NewButton(fmt.Sprintf("Roll back to version %d", version), func() { r.rollback(version) })
		}
		r.versions.Add(container.NewBorder(nil, nil, nil, right, wrapped(line)))
	}
}

// rollback carries version v forward again, with the reason in the entry.
func (r *retrainPanel) rollback(v int) {
	why := strings.TrimSpace(r.why.Text)
	if why == "" {
		r.u.showError(fmt.Errorf("say why version %d should go live again (in the reason box above): the reason is recorded in the decision journal", v))
		return
	}
	if err := r.u.proj.Rollback(v, why); err != nil {
		r.u.showError(err)
		return
	}
	r.accepted = nil
	r.export.Disable()
	r.outcome.SetText(fmt.Sprintf("Version %d is the model carried forward again. Its package is the one exported when it was current.", v))
	r.refresh(r.u.proj)
}
