package plots

import (
	"fmt"
	"math"
	"time"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// TimeSeries is one named line over time: Y[i] at T[i]. Points whose T
// is zero or whose Y is NaN or infinite are left out (and counted in a
// note).
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

// TimePanels draws panels stacked over one time axis (UTC), each with
// its lines (one palette colour each, with point markers so that a single
// point shows) and dashed reference lines. A panel with nothing to draw
// says so in a note; it returns ErrNothingToDraw when no panel has a
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
					lo, hi = math.Min(lo, x), math.Max(hi, x)
				}
			}
		}
	}
	if lo > hi {
		return nil, fmt.Errorf("%s: %w (no point in time)", orDefault(opt.Title, "time series"), ErrNothingToDraw)
	}
	if hi == lo {
		lo, hi = lo-1800, hi+1800
	}
	f := &Figure{Style: s, Title: opt.Title}
	var grid [][]*plot.Plot
	for k, pn := range panels {
		title := ""
		if len(panels) == 1 {
			title = opt.Title
		}
		xlabel := ""
		if k == len(panels)-1 {
			xlabel = "time (UTC)"
		}
		p := s.newPlot(title, xlabel, pn.YLabel)
		p.X.Min, p.X.Max = lo, hi
		p.X.Tick.Marker = timeTicks{}
		drawn := addSeries(p, f, pn, s)
		if drawn == 0 {
			f.Note("%s: nothing to draw", orDefault(pn.YLabel, fmt.Sprintf("panel %d", k+1)))
		}
		addRefs(p, pn.Refs, s)
		if pn.FromZero && p.Y.Min > 0 {
			p.Y.Min = 0
		}
		// Room above the lines for the legend in the top corner.
		if p.Y.Max > p.Y.Min {
			p.Y.Max += 0.35 * (p.Y.Max - p.Y.Min)
		} else {
			headroom(p)
		}
		p.Legend.Top = true
		grid = append(grid, []*plot.Plot{p})
	}
	if len(grid) == 1 {
		f.Plot = grid[0][0]
		return f, nil
	}
	f.Grid = grid
	f.Heights = make([]float64, len(grid))
	for i := range f.Heights {
		f.Heights[i] = 1
	}
	return f, nil
}

// addSeries draws a panel's lines and returns how many have a point.
func addSeries(p *plot.Plot, f *Figure, pn TimePanel, s Style) int {
	drawn := 0
	for i, sr := range pn.Series {
		pts := make(plotter.XYs, 0, len(sr.T))
		for j, t := range sr.T {
			if !t.IsZero() && isFinite(sr.Y[j]) {
				pts = append(pts, plotter.XY{X: unixSeconds(t), Y: sr.Y[j]})
			}
		}
		if d := len(sr.T) - len(pts); d > 0 {
			f.Note("%s: %s not shown (no time, or not a finite value)", sr.Name, plural(d, "point"))
		}
		if len(pts) == 0 {
			continue
		}
		l, sc, err := plotter.NewLinePoints(pts)
		if err != nil {
			continue // unreachable: the points are finite
		}
		c := s.Color(i)
		l.LineStyle = line(c, 1.8)
		sc.GlyphStyle = draw.GlyphStyle{Color: c, Radius: s.FontSize * 0.22, Shape: draw.CircleGlyph{}}
		p.Add(l, sc)
		p.Legend.Add(sr.Name, l, sc)
		drawn++
	}
	return drawn
}

// addRefs draws dashed horizontal lines across the panel and widens its
// y range to hold them.
func addRefs(p *plot.Plot, refs []RefLine, s Style) {
	for i, r := range refs {
		if !isFinite(r.Y) {
			continue
		}
		y := r.Y
		l := &plotter.Line{XYs: plotter.XYs{{X: p.X.Min, Y: y}, {X: p.X.Max, Y: y}}, LineStyle: dashed(mix(s.Muted, s.Color(i+3), 0.5), 1.4)}
		if i%2 == 1 {
			l.LineStyle.Dashes = []vg.Length{vg.Points(1.5), vg.Points(2.5)}
		}
		p.Add(l)
		p.Legend.Add(r.Name, l)
	}
}

func unixSeconds(t time.Time) float64 { return float64(t.UnixNano()) / 1e9 }

// timeSteps are the tick steps timeTicks chooses from, in seconds.
var timeSteps = []float64{60, 300, 600, 900, 1800, 3600, 2 * 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400}

// timeTicks marks a UTC time axis (Unix seconds) at round steps — minutes
// and hours on the clock, days at midnight — with at most seven labels.
type timeTicks struct{}

// Ticks implements plot.Ticker.
func (timeTicks) Ticks(lo, hi float64) []plot.Tick {
	span := hi - lo
	step := timeSteps[len(timeSteps)-1]
	for _, s := range timeSteps {
		if span/s <= 7 {
			step = s
			break
		}
	}
	format := "15:04"
	switch {
	case step >= 86400:
		format = "Jan 2"
	case span > 20*3600:
		format = "Jan 2 15:04"
	}
	var ticks []plot.Tick
	for t := math.Ceil(lo/step) * step; t <= hi; t += step {
		ticks = append(ticks, plot.Tick{Value: t, Label: time.Unix(int64(t), 0).UTC().Format(format)})
		if len(ticks) > 100 { // unreachable with finite bounds
			break
		}
	}
	return ticks
}
