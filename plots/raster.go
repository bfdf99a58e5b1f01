package plots

import (
	"image"
	"image/color"
	stdraw "image/draw"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
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

// backend returns the vg.Canvas under any number of draw.Crop wrappers.
func backend(c draw.Canvas) vg.Canvas {
	v := c.Canvas
	for {
		d, ok := v.(draw.Canvas)
		if !ok {
			return v
		}
		v = d.Canvas
	}
}

// canvasDPI is the resolution of c's backend, or twice DPI for vector
// backends so that embedded images stay sharp.
func canvasDPI(c draw.Canvas) float64 {
	if d, ok := backend(c).(interface{ DPI() float64 }); ok {
		return d.DPI()
	}
	return 2 * DPI
}

// pixelBox returns the whole-pixel box covering r at dpi, in the
// coordinates of a vgimg image of height imgH pixels (y down).
func pixelBox(r vg.Rectangle, dpi float64, imgH int) image.Rectangle {
	return image.Rect(
		int(math.Floor(r.Min.X.Dots(dpi))), imgH-int(math.Ceil(r.Max.Y.Dots(dpi))),
		int(math.Ceil(r.Max.X.Dots(dpi))), imgH-int(math.Floor(r.Min.Y.Dots(dpi))))
}

// target describes where a raster layer for the data area r goes: a pixel
// box, and for bitmap backends the image to composite onto directly (no
// resampling, which costs more than drawing the points).
type target struct {
	box  image.Rectangle // in backend pixels; for vector backends from 0,0
	dst  stdraw.Image    // nil: use c.DrawImage
	rect vg.Rectangle    // r snapped to box, for DrawImage
	dpi  float64
}

func rasterTarget(c draw.Canvas, r vg.Rectangle) target {
	dpi := canvasDPI(c)
	if vc, ok := backend(c).(*vgimg.Canvas); ok {
		img := vc.Image()
		return target{box: pixelBox(r, dpi, img.Bounds().Dy()), dst: img, dpi: dpi}
	}
	box := pixelBox(r, dpi, 0)
	w, h := box.Dx(), box.Dy()
	return target{box: image.Rect(0, 0, w, h), rect: r, dpi: dpi}
}

// toPixel maps a point in canvas lengths to a position inside the box.
func (t target) toPixel(p vg.Point) (float64, float64) {
	if t.dst != nil {
		return p.X.Dots(t.dpi) - float64(t.box.Min.X), float64(t.dst.Bounds().Dy()) - p.Y.Dots(t.dpi) - float64(t.box.Min.Y)
	}
	return (p.X - t.rect.Min.X).Dots(t.dpi), float64(t.box.Dy()) - (p.Y - t.rect.Min.Y).Dots(t.dpi)
}

// put draws the layer img (sized like the box) onto the canvas.
func (t target) put(c draw.Canvas, img *image.RGBA) {
	if t.dst != nil {
		stdraw.Draw(t.dst, t.box, img, image.Point{}, stdraw.Over)
		return
	}
	c.DrawImage(t.rect, img)
}

// Plot implements plot.Plotter.
func (r *rasterPoints) Plot(c draw.Canvas, p *plot.Plot) {
	if !(c.Max.X > c.Min.X && c.Max.Y > c.Min.Y) { // no room left for data
		return
	}
	t := rasterTarget(c, c.Rectangle)
	w, h := t.box.Dx(), t.box.Dy()
	if w <= 0 || h <= 0 || len(r.x) == 0 {
		return
	}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	tx, ty := p.Transforms(&c)
	fx, fy := affine(p.X, tx), affine(p.Y, ty)
	stamp := discStamp(r.radius)
	pm := premultiplied(r.colors, r.alpha)
	for i := range r.x {
		px, py := t.toPixel(vg.Point{X: fx(r.x[i]), Y: fy(r.y[i])})
		if !(math.Abs(px) < 1e7 && math.Abs(py) < 1e7) { // far off (or NaN): not drawn
			continue
		}
		k := 0
		if r.idx != nil {
			k = int(r.idx[i])
		}
		stamp.draw(img, int(px), int(py), &pm[k])
	}
	t.put(c, img)
}

// premul is a colour with premultiplied 8-bit channels and alpha.
type premul struct{ r, g, b, a uint32 }

func premultiplied(cs []color.NRGBA, alpha float64) []premul {
	out := make([]premul, len(cs))
	for i, c := range cs {
		a := alpha * float64(c.A) / 255
		out[i] = premul{uint32(float64(c.R)*a + 0.5), uint32(float64(c.G)*a + 0.5), uint32(float64(c.B)*a + 0.5), uint32(a*255 + 0.5)}
	}
	return out
}

// stamp is an anti-aliased disc: pixel offsets and their coverage in
// 0..256.
type stamp struct {
	dx, dy []int
	cover  []uint32
	reach  int
}

func discStamp(radius float64) stamp {
	s := stamp{reach: int(math.Ceil(radius + 0.5))}
	for dy := -s.reach; dy <= s.reach; dy++ {
		for dx := -s.reach; dx <= s.reach; dx++ {
			cov := radius + 0.5 - math.Hypot(float64(dx), float64(dy))
			if cov <= 0 {
				continue
			}
			s.dx, s.dy = append(s.dx, dx), append(s.dy, dy)
			s.cover = append(s.cover, uint32(math.Min(cov, 1)*256+0.5))
		}
	}
	return s
}

// draw composites the stamp centred at (x, y) with colour c ("over") in
// 16.16 fixed point: out = dst·(1 − cov·a) + src·cov, shifts only.
func (s stamp) draw(img *image.RGBA, x, y int, c *premul) {
	b := img.Rect
	inside := x-s.reach >= b.Min.X && y-s.reach >= b.Min.Y && x+s.reach < b.Max.X && y+s.reach < b.Max.Y
	for k, cov := range s.cover {
		px, py := x+s.dx[k], y+s.dy[k]
		if !inside && (px < b.Min.X || py < b.Min.Y || px >= b.Max.X || py >= b.Max.Y) {
			continue
		}
		o := (py-b.Min.Y)*img.Stride + (px-b.Min.X)*4
		p := img.Pix[o : o+4 : o+4]
		f := cov * c.a // 0..65280
		keep := 65536 - f - f>>8
		p[0] = uint8((uint32(p[0])*keep + c.r*cov<<8) >> 16)
		p[1] = uint8((uint32(p[1])*keep + c.g*cov<<8) >> 16)
		p[2] = uint8((uint32(p[2])*keep + c.b*cov<<8) >> 16)
		p[3] = uint8((uint32(p[3])*keep + c.a*cov<<8) >> 16)
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

// affine returns the axis transform as a multiply-add when the axis is
// linear (the usual case, and the only one worth speeding up for a million
// points), else the transform itself.
func affine(a plot.Axis, t func(float64) vg.Length) func(float64) vg.Length {
	if _, ok := a.Scale.(plot.LinearScale); !ok || !(a.Max > a.Min) {
		return t
	}
	t0, t1 := t(a.Min), t(a.Max)
	k := (t1 - t0) / vg.Length(a.Max-a.Min)
	return func(v float64) vg.Length { return t0 + vg.Length(v-a.Min)*k }
}
