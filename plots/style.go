package plots

import (
	"image/color"
	"math"
	"strconv"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// Style is the look of a figure: colours and the base font size. The zero
// Style is the Light style, so options structs can leave it unset.
type Style struct {
	Background color.Color // canvas and plot area
	Foreground color.Color // text, axes, outlines
	Muted      color.Color // notes, reference lines, grid-free accents
	Grid       color.Color // grid lines; nil draws no grid
	Missing    color.Color // cells, points or bars that stand for missing values
	// Palette colours the categories (classes, series) in order; indices past
	// its end wrap around. Nil or empty means OkabeIto.
	Palette []color.Color
	// FontSize is the size of tick labels and legends; titles are 1.2 times
	// larger and notes 0.9 times. Zero means 10 points.
	FontSize vg.Length
	// Dark reports a dark background; diverging and sequential colour maps
	// fade to the background so that they stay legible.
	Dark bool
}

// OkabeIto is the colour-blind-safe categorical palette of Okabe and Ito
// (2008, "Color Universal Design"), black left out and ordered so that the
// first colours are the most distinct.
var OkabeIto = []color.Color{
	color.RGBA{0x00, 0x72, 0xB2, 0xFF}, // blue
	color.RGBA{0xE6, 0x9F, 0x00, 0xFF}, // orange
	color.RGBA{0x00, 0x9E, 0x73, 0xFF}, // bluish green
	color.RGBA{0xD5, 0x5E, 0x00, 0xFF}, // vermillion
	color.RGBA{0xCC, 0x79, 0xA7, 0xFF}, // reddish purple
	color.RGBA{0x56, 0xB4, 0xE9, 0xFF}, // sky blue
	color.RGBA{0xF0, 0xE4, 0x42, 0xFF}, // yellow
	color.RGBA{0x99, 0x99, 0x99, 0xFF}, // grey
}

// okabeItoDark is OkabeIto reordered for dark backgrounds, where the dark
// blue is hard to see.
var okabeItoDark = []color.Color{
	OkabeIto[5], OkabeIto[1], OkabeIto[2], OkabeIto[3], OkabeIto[4], OkabeIto[6], OkabeIto[0], OkabeIto[7],
}

// Light returns the default style: dark text on white.
func Light() Style {
	return Style{
		Background: color.White,
		Foreground: color.RGBA{0x22, 0x22, 0x22, 0xFF},
		Muted:      color.RGBA{0x77, 0x77, 0x77, 0xFF},
		Grid:       color.RGBA{0xE4, 0xE4, 0xE4, 0xFF},
		Missing:    color.RGBA{0xC8, 0xC8, 0xC8, 0xFF},
		Palette:    OkabeIto,
		FontSize:   10,
	}
}

// Dark returns a style for dark application themes: light text on a near
// black background.
func Dark() Style {
	return Style{
		Background: color.RGBA{0x1E, 0x1F, 0x22, 0xFF},
		Foreground: color.RGBA{0xE8, 0xE8, 0xE8, 0xFF},
		Muted:      color.RGBA{0xA0, 0xA0, 0xA0, 0xFF},
		Grid:       color.RGBA{0x38, 0x3A, 0x3F, 0xFF},
		Missing:    color.RGBA{0x55, 0x57, 0x5C, 0xFF},
		Palette:    okabeItoDark,
		FontSize:   10,
		Dark:       true,
	}
}

// norm fills the unset fields of s from Light (or Dark when s.Dark).
func (s Style) norm() Style {
	base := Light()
	if s.Dark {
		base = Dark()
	}
	if s.Background == nil {
		s.Background = base.Background
	}
	if s.Foreground == nil {
		s.Foreground = base.Foreground
	}
	if s.Muted == nil {
		s.Muted = base.Muted
	}
	if s.Missing == nil {
		s.Missing = base.Missing
	}
	if s.Grid == nil && s.Background == base.Background {
		s.Grid = base.Grid
	}
	if len(s.Palette) == 0 {
		s.Palette = base.Palette
	}
	if s.FontSize <= 0 {
		s.FontSize = base.FontSize
	}
	return s
}

// Color returns the palette colour for category i (wrapping around); a
// negative i (a missing category) gets the Missing colour.
func (s Style) Color(i int) color.Color {
	s = s.norm()
	if i < 0 {
		return s.Missing
	}
	return s.Palette[i%len(s.Palette)]
}

// sansFont is Liberation Sans, embedded in gonum/plot: nothing is loaded
// at run time.
var sansFont = font.Font{Typeface: "Liberation", Variant: "Sans"}

// font returns the default font at scale times the base size.
func (s Style) font(scale float64) font.Font {
	return font.From(sansFont, vg.Length(float64(s.FontSize)*scale))
}

// newPlot returns an empty plot dressed in s, with title and axis labels.
func (s Style) newPlot(title, xlabel, ylabel string) *plot.Plot {
	p := plot.New()
	p.BackgroundColor = s.Background
	p.Title.Text = title
	p.Title.TextStyle.Color = s.Foreground
	p.Title.TextStyle.Font = s.font(1.2)
	p.Title.Padding = s.FontSize * 0.6
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Color = s.Foreground
		a.LineStyle.Color = s.Foreground
		a.Label.TextStyle.Color = s.Foreground
		a.Label.TextStyle.Font = s.font(1.05)
		a.Tick.Color = s.Foreground
		a.Tick.LineStyle.Color = s.Foreground
		a.Tick.Label.Color = s.Foreground
		a.Tick.Label.Font = s.font(0.95)
	}
	p.X.Tick.Marker = cleanTicks{}
	p.Y.Tick.Marker = cleanTicks{}
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	p.Legend.TextStyle.Color = s.Foreground
	p.Legend.TextStyle.Font = s.font(0.95)
	p.Legend.Top = true
	if s.Grid != nil {
		g := plotter.NewGrid()
		g.Horizontal.Color = s.Grid
		g.Vertical.Color = s.Grid
		g.Horizontal.Width = vg.Points(0.6)
		g.Vertical.Width = vg.Points(0.6)
		p.Add(g)
	}
	return p
}

