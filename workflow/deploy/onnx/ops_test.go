package onnx_test

import (
	"math"
	"testing"
	"time"

	"modelbench/workflow/deploy/onnx"
)

// log1p is prep's log(1 + x) (workflow/prep/step_numeric.go), written out
// from its documentation.
func log1p(x float64) float64 {
	switch {
	case x <= -1:
		return math.NaN()
	case math.Abs(x) > 0.5:
		return math.Log(1 + x)
	}
	return math.Log1p(x)
}

// same compares two doubles bit for bit, NaN matching NaN.
func same(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

// TestOps_EdgeValues: the graph's building blocks give Go's results on
// the values where they are easiest to get wrong: halves, signed zeros,
// NaN, infinities, values near -1 and 0, and instants around day, leap
// year and century boundaries before and after 1970.
func TestOps_EdgeValues(t *testing.T) {
	model, names := onnx.OpsModel()
	edge := []float64{0, math.Copysign(0, -1), 0.5, -0.5, 1.5, 2.5, -2.5, 0.49999999999999994, -0.49999999999999994,
		4503599627370495.5, 4503599627370497, 1e300, -1e300, math.Inf(1), math.Inf(-1), math.NaN(), 1e-300, -1e-10, 1e-10,
		-0.9999999, -1, -1.5, 0.3, 2, -2, 3.7, -3.7, 0.5000000000000001, 1e-17, 40}
	var xs, ys []float64
	for _, x := range edge {
		for _, y := range edge {
			xs, ys = append(xs, x), append(ys, y)
		}
	}
	// instants: whole and half seconds from 1800 to 2200, and around day
	// boundaries and 2000-02-29
	days := []int64{-62135596800 / 86400, -25567, -36524, -1, 0, 1, 59, 60, 10956, 11016, 11017, 47482, 73048}
	for _, d := range days {
		for _, s := range []float64{-1, -0.5, 0, 0.5, 3599, 3600, 86399, 86399.5} {
			xs, ys = append(xs, float64(d)*86400+s), append(ys, 0)
		}
	}
	for s := -5364662400.0; s < 7258118400; s += 86400*53 + 3600*7 + 0.5 {
		xs, ys = append(xs, s), append(ys, 0)
	}
	j := &ortJob{model: model, rows: len(xs), feeds: []feed{{Name: "x", Type: "double"}, {Name: "y", Type: "double"}}}
	for i := range xs {
		j.feeds[0].Values = append(j.feeds[0].Values, number(xs[i]))
		j.feeds[1].Values = append(j.feeds[1].Values, number(ys[i]))
	}
	runORT(t, []*ortJob{j})
	if j.err != "" {
		t.Fatal(j.err)
	}
	got := map[string][]float64{}
	for _, n := range names {
		out := j.outputs[n]
		if len(out.Values) != len(xs) {
			t.Fatalf("%s: %d values for %d rows", n, len(out.Values), len(xs))
		}
		for _, s := range out.Values {
			v, err := parseNumber(s)
			if err != nil {
				t.Fatal(err)
			}
			got[n] = append(got[n], v)
		}
	}
	maxUlps := 0.0
	for i, x := range xs {
		y := ys[i]
		want := map[string]float64{"round": math.Round(x), "min": math.Min(x, y), "max": math.Max(x, y)}
		// 1/v shows the sign of a zero (score.js writes -0 as "0"); min and max
		// may lose it (ONNX Runtime's Where, see minMax), which Modelbench's
		// results never depend on.
		want["round_inv"] = 1 / want["round"]
		b2f := func(b bool) float64 {
			if b {
				return 1
			}
			return 0
		}
		if !math.IsNaN(x) {
			want["is_2"], want["is_0"], want["is_neg0"] = b2f(x == 2), b2f(x == 0 && !math.Signbit(x)), b2f(x == 0 && math.Signbit(x))
			want["is_inf"] = b2f(math.IsInf(x, 1))
		}
		for name, w := range want {
			if g := got[name][i]; !same(g, w) && !(w == 0 && g == 0) {
				t.Errorf("%s(%v, %v) = %v, Go %v", name, x, y, g, w)
			}
		}
		if w, g := log1p(x), got["log1p"][i]; !same(g, w) {
			ulps := math.Abs(g-w) / math.Max(math.Abs(w)*0x1p-52, math.SmallestNonzeroFloat64)
			if !(ulps <= 4) {
				t.Errorf("log1p(%v) = %v, prep %v (%.1f ulps)", x, g, w, ulps)
			}
			maxUlps = math.Max(maxUlps, ulps)
		}
		if y != 0 || math.IsNaN(x) || math.IsInf(x, 0) || math.Abs(x) > 1e12 {
			continue
		}
		sec := math.Floor(x)
		tm := time.Unix(int64(sec), int64((x-sec)*1e9)).UTC()
		parts := map[string]float64{"year": float64(tm.Year()), "month": float64(tm.Month()), "day": float64(tm.Day()),
			"weekday": float64((int(tm.Weekday()) + 6) % 7), "hour": float64(tm.Hour())}
		for name, w := range parts {
			if g := got[name][i]; g != w {
				t.Errorf("%s of %v (%s) = %v, Go %v", name, x, tm, g, w)
			}
		}
	}
	t.Logf("%d rows; log1p within %.1f ulps of prep's", len(xs), maxUlps)
}
