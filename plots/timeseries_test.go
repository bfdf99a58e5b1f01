package plots

import (
	"errors"
	"image"
	"image/color"
	"math"
	"slices"
	"strings"
	"testing"
	"time"

	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgimg"
)

// hours returns n hourly times from a Monday morning and f at each.
func hours(n int, f func(i int) float64) ([]time.Time, []float64) {
	t0 := time.Date(2025, 3, 10, 6, 0, 0, 0, time.UTC)
	ts, ys := make([]time.Time, n), make([]float64, n)
	for i := range ts {
		ts[i] = t0.Add(time.Duration(i) * time.Hour)
		ys[i] = f(i)
	}
	return ts, ys
}

// servicePanels is two days of a service as the Monitor view shows it:
// traffic, latency quantiles, and a live metric with its validation and
// test results (one hour without labelled feedback).
func servicePanels() []TimePanel {
	ts, req := hours(48, func(i int) float64 { return 200 + 80*math.Sin(float64(i)/4) })
	_, errs := hours(48, func(i int) float64 { return float64(i % 7) })
	_, p50 := hours(48, func(i int) float64 { return 12 + math.Sin(float64(i)/3) })
	_, p95 := hours(48, func(i int) float64 { return 30 + 3*math.Sin(float64(i)/3) })
	_, p99 := hours(48, func(i int) float64 { return 55 + 8*math.Cos(float64(i)/5) })
	_, acc := hours(48, func(i int) float64 { return 0.86 - 0.002*float64(i) })
	acc[10] = math.NaN()
	return []TimePanel{
		{YLabel: "requests per hour", Series: []TimeSeries{{Name: "requests", T: ts, Y: req}, {Name: "errors", T: ts, Y: errs}}, FromZero: true},
		{YLabel: "latency (ms)", Series: []TimeSeries{{Name: "p50", T: ts, Y: p50}, {Name: "p95", T: ts, Y: p95}, {Name: "p99", T: ts, Y: p99}}, FromZero: true},
		{YLabel: "accuracy", Series: []TimeSeries{{Name: "live accuracy", T: ts, Y: acc}},
			Refs: []RefLine{{Name: "validation", Y: 0.87}, {Name: "test", Y: 0.85}}},
	}
}

func TestTimePanels_Golden(t *testing.T) {
	ts, acc := hours(24*7, func(i int) float64 { return 0.9 - 0.05*math.Sin(float64(i)/30) })
	f, err := TimePanels([]TimePanel{{YLabel: "accuracy", Series: []TimeSeries{{Name: "live accuracy", T: ts, Y: acc}},
		Refs: []RefLine{{Name: "validation", Y: 0.91}}}}, TimeOptions{Title: "Live accuracy"})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "timeseries", f, goldenW, goldenH)

	f, err = TimePanels(servicePanels(), TimeOptions{Title: "The service over two days"})
	if err != nil {
		t.Fatal(err)
	}
	if want := []string{"live accuracy: 1 missing value not shown"}; !slices.Equal(f.Notes, want) {
		t.Errorf("notes %q, want %q", f.Notes, want)
	}
	checkGolden(t, "timeseries_panels", f, figW, figH)
	f, err = TimePanels(servicePanels(), TimeOptions{Title: "The service over two days", Style: Dark()})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "timeseries_panels_dark", f, figW, figH)
}

// figW, figH are the Monitor view's default figure size (ui/figure.go).
const figW, figH = 880, 600

