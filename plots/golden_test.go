package plots

import (
	"bytes"
	"flag"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"testing"
)

// regen rewrites the golden images: go test ./plots/... -regen
var regen = flag.Bool("regen", false, "rewrite testdata/*_golden.png from the current code")

// Golden images are compared pixel by pixel: a pixel differs when one of
// its channels moves by more than goldenChannelTol, and the test fails
// when more than goldenShareTol of the pixels differ. This absorbs
// anti-aliasing noise but catches a moved axis, a missing bar or a
// changed colour.
const (
	goldenW, goldenH = 640, 420
	goldenChannelTol = 24
	goldenShareTol   = 0.002
)

// checkGolden renders d at w×h and compares it with testdata/<name>_golden.png
// (the gonum/plot cmpimg.CheckPlot pattern with a tolerance).
func checkGolden(t *testing.T, name string, d Drawer, w, h int) {
	t.Helper()
	got, err := PNG(d, w, h)
	if err != nil {
		t.Fatalf("%s: render: %v", name, err)
	}
	path := filepath.Join("testdata", name+"_golden.png")
	if *regen {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%s: %v (run go test -regen to create it)", name, err)
	}
	share, err := pixelDiff(got, want)
	if err != nil || share > goldenShareTol {
		out := filepath.Join(os.TempDir(), "plots_"+name+"_got.png")
		_ = os.WriteFile(out, got, 0o644)
		t.Errorf("%s: %.4f of pixels differ from %s (err %v); got image written to %s", name, share, path, err, out)
	}
}

// pixelDiff returns the share of pixels of two PNGs that differ beyond
// goldenChannelTol; images of different sizes differ completely.
func pixelDiff(a, b []byte) (float64, error) {
	ia, err := png.Decode(bytes.NewReader(a))
	if err != nil {
		return 1, err
	}
	ib, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		return 1, err
	}
	if ia.Bounds() != ib.Bounds() {
		return 1, nil
	}
	r := ia.Bounds()
	diff := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if !closeColor(ia, ib, x, y) {
				diff++
			}
		}
	}
	return float64(diff) / float64(r.Dx()*r.Dy()), nil
}

func closeColor(a, b image.Image, x, y int) bool {
	r1, g1, b1, a1 := a.At(x, y).RGBA()
	r2, g2, b2, a2 := b.At(x, y).RGBA()
	for _, d := range [][2]uint32{{r1, r2}, {g1, g2}, {b1, b2}, {a1, a2}} {
		lo, hi := min(d[0], d[1]), max(d[0], d[1])
		if (hi-lo)>>8 > goldenChannelTol {
			return false
		}
	}
	return true
}
