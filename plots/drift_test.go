package plots

import (
	"errors"
	"math"
	"strings"
	"testing"
	"time"
)

// agePair is a training and a shifted window distribution of an age-like
// column on 20 common bins, as monitor.Distribution gives them.
func agePair() (edges, training, window []float64) {
	edges = make([]float64, 21)
	for i := range edges {
		edges[i] = float64(i) * 5
	}
	training, window = make([]float64, 20), make([]float64, 20)
	var st, sw float64
	for i := range 20 {
		x := float64(i)*5 + 2.5
		training[i] = math.Exp(-(x - 30) * (x - 30) / 300)
		window[i] = math.Exp(-(x - 55) * (x - 55) / 300)
		st, sw = st+training[i], sw+window[i]
	}
	for i := range 20 {
		training[i] /= st
		window[i] /= sw
	}
	return edges, training, window
}

func TestDriftNumeric_Golden(t *testing.T) {
	e, tr, w := agePair()
	f, err := DriftNumeric(e, tr, w, DriftOptions{Title: "age: training and recent requests", XLabel: "age"})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "drift_numeric", f, goldenW, goldenH)
}

func TestDriftLevels_GoldenAndNewLevels(t *testing.T) {
	levels := []string{"male", "female", "F", "M", "other"}
	f, err := DriftLevels(levels, []float64{0.64, 0.36, 0, 0, 0}, []float64{0.3, 0.2, 0.2, 0.3, 0}, DriftOptions{Title: "sex", XLabel: "sex"})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "drift_levels", f, goldenW, goldenH)
	var labels []string
	for _, tk := range f.Plot.X.Tick.Marker.Ticks(f.Plot.X.Min, f.Plot.X.Max) {
		labels = append(labels, tk.Label)
	}
	got := strings.Join(labels, "|")
	if !strings.Contains(got, "F (new)") || !strings.Contains(got, "M (new)") || strings.Contains(got, "male (new)") {
		t.Errorf("level labels %q: the window's new levels must be marked, the training ones not", got)
	}
	// Many long levels turn horizontal and fold the tail into one bar.
	var many []string
	var a, b []float64
	for i := range 40 {
		many = append(many, strings.Repeat("long level name ", 2)+string(rune('A'+i%26)))
		a, b = append(a, 1), append(b, float64(i))
	}
	f, err = DriftLevels(many, a, b, DriftOptions{})
	if err != nil {
		t.Fatal(err)
	}
	ticks := f.Plot.Y.Tick.Marker.Ticks(f.Plot.Y.Min, f.Plot.Y.Max)
	if len(ticks) != maxDriftLevels || ticks[0].Label != "16 more levels" {
		t.Errorf("%d level ticks, first %q", len(ticks), ticks[0].Label)
	}
}

func TestTimePanels_Golden(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	var ts []time.Time
	var req, errs, p50, p99, acc []float64
	for i := range 24 {
		ts = append(ts, t0.Add(time.Duration(i)*5*time.Minute))
		req = append(req, 120+40*math.Sin(float64(i)/3))
		errs = append(errs, float64(i%7/5))
		p50 = append(p50, 0.6+0.1*math.Cos(float64(i)))
		p99 = append(p99, 3+float64(i%5))
		acc = append(acc, 0.8-0.01*float64(i))
	}
	f, err := TimePanels([]TimePanel{
		{YLabel: "requests per 5 min", FromZero: true, Series: []TimeSeries{{Name: "requests", T: ts, Y: req}, {Name: "errors", T: ts, Y: errs}}},
		{YLabel: "latency (ms)", FromZero: true, Series: []TimeSeries{{Name: "p50", T: ts, Y: p50}, {Name: "p99", T: ts, Y: p99}}},
		{YLabel: "accuracy", Series: []TimeSeries{{Name: "live accuracy", T: ts, Y: acc}}, Refs: []RefLine{{Name: "validation", Y: 0.81}, {Name: "test", Y: 0.79}}},
	}, TimeOptions{Title: "Requests, latency and live accuracy"})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "timepanels", f, goldenW, 560)
}

func TestTimePanels_DirtyAndSinglePoint(t *testing.T) {
	t0 := time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC)
	f, err := TimePanels([]TimePanel{{YLabel: "v", Series: []TimeSeries{{Name: "v", T: []time.Time{t0, {}, t0.Add(time.Minute)}, Y: []float64{1, 2, math.NaN()}}}}}, TimeOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Notes) != 1 || !strings.Contains(f.Notes[0], "v: 2 points not shown") {
		t.Errorf("notes %q", f.Notes)
	}
	if _, err := PNG(f, 320, 240); err != nil {
		t.Fatal(err)
	}
	if _, err := TimePanels([]TimePanel{{Series: []TimeSeries{{Name: "v", T: []time.Time{t0}, Y: nil}}}}, TimeOptions{}); err == nil || errors.Is(err, ErrNothingToDraw) {
		t.Errorf("length mismatch: %v", err)
	}
	if _, err := TimePanels(nil, TimeOptions{}); !errors.Is(err, ErrNothingToDraw) {
		t.Errorf("no panel: %v", err)
	}
}

func TestDrift_BadInput(t *testing.T) {
	e, tr, w := agePair()
	if _, err := DriftNumeric(e[:5], tr, w, DriftOptions{}); err == nil {
		t.Error("DriftNumeric accepted 5 edges for 20 bins")
	}
	bad := append([]float64(nil), e...)
	bad[3] = bad[2]
	if _, err := DriftNumeric(bad, tr, w, DriftOptions{}); err == nil {
		t.Error("DriftNumeric accepted edges that do not increase")
	}
	if _, err := DriftLevels([]string{"a"}, []float64{1, 2}, []float64{1}, DriftOptions{}); err == nil {
		t.Error("DriftLevels accepted shares of different lengths")
	}
	w2 := append([]float64(nil), w...)
	w2[0], w2[1] = math.NaN(), -1
	f, err := DriftNumeric(e, tr, w2, DriftOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Notes) != 1 || f.Notes[0] != "2 negative or non-finite shares drawn as 0" {
		t.Errorf("notes %q", f.Notes)
	}
}
