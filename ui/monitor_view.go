package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots"
	"modelbench/workflow"
	"modelbench/workflow/deploy"
	"modelbench/workflow/deploy/watch"
	"modelbench/workflow/progress"
)

// The Monitor tab's background jobs.
const (
	jobMonitor jobKey = "monitor"
	jobRetrain jobKey = "retrain"
)

// windowChoices are the Monitor tab's windows, in the Select's order, with
// the spelling watch.ParseWindow reads.
var windowChoices = []struct{ label, spec string }{
	{"Last hour", "1h"}, {"Last day", "24h"}, {"Last week", "7d"}, {"Everything", "all"},
}

// monitorPanel is the Deploy screen's Monitor tab: it opens a running
// scoring service or its prediction log (watch.Open, in the task runner),
// lists the findings in plain words, ranks the features by drift with the
// monitor package's own statistics and thresholds, draws the traffic, the
// selected feature's training and recent distributions and the live
// metrics, and retrains from there (retrainPanel). Only the source without
// secrets is saved in the project; the API key lives in the entry only.
type monitorPanel struct {
	u          *UI
	target     *widget.Entry
	deployment *widget.Entry
	key        *widget.Entry
	window     *widget.Select
	open       *widget.Button
	status     *widget.Label

	snap     *watch.Snapshot
	findings []watch.Finding
	// src is the source snap was read from (a retrain reads a log's
	// feedback from it).
	src watch.Source

	findingList *widget.List
	message     *widget.Label
	why         *widget.Label
	action      *widget.Label
	features    *featureDriftList
	traffic     *figureView
	live        *figureView
	retrain     *retrainPanel
	tabs        *container.AppTabs
	obj         fyne.CanvasObject
	restored    bool
}

func newMonitorPanel(u *UI) *monitorPanel {
	m := &monitorPanel{u: u, target: widget.NewEntry(), deployment: widget.NewEntry(), key: widget.NewPasswordEntry(),
		status: wrapped("Open the scoring service you started from the deployment package (its address and API key), " +
			"or its prediction log directly (the SQLite file, or the PostgreSQL URL replicas share) with the package's folder, " +
			"to see how the model does on live requests."),
		message: widget.NewLabel(""), why: wrapped(""), action: wrapped("")}
	m.target.SetPlaceHolder("http://127.0.0.1:8080, predictions.db or postgres://user@host/db")
	m.deployment.SetPlaceHolder("for a log: the package's folder (baseline.json, metrics.json)")
	m.key.SetPlaceHolder("the service's API key (never saved)")
	labels := make([]string, len(windowChoices))
	for i, c := range windowChoices {
		labels[i] = c.label
	}
	m.window = widget.NewSelect(labels, nil)
	m.window.SetSelectedIndex(1)
	m.open = widget.NewButtonWithIcon("Open", theme.SearchIcon(), m.openSource)
	m.open.Importance = widget.HighImportance
	m.target.OnSubmitted = func(string) { m.openSource() }
	m.message.TextStyle.Bold = true
	m.message.Wrapping = fyne.TextWrapWord

	m.findingList = widget.NewList(func() int { return len(m.findings) },
		func() fyne.CanvasObject {
			l := widget.NewLabel("finding message template")
			l.Truncation = fyne.TextTruncateEllipsis
			return container.NewBorder(nil, nil, widget.NewIcon(theme.InfoIcon()), nil, l)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			f := m.findings[id]
			box.Objects[0].(*widget.Label).SetText(f.Message)
			box.Objects[1].(*widget.Icon).SetResource(levelIcon(f.Level))
		})
	m.findingList.OnSelected = m.selectFinding
	detail := container.NewVBox(m.message, labelled("What it means", m.why), labelled("What to do", m.action))
	findings := container.NewVSplit(m.findingList, container.NewVScroll(detail))
	u.rememberSplit("monitor-findings", findings, 0.55)

	m.features = newFeatureDriftList(u)
	m.traffic = newFigureView(u, "monitor-traffic", fyne.NewSize(480, 320))
	m.live = newFigureView(u, "monitor-live", fyne.NewSize(480, 320))
	m.retrain = newRetrainPanel(u, m)
	m.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Findings", theme.WarningIcon(), findings),
		container.NewTabItem("Drift by feature", m.features.Object()),
		container.NewTabItem("Traffic", m.traffic.Object()),
		container.NewTabItem("Live metrics", m.live.Object()),
		container.NewTabItemWithIcon("Retrain", theme.ViewRefreshIcon(), m.retrain.Object()),
	)
	m.tabs.OnSelected = func(tab *container.TabItem) {
		switch tab.Content {
		case m.traffic.Object():
			m.drawTraffic()
		case m.live.Object():
			m.drawLive()
		}
	}
	form := widget.NewForm(
		widget.NewFormItem("Service or log", m.target),
		widget.NewFormItem("Package folder", m.deployment),
		widget.NewFormItem("API key", container.NewBorder(nil, nil, nil, container.NewHBox(widget.NewLabel("Window"), m.window, m.open), m.key)),
	)
	top := container.NewVBox(form, m.status)
	m.obj = border(top, nil, nil, nil, m.tabs)
	return m
}

func (m *monitorPanel) Object() fyne.CanvasObject { return m.obj }

