package eda

import (
	"context"
	"math"
	"math/rand/v2"
	"strconv"
	"testing"

	"modelbench/workflow/data"
)

func mkNum(name string, vals ...float64) data.Column {
	return data.NewNumeric(name, append([]float64(nil), vals...), nil)
}

func mkCat(name string, vals ...string) data.Column {
	return data.NewCategoricalFromStrings(name, vals, nil)
}

func mkText(name string, vals ...string) data.Column {
	return data.NewText(name, append([]string(nil), vals...), nil)
}

func repeat[T any](n int, v T) []T {
	out := make([]T, n)
	for i := range out {
		out[i] = v
	}
	return out
}

func cat[T any](parts ...[]T) []T {
	var out []T
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// seq returns lo, lo+1, ..., lo+n−1.
func seq(lo, n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(lo + i)
	}
	return out
}

// normal returns n draws from N(mu, sd) with a fixed seed.
func normal(seed uint64, n int, mu, sd float64) []float64 {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]float64, n)
	for i := range out {
		out[i] = mu + sd*r.NormFloat64()
	}
	return out
}

func labels(n int, f func(i int) string) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func itoa(i int) string { return strconv.Itoa(i) }

// describeCols describes a frame made of cols; target "" means none.
func describeCols(t *testing.T, target string, cols ...data.Column) *Report {
	t.Helper()
	f, err := data.NewFrame(cols...)
	if err != nil {
		t.Fatal(err)
	}
	opt := Options{Target: target, NoTarget: target == ""}
	rep, err := Describe(context.Background(), data.NewTable("test", f, nil), opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

// alertFor returns the first alert of kind about column col ("" = any).
func alertFor(rep *Report, kind, col string) *Alert {
	for i, a := range rep.Alerts {
		if a.Kind != kind {
			continue
		}
		if col == "" || a.Column == col || len(a.Columns) > 0 && a.Columns[0] == col {
			return &rep.Alerts[i]
		}
	}
	return nil
}

// checkAlert asserts the alert is complete: text, a known severity and,
// when present, a plot and fix of the documented kinds.
func checkAlert(t *testing.T, a *Alert) {
	t.Helper()
	if a.Message == "" || a.Why == "" || a.Action == "" {
		t.Errorf("%s: incomplete text %+v", a.Kind, a)
	}
	if a.Severity != Info && a.Severity != Warning && a.Severity != Critical {
		t.Errorf("%s: severity %q", a.Kind, a.Severity)
	}
	if a.Plot != nil {
		switch a.Plot.Kind {
		case PlotHistogram, PlotBox, PlotBar, PlotScatter, PlotHeatmap, PlotMissing, PlotPair, PlotTarget:
		default:
			t.Errorf("%s: plot kind %q", a.Kind, a.Plot.Kind)
		}
	}
	if a.Fix != nil && a.Fix.Params == nil {
		t.Errorf("%s: fix without params", a.Kind)
	}
}

func nearly(a, b float64) bool { return math.Abs(a-b) <= 1e-12*math.Max(1, math.Abs(b)) }
