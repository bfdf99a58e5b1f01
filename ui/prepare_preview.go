package ui

import (
	"context"
	"fmt"
	"math"
	"sort"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots"
	"modelbench/plots/explore"
	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// previewPanel shows what one step does to the training rows: the columns
// it touches, with statistics and a figure before and after it.
type previewPanel struct {
	u             *UI
	column        *widget.Select
	summary       *widget.Label
	before, after *figureView
	frames        [2]*data.Frame
	obj           fyne.CanvasObject
}

func newPreviewPanel(u *UI) *previewPanel {
	v := &previewPanel{u: u, summary: widget.NewLabel("Pick a step to see the training rows before and after it.")}
	v.summary.Wrapping = fyne.TextWrapWord
	v.before = newFigureView(u, "prep-before", fyne.NewSize(160, 140))
	v.after = newFigureView(u, "prep-after", fyne.NewSize(160, 140))
	v.column = widget.NewSelect(nil, func(string) { v.drawColumn() })
	figs := container.NewGridWithColumns(2, labelled("Before", v.before.Object()), labelled("After", v.after.Object()))
	v.obj = border(container.NewVBox(widget.NewForm(widget.NewFormItem("Column", v.column)), v.summary), nil, nil, nil, figs)
	return v
}

func (v *previewPanel) Object() fyne.CanvasObject { return v.obj }

// showStep fits the pipeline up to step i and up to i+1 on the training
// rows in the background and shows the difference.
func (v *previewPanel) showStep(i int) {
	p := v.u.proj
	pl, _ := p.Pipeline()
	if i < 0 || i >= len(pl.Steps) {
		return
	}
	v.summary.SetText("Working out the preview…")
	v.u.jobs.Run("prep-preview", func(ctx context.Context) (func(), error) {
		rows, err := p.TrainingRows()
		if err != nil {
			return nil, err
		}
		t := p.Table()
		target, _ := t.Schema.Target()
		train := t.Frame.Take(rows)
		before, err := fitUpTo(ctx, pl, i, train, target)
		if err != nil {
			return nil, err
		}
		after, err := fitUpTo(ctx, pl, i+1, train, target)
		if err != nil {
			return nil, fmt.Errorf("step %d: %w", i+1, err)
		}
		touched := touchedColumns(before, after, pl.Steps[i])
		return func() { v.show(before, after, touched) }, nil
	}, func(err error) { v.summary.SetText("No preview: " + err.Error()) })
}

func fitUpTo(ctx context.Context, pl prep.Pipeline, n int, train *data.Frame, target string) (*data.Frame, error) {
	if n == 0 {
		return train, nil
	}
	part := prep.NewPipeline(pl.Steps[:n]...)
	_, out, err := part.FitTransform(ctx, train, target, nil)
	return out, err
}

// touchedColumns lists the columns a step added, removed or names.
func touchedColumns(before, after *data.Frame, st prep.StepConfig) []string {
	seen := map[string]bool{}
	var out []string
	add := func(n string) {
		if n != "" && !seen[n] {
			seen[n] = true
			out = append(out, n)
		}
	}
	for _, c := range st.Params.Strings("columns") {
		add(c)
	}
	if c, ok := st.Params["column"].(string); ok {
		add(c)
	}
	for _, n := range after.Names() {
		if before.Index(n) < 0 {
			add(n)
		}
	}
	for _, n := range before.Names() {
		if after.Index(n) < 0 {
			add(n)
		}
	}
	if len(out) == 0 {
		names := after.Names()
		sort.Strings(names)
		for _, n := range names {
			add(n)
		}
	}
	return out
}

func (v *previewPanel) show(before, after *data.Frame, touched []string) {
	v.frames = [2]*data.Frame{before, after}
	v.summary.SetText(fmt.Sprintf("rows: %s → %s   columns: %d → %d", thousands(before.NumRows()), thousands(after.NumRows()), before.NumCols(), after.NumCols()))
	v.column.Options = touched
	v.column.Refresh()
	if len(touched) > 0 {
		v.column.SetSelected(touched[0])
	}
}

// drawColumn shows the chosen column's statistics and figure on both sides.
func (v *previewPanel) drawColumn() {
	name := v.column.Selected
	if v.frames[0] == nil || name == "" {
		return
	}
	lines := fmt.Sprintf("rows: %s → %s   columns: %d → %d\n", thousands(v.frames[0].NumRows()), thousands(v.frames[1].NumRows()), v.frames[0].NumCols(), v.frames[1].NumCols())
	lines += fmt.Sprintf("%-8s %s\n%-8s %s", "before", colSummary(v.frames[0], name), "after", colSummary(v.frames[1], name))
	v.summary.SetText(lines)
	style := v.u.plotStyle()
	for i, fv := range []*figureView{v.before, v.after} {
		f := v.frames[i]
		fv.show(func() (*plots.Figure, error) { return columnFigure(f, name, style) })
	}
}

func columnFigure(f *data.Frame, name string, s plots.Style) (*plots.Figure, error) {
	c, ok := f.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("%w: the column is not here", plots.ErrNothingToDraw)
	}
	if n, ok := c.(*data.NumericColumn); ok {
		return plots.Histogram(n.Values(), plots.HistOptions{XLabel: name, Style: s})
	}
	codes, names := explore.ClassCodes(c)
	if codes == nil {
		return nil, fmt.Errorf("%w: a %s column has no distribution figure here", plots.ErrNothingToDraw, c.Kind())
	}
	counts, missing := plots.CountLevels(codes, len(names))
	return plots.LevelBars(names, counts, plots.BarOptions{Label: name, Missing: missing, Style: s})
}

// colSummary is one line of statistics for a column of a frame.
func colSummary(f *data.Frame, name string) string {
	c, ok := f.Lookup(name)
	if !ok {
		return "(not present)"
	}
	if n, ok := c.(*data.NumericColumn); ok {
		mean, sd, lo, hi := moments(n.Values())
		return fmt.Sprintf("%s, missing %d, mean %.4g, sd %.4g, min %.4g, max %.4g", c.Kind(), c.Missing(), mean, sd, lo, hi)
	}
	return fmt.Sprintf("%s, missing %d", c.Kind(), c.Missing())
}

func moments(v []float64) (mean, sd, lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	n := 0.0
	for _, x := range v {
		if math.IsNaN(x) {
			continue
		}
		n++
		d := x - mean
		mean += d / n
		sd += d * (x - mean)
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	if n > 1 {
		sd = math.Sqrt(sd / (n - 1))
	}
	return mean, sd, lo, hi
}
