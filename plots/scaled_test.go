package plots

import (
	"image"
	"math"
	"testing"
)

// halve averages 2×2 blocks of m's grey levels into an image of half the
// size, as a 2× screen's pixels look from a 1× distance.
func halve(m image.Image) [][]float64 {
	b := m.Bounds()
	w, h := b.Dx()/2, b.Dy()/2
	out := make([][]float64, h)
	for y := 0; y < h; y++ {
		out[y] = make([]float64, w)
		for x := 0; x < w; x++ {
			s := 0.0
			for dy := 0; dy < 2; dy++ {
				for dx := 0; dx < 2; dx++ {
					r, g, bl, _ := m.At(b.Min.X+2*x+dx, b.Min.Y+2*y+dy).RGBA()
					s += float64(r+g+bl) / 3 / 65535
				}
			}
			out[y][x] = s / 4
		}
	}
	return out
}

func grey(m image.Image) [][]float64 {
	b := m.Bounds()
	out := make([][]float64, b.Dy())
	for y := range out {
		out[y] = make([]float64, b.Dx())
		for x := range out[y] {
			r, g, bl, _ := m.At(b.Min.X+x, b.Min.Y+y).RGBA()
			out[y][x] = float64(r+g+bl) / 3 / 65535
		}
	}
	return out
}

func meanAbsDiff(a, b [][]float64) float64 {
	s, n := 0.0, 0
	for y := range a {
		for x := range a[y] {
			s += math.Abs(a[y][x] - b[y][x])
			n++
		}
	}
	return s / float64(n)
}

// TestImageScaled_LaysOutAsAtOneTimes: a figure rendered at twice the
// pixels with scale 2 is the 1× figure with more detail (the same layout,
// text and lines), while twice the pixels at scale 1 is a different,
// smaller-looking layout.
func TestImageScaled_LaysOutAsAtOneTimes(t *testing.T) {
	f, err := Scatter([]float64{1, 2, 3, 4, 5}, []float64{3, 1, 2, 5, 4}, ScatterOptions{Trend: true, Title: "trend", XLabel: "x", YLabel: "y"})
	if err != nil {
		t.Fatal(err)
	}
	one, err := Image(f, 300, 200)
	if err != nil {
		t.Fatal(err)
	}
	sharp, err := ImageScaled(f, 600, 400, 2)
	if err != nil {
		t.Fatal(err)
	}
	big, err := Image(f, 600, 400)
	if err != nil {
		t.Fatal(err)
	}
	if b := sharp.Bounds(); b.Dx() != 600 || b.Dy() != 400 {
		t.Fatalf("scaled image is %v, want 600×400", b)
	}
	ref := grey(one)
	same, other := meanAbsDiff(halve(sharp), ref), meanAbsDiff(halve(big), ref)
	t.Logf("mean grey difference to the 1× figure: scale 2 %.4f, plain 2× %.4f", same, other)
	if same > 0.02 || other < 3*same {
		t.Fatalf("scale 2 differs from 1× by %.4f (want < 0.02 and under a third of plain 2×'s %.4f)", same, other)
	}
	if plain, _ := ImageScaled(f, 300, 200, math.NaN()); meanAbsDiff(grey(plain), ref) != 0 {
		t.Fatal("a NaN scale does not render as Image")
	}
}
