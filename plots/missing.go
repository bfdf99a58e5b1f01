package plots

import (
	"fmt"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"image"
)

// MissingOptions configures MissingBars and MissingMatrix.
type MissingOptions struct {
	Title string
	Style Style
}

// MissingBars draws the share of missing values of each column (missing[j]
// of rows for names[j]), columns in the given order; columns with nothing
// missing get no bar but keep their label. It returns an error when the
// lengths differ, rows is not positive or a count is outside 0..rows.
func MissingBars(names []string, missing []int, rows int, opt MissingOptions) (*Figure, error) {
	if err := lengthsMatch("missing values", len(names), len(missing)); err != nil {
		return nil, err
	}
	if len(names) == 0 || rows <= 0 {
		return nil, fmt.Errorf("missing values: %w (no columns or rows)", ErrNothingToDraw)
	}
	share := make([]float64, len(names))
	total := 0
	for j, m := range missing {
		if m < 0 || m > rows {
			return nil, fmt.Errorf("missing values: column %q has %d missing of %d rows", names[j], m, rows)
		}
		share[j] = 100 * float64(m) / float64(rows)
		total += m
	}
	s := opt.Style.norm()
	labels := make([]string, len(share))
	for j, m := range missing {
		if m > 0 {
			labels[j] = fmt.Sprintf("%.1f%%", share[j])
		}
	}
	p := labelledBars(names, share, labels, opt.Title, "", "% missing", s)
	top := 1.0
	for _, v := range share {
		top = max(top, v*1.15)
	}
	if longLabels(names) {
		p.X.Min, p.X.Max = 0, min(top, 110)
	} else {
		p.Y.Min, p.Y.Max = 0, min(top, 110)
	}
	f := single(p, s)
	if total == 0 {
		f.Note("no missing values")
	} else {
		f.Note("%s missing of %s cells", thousands(total), thousands(rows*len(names)))
	}
	return f, nil
}

// matrixBands is the number of row bands of the missing-value matrix and
// bandSamples how many rows each band looks at when rows are many.
const (
	matrixBands = 400
	bandSamples = 16
)

// MissingMatrix draws where values are missing: one column per name, rows
// from top to bottom, dark where missing(col, row) is true. With more than
// 400 rows each pixel row is a band of rows, shaded by the share missing
// among up to 16 evenly spaced rows of the band (said in a note), so a
// million rows need only 6,400 calls per column.
func MissingMatrix(names []string, rows int, missing func(col, row int) bool, opt MissingOptions) (*Figure, error) {
	if len(names) == 0 || rows <= 0 {
		return nil, fmt.Errorf("missing-value matrix: %w (no columns or rows)", ErrNothingToDraw)
	}
	if missing == nil {
		return nil, fmt.Errorf("missing-value matrix: nil missing function")
	}
	s := opt.Style.norm()
	bands := min(rows, matrixBands)
	img := image.NewRGBA(image.Rect(0, 0, len(names), bands))
	present, missColor := s.sequential(0), s.Color(3)
	sampled := false
	for b := range bands {
		lo, hi := b*rows/bands, (b+1)*rows/bands
		step := max(1, (hi-lo)/bandSamples)
		sampled = sampled || step > 1
		for j := range names {
			seen, miss := 0, 0
			for r := lo; r < hi; r += step {
				seen++
				if missing(j, r) {
					miss++
				}
			}
			img.Set(j, b, mix(present, missColor, float64(miss)/float64(max(seen, 1))))
		}
	}
	s.Grid = nil
	p := s.newPlot(opt.Title, "", "row")
	p.Add(&gridImage{img: img, xmin: -0.5, xmax: float64(len(names)) - 0.5, ymin: 0, ymax: float64(rows)})
	nominalX(p, names, s)
	p.Y.Tick.Marker = rowTicks{rows: rows}
	p.X.Padding, p.Y.Padding = 0, 0
	f := single(p, s)
	f.Note("coloured cells are missing values")
	if sampled {
		f.Note("each line is a band of about %s rows, shaded by the share missing in %d sampled rows", thousands(rows/bands), bandSamples)
	}
	return f, nil
}

// rowTicks labels the y axis with row numbers counted from the top.
type rowTicks struct{ rows int }

// Ticks implements plot.Ticker.
func (t rowTicks) Ticks(lo, hi float64) []plotTick {
	var out []plotTick
	for _, tk := range defaultTicks(float64(t.rows)-hi, float64(t.rows)-lo) {
		if tk.Label != "" {
			tk.Label = thousands(int(tk.Value))
		}
		tk.Value = float64(t.rows) - tk.Value
		out = append(out, tk)
	}
	return out
}

// gridImage draws img over xmin..xmax × ymin..ymax with every image pixel
// a sharp cell: it is resampled by nearest neighbour at the output
// resolution rather than smoothed.
type gridImage struct {
	img                    *image.RGBA
	xmin, xmax, ymin, ymax float64
}

// DataRange implements plot.DataRanger.
func (g *gridImage) DataRange() (xmin, xmax, ymin, ymax float64) {
	return g.xmin, g.xmax, g.ymin, g.ymax
}

// Plot implements plot.Plotter.
func (g *gridImage) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	r := vg.Rectangle{Min: vg.Point{X: tx(g.xmin), Y: ty(g.ymin)}, Max: vg.Point{X: tx(g.xmax), Y: ty(g.ymax)}}
	if !(r.Max.X > r.Min.X && r.Max.Y > r.Min.Y) || r.Max.X-r.Min.X > 1e5 || r.Max.Y-r.Min.Y > 1e5 {
		return // no room, or an axis narrower than the image: never allocate a huge layer
	}
	t := rasterTarget(c, r)
	w, h := t.box.Dx(), t.box.Dy()
	if w <= 0 || h <= 0 {
		return
	}
	src := g.img.Rect
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		sy := src.Min.Y + y*src.Dy()/h
		for x := range w {
			sx := src.Min.X + x*src.Dx()/w
			so, do := g.img.PixOffset(sx, sy), out.PixOffset(x, y)
			copy(out.Pix[do:do+4], g.img.Pix[so:so+4])
		}
	}
	t.put(c, out)
}
