package plots

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// ErrNothingToDraw is returned (wrapped with the column or series name) when
// an input holds no finite value to draw.
var ErrNothingToDraw = errors.New("nothing to draw")

// Figure is what every constructor returns: one plot, or a grid of panels,
// plus notes printed under the chart (values left out, approximations).
// It implements Drawer, so PNG, SVG, Image and Save accept it.
type Figure struct {
	// Plot is the main panel; nil when Grid is used.
	Plot *plot.Plot
	// Side is an optional narrow panel drawn right of Plot (a colour bar);
	// SideWidth is its width, zero meaning a sixth of the figure.
	Side      *plot.Plot
	SideWidth vg.Length
	// Grid holds the panels of a multi-panel figure, row by row; nil cells
	// stay empty. Panels are aligned with plot.Align.
	Grid [][]*plot.Plot
	// Heights, when set for a one-column Grid, are the relative heights of
	// its rows (a reliability diagram over its count histogram); otherwise
	// rows are equally tall.
	Heights []float64
	// DataHeights makes Heights the relative heights of the rows' data
	// areas, titles and axes left out, so that a bottom panel that carries
	// the shared x axis is as tall as the panels above it.
	DataHeights bool
	// Title is the title of a grid figure (a single plot has its own).
	Title string
	// Notes are short sentences printed under the chart, one per line.
	Notes []string
	// Style is the look the figure was built with.
	Style Style
}

// Drawer is anything the renderers can draw: a *Figure or a *plot.Plot.
type Drawer interface {
	Draw(c draw.Canvas)
}

// Note appends a note when text is not empty.
func (f *Figure) Note(format string, args ...any) {
	if t := fmt.Sprintf(format, args...); t != "" {
		f.Notes = append(f.Notes, t)
	}
}

// Draw draws the figure onto c: background, grid title, panels and notes.
func (f *Figure) Draw(c draw.Canvas) {
	s := f.Style.norm()
	for _, p := range f.plots() {
		saneAxis(&p.X)
		saneAxis(&p.Y)
	}
	c.SetColor(s.Background)
	c.Fill(c.Rectangle.Path())
	pad := s.FontSize * 0.5
	c = draw.Crop(c, pad, -pad, pad, -pad)
	c = f.drawNotes(c, s)
	if f.Title != "" && f.Grid != nil {
		ts := textStyle(s, 1.2, s.Foreground)
		ts.YAlign = draw.YTop
		c.FillText(ts, vg.Point{X: c.Center().X, Y: c.Max.Y}, f.Title)
		c.Max.Y -= ts.Rectangle(f.Title).Size().Y + pad
	}
	switch {
	case f.Grid != nil && len(f.Heights) == len(f.Grid):
		f.drawStack(c, s)
	case f.Grid != nil:
		f.drawGrid(c, s)
	case f.Plot != nil:
		main := c
		if f.Side != nil {
			w := f.SideWidth
			if w <= 0 {
				w = (c.Max.X - c.Min.X) / 6
			}
			main = draw.Crop(c, 0, -w, 0, 0)
			drawPlot(f.Side, draw.Crop(c, c.Max.X-c.Min.X-w+pad, 0, 0, 0), s)
		}
		drawPlot(f.Plot, main, s)
	}
}

// drawNotes writes the notes at the bottom of c and returns the rest.
func (f *Figure) drawNotes(c draw.Canvas, s Style) draw.Canvas {
	if len(f.Notes) == 0 {
		return c
	}
	ts := textStyle(s, 0.9, s.Muted)
	ts.XAlign = draw.XLeft
	ts.YAlign = draw.YBottom
	txt := strings.Join(f.Notes, "\n")
	c.FillText(ts, vg.Point{X: c.Min.X, Y: c.Min.Y}, txt)
	h := ts.Rectangle(txt).Size().Y
	return draw.Crop(c, 0, 0, h+s.FontSize*0.5, 0)
}

// drawGrid lays the grid panels out with plot.Align.
func (f *Figure) drawGrid(c draw.Canvas, s Style) {
	rows := len(f.Grid)
	cols := 0
	for _, r := range f.Grid {
		cols = max(cols, len(r))
	}
	if rows == 0 || cols == 0 {
		return
	}
	grid := make([][]*plot.Plot, rows)
	for i, r := range f.Grid {
		grid[i] = make([]*plot.Plot, cols)
		copy(grid[i], r)
	}
	t := draw.Tiles{Rows: rows, Cols: cols, PadX: s.FontSize * 0.8, PadY: s.FontSize * 0.8}
	canvases := plot.Align(grid, t, c)
	for i := range grid {
		for j, p := range grid[i] {
			if p != nil {
				drawPlot(p, canvases[i][j], s)
			}
		}
	}
}

