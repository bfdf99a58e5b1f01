package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots"
	"modelbench/plots/evalview"
	"modelbench/workflow"
	"modelbench/workflow/eval"
	"modelbench/workflow/progress"
)

// evaluateScreen is the Evaluate step: the chosen model on the locked test
// rows, with metrics, figures, a threshold explorer, slices, the worst
// rows and per-row explanations.
type evaluateScreen struct {
	u         *UI
	shown     *workflow.EvaluateResult
	header    *widget.Label
	model     *widget.Select
	issues    *widget.Label
	metrics   *widget.Label
	kind      *widget.Select
	figure    *figureView
	threshold *thresholdPanel
	slices    *slicesPanel
	worst     *widget.Label
	explain   *explainPanel
	tabs      *container.AppTabs
	obj       fyne.CanvasObject
}

func newEvaluateScreen(u *UI) *evaluateScreen {
	s := &evaluateScreen{u: u, header: widget.NewLabel(""), issues: widget.NewLabel(""), metrics: widget.NewLabel(""), worst: widget.NewLabel("")}
	for _, l := range []*widget.Label{s.header, s.issues} {
		l.Wrapping = fyne.TextWrapWord
	}
	s.issues.Importance = widget.WarningImportance
	s.metrics.TextStyle.Monospace = true
	s.worst.TextStyle.Monospace = true
	s.figure = newFigureView(u, "evaluate", fyne.NewSize(300, 240))
	s.kind = widget.NewSelect(nil, func(string) { s.drawFigure() })
	s.threshold = newThresholdPanel(u)
	s.slices = newSlicesPanel(u)
	s.explain = newExplainPanel(u)
	s.model = widget.NewSelect(nil, nil)
	test := widget.NewButtonWithIcon("Evaluate on the test rows", theme.MediaPlayIcon(), func() { s.run(workflow.PartTest) })
	test.Importance = widget.HighImportance
	train := widget.NewButton("On the training rows", func() { s.run(workflow.PartTraining) })
	report := widget.NewButtonWithIcon("Report…", theme.DocumentSaveIcon(), u.exportEvaluationReport)
	metricsTab := container.NewHSplit(container.NewScroll(s.metrics), border(s.kind, nil, nil, nil, s.figure.Object()))
	u.rememberSplit("evaluate", metricsTab, 0.45)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Metrics", theme.GridIcon(), metricsTab),
		container.NewTabItem("Threshold", s.threshold.Object()),
		container.NewTabItem("Groups", s.slices.Object()),
		container.NewTabItem("Worst rows", container.NewScroll(s.worst)),
		container.NewTabItem("Explain", s.explain.Object()),
	)
	top := container.NewVBox(s.header, container.NewHBox(widget.NewLabel("Model:"), s.model, test, train, report), s.issues)
	s.obj = border(top, nil, nil, nil, s.tabs)
	return s
}

func (s *evaluateScreen) Object() fyne.CanvasObject { return s.obj }

// Refresh shows the latest evaluation of the chosen model.
func (s *evaluateScreen) Refresh() {
	p := s.u.proj
	r := p.Evaluation()
	s.header.SetText(evaluateHeader(p, r))
	s.fillModels(p)
	if r == nil && s.shown == nil {
		s.metrics.SetText("No evaluation yet.\nPress Evaluate on the test rows\n(Ctrl+E) to score the chosen model\non the rows it has never seen.")
	}
	if r == nil || r == s.shown {
		return
	}
	s.shown = r
	as := r.Assessment
	var issues []string
	for _, is := range append(append([]dataIssue{}, r.Issues...), as.Issues...) {
		issues = append(issues, "• "+is.Text)
	}
	s.issues.SetText(strings.Join(issues, "\n"))
	s.metrics.SetText(metricsText(as))
	s.kind.Options = evalview.Kinds(as)
	s.kind.SetSelected(s.kind.Options[0])
	s.threshold.show(p, as)
	s.slices.show(as)
	s.worst.SetText(worstText(as.Worst))
	s.explain.show(p, r)
}

// metricsWidth is the widest line metricsText writes, in characters.
const metricsWidth = 39

