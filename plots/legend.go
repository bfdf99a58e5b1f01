package plots

import (
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// maxLegendRunes is the longest legend entry drawn in full; longer names
// are shortened with an ellipsis.
const maxLegendRunes = 24

// sideLegend is a legend drawn to the right of a plot's data area, where
// it never covers a line or a bar (gonum/plot's legend sits inside the
// data area). It is a plotter: its glyph box makes the plot leave room for
// it, so panels stacked by Figure.drawStack keep their data areas aligned.
// Add it to the plot last, after the series it names.
type sideLegend struct {
	entries []sideEntry
	text    text.Style
}

type sideEntry struct {
	name   string
	thumbs []plot.Thumbnailer
}

func newSideLegend(s Style) *sideLegend {
	ts := textStyle(s, 0.95, s.Foreground)
	ts.XAlign, ts.YAlign = draw.XLeft, draw.YCenter
	return &sideLegend{text: ts}
}

// add appends an entry drawn with the thumbnails of its plotters.
func (l *sideLegend) add(name string, thumbs ...plot.Thumbnailer) {
	l.entries = append(l.entries, sideEntry{name: shorten(name, maxLegendRunes), thumbs: thumbs})
}

func (l *sideLegend) gap() vg.Length    { return l.text.Font.Size * 0.8 }
func (l *sideLegend) thumbW() vg.Length { return l.text.Font.Size * 2 }
func (l *sideLegend) rowH() vg.Length   { return l.text.Font.Size * 1.35 }

// width is the room the legend takes right of the data area.
func (l *sideLegend) width() vg.Length {
	var w vg.Length
	for _, e := range l.entries {
		w = max(w, l.text.Rectangle(e.name).Size().X)
	}
	return l.gap() + l.thumbW() + l.text.Font.Size*0.4 + w
}

// Plot implements plot.Plotter: the entries from the top right corner of
// the data area down.
func (l *sideLegend) Plot(c draw.Canvas, _ *plot.Plot) {
	x, y := c.Max.X+l.gap(), c.Max.Y
	for _, e := range l.entries {
		icon := draw.Canvas{Canvas: c.Canvas, Rectangle: vg.Rectangle{
			Min: vg.Point{X: x, Y: y - l.rowH()}, Max: vg.Point{X: x + l.thumbW(), Y: y}}}
		for _, t := range e.thumbs {
			t.Thumbnail(&icon)
		}
		c.FillText(l.text, vg.Point{X: x + l.thumbW() + l.text.Font.Size*0.4, Y: y - l.rowH()/2}, e.name)
		y -= l.rowH()
	}
}

// GlyphBoxes implements plot.GlyphBoxer: a box right of the top right
// corner of the data area, as wide as the legend. It has no height, so
// that it never changes the vertical padding: gonum/plot divides by the
// distance between the lowest and the highest box, which is zero when a
// short data area makes this box both.
func (l *sideLegend) GlyphBoxes(*plot.Plot) []plot.GlyphBox {
	if len(l.entries) == 0 {
		return nil
	}
	return []plot.GlyphBox{{X: 1, Y: 1, Rectangle: vg.Rectangle{Max: vg.Point{X: l.width()}}}}
}

// shorten returns s cut to at most n runes with an ellipsis in the middle,
// so that names sharing a long prefix or suffix stay apart
// ("a rather long…number 17").
func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n || n < 3 {
		return s
	}
	head := (n - 1) * 2 / 3
	tail := n - 1 - head
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}
