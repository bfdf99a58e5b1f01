package ui

import (
	"fmt"
	"math"
	"sort"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots"
	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/deploy/watch"
	"modelbench/workflow/eval/metrics"
)

// featureDriftList ranks the window's features by drift (the monitor
// package's order: most drifted first) and draws the selected one's
// training and recent distributions side by side.
type featureDriftList struct {
	u        *UI
	features []monitor.FeatureDrift
	list     *widget.List
	detail   *widget.Label
	figure   *figureView
	obj      fyne.CanvasObject
}

func newFeatureDriftList(u *UI) *featureDriftList {
	l := &featureDriftList{u: u, detail: wrapped("Open a service or a log to rank its features by drift.")}
	l.figure = newFigureView(u, "monitor-distribution", fyne.NewSize(320, 200))
	l.list = widget.NewList(func() int { return len(l.features) },
		func() fyne.CanvasObject {
			t := widget.NewLabel("feature name · statistic 0.000 (threshold 0.000) · drifted")
			t.Truncation = fyne.TextTruncateEllipsis
			return t
		},
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(driftRow(l.features[id])) })
	l.list.OnSelected = l.selected
	right := container.NewVSplit(container.NewVScroll(l.detail), l.figure.Object())
	u.rememberSplit("monitor-feature-detail", right, 0.3)
	split := container.NewHSplit(l.list, right)
	u.rememberSplit("monitor-features", split, 0.42)
	l.obj = split
	return l
}

func (l *featureDriftList) Object() fyne.CanvasObject { return l.obj }

// show lists a snapshot's features and the prediction's drift last.
func (l *featureDriftList) show(s *watch.Snapshot) {
	l.features = nil
	if s.Report != nil {
		l.features = append(l.features, s.Report.Features...)
		if p := s.Report.Prediction; p.Name != "" {
			l.features = append(l.features, p)
		}
	}
	l.list.UnselectAll()
	l.list.Refresh()
	if len(l.features) > 0 {
		l.list.Select(0)
	} else {
		l.detail.SetText("No feature was read in this window.")
		l.figure.clear("")
	}
}

// selectFeature selects the named feature, if listed.
func (l *featureDriftList) selectFeature(name string) {
	for i, f := range l.features {
		if f.Name == name {
			l.list.Select(i)
			return
		}
	}
}

func (l *featureDriftList) selected(id widget.ListItemID) {
	if id < 0 || id >= len(l.features) {
		return
	}
	f := l.features[id]
	text := f.Drift.Summary
	if f.PSI != nil {
		text += fmt.Sprintf(" Population stability index %.3f (%s).", *f.PSI, f.PSIReading)
	}
	if f.Missing.Window > f.Missing.Baseline || f.Missing.Baseline > 0 {
		text += fmt.Sprintf(" Missing: %.1f%% in training, %.1f%% now.", 100*f.Missing.Baseline, 100*f.Missing.Window)
	}
	l.detail.SetText(text)
	style := l.u.plotStyle()
	l.figure.show(func() (*plots.Figure, error) { return distributionFigure(f, style) })
}

// driftRow is one feature's line in the ranking: the test, its p-value
// or distance, and the threshold it is read against.
func driftRow(f monitor.FeatureDrift) string {
	r := f.Drift
	if r.Test == "" || r.Test == monitor.TestNone {
		return fmt.Sprintf("%s · not tested", f.Name)
	}
	test := map[monitor.Test]string{monitor.TestKS: "Kolmogorov–Smirnov", monitor.TestChiSquare: "chi-square",
		monitor.TestWasserstein: "Wasserstein distance", monitor.TestJensenShannon: "Jensen–Shannon distance"}[r.Test]
	if test == "" {
		test = string(r.Test)
	}
	verdict := "no drift"
	if r.Drifted {
		verdict = "DRIFTED"
	}
	if !math.IsNaN(r.PValue) {
		return fmt.Sprintf("%s · %s p = %s (drift below %s) · %s", f.Name, test, monitor.FormatNumber(r.PValue), monitor.FormatNumber(r.Threshold), verdict)
	}
	return fmt.Sprintf("%s · %s %s (drift from %s) · %s", f.Name, test, monitor.FormatNumber(r.Statistic), monitor.FormatNumber(r.Threshold), verdict)
}

