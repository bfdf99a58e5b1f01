package plots

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// DriftOptions configures the distribution figures. Names default to
// "training" and "recent". The zero value is usable.
type DriftOptions struct {
	// XLabel names the column: the x axis of DriftNumeric, the levels'
	// axis of DriftLevels.
	Title, XLabel            string
	TrainingName, WindowName string
	// TopN (DriftLevels) is how many levels get their own bars: those with
	// the largest share on either side, kept in the given order; the rest
	// are added to the catch-all level. 0 means DefaultTopN.
	TopN int
	// Other (DriftLevels) names the catch-all level (the monitor's
	// OtherLevel), which is never marked new; empty means "other".
	Other string
	Style Style
}

func (o DriftOptions) names() (training, window string) {
	return orDefault(o.TrainingName, "training"), orDefault(o.WindowName, "recent")
}

// maxLevelRunes is the longest level name DriftLevels draws in full.
const maxLevelRunes = 24

// DriftNumeric draws the training and window shares of rows over common
// bins (len(edges) == len(training)+1 == len(window)+1, as
// monitor.Distribution holds them) on one axis: the training shares as
// translucent bars, the window's as a bold step outline over them in the
// next palette colour, with a legend right of the data; y is the share of
// rows (0..1).
//
// Edges must be finite and increasing, and unequal lengths are errors. A
// share that is NaN, infinite or negative is left out (its bin drawn
// empty) and counted in a note; a side with no share above zero is named
// in a note. It returns ErrNothingToDraw when there are no bins or no
// share on either side is above zero.
func DriftNumeric(edges, training, window []float64, opt DriftOptions) (*Figure, error) {
	what := orDefault(opt.XLabel, "values")
	if len(training) != len(window) {
		return nil, fmt.Errorf("distribution of %q: %d training bins against %d recent ones", what, len(training), len(window))
	}
	if len(training) == 0 && len(edges) <= 1 {
		return nil, fmt.Errorf("distribution of %q: %w (no bins)", what, ErrNothingToDraw)
	}
	if len(edges) != len(training)+1 {
		return nil, fmt.Errorf("distribution of %q: %d edges for %d bins, want %d", what, len(edges), len(training), len(training)+1)
	}
	if err := checkEdges(edges); err != nil {
		return nil, fmt.Errorf("distribution of %q: %w", what, err)
	}
	tr, badT := cleanShares(training)
	wn, badW := cleanShares(window)
	if sum(tr) == 0 && sum(wn) == 0 {
		return nil, fmt.Errorf("distribution of %q: %w (every share is zero)", what, ErrNothingToDraw)
	}
	s := opt.Style.norm()
	tName, wName := opt.names()
	p := s.newPlot(opt.Title, opt.XLabel, "share of rows")
	f := single(p, s)
	leg := newSideLegend(s)
	if sum(tr) > 0 {
		bins := make([]plotter.HistogramBin, len(tr))
		for i, v := range tr {
			bins[i] = plotter.HistogramBin{Min: edges[i], Max: edges[i+1], Weight: v}
		}
		h := &plotter.Histogram{Bins: bins, FillColor: withAlpha(s.Color(0), 0x80), LineStyle: line(s.Color(0), 0.8)}
		p.Add(h)
		leg.add(tName, h)
	}
	if sum(wn) > 0 {
		l := &plotter.Line{XYs: stepOutline(edges, wn), LineStyle: line(s.Color(1), 2.2)}
		p.Add(l)
		leg.add(wName, l)
	}
	driftNotes(f, tName, wName, tr, wn, badT, badW, "bin")
	p.X.Min, p.X.Max = edges[0], edges[len(edges)-1]
	p.Y.Min = 0
	headroom(p)
	p.Add(leg)
	return f, nil
}

// stepOutline is the outline of bars of heights v over edges, from zero
// at the first edge to zero at the last.
func stepOutline(edges, v []float64) plotter.XYs {
	pts := make(plotter.XYs, 0, 2*len(v)+2)
	pts = append(pts, plotter.XY{X: edges[0], Y: 0})
	for i, y := range v {
		pts = append(pts, plotter.XY{X: edges[i], Y: y}, plotter.XY{X: edges[i+1], Y: y})
	}
	return append(pts, plotter.XY{X: edges[len(edges)-1], Y: 0})
}

