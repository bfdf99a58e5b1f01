package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"

	"modelbench/workflow/stat"
)

// DefaultMaxOutliers is how many outliers a box draws at most when
// BoxOptions.MaxOutliers is zero.
const DefaultMaxOutliers = 300

// Group is a named sample, one box of a box plot or one curve of an
// overlaid histogram.
type Group struct {
	Name   string
	Values []float64
}

// GroupBy splits values by category codes (as a categorical column holds
// them: -1 missing, else an index into levels). Groups follow levels, empty
// ones left out; rows whose code is missing or out of range form a last
// group "(missing)". It returns an error when the lengths differ.
func GroupBy(values []float64, codes []int32, levels []string) ([]Group, error) {
	if err := lengthsMatch("group by", len(values), len(codes)); err != nil {
		return nil, err
	}
	counts := make([]int, len(levels)+1)
	for _, c := range codes {
		counts[groupIndex(c, len(levels))]++
	}
	buckets := make([][]float64, len(levels)+1)
	for i, n := range counts {
		buckets[i] = make([]float64, 0, n)
	}
	for i, v := range values {
		g := groupIndex(codes[i], len(levels))
		buckets[g] = append(buckets[g], v)
	}
	var out []Group
	for i, b := range buckets {
		if len(b) == 0 {
			continue
		}
		name := "(missing)"
		if i < len(levels) {
			name = levels[i]
		}
		out = append(out, Group{Name: name, Values: b})
	}
	return out, nil
}

func groupIndex(c int32, n int) int {
	if c < 0 || int(c) >= n {
		return n
	}
	return int(c)
}

// BoxOptions configures BoxPlot. The zero value is usable.
type BoxOptions struct {
	Title string
	// Label names the values' axis; GroupLabel the axis of the groups.
	Label, GroupLabel string
	// MaxOutliers caps the outliers drawn per box (evenly spread over the
	// sorted outliers, extremes kept); 0 means DefaultMaxOutliers.
	MaxOutliers int
	Style       Style
}

// boxStats are Tukey's box plot statistics of one group: quartiles by
// linear interpolation (numpy's default), whiskers at the most extreme
// values within 1.5 IQR of the box (as matplotlib draws them), and the
// values beyond as outliers.
type boxStats struct {
	name                string
	n                   int
	q1, median, q3      float64
	lowWhisk, highWhisk float64
	outliers            []float64 // the ones drawn
	nOutliers           int       // all of them
	fill                color.Color
}

// newBoxStats computes the statistics of finite, non-empty v, which it
// reorders.
func newBoxStats(v []float64, maxOut int) boxStats {
	q := stat.Quantiles(v, 0.25, 0.5, 0.75)
	b := boxStats{n: len(v), q1: q[0], median: q[1], q3: q[2]}
	iqr := b.q3 - b.q1
	loFence, hiFence := b.q1-1.5*iqr, b.q3+1.5*iqr
	b.lowWhisk, b.highWhisk = b.q1, b.q3
	var out []float64
	for _, x := range v {
		if x < loFence || x > hiFence {
			out = append(out, x)
			continue
		}
		b.lowWhisk, b.highWhisk = math.Min(b.lowWhisk, x), math.Max(b.highWhisk, x)
	}
	slices.Sort(out)
	b.nOutliers = len(out)
	b.outliers = thin(out, maxOut)
	return b
}

// thin returns at most k values of sorted v, evenly spread and keeping
// both ends.
func thin(v []float64, k int) []float64 {
	if len(v) <= k {
		return v
	}
	if k < 2 {
		return v[:min(k, len(v))]
	}
	out := make([]float64, k)
	for i := range out {
		out[i] = v[i*(len(v)-1)/(k-1)]
	}
	return out
}

// BoxPlot draws one Tukey box per group, side by side. NaN and ±Inf are
// left out and counted in a note; groups with no finite value are listed
// in a note. It returns ErrNothingToDraw when no group has a value.
func BoxPlot(groups []Group, opt BoxOptions) (*Figure, error) {
	s := opt.Style.norm()
	maxOut := opt.MaxOutliers
	if maxOut <= 0 {
		maxOut = DefaultMaxOutliers
	}
	boxes, notes := groupBoxes(groups, maxOut, s)
	if len(boxes) == 0 {
		return nil, fmt.Errorf("box plot of %q: %w", opt.Label, ErrNothingToDraw)
	}
	p := s.newPlot(opt.Title, opt.GroupLabel, opt.Label)
	p.Add(&boxPlotter{boxes: boxes, style: s})
	names := make([]string, len(boxes))
	for i, b := range boxes {
		names[i] = b.name
	}
	nominalX(p, names, s)
	f := single(p, s)
	f.Notes = notes
	return f, nil
}

