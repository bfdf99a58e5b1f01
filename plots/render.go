package plots

import (
	"bytes"
	"fmt"
	"image"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
	"gonum.org/v1/plot/vg/vgsvg"
)

// DPI is the resolution the renderers assume: one pixel is 72/DPI points,
// so a 10-point font is about 13 pixels tall.
const DPI = 96

// maxSide bounds the width and height of a rendering, in pixels.
const maxSide = 16384

// pxToLength converts pixels to a vg.Length at DPI.
func pxToLength(px int) vg.Length { return vg.Length(px) * vg.Inch / DPI }

func checkSize(d Drawer, w, h int) error {
	if d == nil {
		return fmt.Errorf("plots: nil figure")
	}
	if w <= 0 || h <= 0 || w > maxSide || h > maxSide {
		return fmt.Errorf("plots: size %dx%d pixels is outside 1..%d", w, h, maxSide)
	}
	return nil
}

// drawSafely draws d onto c and turns a panic inside gonum/plot into an error.
func drawSafely(d Drawer, c draw.Canvas) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("plots: drawing failed: %v", r)
		}
	}()
	d.Draw(c)
	return nil
}

// Image renders d into a new w×h-pixel image.
func Image(d Drawer, w, h int) (image.Image, error) {
	return ImageScaled(d, w, h, 1)
}

// ImageScaled renders d into a new w×h-pixel image for a screen whose
// pixels are scale times denser than DPI (a HiDPI display, or Fyne's scale
// setting): the figure is laid out as at w/scale × h/scale pixels, with
// fonts and lines at their usual size, and drawn with scale times the
// detail. A scale of 1 (or less than 0.25, or NaN) renders as Image.
func ImageScaled(d Drawer, w, h int, scale float64) (image.Image, error) {
	if err := checkSize(d, w, h); err != nil {
		return nil, err
	}
	if !(scale >= 0.25) || scale > 8 {
		scale = 1
	}
	dpi := int(math.Round(DPI * scale))
	size := func(px int) vg.Length { return vg.Length(px) * vg.Inch / vg.Length(dpi) }
	c := vgimg.NewWith(vgimg.UseWH(size(w), size(h)), vgimg.UseDPI(dpi))
	if err := drawSafely(d, draw.New(c)); err != nil {
		return nil, err
	}
	return c.Image(), nil
}

// PNG renders d as a w×h-pixel PNG file's bytes.
func PNG(d Drawer, w, h int) ([]byte, error) {
	img, err := Image(d, w, h)
	if err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("plots: encoding PNG: %w", err)
	}
	return buf.Bytes(), nil
}

// SVG renders d as an SVG document of w×h pixels (at DPI). Fonts are
// embedded, so the file looks the same on machines without them.
func SVG(d Drawer, w, h int) ([]byte, error) {
	if err := checkSize(d, w, h); err != nil {
		return nil, err
	}
	c := vgsvg.NewWith(vgsvg.UseWH(pxToLength(w), pxToLength(h)), vgsvg.EmbedFonts(true))
	if err := drawSafely(d, draw.New(c)); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if _, err := c.WriteTo(&buf); err != nil {
		return nil, fmt.Errorf("plots: encoding SVG: %w", err)
	}
	return buf.Bytes(), nil
}

// Save renders d at w×h pixels into path, as PNG or SVG by the file's
// extension (.png, .svg, case-insensitive).
func Save(d Drawer, path string, w, h int) error {
	var b []byte
	var err error
	switch ext := strings.ToLower(filepath.Ext(path)); ext {
	case ".png":
		b, err = PNG(d, w, h)
	case ".svg":
		b, err = SVG(d, w, h)
	default:
		return fmt.Errorf("plots: saving %s: unknown format %q (use .png or .svg)", path, ext)
	}
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("plots: saving: %w", err)
	}
	return nil
}