// refresh fills the source from the project the first time it is shown
// (the saved source, else the last exported package's folder) and shows
// the versions.
func (m *monitorPanel) refresh(p *workflow.Project) {
	if !m.restored {
		m.restored = true
		if c, ok := p.MonitorConfig(); ok {
			m.target.SetText(c.Source.Target)
			m.deployment.SetText(c.Source.Deployment)
			for i, w := range windowChoices {
				if w.spec == c.Window {
					m.window.SetSelectedIndex(i)
				}
			}
		} else if dir := lastPackageDir(p); dir != "" {
			m.deployment.SetText(dir)
		}
	}
	m.retrain.refresh(p)
}

// lastPackageDir is the folder of the latest package or deployment
// exported, "" when none was.
func lastPackageDir(p *workflow.Project) string {
	ex := p.DeployState().Exports
	for i := len(ex) - 1; i >= 0; i-- {
		if (ex[i].Kind == deploy.ExportPackage || ex[i].Kind == workflow.ExportDeployment) && !strings.HasSuffix(ex[i].Path, ".zip") {
			return ex[i].Path
		}
	}
	return ""
}

// windowSpec is the chosen window as watch.ParseWindow reads it.
func (m *monitorPanel) windowSpec() string {
	if i := m.window.SelectedIndex(); i >= 0 {
		return windowChoices[i].spec
	}
	return "24h"
}

// openSource reads the chosen window of the source in the task runner
// and shows it; the window stays responsive however long the log.
func (m *monitorPanel) openSource() {
	src, err := watch.ParseSource(strings.TrimSpace(m.target.Text), strings.TrimSpace(m.deployment.Text))
	if err != nil {
		m.u.showError(err)
		return
	}
	w, err := watch.ParseWindow(m.windowSpec())
	if err != nil {
		m.u.showError(err)
		return
	}
	key := m.key.Text
	m.u.proj.SetMonitorConfig(workflow.MonitorConfig{Source: src, Window: m.windowSpec()})
	m.u.tasks.Start(jobMonitor, "Reading "+src.String(), func(ctx context.Context, report progress.Func) error {
		snap, err := watch.Open(ctx, src, watch.Options{Window: w, APIKey: key}, report)
		if err != nil {
			return err
		}
		fs := watch.Findings(snap, watch.Thresholds{})
		fyne.Do(func() { m.show(src, snap, fs) })
		return nil
	})
}

// show puts a snapshot on screen (UI goroutine; the snapshot is small:
// summaries, not records).
func (m *monitorPanel) show(src watch.Source, snap *watch.Snapshot, fs []watch.Finding) {
	m.src, m.snap, m.findings = src, snap, fs
	m.status.SetText(snapshotLine(snap, fs))
	m.findingList.UnselectAll()
	m.findingList.Refresh()
	if len(fs) > 0 {
		m.findingList.Select(0)
	}
	m.features.show(snap)
	m.drawTraffic()
	m.drawLive()
	m.retrain.sourceOpened(src)
}

// drawTraffic and drawLive render their figure at the view's current
// size, again when its tab is shown: a hidden view has no size yet.
func (m *monitorPanel) drawTraffic() {
	if snap, style := m.snap, m.u.plotStyle(); snap != nil {
		m.traffic.show(func() (*plots.Figure, error) { return trafficFigure(snap, style) })
	}
}

func (m *monitorPanel) drawLive() {
	if snap, style := m.snap, m.u.plotStyle(); snap != nil {
		m.live.show(func() (*plots.Figure, error) { return liveFigure(snap, style) })
	}
}

func (m *monitorPanel) selectFinding(id widget.ListItemID) {
	if id < 0 || id >= len(m.findings) {
		return
	}
	f := m.findings[id]
	m.message.SetText(f.Message)
	m.why.SetText(f.Why)
	m.action.SetText(f.Action)
	if f.Feature != "" {
		m.features.selectFeature(f.Feature)
	}
}

// snapshotLine says what was read.
func snapshotLine(s *watch.Snapshot, fs []watch.Finding) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %d predictions", s.Source.String(), s.Rows)
	if s.ModelVersion != "" {
		fmt.Fprintf(&b, " of model version %s", s.ModelVersion)
	}
	if !s.Since.IsZero() {
		fmt.Fprintf(&b, ", %s to %s UTC", s.Since.UTC().Format("Jan 2 15:04"), s.Until.UTC().Format("Jan 2 15:04"))
	}
	fmt.Fprintf(&b, " (%s).", s.WindowLabel())
	if watch.Crossed(fs) {
		b.WriteString(" A threshold is crossed: see the findings marked in red.")
	} else {
		b.WriteString(" No threshold is crossed.")
	}
	for _, n := range s.Notes {
		b.WriteString(" " + n)
	}
	return b.String()
}

// levelIcon is a finding's icon.
func levelIcon(l watch.Level) fyne.Resource {
	switch l {
	case watch.Alert:
		return theme.NewErrorThemedResource(theme.ErrorIcon())
	case watch.Warning:
		return theme.NewWarningThemedResource(theme.WarningIcon())
	case watch.OK:
		return theme.NewSuccessThemedResource(theme.ConfirmIcon())
	}
	return theme.InfoIcon()
}
