package monitor

import (
	"context"
	"encoding/json"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
	"time"
)

// randomRecords makes n records for smallBaseline's features, a minute
// apart from t0, with some failures and some feedback.
func randomRecords(n int, t0 time.Time, seed uint64) []Record {
	r := rand.New(rand.NewPCG(seed, 1))
	recs := make([]Record, n)
	for i := range recs {
		in := map[string]any{"x": r.NormFloat64()*30 + 60, "flag": r.IntN(2) == 0, "colour": []string{"red", "green", "blue", "violet"}[r.IntN(4)]}
		if r.IntN(10) == 0 {
			delete(in, "x")
		}
		o := Outcome{Time: t0.Add(time.Duration(i) * time.Minute), Prediction: []string{"yes", "no"}[r.IntN(2)], Latency: time.Duration(r.IntN(5000)) * time.Microsecond}
		if r.IntN(20) == 0 {
			o.Error, o.Prediction = "bad input", nil
		}
		if r.IntN(3) == 0 {
			o.Truth = []string{"yes", "no"}[r.IntN(2)]
		}
		recs[i] = Record{Inputs: in, Outcome: o}
	}
	return recs
}

// TestAccumulator_SameAsSummarise: records added one at a time give the
// report Summarise gives on all of them at once, for a small window (the
// significance tests) and a large one (the distances), and again after
// more records arrive.
func TestAccumulator_SameAsSummarise(t *testing.T) {
	b := smallBaseline(t)
	t0 := time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)
	for _, n := range []int{300, 3000} {
		recs := randomRecords(n, t0, uint64(n))
		acc, err := NewAccumulator(b)
		if err != nil {
			t.Fatal(err)
		}
		half := n / 2
		for i := range recs[:half] {
			acc.Add(&recs[i])
		}
		check := func(got *Report, recs []Record) {
			t.Helper()
			want, err := Summarise(context.Background(), b, recs, nil)
			if err != nil {
				t.Fatal(err)
			}
			gj, _ := json.Marshal(got)
			wj, _ := json.Marshal(want)
			if string(gj) != string(wj) {
				t.Fatalf("%d records: the accumulator's report differs from Summarise's:\n%s\n%s", len(recs), gj, wj)
			}
		}
		check(acc.Report(), recs[:half])
		for i := range recs[half:] {
			acc.Add(&recs[half+i])
		}
		if acc.Requests() != n {
			t.Fatalf("%d requests, want %d", acc.Requests(), n)
		}
		check(acc.Report(), recs)
	}
	if _, err := NewAccumulator(nil); err == nil {
		t.Fatal("an accumulator without a baseline")
	}
}

