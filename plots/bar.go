package plots

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)

// DefaultTopN is how many levels LevelBars shows when BarOptions.TopN is 0.
const DefaultTopN = 20

// BarOptions configures LevelBars. The zero value is usable.
type BarOptions struct {
	Title string
	// Label names the column; it labels the levels' axis.
	Label string
	// TopN is how many of the most frequent levels get their own bar; the
	// rest are summed into one "other" bar. 0 means DefaultTopN.
	TopN int
	// Missing is the number of missing rows, shown in a note when > 0.
	Missing int
	Style   Style
}

// CountLevels counts category codes (-1 missing) into one count per level;
// codes outside 0..nlevels-1 count as missing.
func CountLevels(codes []int32, nlevels int) (counts []float64, missing int) {
	counts = make([]float64, max(nlevels, 0))
	for _, c := range codes {
		if c < 0 || int(c) >= nlevels {
			missing++
			continue
		}
		counts[c]++
	}
	return counts, missing
}

// LevelBars draws the count of each level, most frequent first. Bars are
// horizontal when labels are long or many. Levels with a zero count are
// left out; a negative or non-finite count is an error. It returns
// ErrNothingToDraw when every count is zero.
func LevelBars(levels []string, counts []float64, opt BarOptions) (*Figure, error) {
	if err := lengthsMatch("level bars "+opt.Label, len(levels), len(counts)); err != nil {
		return nil, err
	}
	type lv struct {
		name  string
		count float64
	}
	var ls []lv
	for i, c := range counts {
		if !(c >= 0) || math.IsInf(c, 0) {
			return nil, fmt.Errorf("level bars of %q: level %q has count %v", opt.Label, levels[i], c)
		}
		if c > 0 {
			ls = append(ls, lv{levels[i], c})
		}
	}
	if len(ls) == 0 {
		return nil, fmt.Errorf("level bars of %q: %w (every count is zero)", opt.Label, ErrNothingToDraw)
	}
	slices.SortStableFunc(ls, func(a, b lv) int { return cmp.Compare(b.count, a.count) })
	top := opt.TopN
	if top <= 0 {
		top = DefaultTopN
	}
	names, vals := make([]string, 0, top+1), make([]float64, 0, top+1)
	for i, l := range ls {
		if i == top {
			var rest float64
			for _, r := range ls[top:] {
				rest += r.count
			}
			names = append(names, fmt.Sprintf("other (%d levels)", len(ls)-top))
			vals = append(vals, rest)
			break
		}
		names = append(names, l.name)
		vals = append(vals, l.count)
	}
	s := opt.Style.norm()
	f := single(barsPlot(names, vals, opt.Title, opt.Label, "count", s), s)
	if opt.Missing > 0 {
		f.Note("%s not shown", plural(opt.Missing, "missing value"))
	}
	return f, nil
}

// longLabels reports whether names read better on a vertical axis.
func longLabels(names []string) bool {
	chars := 0
	for _, n := range names {
		chars = max(chars, len([]rune(n)))
	}
	return chars > 12 || len(names) > 12
}

// barsPlot draws one bar per name, vertical or, for long labels,
// horizontal with the first name on top.
func barsPlot(names []string, vals []float64, title, label, valueLabel string, s Style) *plot.Plot {
	return labelledBars(names, vals, nil, title, label, valueLabel, s)
}

// labelledBars is barsPlot with a text label past the end of each bar
// (nil for none).
func labelledBars(names []string, vals []float64, labels []string, title, label, valueLabel string, s Style) *plot.Plot {
	horizontal := longLabels(names)
	var p *plot.Plot
	if horizontal {
		p = s.newPlot(title, valueLabel, label)
		rev := slices.Clone(vals)
		slices.Reverse(rev)
		rn := slices.Clone(names)
		slices.Reverse(rn)
		vals, names = rev, rn
		if labels != nil {
			labels = slices.Clone(labels)
			slices.Reverse(labels)
		}
	} else {
		p = s.newPlot(title, label, valueLabel)
	}
	bars := &barSeries{vals: vals, fill: s.Color(0), edge: line(s.Background, 0.5), horizontal: horizontal,
		labels: labels, text: textStyle(s, 0.85, s.Foreground)}
	p.Add(bars)
	if horizontal {
		p.NominalY(names...)
		p.Y.Tick.Label.XAlign = draw.XRight
		if p.X.Max > 0 {
			p.X.Max *= 1.05
		}
	} else {
		nominalX(p, names, s)
		headroom(p)
	}
	return p
}
