package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/deploy/watch"
)

// EnvAPIKey is the environment variable `monitor` reads a service's API
// key from when --api-key is not given.
const EnvAPIKey = "MODELBENCH_API_KEY"

// ExitThreshold is monitor's exit code when a finding crosses a threshold.
const ExitThreshold = 3

func init() {
	register(command{
		name:    "monitor",
		summary: "report drift and live metrics of a running service or a prediction log; exit 3 when a threshold is crossed",
		usage: "monitor SOURCE [--baseline DIR] [--window 1h|24h|7d|all] [--api-key KEY] [--max-drop SHARE] [--all-versions] [--json]\n" +
			"  SOURCE is a service URL (http://host:port), a log file (SQLite) or a postgres:// log\n" +
			"  exit codes: 0 no threshold crossed, 3 a threshold crossed, 1 the source could not be read, 2 wrong usage",
		run: runMonitor,
	})
}

// monitorOutput is what "monitor --json" prints.
type monitorOutput struct {
	Source       string          `json:"source"`
	Window       string          `json:"window"`
	Since        time.Time       `json:"since"`
	Until        time.Time       `json:"until"`
	ModelVersion string          `json:"model_version,omitempty"`
	Rows         int             `json:"rows"`
	Crossed      bool            `json:"threshold_crossed"`
	Findings     []watch.Finding `json:"findings"`
	Snapshot     *watch.Snapshot `json:"snapshot"`
}

func runMonitor(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "monitor")
	baseline := fs.String("baseline", "", "the deployment directory (baseline.json, metrics.json, model.json) a log is read against")
	window := fs.String("window", "24h", "how far back to look: 1h, 24h, 7d, all, or a duration; a log's window ends at its last prediction")
	key := fs.String("api-key", "", "the service's API key (default: $"+EnvAPIKey+"); never saved or printed")
	maxDrop := fs.Float64("max-drop", 0, "a live metric worse than the test (else validation) result by more than this share of it crosses a threshold (0: live metrics are only reported)")
	allVersions := fs.Bool("all-versions", false, "read a log's predictions of every model version, not only the deployment directory's")
	asJSON := fs.Bool("json", false, "print the findings and the report as JSON")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("expected one SOURCE, got %d arguments", len(pos))
	}
	w, err := watch.ParseWindow(*window)
	if err != nil {
		return usageErr("--window: %v", err)
	}
	if *maxDrop < 0 || *maxDrop >= 1 {
		return usageErr("--max-drop must be a share from 0 to 1, not %g", *maxDrop)
	}
	src, err := watch.ParseSource(pos[0], *baseline)
	if err != nil {
		return usageErr("%v", err)
	}
	if src.Kind == watch.Log && *baseline == "" {
		return usageErr("reading a log needs --baseline DIR, the deployment directory its model was served from (baseline.json, metrics.json)")
	}
	apiKey := *key
	if apiKey == "" {
		apiKey = os.Getenv(EnvAPIKey)
	}
	snap, err := watch.Open(ctx, src, watch.Options{Window: w, APIKey: apiKey, AnyVersion: *allVersions}, nil)
	if err != nil {
		return err
	}
	fsd := watch.Findings(snap, watch.Thresholds{MaxDrop: *maxDrop})
	crossed := watch.Crossed(fsd)
	if *asJSON {
		enc := json.NewEncoder(env.Stdout)
		enc.SetIndent("", "  ")
		o := monitorOutput{Source: snap.Source.String(), Window: w.String(), Since: snap.Since, Until: snap.Until, ModelVersion: snap.ModelVersion,
			Rows: snap.Rows, Crossed: crossed, Findings: fsd, Snapshot: snap}
		if err := enc.Encode(o); err != nil {
			return err
		}
	} else {
		printMonitor(env.Stdout, snap, fsd)
	}
	if crossed {
		return exitCode(ExitThreshold)
	}
	return nil
}

// levelTag is a finding's level in the text output.
var levelTag = map[watch.Level]string{watch.OK: "ok", watch.Info: "info", watch.Warning: "WARNING", watch.Alert: "ALERT"}

func printMonitor(w io.Writer, s *watch.Snapshot, fs []watch.Finding) {
	fmt.Fprintf(w, "%s, %s", capitalise(s.Source.String()), s.Window.Describe())
	if !s.Until.IsZero() {
		fmt.Fprintf(w, " (%s to %s)", s.Since.UTC().Format(time.DateTime), s.Until.UTC().Format(time.DateTime+" UTC"))
	}
	if s.ModelVersion != "" {
		fmt.Fprintf(w, ", model version %s", s.ModelVersion)
	}
	fmt.Fprintf(w, ": %d predictions\n\n", s.Rows)
	for _, n := range s.Notes {
		fmt.Fprintln(w, n)
	}
	for _, f := range fs {
		fmt.Fprintf(w, "%-8s %s\n", levelTag[f.Level], f.Message)
		if f.Level != watch.OK && f.Level != watch.Info || f.Kind == "no_feedback" {
			fmt.Fprintf(w, "%-8s why: %s\n%-8s do:  %s\n", "", f.Why, "", f.Action)
		}
	}
	r := s.Report
	if r.Requests > 0 {
		fmt.Fprintln(w, "\nFeatures ranked by drift (score 1 is the threshold):")
		for i, f := range append(slices.Clone(r.Features), r.Prediction) {
			mark := ""
			if f.Drift.Drifted {
				mark = "drifted"
			}
			name := f.Name
			if i == len(r.Features) {
				name = "(" + f.Name + ")"
			}
			fmt.Fprintf(w, "  %-24s %-17s %8.3f  %s\n", name, f.Drift.Test, f.Drift.Score, mark)
		}
		if r.Live != nil {
			printLive(w, r.Live, s)
		}
	}
	if watch.Crossed(fs) {
		fmt.Fprintf(w, "\nA threshold is crossed (exit code %d).\n", ExitThreshold)
	} else {
		fmt.Fprintln(w, "\nNo threshold is crossed.")
	}
}

func printLive(w io.Writer, l *monitor.LiveMetrics, s *watch.Snapshot) {
	fmt.Fprintf(w, "\nLive metrics on %d requests with feedback:\n  %-20s %10s %10s %10s\n", l.Rows, "metric", "live", "validation", "test")
	names := make([]string, 0, len(l.Metrics))
	for n := range l.Metrics {
		names = append(names, n)
	}
	slices.Sort(names)
	for _, n := range names {
		val, test := "–", "–"
		if s.Expected != nil {
			if v, ok := s.Expected.Validation[n]; ok {
				val = fmt.Sprintf("%.4f", v)
			}
			if v, ok := s.Expected.Test[n]; ok {
				test = fmt.Sprintf("%.4f", v)
			}
		}
		fmt.Fprintf(w, "  %-20s %10.4f %10s %10s\n", n, l.Metrics[n], val, test)
	}
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
