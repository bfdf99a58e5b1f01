package serve

import (
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/deploy/serve/predlog"
)

// The metric names /metrics exposes (besides the Go runtime's go_* and
// the process's process_* metrics).
const (
	MetricRequests        = "modelbench_http_requests_total"           // counter{endpoint, code}
	MetricErrors          = "modelbench_http_request_errors_total"     // counter{endpoint, code}: 4xx and 5xx
	MetricLatency         = "modelbench_http_request_duration_seconds" // histogram{endpoint}
	MetricRows            = "modelbench_rows_scored_total"             // counter
	MetricClasses         = "modelbench_predicted_class_total"         // counter{class}
	MetricFeedback        = "modelbench_feedback_total"                // counter
	MetricModelInfo       = "modelbench_model_info"                    // gauge{name, version, app_version, learner, task} = 1
	MetricFeatureStat     = "modelbench_feature_drift_statistic"       // gauge{feature, test}
	MetricFeatureDrifted  = "modelbench_feature_drifted"               // gauge{feature}: 0 or 1
	MetricFeatureScore    = "modelbench_feature_drift_score"           // gauge{feature}: 1 is the threshold
	MetricFeaturePSI      = "modelbench_feature_psi"                   // gauge{feature}
	MetricPredictionStat  = "modelbench_prediction_drift_statistic"    // gauge{test}
	MetricPredictionDrift = "modelbench_prediction_drifted"            // gauge: 0 or 1
	MetricWindowRows      = "modelbench_monitoring_window_rows"        // gauge: rows in the last window
	MetricWindowRefreshed = "modelbench_monitoring_refreshed_timestamp_seconds"
	MetricLogQueued       = "modelbench_log_queued_entries"     // gauge
	MetricLogWritten      = "modelbench_log_written_total"      // counter
	MetricLogWaits        = "modelbench_log_queue_waits_total"  // counter: requests that waited for room
	MetricLogFull         = "modelbench_log_queue_full_total"   // counter: requests refused (503)
	MetricLogErrors       = "modelbench_log_write_errors_total" // counter: failed commits (retried)
)

// metrics holds the server's Prometheus collectors in a registry of its
// own.
type metrics struct {
	reg        *prometheus.Registry
	requests   *prometheus.CounterVec
	errors     *prometheus.CounterVec
	latency    *prometheus.HistogramVec
	rows       prometheus.Counter
	classes    []prometheus.Counter // by class index
	classIndex map[string]int
	feedback   prometheus.Counter

	featStat    *prometheus.GaugeVec
	featDrifted *prometheus.GaugeVec
	featScore   *prometheus.GaugeVec
	featPSI     *prometheus.GaugeVec
	predStat    *prometheus.GaugeVec
	predDrifted prometheus.Gauge
	windowRows  prometheus.Gauge
	refreshed   prometheus.Gauge
}

// latencyBuckets are the histogram's upper bounds in seconds.
var latencyBuckets = []float64{0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5}

func newMetrics(d *Deployment, name, appVersion string, log *predlog.Log) *metrics {
	m := &metrics{reg: prometheus.NewRegistry()}
	f := factory{m.reg}
	m.requests = f.counterVec(MetricRequests, "HTTP requests by endpoint and status code.", "endpoint", "code")
	m.errors = f.counterVec(MetricErrors, "HTTP requests that failed (status 4xx or 5xx), by endpoint and status code.", "endpoint", "code")
	m.latency = prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: MetricLatency, Help: "Time from a request's arrival to its response, by endpoint.", Buckets: latencyBuckets}, []string{"endpoint"})
	m.reg.MustRegister(m.latency)
	m.rows = f.counter(MetricRows, "Rows scored (every endpoint).")
	m.feedback = f.counter(MetricFeedback, "True outcomes recorded through /v1/feedback.")
	if d.Classification() {
		cv := f.counterVec(MetricClasses, "Rows scored, by predicted class.", "class")
		m.classIndex = map[string]int{}
		for k, c := range d.Artifact.Classes {
			m.classes = append(m.classes, cv.WithLabelValues(c))
			m.classIndex[c] = k
		}
	}
	info := f.gaugeVec(MetricModelInfo, "The model served: always 1, with its identity in the labels.", "name", "version", "app_version", "learner", "task")
	info.WithLabelValues(name, d.ModelVersion, appVersion, d.Artifact.Learner, d.Artifact.Task.String()).Set(1)

	m.featStat = f.gaugeVec(MetricFeatureStat, "Each input feature's drift statistic over the last monitoring window (the test is in the label).", "feature", "test")
	m.featDrifted = f.gaugeVec(MetricFeatureDrifted, "1 when the feature drifted over the last monitoring window, else 0.", "feature")
	m.featScore = f.gaugeVec(MetricFeatureScore, "Each feature's drift score over the last monitoring window: 1 is the threshold, larger is more drift.", "feature")
	m.featPSI = f.gaugeVec(MetricFeaturePSI, "Each feature's population stability index over the last monitoring window.", "feature")
	m.predStat = f.gaugeVec(MetricPredictionStat, "The predictions' drift statistic over the last monitoring window.", "test")
	m.predDrifted = f.gauge(MetricPredictionDrift, "1 when the predictions drifted over the last monitoring window, else 0.")
	m.windowRows = f.gauge(MetricWindowRows, "Logged predictions in the last monitoring window.")
	m.refreshed = f.gauge(MetricWindowRefreshed, "When the drift gauges were last computed (Unix seconds).")

	if log != nil {
		stat := func(get func(predlog.Stats) float64) func() float64 {
			return func() float64 { return get(log.Stats()) }
		}
		m.reg.MustRegister(
			prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: MetricLogQueued, Help: "Prediction-log entries waiting to be committed."}, stat(func(s predlog.Stats) float64 { return float64(s.Queued) })),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: MetricLogWritten, Help: "Prediction-log entries committed."}, stat(func(s predlog.Stats) float64 { return float64(s.Written) })),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: MetricLogWaits, Help: "Requests that found the prediction log's queue full and waited."}, stat(func(s predlog.Stats) float64 { return float64(s.Waits) })),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: MetricLogFull, Help: "Requests refused (503) because the prediction log's queue stayed full."}, stat(func(s predlog.Stats) float64 { return float64(s.Full) })),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: MetricLogErrors, Help: "Failed prediction-log commits (each is retried)."}, stat(func(s predlog.Stats) float64 { return float64(s.WriteErrors) })),
		)
	}
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

