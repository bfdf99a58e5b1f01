package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
)

type dataIssue = data.Issue

// thresholdPanel moves the decision threshold of a binary classifier and
// shows the confusion matrix and metrics live, with costs for mistakes.
type thresholdPanel struct {
	u        *UI
	as       *eval.Assessment
	explorer *metrics.ThresholdExplorer
	slider   *widget.Slider
	costFP   *widget.Entry
	costFN   *widget.Entry
	out      *widget.Label
	why      *widget.Entry
	body     *fyne.Container
	none     *widget.Label
	obj      fyne.CanvasObject
}

func newThresholdPanel(u *UI) *thresholdPanel {
	t := &thresholdPanel{u: u, slider: widget.NewSlider(0, 1), costFP: widget.NewEntry(), costFN: widget.NewEntry(), out: widget.NewLabel(""),
		why: widget.NewEntry(), none: widget.NewLabel("The threshold explorer is for yes/no classifiers that give probabilities.")}
	t.slider.Step = 0.005
	t.slider.OnChanged = func(float64) { t.update() }
	t.out.TextStyle.Monospace = true
	t.why.SetPlaceHolder("Why this threshold? (for example: a missed case costs five times a false alarm)")
	costs := widget.NewButton("Use these costs", t.applyCosts)
	f1 := widget.NewButton("Best F1", func() { t.jump(t.explorer.BestF1()) })
	cheap := widget.NewButton("Lowest cost", func() { t.jump(t.explorer.MinCost()) })
	keep := widget.NewButton("Use this threshold", t.keep)
	form := widget.NewForm(widget.NewFormItem("Cost of a false alarm", t.costFP), widget.NewFormItem("Cost of a missed case", t.costFN))
	t.body = container.NewVBox(widget.NewLabel("Rows whose probability of the positive class is at or above the threshold are called positive."),
		t.slider, container.NewHBox(f1, cheap), t.out, form, costs, t.why, keep)
	t.obj = container.NewVScroll(container.NewStack(t.body, t.none))
	return t
}

func (t *thresholdPanel) Object() fyne.CanvasObject { return t.obj }

func (t *thresholdPanel) show(p *workflow.Project, as *eval.Assessment) {
	t.as = as
	d := p.Document().Evaluate
	t.costFP.SetText(strconv.FormatFloat(max(d.CostFP, 1), 'g', -1, 64))
	t.costFN.SetText(strconv.FormatFloat(max(d.CostFN, 1), 'g', -1, 64))
	if as.Threshold == nil {
		t.body.Hide()
		t.none.Show()
		return
	}
	t.none.Hide()
	t.body.Show()
	t.explorer = as.Threshold
	v := 0.5
	if d.Threshold != nil {
		v = *d.Threshold
	}
	t.slider.SetValue(v)
	t.update()
}

func (t *thresholdPanel) jump(c metrics.Cut) { t.slider.SetValue(c.Threshold) }

func (t *thresholdPanel) update() {
	if t.explorer == nil {
		return
	}
	c := t.explorer.At(t.slider.Value)
	pos := t.as.Predictions.Classes[t.as.Positive]
	t.out.SetText(fmt.Sprintf("threshold %.3f (positive class: %s)\n\n              predicted yes  predicted no\n  truly yes   %13d  %12d\n  truly no    %13d  %12d\n\nprecision %.3f   recall %.3f   F1 %.3f\naccuracy %.3f   specificity %.3f   cost %.4g",
		c.Threshold, pos, c.TP, c.FN, c.FP, c.TN, c.Precision, c.Recall, c.F1, c.Accuracy, c.Specificity, c.Cost))
}

// applyCosts rebuilds the explorer with the entered costs and saves them.
func (t *thresholdPanel) applyCosts() {
	fp, err1 := strconv.ParseFloat(t.costFP.Text, 64)
	fn, err2 := strconv.ParseFloat(t.costFN.Text, 64)
	if err1 != nil || err2 != nil {
		t.u.showError(fmt.Errorf("costs must be numbers"))
		return
	}
	if err := t.u.proj.SetCosts(fp, fn); err != nil {
		t.u.showError(err)
		return
	}
	// The project reprices its evaluation; the panel shows that one, so
	// the report and the documents cannot keep older costs.
	if ev := t.u.proj.Evaluation(); ev != nil && ev.Assessment != nil && ev.Assessment.Threshold != nil {
		t.explorer = ev.Assessment.Threshold
	} else {
		t.explorer = t.explorer.WithCosts(metrics.Costs{FalsePositive: fp, FalseNegative: fn})
	}
	t.update()
}

func (t *thresholdPanel) keep() {
	if err := t.u.proj.SetThreshold(t.slider.Value, t.why.Text); err != nil {
		t.u.showError(err)
	}
}

