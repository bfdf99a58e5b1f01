package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// ScatterOptions configures Scatter. The zero value draws plain points.
type ScatterOptions struct {
	Title, XLabel, YLabel string
	// Class colours the points by category code, one per point (-1 or out
	// of range: missing, drawn grey); ClassNames label the legend.
	Class      []int32
	ClassNames []string
	// Value colours the points by a number (viridis, with a colour bar
	// named ValueLabel); used only when Class is nil. NaN values are grey.
	Value      []float64
	ValueLabel string
	// Trend adds the least-squares line y = a + b·x and its correlation.
	Trend bool
	// Diagonal adds the line y = x (predicted against actual).
	Diagonal bool
	Style    Style
}

// Scatter draws y against x, rasterised so that a million points draw in
// tens of milliseconds. Points with a NaN or infinite coordinate are left
// out and counted in a note. It returns an error when the slices' lengths
// differ, and ErrNothingToDraw when no point is left.
func Scatter(x, y []float64, opt ScatterOptions) (*Figure, error) {
	what := fmt.Sprintf("scatter of %q against %q", opt.YLabel, opt.XLabel)
	if err := lengthsMatch(what, len(x), len(y)); err != nil {
		return nil, err
	}
	if opt.Class != nil {
		if err := lengthsMatch(what+" (classes)", len(x), len(opt.Class)); err != nil {
			return nil, err
		}
	} else if opt.Value != nil {
		if err := lengthsMatch(what+" (colour values)", len(x), len(opt.Value)); err != nil {
			return nil, err
		}
	}
	if opt.Class != nil {
		opt.ClassNames = classNames(opt.Class, opt.ClassNames)
	}
	s := opt.Style.norm()
	pts, dropped := scatterPoints(x, y, opt, s)
	if len(pts.x) == 0 {
		return nil, fmt.Errorf("%s: %w", what, ErrNothingToDraw)
	}
	p := s.newPlot(opt.Title, opt.XLabel, opt.YLabel)
	p.Add(pts)
	f := single(p, s)
	if dropped > 0 {
		f.Note("%s with a missing or infinite coordinate not shown", plural(dropped, "point"))
	}
	if opt.Class != nil {
		classLegend(p, pts, opt.ClassNames)
	} else if opt.Value != nil {
		lo, hi, ok := valueRange(opt.Value)
		if ok {
			f.Side = colorBar(lo, hi, opt.ValueLabel, s)
			f.SideWidth = s.FontSize * 7
		}
	}
	if opt.Diagonal {
		addDiagonal(p, pts, s)
	}
	if opt.Trend {
		addTrend(p, pts.x, pts.y, s)
	}
	return f, nil
}

// scatterPoints keeps the finite points and their colour indices.
func scatterPoints(x, y []float64, opt ScatterOptions, s Style) (*rasterPoints, int) {
	keepX, keepY := make([]float64, 0, len(x)), make([]float64, 0, len(y))
	var idx []uint16
	var colors []color.NRGBA
	var index func(i int) uint16
	switch {
	case opt.Class != nil:
		colors, index = classColors(opt.Class, len(opt.ClassNames), s)
	case opt.Value != nil:
		colors, index = valueColors(opt.Value, s)
	default:
		colors = []color.NRGBA{nrgba(s.Color(0))}
	}
	if index != nil {
		idx = make([]uint16, 0, len(x))
	}
	dropped := 0
	for i := range x {
		if !isFinite(x[i]) || !isFinite(y[i]) {
			dropped++
			continue
		}
		keepX, keepY = append(keepX, x[i]), append(keepY, y[i])
		if index != nil {
			idx = append(idx, index(i))
		}
	}
	return newRasterPoints(keepX, keepY, idx, colors), dropped
}

func isFinite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// classColors returns one colour per class plus a last one for missing.
func classColors(class []int32, n int, s Style) ([]color.NRGBA, func(int) uint16) {
	n = min(max(n, 0), math.MaxUint16-1)
	hi := int32(-1)
	for _, c := range class {
		hi = max(hi, c)
	}
	if n == 0 { // no names: as many classes as codes seen
		n = min(int(hi)+1, math.MaxUint16-1)
	}
	colors := make([]color.NRGBA, n+1)
	for i := range n {
		colors[i] = nrgba(s.Color(i))
	}
	colors[n] = nrgba(s.Missing)
	return colors, func(i int) uint16 {
		if c := class[i]; c >= 0 && int(c) < n {
			return uint16(c)
		}
		return uint16(n)
	}
}

// viridisSteps is the number of colours of the value colour map.
const viridisSteps = 256

