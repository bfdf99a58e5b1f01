package serve

import (
	"bytes"
	_ "embed"
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"time"

	"modelbench/workflow/deploy/monitor"
)

//go:embed dashboard.html
var dashboardHTML string

// dashboardTemplate renders /monitor: one self-contained page (inline
// CSS and SVG, no scripts, fonts or other requests) that reloads itself
// every 30 seconds.
var dashboardTemplate = template.Must(template.New("monitor").Funcs(template.FuncMap{
	"num":     monitor.FormatNumber,
	"pct":     func(v float64) string { return strconv.FormatFloat(100*v, 'f', 1, 64) + "%" },
	"ms":      func(v float64) string { return strconv.FormatFloat(v, 'f', 2, 64) + " ms" },
	"when":    func(t time.Time) string { return t.UTC().Format("2006-01-02 15:04:05 UTC") },
	"bar":     scoreBar,
	"psi":     func(p *float64) string { return optNum(p) },
	"optnum":  optNum,
	"verdict": verdict,
}).Parse(dashboardHTML))

// dashboardData is what the page shows.
type dashboardData struct {
	*MonitoringResponse
	Learner, Task, Target string
	Windows               []string
	Live                  []metricRow
	ErrorShare            float64
}

// metricRow puts a live metric beside metrics.json's numbers.
type metricRow struct {
	Name                   string
	Live, Validation, Test *float64
}

func (s *Server) handleDashboard(w http.ResponseWriter, r *http.Request) error {
	d, label, err := s.window(r)
	if err != nil {
		return err
	}
	resp, err := s.report(r.Context(), d, label)
	if err != nil {
		return err
	}
	a := s.d.Artifact
	data := dashboardData{MonitoringResponse: resp, Learner: a.Learner, Task: a.Task.String(), Target: a.Target,
		Windows: []string{"1h", "24h", "7d"}, Live: liveRows(resp.Report.Live, s.d.Metrics)}
	if resp.Server.Requests > 0 {
		data.ErrorShare = float64(resp.Server.Errors) / float64(resp.Server.Requests)
	}
	var buf bytes.Buffer
	if err := dashboardTemplate.Execute(&buf, data); err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
	h.Set("Cache-Control", "no-store")
	_, _ = w.Write(buf.Bytes())
	return nil
}

// liveRows lists the live metrics, then metrics.json's chosen metric if
// it is not among them, each with its validation and test numbers.
func liveRows(live *monitor.LiveMetrics, exp *Metrics) []metricRow {
	names := map[string]bool{}
	if live != nil {
		for n := range live.Metrics {
			names[n] = true
		}
	}
	if exp != nil && exp.Metric != "" {
		names[exp.Metric] = true
	}
	var out []metricRow
	for n := range names {
		row := metricRow{Name: n}
		if live != nil {
			if v, ok := live.Metrics[n]; ok {
				row.Live = &v
			}
		}
		if exp != nil {
			if v, ok := exp.Validation[n]; ok {
				row.Validation = &v
			}
			if v, ok := exp.Test[n]; ok {
				row.Test = &v
			}
		}
		out = append(out, row)
	}
	slices.SortFunc(out, func(a, b metricRow) int {
		switch {
		case a.Name < b.Name:
			return -1
		case a.Name > b.Name:
			return 1
		}
		return 0
	})
	return out
}

func optNum(p *float64) string {
	if p == nil {
		return "–"
	}
	return monitor.FormatNumber(*p)
}

// scoreBar is the width in percent of a drift score's bar: the threshold
// (score 1) sits at 50%, twice the threshold and more fill it.
func scoreBar(score float64) string {
	if math.IsNaN(score) || score < 0 {
		score = 0
	}
	return strconv.FormatFloat(math.Min(score, 2)*50, 'f', 1, 64)
}

func verdict(r monitor.Result) string {
	switch {
	case r.Test == monitor.TestNone:
		return "not tested"
	case r.Drifted:
		return "drifted"
	}
	return "stable"
}