// groupBoxes computes the boxes of the groups that have finite values and
// the notes on what was left out.
func groupBoxes(groups []Group, maxOut int, s Style) ([]boxStats, []string) {
	var boxes []boxStats
	var notes []string
	var nan, inf, shown, total int
	for i, g := range groups {
		v, gn, gi := finite(g.Values)
		nan, inf = nan+gn, inf+gi
		if len(v) == 0 {
			notes = append(notes, fmt.Sprintf("%q has no finite value", g.Name))
			continue
		}
		b := newBoxStats(v, maxOut)
		b.name = g.Name
		b.fill = s.Color(i)
		if len(groups) == 1 {
			b.fill = s.Color(0)
		}
		shown += len(b.outliers)
		total += b.nOutliers
		boxes = append(boxes, b)
	}
	if d := dropNote(nan, inf); d != "" {
		notes = append(notes, d)
	}
	if shown < total {
		notes = append(notes, fmt.Sprintf("%s outliers, %s drawn", thousands(total), thousands(shown)))
	}
	return boxes, notes
}

// boxPlotter draws precomputed boxes at x = 0, 1, ...
type boxPlotter struct {
	boxes []boxStats
	style Style
}

// Plot implements plot.Plotter.
func (bp *boxPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	half := (tx(1) - tx(0)) * 0.3
	edge := line(bp.style.Foreground, 1)
	for i, b := range bp.boxes {
		x := tx(float64(i))
		q1, q3 := ty(b.q1), ty(b.q3)
		rect := []vg.Point{{X: x - half, Y: q1}, {X: x + half, Y: q1}, {X: x + half, Y: q3}, {X: x - half, Y: q3}}
		c.FillPolygon(withAlpha(b.fill, 0xC0), c.ClipPolygonY(rect))
		c.StrokeLines(edge, c.ClipLinesY(append(rect, rect[0]))...)
		c.StrokeLine2(line(bp.style.Foreground, 2.2), x-half, ty(b.median), x+half, ty(b.median))
		lo, hi := ty(b.lowWhisk), ty(b.highWhisk)
		c.StrokeLine2(edge, x, q1, x, lo)
		c.StrokeLine2(edge, x, q3, x, hi)
		c.StrokeLine2(edge, x-half/2, lo, x+half/2, lo)
		c.StrokeLine2(edge, x-half/2, hi, x+half/2, hi)
		g := draw.GlyphStyle{Color: withAlpha(bp.style.Foreground, 0x90), Radius: vg.Points(2), Shape: draw.RingGlyph{}}
		for _, o := range b.outliers {
			if pt := (vg.Point{X: x, Y: ty(o)}); c.ContainsY(pt.Y) {
				c.DrawGlyphNoClip(g, pt)
			}
		}
	}
}

// DataRange implements plot.DataRanger.
func (bp *boxPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	ymin, ymax = math.Inf(1), math.Inf(-1)
	for _, b := range bp.boxes {
		ymin = math.Min(ymin, b.lowWhisk)
		ymax = math.Max(ymax, b.highWhisk)
		if len(b.outliers) > 0 {
			ymin = math.Min(ymin, b.outliers[0])
			ymax = math.Max(ymax, b.outliers[len(b.outliers)-1])
		}
	}
	ymin, ymax = widen(ymin, ymax)
	return -0.5, float64(len(bp.boxes)) - 0.5, ymin, ymax
}

// nominalX names the positions 0..n-1 of the x axis, rotating the labels
// when they would not fit side by side.
func nominalX(p *plot.Plot, names []string, s Style) {
	p.NominalX(names...)
	p.X.Min, p.X.Max = -0.5, float64(len(names))-0.5
	chars := 0
	for _, n := range names {
		chars = max(chars, len([]rune(n)))
	}
	if len(names)*(chars+1) > 60 {
		p.X.Tick.Label.Rotation = math.Pi / 5
		p.X.Tick.Label.XAlign = draw.XRight
		p.X.Tick.Label.YAlign = draw.YTop
	}
}
