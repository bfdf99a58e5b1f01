package monitor

import (
	"context"
	"math"
	"testing"
	"time"
)

func TestClassificationMetrics_Sklearn(t *testing.T) {
	for i, c := range loadFixtures(t).Classification {
		m := classificationMetrics(c.Truth, c.Pred)
		if !near(m["accuracy"], c.Accuracy, 1e-12) || !near(m["balanced_accuracy"], c.BalancedAccuracy, 1e-12) || !near(m["f1_macro"], c.F1Macro, 1e-12) {
			t.Errorf("case %d: %v, sklearn accuracy %v balanced %v f1 %v", i, m, c.Accuracy, c.BalancedAccuracy, c.F1Macro)
		}
	}
}

func TestRegressionMetrics_Sklearn(t *testing.T) {
	for i, c := range loadFixtures(t).Regression {
		m := regressionMetrics(c.Truth, c.Pred)
		if !near(m["rmse"], c.RMSE, 1e-12) || !near(m["mae"], c.MAE, 1e-12) || !near(m["r2"], c.R2, 1e-12) {
			t.Errorf("case %d: %v, sklearn rmse %v mae %v r2 %v", i, m, c.RMSE, c.MAE, c.R2)
		}
	}
	if m := regressionMetrics([]float64{3}, []float64{2}); !math.IsNaN(m["r2"]) {
		t.Errorf("R² of one row: %v, sklearn gives NaN", m["r2"])
	}
}

// TestSummarise_LiveAndLatency feeds the sklearn and numpy fixtures
// through records: the report's live metrics and latency percentiles are
// theirs, and failed requests and requests without feedback are counted
// but not scored.
func TestSummarise_LiveAndLatency(t *testing.T) {
	f := loadFixtures(t)
	b := penguinBaseline(t)
	c := f.Classification[0]
	lat := f.Latency
	var recs []Record
	t0 := time.Date(2024, 3, 1, 12, 0, 0, 0, time.UTC)
	for i := range lat.MS {
		r := Record{Inputs: map[string]any{"island": "Dream"}}
		r.Time = t0.Add(time.Duration(i) * time.Minute)
		r.Latency = time.Duration(lat.MS[i] * float64(time.Millisecond))
		switch {
		case i < len(c.Truth):
			r.Prediction, r.Truth = c.Pred[i], c.Truth[i]
		case i%10 == 0:
			r.Error = "the input could not be read"
			r.Truth = "Adelie" // feedback on a failed request is not scored
		default:
			r.Prediction = "Gentoo"
		}
		recs = append(recs, r)
	}
	rep, err := Summarise(context.Background(), b, recs, nil)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Requests != len(lat.MS) || rep.Errors == 0 || !near(rep.ErrorShare, float64(rep.Errors)/float64(rep.Requests), 1e-15) {
		t.Errorf("requests %d errors %d share %v", rep.Requests, rep.Errors, rep.ErrorShare)
	}
	if !rep.From.Equal(t0) || !rep.To.Equal(t0.Add(time.Duration(len(lat.MS)-1)*time.Minute)) {
		t.Errorf("window %v .. %v", rep.From, rep.To)
	}
	// Durations hold whole nanoseconds, so allow 1e-6 ms.
	if math.Abs(rep.Latency.P50-lat.P50) > 1e-6 || math.Abs(rep.Latency.P90-lat.P90) > 1e-6 || math.Abs(rep.Latency.P99-lat.P99) > 1e-6 {
		t.Errorf("latency %+v, numpy p50 %v p90 %v p99 %v", rep.Latency, lat.P50, lat.P90, lat.P99)
	}
	if rep.Live == nil || rep.Live.Rows != len(c.Truth) || rep.Feedback != len(c.Truth) {
		t.Fatalf("live metrics %+v, feedback %d", rep.Live, rep.Feedback)
	}
	if m := rep.Live.Metrics; !near(m["accuracy"], c.Accuracy, 1e-12) || !near(m["f1_macro"], c.F1Macro, 1e-12) || !near(m["balanced_accuracy"], c.BalancedAccuracy, 1e-12) {
		t.Errorf("live %v, sklearn %v %v %v", m, c.Accuracy, c.BalancedAccuracy, c.F1Macro)
	}
}
