package explore

import (
	"fmt"

	"modelbench/plots"
	"modelbench/workflow/data"
	"modelbench/workflow/eda"
)

// VersusTarget draws a feature against the report's target: boxes per
// class for a number, class shares per level for a category, and a scatter
// with its trend line when the target is a number.
func VersusTarget(t *data.Table, r *eda.Report, name string, s plots.Style) (*plots.Figure, error) {
	if r.Target == "" {
		return nil, fmt.Errorf("%w: no target is set", plots.ErrNothingToDraw)
	}
	fc, err := lookup(t, name)
	if err != nil {
		return nil, err
	}
	tc, err := lookup(t, r.Target)
	if err != nil {
		return nil, err
	}
	title := name + " against " + r.Target
	if r.Task == "regression" {
		x, ok := numbers(fc)
		if !ok {
			return plots.BoxPlot(groupsByLevel(tc, fc), plots.BoxOptions{Title: title, Label: r.Target, GroupLabel: name, Style: s})
		}
		y, _ := numbers(tc)
		return plots.Scatter(x, y, plots.ScatterOptions{Title: title, XLabel: name, YLabel: r.Target, Trend: true, Style: s})
	}
	class, classes := ClassCodes(tc)
	if x, ok := numbers(fc); ok {
		return plots.BoxByClass(x, class, classes, plots.BoxOptions{Title: title, Label: name, GroupLabel: r.Target, Style: s})
	}
	codes, levels := ClassCodes(fc)
	if codes == nil {
		return nil, fmt.Errorf("%w: %q holds %s values, which have no view against the target", plots.ErrNothingToDraw, name, fc.Kind())
	}
	return plots.ClassShares(codes, levels, class, classes, plots.ShareOptions{Title: title, Label: name, ClassLabel: r.Target, Style: s})
}

// numbers returns a numeric column's values (shared) or a boolean's 0/1.
func numbers(c data.Column) ([]float64, bool) {
	if n, ok := c.(*data.NumericColumn); ok {
		return n.Values(), true
	}
	return nil, false
}

// groupsByLevel groups a numeric target by the levels of a feature.
func groupsByLevel(target, feature data.Column) []plots.Group {
	y, ok := numbers(target)
	codes, levels := ClassCodes(feature)
	if !ok || codes == nil {
		return nil
	}
	groups, _ := plots.GroupBy(y, codes, levels)
	return groups
}

// Correlations draws the Pearson (or Spearman) matrix of the report.
func Correlations(r *eda.Report, spearman bool, s plots.Style) (*plots.Figure, error) {
	if r.Correlations == nil {
		return nil, fmt.Errorf("%w: fewer than two numeric columns", plots.ErrNothingToDraw)
	}
	m, title := r.Correlations.Pearson, "Pearson correlation"
	if spearman {
		m, title = r.Correlations.Spearman, "Spearman rank correlation"
	}
	vals := make([][]float64, len(m.Columns))
	for i := range vals {
		vals[i] = make([]float64, len(m.Columns))
		for j := range vals[i] {
			vals[i][j] = m.At(i, j)
		}
	}
	return plots.CorrelationHeatmap(m.Columns, vals, plots.HeatmapOptions{Title: title, Style: s})
}

// Missing draws the share of missing values per column.
func Missing(r *eda.Report, s plots.Style) (*plots.Figure, error) {
	names := make([]string, len(r.Columns))
	miss := make([]int, len(r.Columns))
	for i, c := range r.Columns {
		names[i], miss[i] = c.Name, c.Missing
	}
	return plots.MissingBars(names, miss, r.Rows, plots.MissingOptions{Title: "Missing values per column", Style: s})
}

// Pair draws a pair plot of up to six numeric columns, coloured by the
// target when it has classes.
func Pair(t *data.Table, cols []string, target string, s plots.Style) (*plots.Figure, error) {
	var names []string
	var vals [][]float64
	for _, n := range cols {
		c, err := lookup(t, n)
		if err != nil {
			return nil, err
		}
		if v, ok := numbers(c); ok && len(names) < plots.MaxPairColumns {
			names, vals = append(names, n), append(vals, v)
		}
	}
	opt := plots.PairOptions{Title: "Pairs of numeric columns", Style: s}
	if tc, ok := t.Frame.Lookup(target); ok {
		opt.Class, opt.ClassNames = ClassCodes(tc)
	}
	return plots.PairPlot(names, vals, opt)
}

// DefaultPairColumns picks up to six numeric features most associated with
// the target (or the first six when there is none).
func DefaultPairColumns(r *eda.Report) []string {
	type scored struct {
		name  string
		score float64
	}
	var cs []scored
	for _, c := range r.Columns {
		if c.Type != data.Numeric || c.Name == r.Target || c.Role == data.Identifier || c.Role == data.Ignored {
			continue
		}
		sc := 0.0
		if c.TargetAssociation != nil {
			sc = *c.TargetAssociation
		}
		cs = append(cs, scored{c.Name, sc})
	}
	for i := 1; i < len(cs); i++ {
		for j := i; j > 0 && cs[j].score > cs[j-1].score; j-- {
			cs[j], cs[j-1] = cs[j-1], cs[j]
		}
	}
	var out []string
	for _, c := range cs {
		if len(out) < plots.MaxPairColumns {
			out = append(out, c.name)
		}
	}
	return out
}

// ForAlert draws the evidence an alert points to, by its plot kind.
func ForAlert(t *data.Table, r *eda.Report, a eda.Alert, s plots.Style) (*plots.Figure, error) {
	if a.Plot == nil {
		return nil, fmt.Errorf("%w: this finding has no figure", plots.ErrNothingToDraw)
	}
	first := ""
	if len(a.Plot.Columns) > 0 {
		first = a.Plot.Columns[0]
	}
	switch a.Plot.Kind {
	case eda.PlotHeatmap:
		return Correlations(r, false, s)
	case eda.PlotMissing:
		return Missing(r, s)
	case eda.PlotPair:
		return Pair(t, a.Plot.Columns, r.Target, s)
	case eda.PlotTarget:
		return VersusTarget(t, r, first, s)
	case eda.PlotScatter:
		if len(a.Plot.Columns) >= 2 {
			return scatterOf(t, a.Plot.Columns[0], a.Plot.Columns[1], r.Target, s)
		}
	case eda.PlotBox:
		c, err := lookup(t, first)
		if err != nil {
			return nil, err
		}
		if v, ok := numbers(c); ok {
			return plots.BoxPlot([]plots.Group{{Name: first, Values: v}}, plots.BoxOptions{Title: "Spread of " + first, Label: first, Style: s})
		}
	}
	return Column(t, r, first, s)
}

func scatterOf(t *data.Table, xn, yn, target string, s plots.Style) (*plots.Figure, error) {
	xc, err := lookup(t, xn)
	if err != nil {
		return nil, err
	}
	yc, err := lookup(t, yn)
	if err != nil {
		return nil, err
	}
	x, okx := numbers(xc)
	y, oky := numbers(yc)
	if !okx || !oky {
		return nil, fmt.Errorf("%w: %q and %q are not both numeric", plots.ErrNothingToDraw, xn, yn)
	}
	opt := plots.ScatterOptions{Title: yn + " against " + xn, XLabel: xn, YLabel: yn, Trend: true, Style: s}
	if tc, ok := t.Frame.Lookup(target); ok {
		opt.Class, opt.ClassNames = ClassCodes(tc)
	}
	return plots.Scatter(x, y, opt)
}
