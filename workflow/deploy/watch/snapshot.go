package watch

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/deploy/serve/predlog"
	"modelbench/workflow/progress"
)

// Options say how to read a source. The zero value reads everything with
// no key.
type Options struct {
	Window Window
	// APIKey is sent to a service as "Authorization: Bearer KEY"; it is
	// never kept in the Snapshot nor named in an error.
	APIKey string
	// Client makes a service's requests (nil: one with a 2-minute
	// timeout).
	Client *http.Client
	// AnyVersion reads a log's predictions of every model version, even
	// when the deployment directory holds model.json.
	AnyVersion bool
}

// Snapshot is what Open read: the monitor package's report on the window
// and what it should be compared with.
type Snapshot struct {
	// Source is the source as a project may save it (no password).
	Source Source `json:"source"`
	Window Window `json:"-"`
	// Since and Until bound the window read.
	Since time.Time `json:"since"`
	Until time.Time `json:"until"`
	// Name is the service's model name ("" for a log).
	Name string `json:"name,omitempty"`
	// ModelVersion is the model version whose predictions were read (""
	// for every version of a log).
	ModelVersion string `json:"model_version,omitempty"`
	// Versions are what a log holds per model version (nil for a service).
	Versions []predlog.VersionCount `json:"versions,omitempty"`
	// Rows is the number of predictions read; Truncated says a service
	// read only its most recent rows of the window.
	Rows      int  `json:"rows"`
	Truncated bool `json:"truncated,omitempty"`
	// Report is the monitor package's report on the window.
	Report *monitor.Report `json:"report"`
	// Expected holds metrics.json's validation and test results (nil
	// without the file).
	Expected *serve.Metrics `json:"expected,omitempty"`
	// Notes say what a person should know about what was read (a log
	// without rows of this model version, …).
	Notes []string `json:"notes,omitempty"`
}

// WindowLabel is the snapshot's window as ParseWindow reads it.
func (s *Snapshot) WindowLabel() string { return s.Window.String() }

// Open reads the window of src that opt asks for. report (which may be
// nil) hears how far a log's reading has come.
func Open(ctx context.Context, src Source, opt Options, report progress.Func) (*Snapshot, error) {
	switch src.Kind {
	case Service:
		return openService(ctx, src, opt, report)
	case Log:
		return openLog(ctx, src, opt, report)
	}
	return nil, fmt.Errorf("unknown kind of source %q", src.Kind)
}

// openService asks the service for its report on the window.
func openService(ctx context.Context, src Source, opt Options, report progress.Func) (*Snapshot, error) {
	window := opt.Window.String()
	if opt.Window <= 0 {
		window = fmt.Sprintf("%dd", allDays)
	}
	report.Send(-1, "asking "+src.Target)
	var m serve.MonitoringResponse
	if err := getJSON(ctx, src, opt, "/v1/monitoring?window="+url.QueryEscape(window), &m); err != nil {
		return nil, err
	}
	if m.Report == nil {
		return nil, fmt.Errorf("%s answered without a report", src)
	}
	report.Send(1, "report received")
	return &Snapshot{Source: src.Saved(), Window: opt.Window, Since: m.Since, Until: m.Until, Name: m.Name, ModelVersion: m.ModelVersion,
		Rows: m.Report.Requests, Truncated: m.Truncated, Report: m.Report, Expected: m.Expected}, nil
}

// getJSON GETs path from the service and decodes its JSON answer.
func getJSON(ctx context.Context, src Source, opt Options, path string, into any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src.Target+path, nil)
	if err != nil {
		return fmt.Errorf("%s: %w", src, err)
	}
	if opt.APIKey != "" {
		req.Header.Set("Authorization", "Bearer "+opt.APIKey)
	}
	c := opt.Client
	if c == nil {
		c = &http.Client{Timeout: 2 * time.Minute}
	}
	resp, err := c.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return fmt.Errorf("%s cannot be reached: %w", src, scrub(err, opt.APIKey))
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		return fmt.Errorf("reading the answer of %s: %w", src, err)
	}
	switch {
	case resp.StatusCode == http.StatusUnauthorized && opt.APIKey == "":
		return fmt.Errorf("%s needs an API key (--api-key, MODELBENCH_API_KEY, or the key field)", src)
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return fmt.Errorf("%s refused the API key (status %d)", src, resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		var e struct {
			Error string `json:"error"`
		}
		msg := strings.TrimSpace(string(body))
		if json.Unmarshal(body, &e) == nil && e.Error != "" {
			msg = e.Error
		}
		if len(msg) > 300 {
			msg = msg[:300] + "…"
		}
		return fmt.Errorf("%s answered %d: %s", src, resp.StatusCode, msg)
	}
	if err := json.Unmarshal(body, into); err != nil {
		return fmt.Errorf("%s did not answer with a Modelbench report: %w", src, err)
	}
	return nil
}

// scrub removes the key from an error's text, should a transport ever
// echo a header.
func scrub(err error, key string) error {
	if key == "" || !strings.Contains(err.Error(), key) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), key, "xxxxx"))
}

// deployment is what a log is read against.
type deployment struct {
	baseline *monitor.Baseline
	metrics  *serve.Metrics
	version  string // of model.json; "" without one
}

func loadDeployment(dir string) (*deployment, error) {
	if dir == "" {
		return nil, errors.New("reading a log needs the deployment directory (--baseline DIR) that holds baseline.json")
	}
	path := filepath.Join(dir, serve.BaselineFile)
	if !exists(path) {
		return nil, fmt.Errorf("%s has no %s: give the deployment directory the log's model was served from", dir, serve.BaselineFile)
	}
	b, err := monitor.LoadBaseline(path)
	if err != nil {
		return nil, err
	}
	d := &deployment{baseline: b}
	raw, err := os.ReadFile(filepath.Join(dir, serve.MetricsFile))
	switch {
	case err == nil:
		if d.metrics, err = serve.DecodeMetrics(raw); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, serve.MetricsFile), err)
		}
	case !errors.Is(err, os.ErrNotExist):
		return nil, err
	}
	if raw, err := os.ReadFile(filepath.Join(dir, serve.ModelFile)); err == nil {
		d.version = serve.VersionOf(raw)
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	return d, nil
}