// line returns a solid line style of colour c and width w points.
func line(c color.Color, w float64) draw.LineStyle {
	return draw.LineStyle{Color: c, Width: vg.Points(w)}
}

// dashed returns a dashed line style of colour c.
func dashed(c color.Color, w float64) draw.LineStyle {
	l := line(c, w)
	l.Dashes = []vg.Length{vg.Points(4), vg.Points(3)}
	return l
}

// mix returns a*(1-t) + b*t channel by channel, opaque.
func mix(a, b color.Color, t float64) color.RGBA {
	t = math.Max(0, math.Min(1, t))
	ar, ag, ab, _ := a.RGBA()
	br, bg, bb, _ := b.RGBA()
	f := func(x, y uint32) uint8 {
		return uint8((float64(x)*(1-t) + float64(y)*t) / 257)
	}
	return color.RGBA{f(ar, br), f(ag, bg), f(ab, bb), 0xFF}
}

// luminance returns the relative luminance of c in 0..1 (ITU-R BT.709
// weights on the gamma-encoded channels, good enough to pick a text colour).
func luminance(c color.Color) float64 {
	r, g, b, _ := c.RGBA()
	return (0.2126*float64(r) + 0.7152*float64(g) + 0.0722*float64(b)) / 65535
}

// textOn returns black or white, whichever reads better on background c.
func textOn(c color.Color) color.Color {
	if luminance(c) > 0.5 {
		return color.Black
	}
	return color.White
}

// Diverging colour map ends (ColorBrewer RdBu 11-class end points).
var (
	divNeg = color.RGBA{0x21, 0x66, 0xAC, 0xFF}
	divPos = color.RGBA{0xB2, 0x18, 0x2B, 0xFF}
)

// diverging maps v in [-1, 1] to blue–neutral–red; the neutral is near the
// background so that zero correlation fades out.
func (s Style) diverging(v float64) color.RGBA {
	mid := color.Color(color.RGBA{0xF7, 0xF7, 0xF7, 0xFF})
	if s.Dark {
		mid = color.RGBA{0x3A, 0x3B, 0x40, 0xFF}
	}
	if v < 0 {
		return mix(mid, divNeg, -v)
	}
	return mix(mid, divPos, v)
}

// sequential maps t in [0, 1] from near the background to a blue.
func (s Style) sequential(t float64) color.RGBA {
	lo, hi := color.Color(color.RGBA{0xF4, 0xF7, 0xFB, 0xFF}), color.Color(color.RGBA{0x08, 0x51, 0x9C, 0xFF})
	if s.Dark { // a lighter blue keeps the contrast with a dark background
		lo, hi = color.RGBA{0x2A, 0x2C, 0x31, 0xFF}, color.RGBA{0x4A, 0x98, 0xD0, 0xFF}
	}
	return mix(lo, hi, t)
}

// Aliases keep plotter signatures short.
type (
	drawCanvas = draw.Canvas
	lineStyle  = draw.LineStyle
)

// withAlpha returns c with alpha a (premultiplied).
func withAlpha(c color.Color, a uint8) color.Color {
	r, g, b, _ := c.RGBA()
	f := float64(a) / 255
	return color.RGBA{uint8(float64(r>>8) * f), uint8(float64(g>>8) * f), uint8(float64(b>>8) * f), a}
}

type plotTick = plot.Tick

// defaultTicks are gonum/plot's default tick marks.
func defaultTicks(lo, hi float64) []plot.Tick { return plot.DefaultTicks{}.Ticks(lo, hi) }

// cleanTicks are gonum/plot's default ticks with labels in the shortest
// form ("500" rather than "500.00").
type cleanTicks struct{}

// Ticks implements plot.Ticker.
func (cleanTicks) Ticks(lo, hi float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(lo, hi)
	for i, t := range ts {
		if t.Label != "" {
			ts[i].Label = strconv.FormatFloat(t.Value, 'g', 6, 64)
		}
	}
	return ts
}

// valueTicks labels exactly the given values (a log axis of settings).
type valueTicks []float64

// Ticks implements plot.Ticker.
func (v valueTicks) Ticks(lo, hi float64) []plot.Tick {
	var ts []plot.Tick
	for _, x := range v {
		if x >= lo && x <= hi {
			ts = append(ts, plot.Tick{Value: x, Label: strconv.FormatFloat(x, 'g', 4, 64)})
		}
	}
	return ts
}
