package plots

import (
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// barSeries is one series of bars at positions 0, 1, ... with widths in
// data units, so bars scale with the figure. Bars grow from base (nil
// meaning zero, set for stacking); err adds ±error whiskers.
type barSeries struct {
	vals, base, err []float64
	fill            color.Color
	fills           []color.Color // per-bar colours overriding fill; nil for none
	edge            draw.LineStyle
	horizontal      bool
	width           float64  // in position units, 0 means 0.7
	offset          float64  // shift along the position axis, for grouped bars
	labels          []string // written past the end of each bar; nil for none
	text            text.Style
}

func (b *barSeries) bw() float64 {
	if b.width > 0 {
		return b.width
	}
	return 0.7
}

func (b *barSeries) at(i int) (lo, hi float64) {
	if b.base != nil {
		lo = b.base[i]
	}
	return lo, lo + b.vals[i]
}

// Plot implements plot.Plotter.
func (b *barSeries) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	pos, val := tx, ty
	if b.horizontal {
		pos, val = ty, tx
	}
	pt := func(p, v vg.Length) vg.Point {
		if b.horizontal {
			return vg.Point{X: v, Y: p}
		}
		return vg.Point{X: p, Y: v}
	}
	for i := range b.vals {
		lo, hi := b.at(i)
		mid := float64(i) + b.offset
		p0, p1 := pos(mid-b.bw()/2), pos(mid+b.bw()/2)
		v0, v1 := val(lo), val(hi)
		rect := []vg.Point{pt(p0, v0), pt(p1, v0), pt(p1, v1), pt(p0, v1)}
		fill := b.fill
		if b.fills != nil && b.fills[i] != nil {
			fill = b.fills[i]
		}
		c.FillPolygon(fill, c.ClipPolygonXY(rect))
		if b.edge.Width > 0 {
			c.StrokeLines(b.edge, c.ClipLinesXY(append(rect, rect[0]))...)
		}
		if b.labels != nil && b.labels[i] != "" {
			end := hi
			if b.err != nil && b.err[i] > 0 {
				end += b.err[i]
			}
			b.drawLabel(c, pt(pos(mid), val(end)), b.labels[i])
		}
		if b.err != nil && b.err[i] > 0 {
			e0, e1 := val(hi-b.err[i]), val(hi+b.err[i])
			m, cap := pos(mid), (p1-p0)/5
			sty := line(b.edge.Color, 1.2)
			c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{pt(m, e0), pt(m, e1)})...)
			c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{pt(m-cap, e0), pt(m+cap, e0)})...)
			c.StrokeLines(sty, c.ClipLinesXY([]vg.Point{pt(m-cap, e1), pt(m+cap, e1)})...)
		}
	}
}

// DataRange implements plot.DataRanger.
func (b *barSeries) DataRange() (xmin, xmax, ymin, ymax float64) {
	pmin, pmax := -0.5, float64(len(b.vals))-0.5
	vmin, vmax := 0.0, 0.0
	for i := range b.vals {
		lo, hi := b.at(i)
		e := 0.0
		if b.err != nil {
			e = math.Max(b.err[i], 0)
		}
		vmin = math.Min(vmin, math.Min(lo, hi-e))
		vmax = math.Max(vmax, math.Max(lo, hi+e))
	}
	if b.horizontal {
		return vmin, vmax, pmin, pmax
	}
	return pmin, pmax, vmin, vmax
}

// Thumbnail implements plot.Thumbnailer for legends.
func (b *barSeries) Thumbnail(c *draw.Canvas) {
	pts := []vg.Point{{X: c.Min.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Min.Y}, {X: c.Max.X, Y: c.Max.Y}, {X: c.Min.X, Y: c.Max.Y}}
	c.FillPolygon(b.fill, c.ClipPolygonXY(pts))
}

// drawLabel writes a label just past the end of a bar.
func (b *barSeries) drawLabel(c draw.Canvas, end vg.Point, label string) {
	ts := b.text
	gap := ts.Font.Size / 3
	if b.horizontal {
		ts.XAlign, ts.YAlign = draw.XLeft, draw.YCenter
		end.X += gap
	} else {
		ts.XAlign, ts.YAlign = draw.XCenter, draw.YBottom
		end.Y += gap
	}
	c.FillText(ts, end, label)
}