// TestTimePanels_DirtyInput checks what is dropped, what is refused and
// that what is left draws.
func TestTimePanels_DirtyInput(t *testing.T) {
	ts, y := hours(6, func(i int) float64 { return float64(i) })
	y[1], y[2] = math.NaN(), math.Inf(1)
	ts[3] = time.Time{}
	f, err := TimePanels([]TimePanel{{Series: []TimeSeries{{Name: "rate", T: ts, Y: y}}}}, TimeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "rate: 1 missing value and 1 infinite value and 1 point without a time not shown"
	if len(f.Notes) != 1 || f.Notes[0] != want {
		t.Errorf("notes %q, want [%q]", f.Notes, want)
	}
	if _, err := PNG(f, 400, 300); err != nil {
		t.Error(err)
	}

	_, err = TimePanels([]TimePanel{{Series: []TimeSeries{{Name: "rate", T: ts, Y: y[:5]}}}}, TimeOptions{})
	if err == nil || !strings.Contains(err.Error(), `"rate"`) || errors.Is(err, ErrNothingToDraw) {
		t.Errorf("length mismatch: %v, want an error naming the series", err)
	}

	nothing := [][]TimePanel{
		nil,
		{{YLabel: "empty"}},
		{{Series: []TimeSeries{{Name: "gone", T: []time.Time{{}, ts[0]}, Y: []float64{1, math.NaN()}}}}},
		{{Refs: []RefLine{{Name: "validation", Y: 0.9}}}},
	}
	for i, panels := range nothing {
		if _, err := TimePanels(panels, TimeOptions{Title: "drift"}); !errors.Is(err, ErrNothingToDraw) {
			t.Errorf("case %d: %v, want ErrNothingToDraw", i, err)
		}
	}

	// times at the ends of what time.Time holds (UnixNano overflows there)
	far := []time.Time{time.Date(1, 1, 1, 0, 0, 0, 1, time.UTC), time.Date(9999, 12, 31, 0, 0, 0, 0, time.UTC)}
	f, err = TimePanels([]TimePanel{{Series: []TimeSeries{{Name: "far", T: far, Y: []float64{1, 2}}}}}, TimeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if lo, hi := f.Plot.X.Min, f.Plot.X.Max; !(lo < -6e10 && hi > 2.5e11) {
		t.Errorf("x range %v..%v, want years 1 to 9999", lo, hi)
	}
	if _, err := PNG(f, 400, 300); err != nil {
		t.Error(err)
	}

	// a panel with nothing beside one that draws says so
	f, err = TimePanels([]TimePanel{{YLabel: "requests", Series: []TimeSeries{{Name: "n", T: ts, Y: y}}}, {YLabel: "accuracy"}}, TimeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(f.Notes, "accuracy: nothing to draw") {
		t.Errorf("notes %q lack the empty panel", f.Notes)
	}
}

// TestTimePanels_SinglePoint checks that one point draws: a marker in an
// hour-wide axis around it, with its reference line.
func TestTimePanels_SinglePoint(t *testing.T) {
	at := time.Date(2025, 3, 10, 6, 0, 0, 0, time.UTC)
	f, err := TimePanels([]TimePanel{{Series: []TimeSeries{{Name: "accuracy", T: []time.Time{at}, Y: []float64{0.8}}},
		Refs: []RefLine{{Name: "test", Y: 0.9}, {Name: "bad", Y: math.NaN()}}}}, TimeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	p := f.Plot
	x := unixSeconds(at)
	if p.X.Min != x-1800 || p.X.Max != x+1800 {
		t.Errorf("x range %v..%v, want an hour around %v", p.X.Min, p.X.Max, x)
	}
	if !(p.Y.Min <= 0.8 && p.Y.Max >= 0.9) {
		t.Errorf("y range %v..%v does not hold the point and the reference", p.Y.Min, p.Y.Max)
	}
	img, err := Image(f, 400, 300)
	if err != nil {
		t.Fatal(err)
	}
	// the marker is drawn in the first palette colour
	if n := countColor(img, Light().Color(0)); n < 10 {
		t.Errorf("%d pixels of the series colour, want a visible marker", n)
	}
}

// TestTimePanels_ShortPanels checks that a panel squeezed to a few points
// of data height keeps its data area inside its canvas (a legend that
// took height once made gonum/plot's padding divide by almost zero there,
// and the panel drew over the next).
func TestTimePanels_ShortPanels(t *testing.T) {
	f, err := TimePanels(servicePanels(), TimeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	canvas := func(h vg.Length) draw.Canvas {
		return draw.Canvas{Canvas: vgimg.New(300, h), Rectangle: vg.Rectangle{Max: vg.Point{X: 300, Y: h}}}
	}
	for i, row := range f.Grid {
		p := row[0]
		d := p.DataCanvas(canvas(400))
		over := 400 - (d.Max.Y - d.Min.Y)        // title and axis
		for dh := vg.Length(8); dh <= 40; dh++ { // below 8pt the markers' padding fills it
			h := over + dh
			d := p.DataCanvas(canvas(h))
			if !(d.Min.Y >= 0 && d.Max.Y <= h && d.Min.Y < d.Max.Y) {
				t.Errorf("panel %d at %.1fpt: data area %v outside 0..%.1f", i, h, d.Rectangle, h)
			}
		}
	}
}

// TestTimePanels_Unsorted checks that a line is drawn in time order and
// broken at a missing value.
func TestTimePanels_Unsorted(t *testing.T) {
	ts, y := hours(5, func(i int) float64 { return float64(i) })
	slices.Reverse(ts)
	slices.Reverse(y)
	y[2] = math.NaN()
	pts, _ := seriesPoints(TimeSeries{T: ts, Y: y})
	segs := segments(pts)
	if len(segs) != 2 || len(segs[0]) != 2 || len(segs[1]) != 2 {
		t.Fatalf("segments %v, want two of two points", segs)
	}
	for k, want := range [][2]float64{{0, 1}, {3, 4}} {
		sg := segs[k]
		if !(sg[0].X < sg[1].X) || sg[0].Y != want[0] || sg[1].Y != want[1] {
			t.Errorf("segment %d is %v, want values %v in time order", k, sg, want)
		}
	}
}

// TestTimeTicks_RoundTimes checks the time axis: round UTC times for
// spans from seconds to years, the date under the first tick and where
// it changes, and blank labels on a panel above another.
func TestTimeTicks_RoundTimes(t *testing.T) {
	day := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	cases := []struct {
		from, to time.Time
		labels   []string
	}{
		{day.Add(6 * time.Hour), day.Add(54 * time.Hour), []string{"12:00\nMar 10", "00:00\nMar 11", "12:00", "00:00\nMar 12"}},
		{day.Add(9*time.Hour + 7*time.Minute), day.Add(10*time.Hour + 2*time.Minute), []string{"09:10\nMar 10", "09:20", "09:30", "09:40", "09:50", "10:00"}},
		{day.Add(30 * time.Second), day.Add(70 * time.Second), []string{"00:00:30\nMar 10", "00:00:40", "00:00:50", "00:01:00", "00:01:10"}},
		{day, day.AddDate(0, 0, 28), []string{"Mar 10\n2025", "Mar 17", "Mar 24", "Mar 31", "Apr 7"}}, // Mondays
		{day, day.AddDate(0, 5, 0), []string{"Apr\n2025", "May", "Jun", "Jul", "Aug"}},
		{day, day.AddDate(30, 0, 0), []string{"2030", "2035", "2040", "2045", "2050", "2055"}},
	}
	for _, c := range cases {
		var got []string
		for _, tk := range (timeTicks{}).Ticks(unixSeconds(c.from), unixSeconds(c.to)) {
			got = append(got, tk.Label)
		}
		if !slices.Equal(got, c.labels) {
			t.Errorf("%v to %v: ticks %q, want %q", c.from, c.to, got, c.labels)
		}
	}
	for _, tk := range (timeTicks{hide: true}).Ticks(unixSeconds(day), unixSeconds(day.Add(5*time.Hour))) {
		if tk.Label != " " {
			t.Errorf("hidden tick label %q", tk.Label)
		}
	}
	// extreme and empty ranges end and stay few
	for _, r := range [][2]float64{{-9e18, 9e18}, {0, 0}, {1, math.NaN()}, {1e9, 1e9 + 1e-3}, {-6e10, -5e10}} {
		if n := len((timeTicks{}).Ticks(r[0], r[1])); n > maxTimeTicks+2 {
			t.Errorf("%v: %d ticks", r, n)
		}
	}
}

// timeBuilder makes a time series of a dirty column for the shared
// dirty-input and fuzz tables: the values are the seconds after a fixed
// time (a zero time where they are not finite or out of range) and the
// values themselves.
func timeBuilder(v []float64) (*Figure, error) {
	base := time.Date(2025, 3, 10, 0, 0, 0, 0, time.UTC)
	ts := make([]time.Time, len(v))
	for i, x := range v {
		if isFinite(x) && math.Abs(x) < 1e9 {
			ts[i] = base.Add(time.Duration(x * float64(time.Second)))
		}
	}
	return TimePanels([]TimePanel{
		{YLabel: "a", Series: []TimeSeries{{Name: "x", T: ts, Y: v}}, Refs: []RefLine{{Name: "r", Y: firstOr(v, 1)}}, FromZero: true},
		{YLabel: "b", Series: []TimeSeries{{Name: "y", T: ts, Y: v}, {Name: "z", T: ts[:len(ts)/2], Y: v[:len(v)/2]}}},
	}, TimeOptions{})
}

// countColor counts the pixels of img within a few levels of c.
func countColor(img image.Image, c color.Color) int {
	r0, g0, b0, _ := c.RGBA()
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if absDiff(r, r0) < 2048 && absDiff(g, g0) < 2048 && absDiff(bl, b0) < 2048 {
				n++
			}
		}
	}
	return n
}

func absDiff(a, b uint32) uint32 { return max(a, b) - min(a, b) }

func firstOr(v []float64, d float64) float64 {
	if len(v) == 0 {
		return d
	}
	return v[0]
}