// DriftLevels draws the training and window shares per level as paired
// bars (training first, then the window, in two palette colours, a legend
// right of the data), levels in the order given: the monitor puts the
// training levels first, then the new levels, then "other". A level with
// a training share of exactly 0 is marked "(new)" in its label, except
// the catch-all level (DriftOptions.Other).
//
// Bars are horizontal, the first level on top, when the levels are many
// or their names long (as in LevelBars); names longer than 24 characters
// are shortened with an ellipsis in the middle. Levels with no share on
// either side are left out; beyond TopN levels the smaller ones are added
// to the catch-all level (made last, or added when missing), with a note.
// Shares are cleaned as in DriftNumeric. Unequal lengths are an error; it
// returns ErrNothingToDraw when no share is above zero.
func DriftLevels(levels []string, training, window []float64, opt DriftOptions) (*Figure, error) {
	what := orDefault(opt.XLabel, "levels")
	if len(levels) != len(training) || len(levels) != len(window) {
		return nil, fmt.Errorf("distribution of %q: %d levels against %d training and %d recent shares", what, len(levels), len(training), len(window))
	}
	tr, badT := cleanShares(training)
	wn, badW := cleanShares(window)
	isNew := func(i int) bool { return training[i] == 0 } // a dropped share is not a new level
	lv, folded := foldLevels(levels, tr, wn, isNew, opt)
	if len(lv.names) == 0 {
		return nil, fmt.Errorf("distribution of %q: %w (every share is zero)", what, ErrNothingToDraw)
	}
	s := opt.Style.norm()
	tName, wName := opt.names()
	horizontal := longLabels(lv.names)
	var p *plot.Plot
	names, t, w := lv.names, lv.training, lv.window
	off := []float64{-0.2, 0.2} // training left of window
	if horizontal {
		p = s.newPlot(opt.Title, "share of rows", opt.XLabel)
		names, t, w = reversed(names), reversed(t), reversed(w)
		off = []float64{0.2, -0.2} // training above window
	} else {
		p = s.newPlot(opt.Title, opt.XLabel, "share of rows")
	}
	f := single(p, s)
	leg := newSideLegend(s)
	for k, v := range [][]float64{t, w} {
		b := &barSeries{vals: v, fill: s.Color(k), edge: line(s.Background, 0.4), horizontal: horizontal, width: 0.4, offset: off[k]}
		p.Add(b)
		leg.add([]string{tName, wName}[k], b)
	}
	if horizontal {
		p.NominalY(names...)
		p.Y.Tick.Label.XAlign = draw.XRight
		p.X.Min = 0
		if p.X.Max > 0 {
			p.X.Max *= 1.05
		}
	} else {
		nominalX(p, names, s)
		p.Y.Min = 0
		headroom(p)
	}
	driftNotes(f, tName, wName, lv.training, lv.window, badT, badW, "level")
	if folded > 0 {
		f.Note("%s with smaller shares added to %q", plural(folded, "level"), lv.names[len(lv.names)-1])
	}
	p.Add(leg)
	return f, nil
}

// levelBars are the levels DriftLevels draws: their labels and shares.
type levelBars struct {
	names            []string
	training, window []float64
}

// foldLevels keeps the levels with a share on either side, at most TopN
// besides the catch-all, in the given order; the others' shares go to the
// catch-all level (the last level named opt.Other), which is added last
// when there is none. It returns the labels, with the levels isNew names
// marked, and how many levels were folded.
func foldLevels(levels []string, tr, wn []float64, isNew func(int) bool, opt DriftOptions) (levelBars, int) {
	other := orDefault(opt.Other, "other")
	catch := -1
	for i, l := range levels {
		if l == other {
			catch = i
		}
	}
	var idx []int
	for i := range levels {
		if i != catch && (tr[i] > 0 || wn[i] > 0) {
			idx = append(idx, i)
		}
	}
	top := opt.TopN
	if top <= 0 {
		top = DefaultTopN
	}
	var foldT, foldW float64
	folded := 0
	if len(idx) > top {
		ranked := slices.Clone(idx)
		sortByDesc(ranked, func(i int) float64 { return math.Max(tr[i], wn[i]) })
		for _, i := range ranked[top:] {
			foldT, foldW = foldT+tr[i], foldW+wn[i]
		}
		folded = len(ranked) - top
		keep := ranked[:top]
		slices.Sort(keep)
		idx = keep
	}
	var out levelBars
	for _, i := range idx {
		name := shorten(levels[i], maxLevelRunes)
		if isNew(i) {
			name += " (new)"
		}
		out.names = append(out.names, name)
		out.training, out.window = append(out.training, tr[i]), append(out.window, wn[i])
	}
	ot, ow := foldT, foldW
	if catch >= 0 {
		ot, ow = ot+tr[catch], ow+wn[catch]
	}
	if ot > 0 || ow > 0 {
		out.names = append(out.names, shorten(other, maxLevelRunes))
		out.training, out.window = append(out.training, ot), append(out.window, ow)
	}
	return out, folded
}

// cleanShares returns v with every NaN, infinite or negative share set to
// zero, and how many there were.
func cleanShares(v []float64) ([]float64, int) {
	out := make([]float64, len(v))
	bad := 0
	for i, x := range v {
		if x >= 0 && !math.IsInf(x, 0) {
			out[i] = x
		} else {
			bad++
		}
	}
	return out, bad
}

// driftNotes says which shares were left out and which side is empty.
func driftNotes(f *Figure, tName, wName string, tr, wn []float64, badT, badW int, unit string) {
	for k, bad := range []int{badT, badW} {
		if bad > 0 {
			f.Note("%s: %s with a missing, infinite or negative share not shown", []string{tName, wName}[k], plural(bad, unit))
		}
	}
	for k, v := range [][]float64{tr, wn} {
		if sum(v) == 0 {
			f.Note("%s: no values", []string{tName, wName}[k])
		}
	}
}

func reversed[T any](v []T) []T {
	out := slices.Clone(v)
	slices.Reverse(out)
	return out
}