// distributionFigure draws a feature's training and window shares.
func distributionFigure(f monitor.FeatureDrift, style plots.Style) (*plots.Figure, error) {
	d := f.Distribution
	if d == nil {
		return nil, fmt.Errorf("%s: %w (no values in training or in the window)", f.Name, plots.ErrNothingToDraw)
	}
	opt := plots.DriftOptions{Title: f.Name + ": training and recent requests", XLabel: f.Name, TrainingName: "training", WindowName: "recent", Style: style}
	if len(d.Edges) > 0 {
		return plots.DriftNumeric(d.Edges, d.Training, d.Window, opt)
	}
	return plots.DriftLevels(d.Levels, d.Training, d.Window, opt)
}

// trafficFigure draws requests, errors and latency percentiles per step.
func trafficFigure(s *watch.Snapshot, style plots.Style) (*plots.Figure, error) {
	if s.Report == nil || len(s.Report.Activity) == 0 {
		return nil, fmt.Errorf("traffic: %w (no request in this window)", plots.ErrNothingToDraw)
	}
	a := s.Report.Activity
	ts := make([]time.Time, len(a))
	reqs, errs, p50, p90, p99 := make([]float64, len(a)), make([]float64, len(a)), make([]float64, len(a)), make([]float64, len(a)), make([]float64, len(a))
	for i, p := range a {
		ts[i] = p.Start
		reqs[i], errs[i] = float64(p.Requests), float64(p.Errors)
		p50[i], p90[i], p99[i] = p.Latency.P50, p.Latency.P90, p.Latency.P99
	}
	step := time.Duration(s.Report.ActivityStepSeconds) * time.Second
	return plots.TimePanels([]plots.TimePanel{
		{YLabel: "requests per " + stepName(step), FromZero: true, Series: []plots.TimeSeries{{Name: "requests", T: ts, Y: reqs}, {Name: "errors", T: ts, Y: errs}}},
		{YLabel: "latency (ms)", FromZero: true, Series: []plots.TimeSeries{{Name: "p50", T: ts, Y: p50}, {Name: "p90", T: ts, Y: p90}, {Name: "p99", T: ts, Y: p99}}},
	}, plots.TimeOptions{Title: "Requests, errors and latency", Style: style})
}

// liveFigure draws the live metrics per step where feedback arrived,
// with the validation and test results as reference lines.
func liveFigure(s *watch.Snapshot, style plots.Style) (*plots.Figure, error) {
	if s.Report == nil || s.Report.Live == nil {
		return nil, fmt.Errorf("live metrics: %w (no prediction in this window has its true outcome yet: post outcomes to the service's /v1/feedback)", plots.ErrNothingToDraw)
	}
	metric := ""
	if s.Expected != nil {
		metric = s.Expected.Metric
	}
	if _, ok := s.Report.Live.Metrics[metric]; !ok {
		names := make([]string, 0, len(s.Report.Live.Metrics))
		for k := range s.Report.Live.Metrics {
			names = append(names, k)
		}
		sort.Strings(names)
		if len(names) == 0 {
			return nil, fmt.Errorf("live metrics: %w", plots.ErrNothingToDraw)
		}
		metric = names[0]
	}
	var ts []time.Time
	var ys []float64
	for _, p := range s.Report.Activity {
		if p.Live != nil {
			if v, ok := p.Live.Metrics[metric]; ok {
				ts, ys = append(ts, p.Start), append(ys, v)
			}
		}
	}
	label := metric
	if sc, err := metrics.Lookup(metric); err == nil {
		label = sc.Label
	}
	panel := plots.TimePanel{YLabel: label, Series: []plots.TimeSeries{{Name: "live", T: ts, Y: ys}}}
	if e := s.Expected; e != nil {
		if v, ok := e.Validation[metric]; ok {
			panel.Refs = append(panel.Refs, plots.RefLine{Name: "validation", Y: v})
		}
		if v, ok := e.Test[metric]; ok {
			panel.Refs = append(panel.Refs, plots.RefLine{Name: "test", Y: v})
		}
	}
	return plots.TimePanels([]plots.TimePanel{panel}, plots.TimeOptions{
		Title: fmt.Sprintf("%s of the predictions with feedback (%d), over time", label, s.Report.Live.Rows), Style: style})
}

// stepName names an activity step for an axis label.
func stepName(d time.Duration) string {
	switch {
	case d <= 0:
		return "step"
	case d%(24*time.Hour) == 0:
		return fmt.Sprintf("%d d", d/(24*time.Hour))
	case d%time.Hour == 0:
		return fmt.Sprintf("%d h", d/time.Hour)
	}
	return fmt.Sprintf("%d min", d/time.Minute)
}
