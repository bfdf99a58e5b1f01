package watch

import (
	"strings"
	"testing"

	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/deploy/serve"
)

func fptr(v float64) *float64 { return &v }

// TestFindings: a drifted feature, a missing-value shift and prediction
// drift cross thresholds; calm features share one line; live metrics
// cross only when MaxDrop allows less than the drop from the test result.
func TestFindings(t *testing.T) {
	rep := &monitor.Report{Requests: 500, Errors: 5, ErrorShare: 0.01,
		Features: []monitor.FeatureDrift{
			{Name: "age", Drift: monitor.Result{Test: monitor.TestKS, Statistic: 0.4, PValue: 1e-9, Threshold: 0.05, Drifted: true, Summary: "age moved"},
				BaselineMean: fptr(30), WindowMean: fptr(60)},
			{Name: "sex", Drift: monitor.Result{Test: monitor.TestChiSquare, Statistic: 1e300, PValue: 0, Threshold: 0.05, Drifted: true, Summary: "new level"},
				NewLevels: []monitor.LevelCount{{Level: "unknown", Count: 250}}, UnseenLevels: 1},
			{Name: "fare", Drift: monitor.Result{Test: monitor.TestKS, Statistic: 0.05, PValue: 0.6, Threshold: 0.05}, Invalid: 3,
				Missing: monitor.MissingShift{Baseline: 0, Window: 0.3, Shifted: true, Summary: "fare is missing more"}},
			{Name: "deck", Drift: monitor.Result{Test: monitor.TestNone, Summary: "No drift test for deck: no values."}},
		},
		Prediction: monitor.FeatureDrift{Name: "prediction", Drift: monitor.Result{Test: monitor.TestChiSquare, PValue: 0.001, Threshold: 0.05, Drifted: true, Summary: "the mix of predictions moved"}},
		Live:       &monitor.LiveMetrics{Task: monitor.Classification, Rows: 200, Metrics: map[string]float64{"accuracy": 0.70, "f1_macro": 0.69}},
	}
	s := &Snapshot{Window: LastDay, Report: rep, Expected: &serve.Metrics{Validation: map[string]float64{"accuracy": 0.8}, Test: map[string]float64{"accuracy": 0.78}, Metric: "accuracy"}}
	kinds := map[string]Finding{}
	for _, f := range Findings(s, Thresholds{}) {
		kinds[f.Kind+":"+f.Feature] = f
		if f.Message == "" || f.Why == "" || f.Action == "" {
			t.Errorf("a finding without words: %+v", f)
		}
	}
	for key, crossed := range map[string]bool{"traffic:": false, "drift:age": true, "drift:sex": true, "no_drift:": false, "untested:deck": false,
		"prediction_drift:": true, "missing:fare": true, "invalid:fare": false, "live:": false} {
		f, ok := kinds[key]
		if !ok || f.Crossed != crossed {
			t.Errorf("%s: %+v (present %v), want crossed %v", key, f, ok, crossed)
		}
	}
	if m := kinds["drift:age"].Message; !strings.Contains(m, "mean 30.000 in training, 60.000 now") || !strings.Contains(m, "p < 0.001") {
		t.Errorf("age: %q", m)
	}
	if m := kinds["drift:sex"].Message; !strings.Contains(m, `"unknown" (250)`) {
		t.Errorf("sex: %q", m)
	}
	if f := kinds["no_drift:"]; !strings.Contains(f.Message, "“fare”") || strings.Contains(f.Message, "age") {
		t.Errorf("calm: %q", f.Message)
	}
	if f := kinds["live:"]; f.Level != Warning || !strings.HasPrefix(f.Message, "Live accuracy 0.700 (validation 0.800, test 0.780) on 200 requests") {
		t.Errorf("live: %+v", f)
	}
	// A drop of 0.08 from the test's 0.78 is more than 5% of it.
	var live Finding
	for _, f := range Findings(s, Thresholds{MaxDrop: 0.05}) {
		if f.Kind == "live" {
			live = f
		}
	}
	if !live.Crossed || live.Level != Alert {
		t.Errorf("live with MaxDrop 5%%: %+v", live)
	}
	for _, f := range Findings(s, Thresholds{MaxDrop: 0.2}) {
		if f.Kind == "live" && f.Crossed {
			t.Errorf("live with MaxDrop 20%%: %+v", f)
		}
	}
	// Regression metrics are worse when larger.
	rep.Live = &monitor.LiveMetrics{Task: monitor.Regression, Rows: 50, Metrics: map[string]float64{"rmse": 12}}
	s.Expected = &serve.Metrics{Test: map[string]float64{"rmse": 10}}
	for _, f := range Findings(s, Thresholds{MaxDrop: 0.1}) {
		if f.Kind == "live" && (!f.Crossed || !strings.Contains(f.Why, "rmse is 2.000 worse than in test")) {
			t.Errorf("rmse: %+v", f)
		}
	}
}
