package main

import (
	"bytes"
	"net/http"
	"strings"
	"testing"
	"time"

	dto "github.com/prometheus/client_model/go"
	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"modelbench/workflow/deploy/serve"
)

// scrape reads /metrics with the Prometheus text parser.
func scrape(t *testing.T, s *server) map[string]*dto.MetricFamily {
	t.Helper()
	code, b := s.get("/metrics")
	want(t, "/metrics", code, http.StatusOK, b)
	p := expfmt.NewTextParser(model.UTF8Validation)
	fams, err := p.TextToMetricFamilies(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("parsing /metrics: %v\n%s", err, b)
	}
	return fams
}

// value returns the value of the series of name whose labels include
// the given pairs (0 when there is none), and whether it was found.
func value(fams map[string]*dto.MetricFamily, name string, labels ...string) (float64, bool) {
	f := fams[name]
	if f == nil {
		return 0, false
	}
next:
	for _, m := range f.Metric {
		got := map[string]string{}
		for _, l := range m.Label {
			got[l.GetName()] = l.GetValue()
		}
		for i := 0; i+1 < len(labels); i += 2 {
			if got[labels[i]] != labels[i+1] {
				continue next
			}
		}
		switch {
		case m.Counter != nil:
			return m.Counter.GetValue(), true
		case m.Gauge != nil:
			return m.Gauge.GetValue(), true
		case m.Histogram != nil:
			return float64(m.Histogram.GetSampleCount()), true
		}
	}
	return 0, false
}

// TestServe_Metrics: the counters move by exactly what was sent.
func TestServe_Metrics(t *testing.T) {
	s := start(t, "titanic", nil, "--monitor-interval", "200ms")
	before := scrape(t, s)
	recs := records(t, fixtures["titanic"])
	classes := map[string]int{}
	count := func(b []byte) {
		for _, p := range decode[serve.PredictResponse](t, b).Predictions {
			classes[p.Prediction.(string)]++
		}
	}
	for _, r := range recs[:3] {
		code, b := s.post("/v1/predict", r)
		want(t, "one record", code, 200, b)
		count(b)
	}
	code, b := s.post("/v1/predict", recs[3:13])
	want(t, "ten records", code, 200, b)
	count(b)
	code, b = s.post("/invocations", map[string]any{"dataframe_records": recs[13:18]})
	want(t, "MLflow", code, 200, b)
	for _, p := range decode[struct{ Predictions []string }](t, b).Predictions {
		classes[p]++
	}
	in := []oipTensor{{Name: "sex", Shape: []int{4}, Datatype: "BYTES", Data: []string{"male", "female", "male", "female"}},
		{Name: "age", Shape: []int{4, 1}, Datatype: "FP64", Data: [][]float64{{1}, {20}, {40}, {60}}},
		{Name: "passengerClass", Shape: []int{4}, Datatype: "BYTES", Data: []string{"1st", "2nd", "3rd", "1st"}}}
	code, b = s.post("/v2/models/titanic/infer", map[string]any{"inputs": in})
	want(t, "OIP", code, 200, b)
	for _, o := range decode[oipResponse](t, b).Outputs {
		if o.Name == "predict" {
			for _, p := range o.Data.([]any) {
				classes[p.(string)]++
			}
		}
	}
	for range 2 {
		code, _, b = s.do(http.MethodPost, "/v1/predict", "application/json", []byte("{"))
		want(t, "bad JSON", code, 400, b)
	}
	code, b = s.get("/v2/models/nope")
	want(t, "unknown model", code, 404, b)
	after := scrape(t, s)

	delta := func(name string, labels ...string) float64 {
		a, _ := value(after, name, labels...)
		b, _ := value(before, name, labels...)
		return a - b
	}
	checks := []struct {
		name   string
		labels []string
		want   float64
	}{
		{serve.MetricRequests, []string{"endpoint", "/v1/predict", "code", "200"}, 4},
		{serve.MetricRequests, []string{"endpoint", "/v1/predict", "code", "400"}, 2},
		{serve.MetricErrors, []string{"endpoint", "/v1/predict", "code", "400"}, 2},
		{serve.MetricRequests, []string{"endpoint", "/invocations", "code", "200"}, 1},
		{serve.MetricRequests, []string{"endpoint", "/v2/models/{name}/infer", "code", "200"}, 1},
		{serve.MetricRequests, []string{"endpoint", "/v2/models/{name}", "code", "404"}, 1},
		{serve.MetricErrors, []string{"endpoint", "/v2/models/{name}", "code", "404"}, 1},
		{serve.MetricLatency, []string{"endpoint", "/v1/predict"}, 6},
		{serve.MetricRows, nil, 22},
	}
	for _, c := range checks {
		if got := delta(c.name, c.labels...); got != c.want {
			t.Errorf("%s%v moved by %v, want %v", c.name, c.labels, got, c.want)
		}
	}
	total := 0
	for class, n := range classes {
		total += n
		if got := delta(serve.MetricClasses, "class", class); got != float64(n) {
			t.Errorf("%s{class=%q} moved by %v, want %d", serve.MetricClasses, class, got, n)
		}
	}
	if total != 22 {
		t.Fatalf("counted %d predictions, want 22", total)
	}
	code, b = s.get("/v1/model")
	want(t, "/v1/model", code, 200, b)
	version := decode[serve.ModelResponse](t, b).ModelVersion
	if v, ok := value(after, serve.MetricModelInfo, "version", version, "name", "titanic", "learner", "forest", "task", "classification"); !ok || v != 1 {
		t.Fatalf("%s{version=%q} = %v, %v", serve.MetricModelInfo, version, v, ok)
	}
	// The drift gauges follow the log on the timer: every feature gets one,
	// over the 22 rows.
	deadline := time.Now().Add(30 * time.Second)
	for {
		m := scrape(t, s)
		rows, _ := value(m, serve.MetricWindowRows)
		if rows == 22 {
			for _, f := range fixtures["titanic"].Contract.Fields {
				if _, ok := value(m, serve.MetricFeatureDrifted, "feature", f.Name); !ok {
					t.Fatalf("no %s for %s", serve.MetricFeatureDrifted, f.Name)
				}
				if _, ok := value(m, serve.MetricFeatureStat, "feature", f.Name); !ok {
					t.Fatalf("no %s for %s", serve.MetricFeatureStat, f.Name)
				}
			}
			if _, ok := value(m, serve.MetricPredictionDrift); !ok {
				t.Fatalf("no %s", serve.MetricPredictionDrift)
			}
			if w, _ := value(m, serve.MetricLogWritten); w != 22 {
				t.Fatalf("%s = %v, want 22", serve.MetricLogWritten, w)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s stayed %v, want 22", serve.MetricWindowRows, rows)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if !strings.Contains(s.stderr.String(), "listening") {
		t.Fatal("no start line")
	}
}