// valueColors maps values linearly onto viridis; NaN gets the last colour.
func valueColors(v []float64, s Style) ([]color.NRGBA, func(int) uint16) {
	colors := make([]color.NRGBA, viridisSteps+1)
	for i := range viridisSteps {
		colors[i] = viridis(float64(i) / (viridisSteps - 1))
	}
	colors[viridisSteps] = nrgba(s.Missing)
	lo, hi, _ := valueRange(v)
	return colors, func(i int) uint16 {
		if !isFinite(v[i]) {
			return viridisSteps
		}
		if hi == lo {
			return viridisSteps / 2
		}
		return uint16(math.Round(unitPos(v[i], lo, hi) * (viridisSteps - 1)))
	}
}

// valueRange returns the finite range of v and whether it has a value.
func valueRange(v []float64) (lo, hi float64, ok bool) {
	lo, hi = math.Inf(1), math.Inf(-1)
	for _, x := range v {
		if isFinite(x) {
			lo, hi = math.Min(lo, x), math.Max(hi, x)
		}
	}
	return lo, hi, lo <= hi
}

// viridisAnchors are nine evenly spaced samples of matplotlib's viridis
// colour map (van der Walt and Smith, 2015), interpolated linearly.
var viridisAnchors = [...][3]uint8{
	{68, 1, 84}, {71, 44, 122}, {59, 81, 139}, {44, 113, 142}, {33, 144, 141},
	{39, 173, 129}, {92, 200, 99}, {170, 220, 50}, {253, 231, 37},
}

// viridis returns the colour at t in 0..1.
func viridis(t float64) color.NRGBA {
	t = math.Max(0, math.Min(1, t)) * float64(len(viridisAnchors)-1)
	i := min(int(t), len(viridisAnchors)-2)
	f := t - float64(i)
	a, b := viridisAnchors[i], viridisAnchors[i+1]
	ch := func(k int) uint8 { return uint8(math.Round(float64(a[k])*(1-f) + float64(b[k])*f)) }
	return color.NRGBA{ch(0), ch(1), ch(2), 0xFF}
}

// classLegend adds one legend entry per class present.
func classLegend(p *plot.Plot, pts *rasterPoints, names []string) {
	seen := make([]bool, len(pts.colors))
	for _, k := range pts.idx {
		seen[k] = true
	}
	legendEntries(p, pts.colors, seen, names)
}

// legendEntries adds a legend entry for each colour index seen: the class
// name, or "(missing)" for the last colour.
func legendEntries(p *plot.Plot, colors []color.NRGBA, seen []bool, names []string) {
	for k, ok := range seen {
		if !ok {
			continue
		}
		name := "(missing)"
		if k < len(names) {
			name = names[k]
		} else if k < len(colors)-1 {
			name = fmt.Sprint(k)
		}
		p.Legend.Add(name, swatch{colors[k]})
	}
}

// colorBar returns a narrow plot showing viridis from lo to hi.
func colorBar(lo, hi float64, label string, s Style) *plot.Plot {
	lo, hi = widen(lo, hi)
	return colorBarFunc(lo, hi, label, func(t float64) color.Color { return viridis(t) }, s)
}

// addTrend draws the least-squares line over the x range with r in the
// legend; constant x gives no line.
func addTrend(p *plot.Plot, x, y []float64, s Style) {
	mx, sx := meanStd(x)
	my, sy := meanStd(y)
	if !(sx > 0) {
		return
	}
	var sxy float64
	for i := range x {
		sxy += (x[i] - mx) * (y[i] - my)
	}
	sxy /= float64(len(x) - 1)
	b := sxy / (sx * sx)
	a := my - b*mx
	lo, hi := span(x)
	if !isFinite(a+b*lo) || !isFinite(a+b*hi) {
		return
	}
	l := &plotter.Line{XYs: plotter.XYs{{X: lo, Y: a + b*lo}, {X: hi, Y: a + b*hi}}, LineStyle: line(s.Foreground, 1.6)}
	p.Add(l)
	name := fmt.Sprintf("y = %s %s %s·x", fmtNum(a), sign(b), fmtNum(math.Abs(b)))
	if sy > 0 {
		name += fmt.Sprintf(" (r = %.3f)", sxy/(sx*sy))
	}
	p.Legend.Add(name, l)
}

// addDiagonal draws y = x over the common range of the points.
func addDiagonal(p *plot.Plot, pts *rasterPoints, s Style) {
	lo := math.Min(pts.xr[0], pts.yr[0])
	hi := math.Max(pts.xr[1], pts.yr[1])
	l := &plotter.Line{XYs: plotter.XYs{{X: lo, Y: lo}, {X: hi, Y: hi}}, LineStyle: dashed(s.Muted, 1.2)}
	p.Add(l)
	p.Legend.Add("y = x", l)
}

// sign returns "+" or "−" for writing a + b·x.
func sign(b float64) string {
	if b < 0 {
		return "−"
	}
	return "+"
}