// drawStack draws a one-column grid with rows of relative Heights, their
// data areas aligned left and right.
func (f *Figure) drawStack(c draw.Canvas, s Style) {
	total := 0.0
	for _, h := range f.Heights {
		total += math.Max(h, 0)
	}
	if total <= 0 {
		return
	}
	gap := s.FontSize * 0.8
	avail := c.Max.Y - c.Min.Y - gap*vg.Length(len(f.Heights)-1)
	over := f.overheads(c)
	var fixed vg.Length
	for _, o := range over {
		fixed += o
	}
	if !(fixed < avail) { // no room, or NaN from a degenerate canvas
		over, fixed = make([]vg.Length, len(f.Grid)), 0
	}
	cans := make([]draw.Canvas, len(f.Grid))
	var left, right vg.Length
	top := c.Max.Y
	for i, row := range f.Grid {
		h := over[i] + (avail-fixed)*vg.Length(math.Max(f.Heights[i], 0)/total)
		cans[i] = draw.Crop(c, 0, 0, top-h-c.Min.Y, top-c.Max.Y)
		top -= h + gap
		if len(row) > 0 && row[0] != nil {
			d := row[0].DataCanvas(cans[i])
			left, right = max(left, d.Min.X-cans[i].Min.X), max(right, cans[i].Max.X-d.Max.X)
		}
	}
	for i, row := range f.Grid {
		if len(row) == 0 || row[0] == nil {
			continue
		}
		d := row[0].DataCanvas(cans[i])
		l, r := d.Min.X-cans[i].Min.X, cans[i].Max.X-d.Max.X
		drawPlot(row[0], draw.Crop(cans[i], left-l, -(right-r), 0, 0), s)
	}
}

// overheads returns, when DataHeights is set, the height each row's title
// and x axis take on canvas c (zeros otherwise).
func (f *Figure) overheads(c draw.Canvas) []vg.Length {
	out := make([]vg.Length, len(f.Grid))
	if !f.DataHeights {
		return out
	}
	for i, row := range f.Grid {
		if len(row) > 0 && row[0] != nil {
			d := row[0].DataCanvas(c)
			out[i] = max(0, (c.Max.Y-c.Min.Y)-(d.Max.Y-d.Min.Y))
		}
	}
	return out
}

// textStyle returns a centred text style at scale times the base font size.
func textStyle(s Style, scale float64, c color.Color) text.Style {
	return text.Style{
		Color:   c,
		Font:    s.font(scale),
		XAlign:  draw.XCenter,
		YAlign:  draw.YCenter,
		Handler: plot.DefaultTextHandler,
	}
}

// single wraps one plot in a Figure.
func single(p *plot.Plot, s Style) *Figure {
	return &Figure{Plot: p, Style: s}
}

// drawPlot draws p on c unless c is too small or not finite (a grid
// squeezed into a thumbnail), where gonum/plot's layout produces NaN
// coordinates that the rasteriser never finishes filling.
func drawPlot(p *plot.Plot, c draw.Canvas, s Style) {
	ok := func(v vg.Length) bool { return !math.IsNaN(float64(v)) && !math.IsInf(float64(v), 0) }
	r := c.Rectangle
	if !ok(r.Min.X) || !ok(r.Min.Y) || !ok(r.Max.X) || !ok(r.Max.Y) {
		return
	}
	if r.Max.X-r.Min.X < 2*s.FontSize || r.Max.Y-r.Min.Y < 2*s.FontSize {
		return
	}
	p.Draw(c)
}

// plots lists every plot of the figure.
func (f *Figure) plots() []*plot.Plot {
	var out []*plot.Plot
	for _, p := range []*plot.Plot{f.Plot, f.Side} {
		if p != nil {
			out = append(out, p)
		}
	}
	for _, row := range f.Grid {
		for _, p := range row {
			if p != nil {
				out = append(out, p)
			}
		}
	}
	return out
}

// saneAxis replaces a non-finite axis range (a plotter that reported NaN or
// overflowed) by a finite one, because gonum/plot's tick search does not
// end on NaN.
func saneAxis(a *plot.Axis) {
	ok := func(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
	switch {
	case ok(a.Min) && ok(a.Max):
	case ok(a.Min):
		a.Max = a.Min + 1
	case ok(a.Max):
		a.Min = a.Max - 1
	default:
		a.Min, a.Max = 0, 1
	}
	if a.Max-a.Min > math.MaxFloat64/4 || math.IsInf(a.Max-a.Min, 0) {
		a.Min, a.Max = -math.MaxFloat64/8, math.MaxFloat64/8
	}
	if degenerate(a.Min, a.Max) { // gonum widens by ±1, which is nothing at 1e300
		a.Min, a.Max = widen(a.Min, a.Max)
	}
	if _, log := a.Scale.(plot.LogScale); log && !(a.Min > 0) {
		a.Scale = plot.LinearScale{}
		a.Tick.Marker = cleanTicks{}
	}
}