func evaluateHeader(p *workflow.Project, r *workflow.EvaluateResult) string {
	switch p.Status(workflow.StageEvaluate) {
	case workflow.Running:
		return "Evaluating…"
	case workflow.Failed:
		return "The evaluation failed: " + p.Error(workflow.StageEvaluate)
	case workflow.Stale:
		return "The chosen model changed since this evaluation: evaluate again."
	}
	if r == nil {
		return fmt.Sprintf("The test rows have been locked away since the split. Open them once, for %q, to get an honest estimate.", p.Document().Train.Chosen)
	}
	as := r.Assessment
	main := as.Metrics.Metrics[as.Metric]
	where := "locked test rows"
	if r.Part == workflow.PartTraining {
		where = "rows it learnt from (too optimistic, see the warning)"
	}
	return fmt.Sprintf("%s on the %s %s: %s %.4f.", r.Model, thousands(as.Metrics.Rows), where, evalview.MetricLabel(as.Metric), main)
}

// metricsText lists every metric with its label, then the class report,
// in at most metricsWidth columns so that the metrics column shows every
// word at 1280×800 (the column also scrolls).
func metricsText(as *eval.Assessment) string {
	names := make([]string, 0, len(as.Metrics.Metrics))
	for n := range as.Metrics.Metrics {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "%-24s %.4f\n", truncate(evalview.MetricLabel(n), 24), as.Metrics.Metrics[n])
	}
	if as.Confusion != nil {
		fmt.Fprintf(&b, "\n%-12s %6s %6s %6s %5s\n", "class", "prec.", "recall", "f1", "rows")
		for k, c := range as.Predictions.Classes {
			fmt.Fprintf(&b, "%-12s %6.3f %6.3f %6.3f %5d\n", truncate(c, 12), as.Confusion.Precision(k), as.Confusion.Recall(k), as.Confusion.F1(k), as.Confusion.Support(k))
		}
	}
	return b.String()
}

func worstText(w *eval.WorstRows) string {
	if w == nil || len(w.Rows) == 0 {
		return "No row was badly predicted."
	}
	var b strings.Builder
	fmt.Fprintf(&b, "Ranked by %s. Inputs: %s\n\n", w.Measure, strings.Join(w.Columns, ", "))
	for _, r := range w.Rows {
		fmt.Fprintf(&b, "row %-6d true %-14s predicted %-14s loss %.3f\n   %s\n", r.Row+1, truncate(r.Truth, 14), truncate(r.Prediction, 14), r.Loss, strings.Join(r.Inputs, " | "))
	}
	return b.String()
}

func (s *evaluateScreen) drawFigure() {
	if s.shown == nil || s.kind.Selected == "" {
		return
	}
	as, kind, style := s.shown.Assessment, s.kind.Selected, s.u.plotStyle()
	s.figure.show(func() (*plots.Figure, error) { return evalview.Draw(as, kind, style) })
}

// fillModels lists the leaderboard's models; the chosen one is selected.
func (s *evaluateScreen) fillModels(p *workflow.Project) {
	var names []string
	if tr := p.Training(); tr != nil {
		for _, e := range tr.Board.Entries {
			names = append(names, e.Name)
		}
	}
	s.model.Options = names
	s.model.SetSelected(p.Document().Train.Chosen)
}

// run evaluates the selected model; a model other than the chosen one is
// chosen first (and the switch is journaled), and scoring a second model
// on the test rows brings the selection-on-the-test-set warning.
func (s *evaluateScreen) run(part string) {
	p := s.u.proj
	name := s.model.Selected
	switched := name != "" && name != p.Document().Train.Chosen
	s.u.tasks.Start(jobEvaluate, "Evaluating on the "+part+" rows", func(ctx context.Context, report progress.Func) error {
		if switched {
			if _, err := p.ChooseModel(ctx, name, "switched to "+name+" in the Evaluate step", report.Scale(0, 0.3)); err != nil {
				return err
			}
			report = report.Scale(0.3, 1)
		}
		_, err := p.RunEvaluate(ctx, part, report)
		return err
	})
}
