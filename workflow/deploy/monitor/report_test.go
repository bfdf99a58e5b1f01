package monitor

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"testing"
	"time"

	"modelbench/workflow/data"
)

// smallBaseline has a numeric, a boolean, a categorical and a datetime
// feature over 100 rows, and class predictions.
func smallBaseline(t *testing.T) *Baseline {
	t.Helper()
	n := 100
	x, flag, colour, when, pred := make([]float64, n), make([]bool, n), make([]string, n), make([]int64, n), make([]string, n)
	for i := range n {
		x[i] = float64(i)
		flag[i] = i%2 == 0
		colour[i] = []string{"red", "green", "blue"}[i%3]
		when[i] = time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, i).UnixNano()
		pred[i] = []string{"yes", "no"}[i%2]
	}
	f, err := data.NewFrame(data.NewNumeric("x", x, nil), data.NewBoolean("flag", flag, nil),
		data.NewCategoricalFromStrings("colour", colour, nil), data.NewDatetime("when", when, nil, "2006-01-02"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBaseline(context.Background(), f, Predictions{Task: Classification, Labels: pred}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func feature(t *testing.T, r *Report, name string) FeatureDrift {
	t.Helper()
	for _, f := range r.Features {
		if f.Name == name {
			return f
		}
	}
	t.Fatalf("no feature %s in the report", name)
	return FeatureDrift{}
}

// TestSummarise_RawValues: the forms JSON and CSV logs give values in are
// read as the column's kind; what does not fit is counted as invalid.
func TestSummarise_RawValues(t *testing.T) {
	b := smallBaseline(t)
	recs := []Record{
		{Inputs: map[string]any{"x": 3.5, "flag": true, "colour": "red", "when": "2024-02-01"}},
		{Inputs: map[string]any{"x": "4", "flag": "yes", "colour": "green", "when": time.Date(2024, 2, 2, 0, 0, 0, 0, time.UTC)}},
		{Inputs: map[string]any{"x": json.Number("5"), "flag": 1, "colour": 7, "when": "NA"}},
		{Inputs: map[string]any{"x": "lots", "flag": "maybe", "colour": nil, "when": "not a date"}},
		{Inputs: map[string]any{"x": math.NaN(), "flag": 0.0, "colour": ""}},
	}
	for i := range recs {
		recs[i].Prediction = "yes"
	}
	rep, err := Summarise(context.Background(), b, recs, nil)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string][2]int{ // values, invalid
		"x":      {3, 1},
		"flag":   {4, 1},
		"colour": {3, 0},
		"when":   {2, 1},
	}
	for name, w := range want {
		f := feature(t, rep, name)
		if f.Values != w[0] || f.Invalid != w[1] {
			t.Errorf("%s: %d values, %d invalid; want %d, %d", name, f.Values, f.Invalid, w[0], w[1])
		}
		if f.Values+int(f.Missing.Window*5+0.5) != 5 {
			t.Errorf("%s: values and missing do not add up: %+v", name, f)
		}
	}
	c := feature(t, rep, "colour")
	if len(c.NewLevels) != 1 || c.NewLevels[0].Level != "7" || c.UnseenRows != 1 {
		t.Errorf("colour's new levels %v", c.NewLevels)
	}
	if w := feature(t, rep, "when"); w.WindowMean == nil || *w.WindowMean != float64(time.Date(2024, 2, 1, 12, 0, 0, 0, time.UTC).Unix()) {
		t.Errorf("datetime mean in Unix seconds: %v", w.WindowMean)
	}
	if m := feature(t, rep, "x"); !m.Missing.Shifted || m.Missing.Summary == "" {
		t.Errorf("x went from 0%% to 40%% missing: %+v", m.Missing)
	}
}

func TestSummarise_EmptyWindow(t *testing.T) {
	b := smallBaseline(t)
	rep, err := Summarise(context.Background(), b, nil, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Requests != 0 || rep.DriftedFeatures != 0 || rep.Live != nil || rep.Latency != (Latency{}) {
		t.Errorf("empty window: %+v", rep)
	}
	for _, f := range rep.Features {
		if f.Drift.Test != TestNone || f.PSI != nil || f.Drift.Summary == "" {
			t.Errorf("%s: %+v", f.Name, f.Drift)
		}
	}
	if _, err := json.Marshal(rep); err != nil {
		t.Error(err)
	}
	cancelled, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Summarise(cancelled, b, make([]Record, 3), nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// TestPooled: expected counts under MinExpected share one category, which
// joins the smallest other one when it is still too small; a level the
// training data never had stays apart.
func TestPooled(t *testing.T) {
	o, e := pooled([]float64{50, 45, 3, 2}, []float64{60, 30, 6, 4}, 100, 100)
	if len(o) != 3 || e[2] != 5 || o[2] != 10 {
		t.Errorf("two small categories pooled into one of 5: %v %v", o, e)
	}
	o, e = pooled([]float64{90, 8, 2}, []float64{85, 10, 5}, 100, 100)
	if len(o) != 2 || e[1] != 10 || o[1] != 15 {
		t.Errorf("a pool of 2 joins the smallest category: %v %v", o, e)
	}
	o, e = pooled([]float64{60, 40, 0}, []float64{50, 40, 10}, 100, 100)
	if len(o) != 3 || e[2] != 0 || o[2] != 10 {
		t.Errorf("an unseen category stays apart: %v %v", o, e)
	}
	r := levelDrift("c", []float64{60, 40, 0}, []float64{50, 40, 10}, 100)
	if !r.Drifted || r.PValue != 0 || !math.IsInf(r.Statistic, 1) || r.Test != TestChiSquare {
		t.Errorf("a new level on a small window: %+v", r)
	}
	if r := levelDrift("c", []float64{99, 1}, []float64{3, 0}, 3); r.Test != TestNone {
		t.Errorf("three rows: %+v", r)
	}
}

func TestTrend_Days(t *testing.T) {
	b := smallBaseline(t)
	t0 := time.Date(2024, 5, 1, 22, 0, 0, 0, time.UTC) // a Wednesday
	var recs []Record
	for i := range 72 { // one an hour for three days
		r := Record{Inputs: map[string]any{"x": float64(i % 100), "colour": "red"}}
		r.Time, r.Prediction = t0.Add(time.Duration(i)*time.Hour), "yes"
		recs = append(recs, r)
	}
	recs = append(recs, Record{}) // no time: left out
	pts, err := Trend(context.Background(), b, recs, Day, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantCounts := []int{2, 24, 24, 22}
	if len(pts) != len(wantCounts) {
		t.Fatalf("%d day buckets", len(pts))
	}
	for k, p := range pts {
		if p.Report.Requests != wantCounts[k] || !p.Start.Equal(time.Date(2024, 5, 1+k, 0, 0, 0, 0, time.UTC)) || !p.End.Equal(p.Start.AddDate(0, 0, 1)) {
			t.Errorf("bucket %d: %v..%v with %d requests", k, p.Start, p.End, p.Report.Requests)
		}
	}
	weeks, _ := Trend(context.Background(), b, recs, Week, nil)
	if len(weeks) != 1 || !weeks[0].Start.Equal(time.Date(2024, 4, 29, 0, 0, 0, 0, time.UTC)) || weeks[0].Report.Requests != 72 {
		t.Errorf("weeks start on Monday: %+v", weeks)
	}
	hours, _ := Trend(context.Background(), b, recs, Hour, nil)
	if len(hours) != 72 {
		t.Errorf("%d hour buckets", len(hours))
	}
	if _, err := Trend(context.Background(), b, recs, "month", nil); err == nil {
		t.Error("an unknown bucket was accepted")
	}
}
