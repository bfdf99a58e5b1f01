package main

import (
	"fmt"
	"math"
	"net/http"
	"slices"
	"testing"
	"time"

	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
)

// predictAll scores recs in one request and returns the ids and labels.
func predictAll(t *testing.T, s *server, recs []map[string]any) ([]string, []string) {
	t.Helper()
	code, b := s.post("/v1/predict", recs)
	want(t, "predict", code, http.StatusOK, b)
	r := decode[serve.PredictResponse](t, b)
	ids := make([]string, len(r.Predictions))
	labels := make([]string, len(r.Predictions))
	for i, p := range r.Predictions {
		ids[i], labels[i] = p.ID, fmt.Sprint(p.Prediction)
	}
	return ids, labels
}

func monitoring(t *testing.T, s *server, window string) serve.MonitoringResponse {
	t.Helper()
	code, b := s.get("/v1/monitoring?window=" + window)
	want(t, "/v1/monitoring", code, http.StatusOK, b)
	return decode[serve.MonitoringResponse](t, b)
}

// TestServe_FeedbackLiveMetrics: true outcomes sent for some predictions
// are joined to them, and the live metrics on those rows equal
// workflow/eval/metrics' (scikit-learn's definitions) on the same rows.
func TestServe_FeedbackLiveMetrics(t *testing.T) {
	f := fixtures["titanic"]
	s := start(t, "titanic", nil)
	recs := records(t, f)
	ids, labels := predictAll(t, s, recs)
	target, _ := f.Test.Lookup("survived")
	// Feedback for two rows in three, in batches and one by one.
	var batch []map[string]any
	var truth, pred []float64
	index := map[string]float64{}
	for k, c := range f.Artifact.Classes {
		index[c] = float64(k)
	}
	for i, id := range ids {
		if i%3 == 2 || target.IsMissing(i) {
			continue
		}
		tv := target.Format(i)
		batch = append(batch, map[string]any{"id": id, "truth": tv})
		truth = append(truth, index[tv])
		pred = append(pred, index[labels[i]])
	}
	sent := 0
	for len(batch) > 0 {
		n := min(len(batch), 50)
		var code int
		var b []byte
		if n == 1 {
			code, b = s.post("/v1/feedback", batch[0])
		} else {
			code, b = s.post("/v1/feedback", map[string]any{"feedback": batch[:n]})
		}
		want(t, "feedback", code, http.StatusOK, b)
		if r := decode[serve.FeedbackResponse](t, b); r.Recorded != n {
			t.Fatalf("recorded %d of %d", r.Recorded, n)
		}
		sent += n
		batch = batch[n:]
	}
	m := monitoring(t, s, "1h")
	rep := m.Report
	if rep.Requests != len(recs) || rep.Feedback != sent || rep.Live == nil || rep.Live.Rows != sent {
		t.Fatalf("report: %d rows, %d with feedback, live %+v; sent %d rows and %d outcomes", rep.Requests, rep.Feedback, rep.Live, len(recs), sent)
	}
	ref, err := metrics.Evaluate(&metrics.Predictions{Task: model.Classification, Classes: f.Artifact.Classes, Truth: truth, Pred: pred})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"accuracy", "balanced_accuracy", "f1_macro"} {
		if got, want := rep.Live.Metrics[name], ref.Metrics[name]; math.Abs(got-want) > 1e-12 {
			t.Errorf("live %s = %v, workflow/eval/metrics gives %v", name, got, want)
		}
	}
	if m.Expected == nil || m.Expected.Test["accuracy"] != f.Metrics["test"]["accuracy"] || m.Expected.Metric != f.Metric {
		t.Fatalf("expected metrics %+v, metrics.json has %v", m.Expected, f.Metrics["test"])
	}
	if m.Server.Rows != int64(len(recs)) {
		t.Fatalf("server counters %+v", m.Server)
	}
}

// TestServe_Drift: a copy of the test rows with the ages shifted by 30
// years and half the sexes replaced by a level training never saw drifts
// on exactly those two features, in /v1/monitoring and in the gauges; the
// unshifted rows drift on none.
func TestServe_Drift(t *testing.T) {
	f := fixtures["titanic"]
	recs := records(t, f)
	shifted := make([]map[string]any, len(recs))
	for i, r := range recs {
		c := map[string]any{}
		for k, v := range r {
			c[k] = v
		}
		if a, ok := c["age"].(float64); ok {
			c["age"] = a + 30
		}
		if i%2 == 0 {
			c["sex"] = "unknown"
		}
		shifted[i] = c
	}
	for _, tc := range []struct {
		name  string
		rows  []map[string]any
		drift []string
	}{{"unshifted", recs, nil}, {"shifted", shifted, []string{"age", "sex"}}} {
		t.Run(tc.name, func(t *testing.T) {
			s := start(t, "titanic", nil, "--monitor-interval", "200ms")
			predictAll(t, s, tc.rows)
			rep := monitoring(t, s, "24h").Report
			var drifted []string
			for _, fd := range rep.Features {
				if fd.Drift.Drifted {
					drifted = append(drifted, fd.Name)
				}
				t.Logf("%s: %s statistic %.4g p %.4g drifted %v", fd.Name, fd.Drift.Test, fd.Drift.Statistic, fd.Drift.PValue, fd.Drift.Drifted)
			}
			slices.Sort(drifted)
			if !slices.Equal(drifted, tc.drift) || rep.DriftedFeatures != len(tc.drift) {
				t.Fatalf("drifted %v, want %v", drifted, tc.drift)
			}
			if tc.drift != nil {
				for _, fd := range rep.Features {
					if fd.Name == "sex" && (len(fd.NewLevels) != 1 || fd.NewLevels[0].Level != "unknown") {
						t.Fatalf("sex's new levels %+v", fd.NewLevels)
					}
				}
			}
			// The gauges say the same once the timer has run.
			deadline := time.Now().Add(30 * time.Second)
			for {
				m := scrape(t, s)
				if rows, _ := value(m, serve.MetricWindowRows); rows == float64(len(tc.rows)) {
					for _, fl := range f.Contract.Fields {
						v, _ := value(m, serve.MetricFeatureDrifted, "feature", fl.Name)
						if (v == 1) != slices.Contains(tc.drift, fl.Name) {
							t.Fatalf("%s{feature=%q} = %v", serve.MetricFeatureDrifted, fl.Name, v)
						}
					}
					break
				}
				if time.Now().After(deadline) {
					t.Fatal("the drift gauges were not refreshed")
				}
				time.Sleep(100 * time.Millisecond)
			}
		})
	}
}