// TestReport_Activity: requests are cut into steps by their time, each
// with its counts, numpy's linear percentiles of its latencies and the
// live metrics of its feedback.
func TestReport_Activity(t *testing.T) {
	b := smallBaseline(t)
	t0 := time.Date(2025, 3, 1, 10, 0, 0, 0, time.UTC)
	at := func(min, sec int) time.Time {
		return t0.Add(time.Duration(min)*time.Minute + time.Duration(sec)*time.Second)
	}
	ms := func(v int) time.Duration { return time.Duration(v) * time.Millisecond }
	recs := []Record{
		{Outcome: Outcome{Time: at(0, 5), Latency: ms(10), Prediction: "yes", Truth: "yes"}},
		{Outcome: Outcome{Time: at(0, 50), Latency: ms(20), Prediction: "no", Truth: "yes"}},
		{Outcome: Outcome{Time: at(0, 59), Latency: ms(40), Error: "bad"}},
		{Outcome: Outcome{Time: at(2, 0), Latency: ms(7), Prediction: "yes"}},
		{Outcome: Outcome{Latency: ms(1000), Prediction: "yes"}}, // no time: not in the activity
	}
	rep, err := Summarise(context.Background(), b, recs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.ActivityStepSeconds != 60 || len(rep.Activity) != 2 {
		t.Fatalf("step %d s, %d points: %+v", rep.ActivityStepSeconds, len(rep.Activity), rep.Activity)
	}
	p0, p1 := rep.Activity[0], rep.Activity[1]
	if !p0.Start.Equal(t0) || !p0.End.Equal(at(1, 0)) || p0.Requests != 3 || p0.Errors != 1 || p0.Feedback != 2 {
		t.Fatalf("first step %+v", p0)
	}
	// numpy.percentile([10, 20, 40], [50, 90, 99]) = 20, 36, 39.6
	for _, c := range [][2]float64{{p0.Latency.P50, 20}, {p0.Latency.P90, 36}, {p0.Latency.P99, 39.6}, {p0.Latency.Max, 40}} {
		if math.Abs(c[0]-c[1]) > 1e-9 {
			t.Errorf("first step latency %+v", p0.Latency)
		}
	}
	if p0.Live == nil || p0.Live.Rows != 2 || p0.Live.Metrics["accuracy"] != 0.5 {
		t.Errorf("first step live %+v", p0.Live)
	}
	if !p1.Start.Equal(at(2, 0)) || p1.Requests != 1 || p1.Errors != 0 || p1.Feedback != 0 || p1.Live != nil || p1.Latency.P50 != 7 {
		t.Errorf("second step %+v", p1)
	}
	// The whole window's latency still counts every request.
	if rep.Latency.Max != 1000 {
		t.Errorf("window latency %+v", rep.Latency)
	}
	if empty, _ := Summarise(context.Background(), b, nil, nil); len(empty.Activity) != 0 || empty.ActivityStepSeconds != 0 {
		t.Errorf("empty window activity %+v", empty.Activity)
	}
}

func TestActivityStepFor(t *testing.T) {
	for _, c := range []struct {
		span, want time.Duration
	}{
		{0, time.Minute},
		{59 * time.Minute, time.Minute},
		{time.Hour, 5 * time.Minute},
		{24 * time.Hour, time.Hour},
		{7 * 24 * time.Hour, 3 * time.Hour},
		{30 * 24 * time.Hour, 24 * time.Hour},
		{3650 * 24 * time.Hour, 7 * 24 * time.Hour},
	} {
		if got := ActivityStepFor(c.span); got != c.want {
			t.Errorf("ActivityStepFor(%v) = %v, want %v", c.span, got, c.want)
		}
	}
}

// TestReport_Distribution: each side's shares sum to one over common
// bins; a shifted window sits in the upper bins; a new level gets a bin
// of its own with no training share.
func TestReport_Distribution(t *testing.T) {
	b := smallBaseline(t) // x is 0..99
	var recs []Record
	for i := range 50 {
		recs = append(recs, Record{Inputs: map[string]any{"x": float64(150 + i), "colour": []string{"red", "mauve"}[i%2]}, Outcome: Outcome{Prediction: "yes"}})
	}
	rep, err := Summarise(context.Background(), b, recs, nil)
	if err != nil {
		t.Fatal(err)
	}
	x := feature(t, rep, "x").Distribution
	if x == nil || len(x.Edges) != DistributionBins+1 || x.Edges[0] != 0 || x.Edges[DistributionBins] != 199 {
		t.Fatalf("x distribution %+v", x)
	}
	sumOf := func(v []float64) float64 {
		s := 0.0
		for _, f := range v {
			s += f
		}
		return s
	}
	if math.Abs(sumOf(x.Training)-1) > 1e-12 || math.Abs(sumOf(x.Window)-1) > 1e-12 {
		t.Fatalf("shares do not sum to 1: %v %v", x.Training, x.Window)
	}
	// Bins are 9.95 wide: training's 0..99 fill bins 0-9, the window's 150..199 bins 15-19.
	if w := sumOf(x.Window[15:]); w != 1 {
		t.Errorf("window shares %v", x.Window)
	}
	if tr := sumOf(x.Training[:10]); math.Abs(tr-1) > 1e-12 {
		t.Errorf("training shares %v", x.Training)
	}
	c := feature(t, rep, "colour").Distribution
	if c == nil {
		t.Fatal("no colour distribution")
	}
	k := slices.Index(c.Levels, "mauve")
	if k < 0 || c.Training[k] != 0 || c.Window[k] != 0.5 || c.Levels[len(c.Levels)-1] != OtherLevel {
		t.Fatalf("colour distribution %+v", c)
	}
	if r := slices.Index(c.Levels, "red"); math.Abs(c.Training[r]-34.0/100) > 1e-12 || c.Window[r] != 0.5 {
		t.Errorf("red: training %v window %v", c.Training[r], c.Window[r])
	}
	if p := rep.Prediction.Distribution; p == nil || p.Window[slices.Index(p.Levels, "yes")] != 1 {
		t.Errorf("prediction distribution %+v", p)
	}
}
