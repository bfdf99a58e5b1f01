package plots

import (
	"fmt"
	"strconv"

	"gonum.org/v1/plot/plotter"
)

// Target-versus-feature views. A numeric feature against a class target is
// BoxByClass or ClassHistograms; a categorical feature against a class
// target is ClassShares; a numeric feature against a numeric target is
// Scatter with Trend set.

// BoxByClass draws a numeric feature's box plot per class (codes as a
// categorical column holds them, -1 missing). See BoxPlot and GroupBy.
func BoxByClass(values []float64, class []int32, classes []string, opt BoxOptions) (*Figure, error) {
	groups, err := GroupBy(values, class, classNames(class, classes))
	if err != nil {
		return nil, fmt.Errorf("box plot of %q by class: %w", opt.Label, err)
	}
	return BoxPlot(groups, opt)
}

// ClassHistograms overlays one translucent histogram per group on shared
// bins, each scaled to unit area so that groups of different sizes
// compare. HistOptions.Bins, Title, XLabel and Style apply. NaN and ±Inf
// are left out and noted; a group with no finite value is noted. It
// returns ErrNothingToDraw when no group has a finite value.
func ClassHistograms(groups []Group, opt HistOptions) (*Figure, error) {
	var all []float64
	fins := make([][]float64, len(groups))
	var nan, inf int
	for i, g := range groups {
		v, gn, gi := finite(g.Values)
		fins[i], nan, inf = v, nan+gn, inf+gi
		all = append(all, v...)
	}
	if len(all) == 0 {
		return nil, fmt.Errorf("histograms of %q by class: %w", opt.XLabel, ErrNothingToDraw)
	}
	s := opt.Style.norm()
	edges := autoEdges(all, opt.Bins)
	p := s.newPlot(opt.Title, opt.XLabel, "density")
	f := single(p, s)
	for i, g := range groups {
		if len(fins[i]) == 0 {
			f.Note("%q has no finite value", g.Name)
			continue
		}
		counts := countBins(fins[i], edges)
		bins := make([]plotter.HistogramBin, len(counts))
		for b, c := range counts {
			w := edges[b+1] - edges[b]
			bins[b] = plotter.HistogramBin{Min: edges[b], Max: edges[b+1], Weight: c / (float64(len(fins[i])) * w)}
		}
		h := &plotter.Histogram{Bins: bins, FillColor: withAlpha(s.Color(i), 0x70), LineStyle: line(s.Color(i), 1)}
		p.Add(h)
		p.Legend.Add(fmt.Sprintf("%s (n=%s)", g.Name, thousands(len(fins[i]))), h)
	}
	headroom(p)
	f.Note("%s", dropNote(nan, inf))
	return f, nil
}

// ShareOptions configures ClassShares.
type ShareOptions struct {
	Title string
	// Label names the feature; ClassLabel the target.
	Label, ClassLabel string
	// TopN keeps the most frequent feature levels (0 means DefaultTopN);
	// the rest are pooled into "other".
	TopN  int
	Style Style
}

// ClassShares draws, for each level of a categorical feature, a bar split
// by the share of each class of the target: a stacked 100% bar chart, with
// the level's row count in its label. Codes are category codes (-1
// missing): rows with a missing feature form a "(missing)" bar, rows with a
// missing class a grey "(missing)" segment. It returns an error when the
// lengths differ and ErrNothingToDraw when there are no rows.
func ClassShares(feature []int32, levels []string, class []int32, classes []string, opt ShareOptions) (*Figure, error) {
	if err := lengthsMatch("class shares of "+opt.Label, len(feature), len(class)); err != nil {
		return nil, err
	}
	if len(feature) == 0 {
		return nil, fmt.Errorf("class shares of %q: %w", opt.Label, ErrNothingToDraw)
	}
	classes = classNames(class, classes)
	nl, nc := len(levels), len(classes)
	table := make([][]float64, nl+1) // [level or missing][class or missing]
	for i := range table {
		table[i] = make([]float64, nc+1)
	}
	for i, fc := range feature {
		table[groupIndex(fc, nl)][groupIndex(class[i], nc)]++
	}
	rows, names := shareRows(table, levels, opt.TopN)
	s := opt.Style.norm()
	horizontal := true
	p := s.newPlot(opt.Title, "share of rows", opt.Label)
	p.Legend.Top = true
	if opt.ClassLabel != "" {
		p.Legend.Add(opt.ClassLabel)
	}
	base := make([]float64, len(rows))
	for c := 0; c <= nc; c++ {
		vals := make([]float64, len(rows))
		any := false
		for r, row := range rows {
			vals[r] = row[c] / sum(row)
			any = any || vals[r] > 0
		}
		if !any {
			continue
		}
		col, name := s.Color(c), "(missing)"
		if c < nc {
			name = classes[c]
		} else {
			col = s.Missing
		}
		bars := &barSeries{vals: vals, base: append([]float64(nil), base...), fill: col, edge: line(s.Background, 0.5), horizontal: horizontal}
		p.Add(bars)
		p.Legend.Add(name, bars)
		for r := range base {
			base[r] += vals[r]
		}
	}
	p.NominalY(names...)
	// room on the right for the legend, which would hide full bars
	p.X.Min, p.X.Max = 0, 1.32
	p.X.Tick.Marker = shareTicks{}
	return single(p, s), nil
}

// shareRows keeps the topN most frequent levels (in order of frequency,
// the most frequent on top), pools the others and adds the missing level
// when it has rows. Names carry the row counts.
func shareRows(table [][]float64, levels []string, topN int) ([][]float64, []string) {
	if topN <= 0 {
		topN = DefaultTopN
	}
	nl := len(levels)
	order := make([]int, 0, nl)
	for l := range nl {
		if sum(table[l]) > 0 {
			order = append(order, l)
		}
	}
	sortByDesc(order, func(l int) float64 { return sum(table[l]) })
	var rows [][]float64
	var names []string
	add := func(row []float64, name string) {
		rows, names = append(rows, row), append(names, fmt.Sprintf("%s (%s)", name, thousands(int(sum(row)))))
	}
	for i, l := range order {
		if i == topN {
			other := make([]float64, len(table[l]))
			for _, o := range order[topN:] {
				for c, v := range table[o] {
					other[c] += v
				}
			}
			add(other, "other")
			break
		}
		add(table[l], levels[l])
	}
	if sum(table[nl]) > 0 {
		add(table[nl], "(missing)")
	}
	// bars are drawn bottom-up: reverse so the most frequent is on top
	for i, j := 0, len(rows)-1; i < j; i, j = i+1, j-1 {
		rows[i], rows[j] = rows[j], rows[i]
		names[i], names[j] = names[j], names[i]
	}
	return rows, names
}

// classNames returns names, or "0", "1", ... up to the largest code when
// names is empty.
func classNames(class []int32, names []string) []string {
	if len(names) > 0 {
		return names
	}
	hi := int32(-1)
	for _, c := range class {
		hi = max(hi, c)
	}
	out := make([]string, hi+1)
	for i := range out {
		out[i] = strconv.Itoa(i)
	}
	return out
}

func sum(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s
}

// shareTicks marks 0%, 25%, ... 100% whatever the axis range.
type shareTicks struct{}

// Ticks implements plot.Ticker.
func (shareTicks) Ticks(lo, hi float64) []plotTick {
	var out []plotTick
	for i := 0; i <= 4; i++ {
		v := float64(i) / 4
		out = append(out, plotTick{Value: v, Label: fmt.Sprintf("%d%%", 25*i)})
	}
	return out
}