type factory struct{ reg *prometheus.Registry }

func (f factory) counter(name, help string) prometheus.Counter {
	c := prometheus.NewCounter(prometheus.CounterOpts{Name: name, Help: help})
	f.reg.MustRegister(c)
	return c
}

func (f factory) gauge(name, help string) prometheus.Gauge {
	g := prometheus.NewGauge(prometheus.GaugeOpts{Name: name, Help: help})
	f.reg.MustRegister(g)
	return g
}

func (f factory) counterVec(name, help string, labels ...string) *prometheus.CounterVec {
	c := prometheus.NewCounterVec(prometheus.CounterOpts{Name: name, Help: help}, labels)
	f.reg.MustRegister(c)
	return c
}

func (f factory) gaugeVec(name, help string, labels ...string) *prometheus.GaugeVec {
	g := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: name, Help: help}, labels)
	f.reg.MustRegister(g)
	return g
}

// endpointMetrics are one endpoint's collectors, resolved once.
type endpointMetrics struct {
	m        *metrics
	endpoint string
	latency  prometheus.Observer
	ok       prometheus.Counter // requests with status 200
}

func (m *metrics) endpoint(name string) *endpointMetrics {
	return &endpointMetrics{m: m, endpoint: name, latency: m.latency.WithLabelValues(name), ok: m.requests.WithLabelValues(name, "200")}
}

// observe counts one finished request.
func (e *endpointMetrics) observe(status int, took time.Duration) {
	e.latency.Observe(took.Seconds())
	if status == 200 {
		e.ok.Inc()
		return
	}
	code := strconv.Itoa(status)
	e.m.requests.WithLabelValues(e.endpoint, code).Inc()
	if status >= 400 {
		e.m.errors.WithLabelValues(e.endpoint, code).Inc()
	}
}

// countScored counts the rows and the predicted classes.
func (m *metrics) countScored(o *scored) {
	m.rows.Add(float64(len(o.IDs)))
	if m.classes == nil || o.Labels == nil {
		return
	}
	counts := make([]int, len(m.classes))
	for _, l := range o.Labels {
		if k, ok := m.classIndex[l]; ok {
			counts[k]++
		}
	}
	for k, n := range counts {
		if n > 0 {
			m.classes[k].Add(float64(n))
		}
	}
}

// setDrift replaces the drift gauges with the report's.
func (m *metrics) setDrift(r *monitor.Report, at time.Time) {
	m.featStat.Reset()
	m.featDrifted.Reset()
	m.featScore.Reset()
	m.featPSI.Reset()
	m.predStat.Reset()
	for _, f := range r.Features {
		if f.Drift.Test != monitor.TestNone {
			m.featStat.WithLabelValues(f.Name, string(f.Drift.Test)).Set(f.Drift.Statistic)
		}
		m.featDrifted.WithLabelValues(f.Name).Set(boolGauge(f.Drift.Drifted))
		m.featScore.WithLabelValues(f.Name).Set(f.Drift.Score)
		if f.PSI != nil {
			m.featPSI.WithLabelValues(f.Name).Set(*f.PSI)
		}
	}
	if r.Prediction.Drift.Test != monitor.TestNone {
		m.predStat.WithLabelValues(string(r.Prediction.Drift.Test)).Set(r.Prediction.Drift.Statistic)
	}
	m.predDrifted.Set(boolGauge(r.Prediction.Drift.Drifted))
	m.windowRows.Set(float64(r.Requests))
	m.refreshed.Set(float64(at.UnixNano()) / 1e9)
}

func boolGauge(b bool) float64 {
	if b {
		return 1
	}
	return 0
}
