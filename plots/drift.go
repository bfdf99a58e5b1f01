package plots

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// DriftOptions configures DriftNumeric and DriftLevels. The zero value is
// usable: the two sides are called "training" and "recent".
type DriftOptions struct {
	Title, XLabel            string
	TrainingName, WindowName string
	Style                    Style
}

func (o DriftOptions) names() (string, string) {
	return orDefault(o.TrainingName, "training"), orDefault(o.WindowName, "recent")
}

// cleanShares returns copies of the two share slices with non-finite and
// negative shares set to 0, and how many were.
func cleanShares(a, b []float64) (ca, cb []float64, dropped int) {
	clean := func(v []float64) []float64 {
		out := make([]float64, len(v))
		for i, x := range v {
			if x >= 0 && !math.IsInf(x, 0) {
				out[i] = x
			} else {
				dropped++
			}
		}
		return out
	}
	return clean(a), clean(b), dropped
}

// DriftNumeric draws a numeric column's training and window shares over
// common equal-width bins (edges has one more entry than each share
// slice): the training distribution as a filled step outline, the window
// as a bold one over it, y the share of rows. Non-finite or negative
// shares are drawn as 0 and counted in a note. Lengths that do not match,
// and edges that are not finite and increasing, are errors; it returns
// ErrNothingToDraw when every share is zero.
func DriftNumeric(edges, training, window []float64, opt DriftOptions) (*Figure, error) {
	what := "drift of " + orDefault(opt.XLabel, "a column")
	if err := lengthsMatch(what, len(training), len(window)); err != nil {
		return nil, err
	}
	if len(edges) != len(training)+1 || len(training) == 0 {
		return nil, fmt.Errorf("%s: %d bin edges for %d bins", what, len(edges), len(training))
	}
	for i, e := range edges {
		if !isFinite(e) || i > 0 && !(e > edges[i-1]) {
			return nil, fmt.Errorf("%s: bin edge %d (%v) is not finite and above the one before", what, i, e)
		}
	}
	tr, win, dropped := cleanShares(training, window)
	if slices.Max(tr) == 0 && slices.Max(win) == 0 {
		return nil, fmt.Errorf("%s: %w (every share is zero)", what, ErrNothingToDraw)
	}
	s := opt.Style.norm()
	p := s.newPlot(opt.Title, opt.XLabel, "share of rows")
	f := single(p, s)
	trName, winName := opt.names()
	for k, side := range []struct {
		name   string
		shares []float64
	}{{trName, tr}, {winName, win}} {
		pts := make(plotter.XYs, 0, len(edges))
		for i, v := range side.shares {
			pts = append(pts, plotter.XY{X: edges[i], Y: v})
		}
		pts = append(pts, plotter.XY{X: edges[len(edges)-1], Y: side.shares[len(side.shares)-1]})
		l, err := plotter.NewLine(pts)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		l.StepStyle = plotter.PostStep
		c := s.Color(k)
		if k == 0 {
			l.LineStyle = line(c, 1.2)
			l.FillColor = withAlpha(c, 90)
		} else {
			l.LineStyle = line(c, 2.4)
		}
		p.Add(l)
		p.Legend.Add(side.name, l)
	}
	p.Legend.Top = true
	p.X.Min, p.X.Max = edges[0], edges[len(edges)-1]
	p.Y.Min = 0
	headroom(p)
	if dropped > 0 {
		f.Note("%s drawn as 0", plural(dropped, "negative or non-finite share"))
	}
	return f, nil
}

// maxDriftLevels is how many levels DriftLevels draws; the rest are
// summed into the last bar.
const maxDriftLevels = 25

// DriftLevels draws a level column's training and window shares as paired
// bars, in the order given (the monitor lists the training levels, then
// the new ones, then "other"); a level with no training share but a
// window share is labelled "(new)". Beyond 25 levels the rest are summed
// into one bar. Long or many labels turn the bars horizontal. Non-finite
// or negative shares are drawn as 0 and counted in a note; lengths that
// do not match are errors; it returns ErrNothingToDraw when every share
// is zero.
func DriftLevels(levels []string, training, window []float64, opt DriftOptions) (*Figure, error) {
	what := "drift of " + orDefault(opt.XLabel, "a column")
	if err := lengthsMatch(what, len(levels), len(training)); err != nil {
		return nil, err
	}
	if err := lengthsMatch(what, len(levels), len(window)); err != nil {
		return nil, err
	}
	tr, win, dropped := cleanShares(training, window)
	if len(levels) == 0 || slices.Max(tr) == 0 && slices.Max(win) == 0 {
		return nil, fmt.Errorf("%s: %w (every share is zero)", what, ErrNothingToDraw)
	}
	names := make([]string, len(levels))
	for i, l := range levels {
		names[i] = l
		if tr[i] == 0 && win[i] > 0 {
			names[i] = l + " (new)"
		}
	}
	var folded int
	if len(names) > maxDriftLevels {
		folded = len(names) - maxDriftLevels + 1
		k := maxDriftLevels - 1
		names = append(names[:k], fmt.Sprintf("%d more levels", folded))
		tr = append(tr[:k], sum(tr[k:]))
		win = append(win[:k], sum(win[k:]))
	}
	s := opt.Style.norm()
	horizontal := longLabels(names)
	var f *Figure
	trName, winName := opt.names()
	if horizontal {
		p := s.newPlot(opt.Title, "share of rows", opt.XLabel)
		rn, rt, rw := slices.Clone(names), slices.Clone(tr), slices.Clone(win)
		slices.Reverse(rn)
		slices.Reverse(rt)
		slices.Reverse(rw)
		a := &barSeries{vals: rt, fill: s.Color(0), edge: line(s.Background, 0.5), horizontal: true, width: 0.4, offset: 0.2}
		b := &barSeries{vals: rw, fill: s.Color(1), edge: line(s.Background, 0.5), horizontal: true, width: 0.4, offset: -0.2}
		p.Add(a, b)
		p.Legend.Add(trName, a)
		p.Legend.Add(winName, b)
		p.NominalY(shortLabels(rn)...)
		p.Y.Tick.Label.XAlign = draw.XRight
		p.X.Min = 0
		p.X.Max *= 1.08
		f = single(p, s)
	} else {
		p := s.newPlot(opt.Title, opt.XLabel, "share of rows")
		a := &barSeries{vals: tr, fill: s.Color(0), edge: line(s.Background, 0.5), width: 0.4, offset: -0.2}
		b := &barSeries{vals: win, fill: s.Color(1), edge: line(s.Background, 0.5), width: 0.4, offset: 0.2}
		p.Add(a, b)
		p.Legend.Add(trName, a)
		p.Legend.Add(winName, b)
		nominalX(p, names, s)
		headroom(p)
		f = single(p, s)
	}
	f.Plot.Legend.Top = true
	if dropped > 0 {
		f.Note("%s drawn as 0", plural(dropped, "negative or non-finite share"))
	}
	return f, nil
}

// shortLabels shortens level names to 28 characters for an axis.
func shortLabels(names []string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		r := []rune(n)
		if len(r) > 28 {
			n = string(r[:27]) + "…"
		}
		out[i] = n
	}
	return out
}
