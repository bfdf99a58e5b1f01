package plots

import (
	"fmt"
	"image"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxAnnotated is the largest number of rows or columns whose cells get
// their value written in them by default.
const maxAnnotated = 12

// HeatmapOptions configures CorrelationHeatmap. The zero value writes the
// values in the cells when there are at most 12 columns.
type HeatmapOptions struct {
	Title string
	// NoValues leaves the cells unannotated whatever their number.
	NoValues bool
	Style    Style
}

// CorrelationHeatmap draws a square correlation matrix (corr[i][j] between
// names[i] and names[j]) on a diverging palette centred on 0, first
// variable at the top. NaN cells (a constant column) are drawn in the
// Missing colour and noted. It returns an error for a matrix that is not
// square, does not match names, or holds a value outside [-1, 1].
func CorrelationHeatmap(names []string, corr [][]float64, opt HeatmapOptions) (*Figure, error) {
	n := len(names)
	if n == 0 {
		return nil, fmt.Errorf("correlation heatmap: %w (no columns)", ErrNothingToDraw)
	}
	if len(corr) != n {
		return nil, fmt.Errorf("correlation heatmap: %d rows for %d names", len(corr), n)
	}
	nan := 0
	for i, row := range corr {
		if len(row) != n {
			return nil, fmt.Errorf("correlation heatmap: row %q has %d values, want %d", names[i], len(row), n)
		}
		for j, v := range row {
			if math.IsNaN(v) {
				nan++
			} else if math.Abs(v) > 1+1e-9 {
				return nil, fmt.Errorf("correlation heatmap: %q with %q is %v, outside [-1, 1]", names[i], names[j], v)
			}
		}
	}
	s := opt.Style.norm()
	cells := &cellPlotter{vals: corr, color: func(v float64) color.Color { return s.diverging(v) }, missing: s.Missing, style: s}
	if !opt.NoValues && n <= maxAnnotated {
		cells.label = func(i, j int) string { return fmt.Sprintf("%.2f", corr[i][j]) }
	}
	p := matrixPlot(cells, names, names, opt.Title, "", "", s)
	f := single(p, s)
	f.Side = colorBarFunc(-1, 1, "correlation", func(t float64) color.Color { return s.diverging(2*t - 1) }, s)
	f.SideWidth = s.FontSize * 7
	if nan > 0 {
		f.Note("%s undefined (a column does not vary)", plural(nan, "correlation"))
	}
	return f, nil
}

// matrixPlot sets up a plot for cells with rows named down the y axis
// (first on top) and columns along the x axis.
func matrixPlot(cells *cellPlotter, rows, cols []string, title, xlabel, ylabel string, s Style) *plot.Plot {
	s.Grid = nil
	p := s.newPlot(title, xlabel, ylabel)
	p.Add(cells)
	nominalX(p, cols, s)
	rev := slices.Clone(rows)
	slices.Reverse(rev)
	p.NominalY(rev...)
	p.Y.Min, p.Y.Max = -0.5, float64(len(rows))-0.5
	p.Y.Tick.Label.XAlign = draw.XRight
	p.X.Padding, p.Y.Padding = 0, 0
	return p
}

// cellPlotter draws a matrix of coloured cells, row 0 at the top, with
// optional text in each cell.
type cellPlotter struct {
	vals    [][]float64
	color   func(v float64) color.Color // for finite values
	missing color.Color                 // for NaN
	label   func(i, j int) string       // nil: no text
	style   Style
}

// Plot implements plot.Plotter.
func (cp *cellPlotter) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	nr := len(cp.vals)
	ts := textStyle(cp.style, 0.9, nil)
	for i, row := range cp.vals {
		y := float64(nr - 1 - i)
		for j, v := range row {
			fill := cp.missing
			if !math.IsNaN(v) {
				fill = cp.color(v)
			}
			x0, x1, y0, y1 := tx(float64(j)-0.5), tx(float64(j)+0.5), ty(y-0.5), ty(y+0.5)
			rect := []vg.Point{{X: x0, Y: y0}, {X: x1, Y: y0}, {X: x1, Y: y1}, {X: x0, Y: y1}}
			c.FillPolygon(fill, rect)
			c.StrokeLines(line(cp.style.Background, 1), append(rect, rect[0]))
			if cp.label != nil {
				ts.Color = textOn(fill)
				c.FillText(ts, vg.Point{X: (x0 + x1) / 2, Y: (y0 + y1) / 2}, cp.label(i, j))
			}
		}
	}
}

// DataRange implements plot.DataRanger.
func (cp *cellPlotter) DataRange() (xmin, xmax, ymin, ymax float64) {
	cols := 0
	if len(cp.vals) > 0 {
		cols = len(cp.vals[0])
	}
	return -0.5, float64(cols) - 0.5, -0.5, float64(len(cp.vals)) - 0.5
}

// colorBarFunc returns a narrow plot showing colour(t) for t in 0..1 as
// values lo..hi.
func colorBarFunc(lo, hi float64, label string, colour func(t float64) color.Color, s Style) *plot.Plot {
	const steps = 256
	img := image.NewRGBA(image.Rect(0, 0, 1, steps))
	for i := range steps {
		img.Set(0, steps-1-i, colour(float64(i)/(steps-1)))
	}
	p := s.newPlot("", "", label)
	p.Add(plotter.NewImage(img, 0, lo, 1, hi))
	p.HideX()
	p.X.Padding, p.Y.Padding = 0, 0
	return p
}