// slicesPanel shows the metric for each group of a chosen column.
type slicesPanel struct {
	u      *UI
	as     *eval.Assessment
	column *widget.Select
	out    *widget.Label
	obj    fyne.CanvasObject
}

func newSlicesPanel(u *UI) *slicesPanel {
	s := &slicesPanel{u: u, out: widget.NewLabel("")}
	s.out.TextStyle.Monospace = true
	s.column = widget.NewSelect(nil, func(string) { s.draw() })
	intro := widget.NewLabel("A good average can hide a group the model serves badly. Groups much worse than the whole are marked with !.")
	intro.Wrapping = fyne.TextWrapWord
	s.obj = border(container.NewVBox(intro, s.column), nil, nil, nil, container.NewScroll(s.out))
	return s
}

func (s *slicesPanel) Object() fyne.CanvasObject { return s.obj }

func (s *slicesPanel) show(as *eval.Assessment) {
	s.as = as
	var cols []string
	for _, r := range as.Slices {
		cols = append(cols, r.Column)
	}
	s.column.Options = cols
	if len(cols) == 0 {
		s.out.SetText("No column with a few categories to group by.")
		return
	}
	s.column.SetSelected(cols[0])
}

func (s *slicesPanel) draw() {
	for _, r := range s.as.Slices {
		if r.Column == s.column.Selected {
			s.out.SetText(sliceText(r))
		}
	}
}

func sliceText(r *eval.SliceReport) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s by %s (all rows: %.4f)\n\n", r.Metric, r.Column, r.Overall)
	for _, g := range r.Groups {
		mark := " "
		if g.Flagged {
			mark = "!"
		}
		fmt.Fprintf(&b, "%s %-24s %7d rows   %.4f  %s\n", mark, truncate(g.Level, 24), g.Rows, g.Score, g.Note)
	}
	return b.String()
}

// explainPanel breaks one test row's prediction into its parts.
type explainPanel struct {
	u   *UI
	res *workflow.EvaluateResult
	p   *workflow.Project
	row *widget.Entry
	out *widget.Label
	obj fyne.CanvasObject
}

func newExplainPanel(u *UI) *explainPanel {
	e := &explainPanel{u: u, row: widget.NewEntry(), out: widget.NewLabel("")}
	e.out.TextStyle.Monospace = true
	e.row.SetText("1")
	go_ := widget.NewButton("Explain", e.explain)
	e.obj = border(border(nil, nil, widget.NewLabel("Row of the evaluated part:"), go_, e.row), nil, nil, nil, container.NewScroll(e.out))
	return e
}

func (e *explainPanel) Object() fyne.CanvasObject { return e.obj }

func (e *explainPanel) show(p *workflow.Project, r *workflow.EvaluateResult) {
	e.p, e.res = p, r
	e.out.SetText("Linear models show weight × value for each input; trees show the questions on the row's path.")
}

func (e *explainPanel) explain() {
	n, err := strconv.Atoi(strings.TrimSpace(e.row.Text))
	if err != nil || e.res == nil || n < 1 || n > len(e.res.Assessment.Rows) {
		e.u.showError(fmt.Errorf("give a row number from 1 to %d", len(e.res.Assessment.Rows)))
		return
	}
	a, t, row := e.p.Training().Chosen, e.p.Table(), e.res.Assessment.Rows[n-1]
	e.out.SetText("Working out the explanation…")
	e.u.jobs.Run("explain-row", func(ctx context.Context) (func(), error) {
		ex, err := eval.ExplainArtifactRow(ctx, a, t.Frame.Take([]int{row}), 0)
		if err != nil {
			return nil, err
		}
		text := explanationText(ex)
		return func() { e.out.SetText(text) }, nil
	}, func(err error) { e.out.SetText(err.Error()) })
}

func explanationText(ex *eval.RowExplanation) string {
	var b strings.Builder
	fmt.Fprintf(&b, "prediction: %s\n", ex.Prediction)
	for i, in := range ex.Inputs {
		fmt.Fprintf(&b, "  %-22s %s\n", truncate(in, 22), ex.Values[i])
	}
	bd := ex.Breakdown
	fmt.Fprintf(&b, "\nstarting from %.4f (%s):\n", bd.Base, bd.Scale)
	for _, t := range bd.Terms {
		rule := t.Rule
		if rule == "" {
			rule = fmt.Sprintf("%s = %.4g", t.Feature, t.Value)
		}
		fmt.Fprintf(&b, "  %+9.4f  %s\n", t.Effect, rule)
	}
	fmt.Fprintf(&b, "= %.4f\n", bd.Output)
	return b.String()
}
