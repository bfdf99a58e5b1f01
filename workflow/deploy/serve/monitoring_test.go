package serve

import (
	"context"
	"math"
	"net/http"
	"testing"

	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/deploy/serve/predlog"
)

// TestSummarise_SameAsRecords: the server's report, read from the log
// into typed columns (monitor.SummariseFrame), equals the report the
// desktop gets from the same log's records (predlog.Records and
// monitor.Summarise), JSON or CSV requests, feedback included.
func TestSummarise_SameAsRecords(t *testing.T) {
	for _, name := range []string{"titanic", "penguins"} {
		t.Run(name, func(t *testing.T) {
			ts := newTestServer(t, name, Options{})
			f := fixture(t, name)
			code, body := ts.do(t, http.MethodPost, "/v1/predict", "text/csv", f.TestNoTarget)
			if code != 200 {
				t.Fatalf("%d %s", code, body)
			}
			resp := decode[PredictResponse](t, body)
			code, body = ts.postJSON(t, "/v1/predict", map[string]any{"records": []any{map[string]any{"island": "Biscoe", "sex": nil, "age": 3.5}}})
			if code != 200 {
				t.Fatalf("%d %s", code, body)
			}
			var fb []map[string]any
			for _, p := range resp.Predictions[:40] {
				fb = append(fb, map[string]any{"id": p.ID, "truth": f.Artifact.Classes[0]})
			}
			if code, body := ts.postJSON(t, "/v1/feedback", fb); code != 200 {
				t.Fatalf("%d %s", code, body)
			}
			ctx := context.Background()
			if err := ts.Log.Flush(ctx); err != nil {
				t.Fatal(err)
			}
			got, n, err := ts.summarise(ctx, predlog.Query{})
			if err != nil {
				t.Fatal(err)
			}
			recs, err := ts.Log.Records(ctx, predlog.Query{})
			if err != nil {
				t.Fatal(err)
			}
			want, err := monitor.Summarise(ctx, ts.d.Baseline, recs, nil)
			if err != nil {
				t.Fatal(err)
			}
			if n != len(recs) || got.Requests != want.Requests || got.Feedback != want.Feedback || len(got.Features) != len(want.Features) {
				t.Fatalf("frame report: %d rows, %d with feedback; records: %d, %d", got.Requests, got.Feedback, want.Requests, want.Feedback)
			}
			for i := range want.Features {
				g, w := got.Features[i], want.Features[i]
				if g.Name != w.Name || g.Values != w.Values || g.Drift.Test != w.Drift.Test || g.Drift.Drifted != w.Drift.Drifted ||
					!same(g.Drift.Statistic, w.Drift.Statistic) || !same(g.Drift.PValue, w.Drift.PValue) || g.Missing != w.Missing {
					t.Fatalf("feature %s: frame %+v, records %+v", w.Name, g, w)
				}
			}
			if !same(got.Prediction.Drift.Statistic, want.Prediction.Drift.Statistic) || got.Latency != want.Latency {
				t.Fatalf("prediction drift or latency differ: %+v %+v", got.Prediction.Drift, want.Prediction.Drift)
			}
			for k, v := range want.Live.Metrics {
				if got.Live.Metrics[k] != v {
					t.Fatalf("live %s: %v, records give %v", k, got.Live.Metrics[k], v)
				}
			}
		})
	}
}

func same(a, b float64) bool { return a == b || (math.IsNaN(a) && math.IsNaN(b)) }
