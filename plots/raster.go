package plots

import (
	"image"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg/draw"
)

// rasterPoints draws many points into one RGBA image the size of the data
// area, at the output resolution, and adds it as a single image: drawing a
// million points this way takes tens of milliseconds where one vector
// glyph per point takes many seconds.
type rasterPoints struct {
	x, y   []float64     // finite coordinates
	idx    []uint16      // colour index per point; nil means colors[0]
	colors []color.NRGBA // straight (not premultiplied) colours
	alpha  float64       // opacity of one point, 0..1
	radius float64       // in pixels
	xr, yr [2]float64    // data range
}

// newRasterPoints returns a plotter for finite x, y; the size and opacity
// of a point follow the number of points.
func newRasterPoints(x, y []float64, idx []uint16, colors []color.NRGBA) *rasterPoints {
	r := &rasterPoints{x: x, y: y, idx: idx, colors: colors}
	n := float64(len(x))
	r.radius = math.Max(1.1, math.Min(3.2, 3.2-0.45*math.Log10(math.Max(n, 1)/100)))
	r.alpha = math.Max(0.25, math.Min(0.85, 0.85-0.15*math.Log10(math.Max(n, 1)/300)))
	if len(x) > 0 {
		r.xr[0], r.xr[1] = pad(widen(span(x)))
		r.yr[0], r.yr[1] = pad(widen(span(y)))
	}
	return r
}

// DataRange implements plot.DataRanger.
func (r *rasterPoints) DataRange() (xmin, xmax, ymin, ymax float64) {
	if len(r.x) == 0 {
		return math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	}
	return r.xr[0], r.xr[1], r.yr[0], r.yr[1]
}

// canvasDPI is the resolution of c's backend, or twice DPI for vector
// backends so that embedded images stay sharp.
func canvasDPI(c draw.Canvas) float64 {
	if d, ok := c.Canvas.(interface{ DPI() float64 }); ok {
		return d.DPI()
	}
	return 2 * DPI
}

// Plot implements plot.Plotter.
func (r *rasterPoints) Plot(c draw.Canvas, p *plot.Plot) {
	dpi := canvasDPI(c)
	size := c.Rectangle.Size()
	w, h := int(math.Ceil(size.X.Dots(dpi))), int(math.Ceil(size.Y.Dots(dpi)))
	if w <= 0 || h <= 0 || len(r.x) == 0 {
		return
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	tx, ty := p.Transforms(&c)
	stamp := discStamp(r.radius)
	pm := premultiplied(r.colors, r.alpha)
	for i := range r.x {
		px := (tx(r.x[i]) - c.Min.X).Dots(dpi)
		py := float64(h) - (ty(r.y[i]) - c.Min.Y).Dots(dpi)
		k := 0
		if r.idx != nil {
			k = int(r.idx[i])
		}
		stamp.draw(img, int(math.Round(px)), int(math.Round(py)), pm[k])
	}
	c.DrawImage(c.Rectangle, img)
}

// premul is a colour with premultiplied channels scaled to 0..1.
type premul struct{ r, g, b, a float64 }

func premultiplied(cs []color.NRGBA, alpha float64) []premul {
	out := make([]premul, len(cs))
	for i, c := range cs {
		a := alpha * float64(c.A) / 255
		out[i] = premul{float64(c.R) * a, float64(c.G) * a, float64(c.B) * a, a * 255}
	}
	return out
}

// stamp is an anti-aliased disc: pixel offsets and their coverage.
type stamp struct {
	dx, dy []int
	cover  []float64
}

func discStamp(radius float64) stamp {
	var s stamp
	reach := int(math.Ceil(radius + 0.5))
	for dy := -reach; dy <= reach; dy++ {
		for dx := -reach; dx <= reach; dx++ {
			cov := radius + 0.5 - math.Hypot(float64(dx), float64(dy))
			if cov <= 0 {
				continue
			}
			s.dx, s.dy, s.cover = append(s.dx, dx), append(s.dy, dy), append(s.cover, math.Min(cov, 1))
		}
	}
	return s
}

// draw composites the stamp centred at (x, y) with colour c ("over").
func (s stamp) draw(img *image.RGBA, x, y int, c premul) {
	b := img.Rect
	for k, cov := range s.cover {
		px, py := x+s.dx[k], y+s.dy[k]
		if px < b.Min.X || py < b.Min.Y || px >= b.Max.X || py >= b.Max.Y {
			continue
		}
		o := img.PixOffset(px, py)
		p := img.Pix[o : o+4 : o+4]
		keep := 1 - cov*c.a/255
		p[0] = uint8(float64(p[0])*keep + c.r*cov + 0.5)
		p[1] = uint8(float64(p[1])*keep + c.g*cov + 0.5)
		p[2] = uint8(float64(p[2])*keep + c.b*cov + 0.5)
		p[3] = uint8(float64(p[3])*keep + c.a*cov + 0.5)
	}
}

// swatch is a legend thumbnail: a filled circle.
type swatch struct{ c color.Color }

// Thumbnail implements plot.Thumbnailer.
func (s swatch) Thumbnail(c *draw.Canvas) {
	r := (c.Max.Y - c.Min.Y) / 2.5
	c.DrawGlyphNoClip(draw.GlyphStyle{Color: s.c, Radius: r, Shape: draw.CircleGlyph{}}, c.Center())
}

// nrgba converts any colour to straight (non-premultiplied) colour.
func nrgba(c color.Color) color.NRGBA {
	return color.NRGBAModel.Convert(c).(color.NRGBA)
}

// pad widens lo..hi by 3% on each side so that points at the ends are not
// cut by the edge of the data area.
func pad(lo, hi float64) (float64, float64) {
	d := 0.03 * (hi - lo)
	return lo - d, hi + d
}
