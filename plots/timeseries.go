package plots

import (
	"cmp"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strings"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TimeSeries is one named line over time: Y[i] at T[i], in any order (the
// line is drawn in time order). Points whose T is zero are left out; a Y
// that is NaN or infinite is left out and breaks the line there (a gap,
// such as an hour without labelled feedback). Both are counted in a note.
type TimeSeries struct {
	Name string
	T    []time.Time
	Y    []float64
}

// RefLine is a named horizontal reference line, such as a validation or
// test result beside a live metric. A non-finite Y is left out.
type RefLine struct {
	Name string
	Y    float64
}

// TimePanel is one panel of TimePanels: lines that share a y axis, with
// reference lines.
type TimePanel struct {
	// YLabel names the panel's values: the y axis label of a single
	// panel, the panel's title when there are several.
	YLabel string
	Series []TimeSeries
	Refs   []RefLine
	// FromZero starts the y axis at zero (counts, latencies).
	FromZero bool
}

// TimeOptions configures TimePanels. The zero value is usable.
type TimeOptions struct {
	Title string
	Style Style
}

// markerLimit is the most points a series may have and still get a
// marker on every point; longer series mark only isolated points.
const markerLimit = 60

// TimePanels draws panels stacked over one shared time axis (UTC, labelled
// on the bottom panel only), each with its lines (one palette colour each,
// point markers on short series and on isolated points, so that a single
// point shows), dashed reference lines across the whole time range, and a
// legend right of the data. Panels are equally tall. A panel with no point
// says so in a note. It returns ErrNothingToDraw when no panel has a
// point, and an error when a series' T and Y differ in length.
func TimePanels(panels []TimePanel, opt TimeOptions) (*Figure, error) {
	s := opt.Style.norm()
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, pn := range panels {
		for _, sr := range pn.Series {
			if len(sr.T) != len(sr.Y) {
				return nil, fmt.Errorf("time series %q: %d times against %d values", sr.Name, len(sr.T), len(sr.Y))
			}
			for i, t := range sr.T {
				if !t.IsZero() && isFinite(sr.Y[i]) {
					x := unixSeconds(t)
					lo, hi = min(lo, x), max(hi, x)
				}
			}
		}
	}
	if lo > hi {
		return nil, fmt.Errorf("%s: %w (no point with a time and a finite value)", orDefault(opt.Title, "time series"), ErrNothingToDraw)
	}
	if degenerate(lo, hi) { // a single time: an hour around it
		lo, hi = lo-1800, hi+1800
	}
	f := &Figure{Style: s, Title: opt.Title}
	multi := len(panels) > 1
	var grid [][]*plot.Plot
	for k, pn := range panels {
		p := timePanel(f, pn, k, multi, lo, hi, s)
		if !multi {
			p.Title.Text = opt.Title
		}
		if k == len(panels)-1 {
			p.X.Label.Text = "time (UTC)"
		} else {
			hideTickLabels(&p.X)
		}
		grid = append(grid, []*plot.Plot{p})
	}
	if !multi {
		f.Plot = grid[0][0]
		return f, nil
	}
	f.Grid, f.DataHeights = grid, true
	f.Heights = make([]float64, len(grid))
	for i := range f.Heights {
		f.Heights[i] = 1
	}
	return f, nil
}

// timePanel builds panel k over the time range lo..hi.
func timePanel(f *Figure, pn TimePanel, k int, multi bool, lo, hi float64, s Style) *plot.Plot {
	p := s.newPlot("", "", pn.YLabel)
	if multi {
		p.Title.Text, p.Y.Label.Text = pn.YLabel, ""
		p.Title.TextStyle.Font = s.font(1)
		p.Title.Padding = s.FontSize * 0.4
	}
	p.X.Min, p.X.Max = lo, hi
	p.X.Tick.Marker = timeTicks{}
	leg := newSideLegend(s)
	if addSeries(p, f, leg, pn, s) == 0 {
		f.Note("%s: nothing to draw", orDefault(pn.YLabel, fmt.Sprintf("panel %d", k+1)))
	}
	addRefs(p, leg, pn, s)
	if pn.FromZero {
		if p.Y.Min > 0 {
			p.Y.Min = 0
		}
		if p.Y.Max < 0 {
			p.Y.Max = 0
		}
	}
	headroom(p)
	p.Add(leg)
	return p
}

// hideTickLabels keeps an axis' ticks and grid lines but draws no labels
// and leaves almost no room for them.
func hideTickLabels(a *plot.Axis) {
	a.Tick.Marker = timeTicks{hide: true}
	a.Tick.Label.Color = color.Transparent
	a.Tick.Label.Font.Size = 0.1
	a.Tick.Length /= 2
	a.Padding = 0
}

// timePoint is one point of a series in time order; ok is false for a
// point with a time but no finite value (a gap).
type timePoint struct {
	x, y float64
	ok   bool
}

// addSeries draws a panel's lines and returns how many have a point.
func addSeries(p *plot.Plot, f *Figure, leg *sideLegend, pn TimePanel, s Style) int {
	drawn := 0
	for i, sr := range pn.Series {
		name := orDefault(sr.Name, fmt.Sprintf("series %d", i+1))
		pts, note := seriesPoints(sr)
		if note != "" {
			f.Note("%s: %s not shown", name, note)
		}
		segs := segments(pts)
		if len(segs) == 0 {
			continue
		}
		c := s.Color(i)
		ls := line(c, 1.8)
		glyph := draw.GlyphStyle{Color: c, Radius: s.FontSize * 0.22, Shape: draw.CircleGlyph{}}
		n := 0
		for _, sg := range segs {
			n += len(sg)
		}
		var marks plotter.XYs
		for _, sg := range segs {
			if len(sg) > 1 {
				p.Add(&plotter.Line{XYs: sg, LineStyle: ls})
			}
			if n <= markerLimit || len(sg) == 1 {
				marks = append(marks, sg...)
			}
		}
		thumbs := []plot.Thumbnailer{&plotter.Line{LineStyle: ls}}
		if len(marks) > 0 {
			sc := &plotter.Scatter{XYs: marks, GlyphStyle: glyph}
			p.Add(sc)
			if n <= markerLimit {
				thumbs = append(thumbs, sc)
			}
		}
		leg.add(name, thumbs...)
		drawn++
	}
	return drawn
}

// seriesPoints returns a series' points with a time, in time order, and a
// note on what was left out ("" when nothing was).
func seriesPoints(sr TimeSeries) ([]timePoint, string) {
	pts := make([]timePoint, 0, len(sr.T))
	var noTime, nan, inf int
	for j, t := range sr.T {
		y := sr.Y[j]
		switch {
		case t.IsZero():
			noTime++
			continue
		case math.IsNaN(y):
			nan++
		case math.IsInf(y, 0):
			inf++
		}
		pts = append(pts, timePoint{x: unixSeconds(t), y: y, ok: isFinite(y)})
	}
	slices.SortStableFunc(pts, func(a, b timePoint) int { return cmp.Compare(a.x, b.x) })
	var parts []string
	if d := dropNote(nan, inf); d != "" {
		parts = append(parts, strings.TrimSuffix(d, " not shown"))
	}
	if noTime > 0 {
		parts = append(parts, plural(noTime, "point")+" without a time")
	}
	return pts, strings.Join(parts, " and ")
}

// segments splits points in time order into runs of finite points.
func segments(pts []timePoint) []plotter.XYs {
	var out []plotter.XYs
	var cur plotter.XYs
	for _, pt := range pts {
		if !pt.ok {
			if len(cur) > 0 {
				out = append(out, cur)
			}
			cur = nil
			continue
		}
		cur = append(cur, plotter.XY{X: pt.x, Y: pt.y})
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

// addRefs draws dashed horizontal lines across the panel (which widens
// its y range to hold them), in colours after the panel's series.
func addRefs(p *plot.Plot, leg *sideLegend, pn TimePanel, s Style) {
	k := 0
	for i, r := range pn.Refs {
		if !isFinite(r.Y) {
			continue
		}
		c := mix(s.Muted, s.Color(max(len(pn.Series), 3)+k), 0.5)
		l := &plotter.Line{XYs: plotter.XYs{{X: p.X.Min, Y: r.Y}, {X: p.X.Max, Y: r.Y}}, LineStyle: dashed(c, 1.4)}
		if k%2 == 1 {
			l.LineStyle.Dashes = []vg.Length{vg.Points(1.5), vg.Points(2.5)}
		}
		p.Add(l)
		leg.add(orDefault(r.Name, fmt.Sprintf("reference %d", i+1)), l)
		k++
	}
}
