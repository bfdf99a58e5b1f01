package serve

import (
	"context"
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"time"

	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/deploy/serve/predlog"
)

// MonitoringResponse is /v1/monitoring's answer: the monitor package's
// report on the logged predictions of this model version in the window,
// with the validation and test numbers of metrics.json to compare the
// live metrics with, and this process's request counters.
type MonitoringResponse struct {
	Name         string          `json:"name"`
	ModelVersion string          `json:"model_version"`
	Window       string          `json:"window"`
	Since        time.Time       `json:"since"`
	Until        time.Time       `json:"until"`
	Truncated    bool            `json:"truncated"` // the window held more rows than were read
	Report       *monitor.Report `json:"report"`
	Expected     *Metrics        `json:"expected,omitempty"`
	Server       ServerCounters  `json:"server"`
}

// ServerCounters are this process's counts since it started.
type ServerCounters struct {
	Started  time.Time `json:"started"`
	Requests int64     `json:"requests"`
	Errors   int64     `json:"errors"`
	Rows     int64     `json:"rows_scored"`
}

// ParseWindow reads a window length: "1h", "24h", "7d", or any Go
// duration ("15m"); "Nd" is N days. It must be positive.
func ParseWindow(s string) (time.Duration, error) {
	if s == "" {
		return 0, fmt.Errorf("an empty window")
	}
	var d time.Duration
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n <= 0 || n > 3650 {
			return 0, fmt.Errorf("the window %q is not a number of days", s)
		}
		d = time.Duration(n) * 24 * time.Hour
	} else {
		var err error
		if d, err = time.ParseDuration(s); err != nil {
			return 0, fmt.Errorf("the window %q is not a duration such as 1h, 24h or 7d", s)
		}
	}
	if d <= 0 {
		return 0, fmt.Errorf("the window %q is not positive", s)
	}
	return d, nil
}

// window reads ?window= (default: MonitorWindow).
func (s *Server) window(r *http.Request) (time.Duration, string, error) {
	q := r.URL.Query().Get("window")
	if q == "" {
		return s.opt.MonitorWindow, windowLabel(s.opt.MonitorWindow), nil
	}
	d, err := ParseWindow(q)
	if err != nil {
		return 0, "", badRequest("%v", err)
	}
	return d, windowLabel(d), nil
}

// windowLabel writes a window as ParseWindow reads it: "7d", "24h",
// "15m".
func windowLabel(d time.Duration) string {
	switch {
	case d >= 48*time.Hour && d%(24*time.Hour) == 0:
		return strconv.Itoa(int(d/(24*time.Hour))) + "d"
	case d%time.Hour == 0:
		return strconv.Itoa(int(d/time.Hour)) + "h"
	case d%time.Minute == 0:
		return strconv.Itoa(int(d/time.Minute)) + "m"
	}
	return d.String()
}

// report summarises the log's last window of this model version. It
// flushes this process's queued predictions first, so that they count.
func (s *Server) report(ctx context.Context, window time.Duration, label string) (*MonitoringResponse, error) {
	return s.reportRows(ctx, window, label, s.opt.MonitorMaxRows)
}

// GaugeRows is the most recent rows of the window the drift gauges are
// computed on: enough for the distances larger windows get, cheap enough
// to recompute every MonitorInterval beside the traffic.
const GaugeRows = 20_000

// reportRows is report over at most maxRows rows, the most recent.
func (s *Server) reportRows(ctx context.Context, window time.Duration, label string, maxRows int) (*MonitoringResponse, error) {
	if s.log == nil {
		return nil, statusError(http.StatusServiceUnavailable, "this server keeps no prediction log (--log off), so there is nothing to monitor")
	}
	fctx, cancel := context.WithTimeout(ctx, 5*time.Second)
	err := s.log.Flush(fctx)
	cancel()
	if err != nil && ctx.Err() == nil {
		s.logger.Warn("monitoring: the prediction log could not be flushed; the report may miss the latest rows", "error", err.Error())
	}
	until := time.Now()
	since := until.Add(-window)
	rep, n, err := s.summarise(ctx, predlog.Query{Since: since, ModelVersion: s.d.ModelVersion, Limit: maxRows})
	if err != nil {
		return nil, err
	}
	truncated := n >= maxRows
	return &MonitoringResponse{Name: s.opt.Name, ModelVersion: s.d.ModelVersion, Window: label, Since: since.UTC(), Until: until.UTC(),
		Truncated: truncated, Report: rep, Expected: s.d.Metrics, Server: s.counters()}, nil
}

// logChunk is how many logged rows are decoded at a time.
const logChunk = 4096

// summarise streams the rows q selects into typed columns (a chunk of
// decoded records at a time, so that a large window costs the columns'
// memory, not the records') and summarises them with
// monitor.SummariseFrame; it returns the report and the rows read.
func (s *Server) summarise(ctx context.Context, q predlog.Query) (*monitor.Report, int, error) {
	var parts []*validated
	var outcomes []monitor.Outcome
	chunk := make([]map[string]any, 0, logChunk)
	flush := func() {
		if len(chunk) > 0 {
			parts = append(parts, s.d.readLogged(chunk))
			chunk = chunk[:0]
		}
	}
	err := s.log.Scan(ctx, q, func(e *predlog.Logged) error {
		chunk = append(chunk, e.Inputs)
		o := e.Outcome
		o.Probabilities = nil // not used by the report
		outcomes = append(outcomes, o)
		if len(chunk) == logChunk {
			flush()
		}
		return nil
	})
	if err != nil {
		return nil, 0, statusError(http.StatusServiceUnavailable, "the prediction log cannot be read: %v", err)
	}
	flush()
	if len(parts) == 0 {
		rep, err := monitor.Summarise(ctx, s.d.Baseline, nil, nil)
		return rep, 0, err
	}
	f, err := joinFrames(parts)
	if err != nil {
		return nil, 0, err
	}
	rep, err := monitor.SummariseFrame(ctx, s.d.Baseline, f, outcomes, nil)
	return rep, len(outcomes), err
}

func (s *Server) handleMonitoring(w http.ResponseWriter, r *http.Request) error {
	d, label, err := s.window(r)
	if err != nil {
		return err
	}
	resp, err := s.report(r.Context(), d, label)
	if err != nil {
		return err
	}
	writeJSON(w, http.StatusOK, resp)
	return nil
}

// refreshLoop recomputes the drift gauges every MonitorInterval.
func (s *Server) refreshLoop() {
	defer close(s.done)
	t := time.NewTicker(s.opt.MonitorInterval)
	defer t.Stop()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		<-s.stop
		cancel()
	}()
	for {
		s.refresh(ctx)
		select {
		case <-s.stop:
			return
		case <-t.C:
		}
	}
}

// refresh sets the drift gauges from the last window.
func (s *Server) refresh(ctx context.Context) {
	resp, err := s.reportRows(ctx, s.opt.MonitorWindow, windowLabel(s.opt.MonitorWindow), min(s.opt.MonitorMaxRows, GaugeRows))
	if err != nil {
		if ctx.Err() == nil {
			s.logger.Warn("monitoring: the drift gauges could not be refreshed", "error", err.Error())
		}
		return
	}
	s.metrics.setDrift(resp.Report, time.Now())
}
