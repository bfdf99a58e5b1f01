package watch

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"modelbench/workflow/deploy/monitor"
)

// Level is how much a finding matters.
type Level string

// The levels, from least to most pressing.
const (
	OK      Level = "ok"      // looks as it should
	Info    Level = "info"    // worth knowing
	Warning Level = "warning" // look into it
	Alert   Level = "alert"   // a threshold is crossed: act
)

// Finding is one thing a snapshot shows, in the words of Explore's alerts:
// what was found, why it matters, what to do.
type Finding struct {
	Level Level `json:"level"`
	// Kind is traffic, drift, no_drift, untested, prediction_drift,
	// missing, invalid, live or no_feedback.
	Kind string `json:"kind"`
	// Feature names the column the finding is about ("" for none).
	Feature string `json:"feature,omitempty"`
	Message string `json:"message"`
	Why     string `json:"why"`
	Action  string `json:"action"`
	// Crossed says a threshold is crossed: a drift test's, the
	// missing-value shift's, or Thresholds.MaxDrop of a live metric.
	Crossed bool `json:"threshold_crossed"`
}

// Thresholds are the limits that are not the monitor package's own.
type Thresholds struct {
	// MaxDrop is the share of the test result (else the validation
	// result) by which a live metric may be worse before it crosses a
	// threshold (0.1: ten percent worse); 0 means live metrics never
	// cross one, they are only reported.
	MaxDrop float64
}

// Crossed reports whether any finding crosses a threshold.
func Crossed(fs []Finding) bool {
	return slices.ContainsFunc(fs, func(f Finding) bool { return f.Crossed })
}

// Findings lists what s shows: the traffic, each drifted feature (most
// drifted first) and one line for the others, the prediction drift,
// missing-value shifts and unreadable values, and the live metrics beside
// the validation and test results.
func Findings(s *Snapshot, th Thresholds) []Finding {
	r := s.Report
	out := []Finding{traffic(s)}
	if r.Requests == 0 {
		return out
	}
	var calm, untested []string
	for _, f := range r.Features {
		switch {
		case f.Drift.Drifted:
			out = append(out, driftFinding(f))
		case f.Drift.Test == monitor.TestNone:
			untested = append(untested, f.Name)
		default:
			calm = append(calm, f.Name)
		}
	}
	if len(calm) > 0 {
		out = append(out, Finding{Level: OK, Kind: "no_drift", Message: fmt.Sprintf("%s like the training data: %s", lookLike(len(calm)), quoted(calm)),
			Why:    "Their drift tests, with the service's thresholds, found no evidence of a change.",
			Action: "Nothing to do. Small windows only reveal large changes; look again as requests arrive."})
	}
	for _, f := range r.Features {
		if slices.Contains(untested, f.Name) {
			out = append(out, Finding{Level: Info, Kind: "untested", Feature: f.Name, Message: fmt.Sprintf("%s was not tested", quote(f.Name)),
				Why: f.Drift.Summary, Action: "Nothing to do until the window holds values for it."})
		}
	}
	if p := r.Prediction; p.Drift.Drifted {
		out = append(out, Finding{Level: Alert, Kind: "prediction_drift", Message: "The predictions have drifted: " + verdict(p),
			Why: p.Drift.Summary, Crossed: true,
			Action: "The model now predicts a different mix than on its training rows: either its inputs changed (see the features above) or the world did. Check the live metrics as outcomes arrive before acting on the predictions, and retrain on recent labelled rows if they fall."})
	}
	for _, f := range r.Features {
		if f.Missing.Shifted {
			out = append(out, Finding{Level: Warning, Kind: "missing", Feature: f.Name, Crossed: true,
				Message: fmt.Sprintf("%s is missing in %.0f%% of the requests (%.0f%% of the training rows)", quote(f.Name), 100*f.Missing.Window, 100*f.Missing.Baseline),
				Why:     f.Missing.Summary,
				Action:  "Find out which caller stopped (or started) sending the field, or which form changed; fix it upstream rather than retraining on broken inputs."})
		}
		if f.Invalid > 0 {
			out = append(out, Finding{Level: Warning, Kind: "invalid", Feature: f.Name,
				Message: fmt.Sprintf("%s: %s could not be read as %s", quote(f.Name), count(f.Invalid, "value"), f.Kind),
				Why:     "Values that do not fit the column (text in a number, an unknown date format) are scored as missing, so the model guesses for them.",
				Action:  "Fix the caller that sends them; the service's warnings name the row and field."})
		}
	}
	return append(out, live(s, th))
}

func traffic(s *Snapshot) Finding {
	r := s.Report
	f := Finding{Level: Info, Kind: "traffic"}
	if r.Requests == 0 {
		f.Message = "No requests in " + s.Window.Describe()
		f.Why = "Without requests there is nothing to compare with the training data."
		f.Action = "Send predictions to the service, or choose a longer window."
		if len(s.Notes) > 0 {
			f.Why += " " + strings.Join(s.Notes, " ")
		}
		return f
	}
	f.Message = fmt.Sprintf("%s in %s; %s failed (%.1f%%); latency p50 %.1f ms, p90 %.1f ms, p99 %.1f ms",
		count(r.Requests, "request"), s.Window.Describe(), count(r.Errors, "request"), 100*r.ErrorShare, r.Latency.P50, r.Latency.P90, r.Latency.P99)
	f.Why = "The volume, the failures and the speed say whether the service is used and healthy; the figure shows them over time."
	f.Action = "Nothing to do."
	if r.Errors > 0 {
		f.Level = Warning
		f.Action = "Failed requests are usually inputs that do not fit the model's contract (a missing field, text in a number): the service's answers name the row and field. Fix the caller."
	}
	if s.Truncated {
		f.Why += " The window held more requests than the service reads for a report; these are the most recent ones."
	}
	return f
}

func driftFinding(f monitor.FeatureDrift) Finding {
	msg := fmt.Sprintf("%s has drifted: %s", quote(f.Name), verdict(f))
	if f.BaselineMean != nil && f.WindowMean != nil {
		msg += fmt.Sprintf("; mean %s in training, %s now", monitor.FormatNumber(*f.BaselineMean), monitor.FormatNumber(*f.WindowMean))
	}
	action := "Compare the training and recent distributions in the figure. Look upstream for a unit or format change, a new source or a broken feed; if the change is real, collect the outcomes of recent requests and retrain on them (Retrain…)."
	if len(f.NewLevels) > 0 {
		var lv []string
		for _, l := range f.NewLevels {
			lv = append(lv, fmt.Sprintf("%q (%d)", l.Level, l.Count))
		}
		msg += fmt.Sprintf("; %s never seen in training: %s", count(f.UnseenLevels, "level"), strings.Join(lv, ", "))
		action = "Find out where the new level comes from: a new category, a spelling change or an error upstream. If it is real, retrain with labelled examples of it (Retrain…); until then the model treats it as a level it never learnt anything about."
	}
	return Finding{Level: Alert, Kind: "drift", Feature: f.Name, Message: msg, Why: f.Drift.Summary, Action: action, Crossed: true}
}

// verdict names a test's statistic against its threshold.
func verdict(f monitor.FeatureDrift) string {
	d := f.Drift
	switch d.Test {
	case monitor.TestKS:
		return fmt.Sprintf("Kolmogorov–Smirnov D = %.3f, %s (drift below %g)", d.Statistic, monitor.FormatPValue(d.PValue), d.Threshold)
	case monitor.TestChiSquare:
		return fmt.Sprintf("chi-square %s, %s (drift below %g)", monitor.FormatNumber(d.Statistic), monitor.FormatPValue(d.PValue), d.Threshold)
	case monitor.TestWasserstein:
		return fmt.Sprintf("normalised Wasserstein distance %.3f (drift from %g)", d.Statistic, d.Threshold)
	case monitor.TestJensenShannon:
		return fmt.Sprintf("Jensen–Shannon distance %.3f (drift from %g)", d.Statistic, d.Threshold)
	}
	return "not tested"
}

// higherIsBetter says which way a live metric improves.
func higherIsBetter(metric string) bool { return metric != "rmse" && metric != "mae" }

// live compares the live metrics with the validation and test results.
func live(s *Snapshot, th Thresholds) Finding {
	r := s.Report
	if r.Live == nil {
		return Finding{Level: Info, Kind: "no_feedback", Message: "No true outcomes have arrived for these requests",
			Why:    "Drift says the inputs changed; only outcomes say whether the model still predicts well.",
			Action: "Post the true outcomes to the service's /v1/feedback with the prediction IDs it returned; the live metrics appear here as they arrive."}
	}
	names := make([]string, 0, len(r.Live.Metrics))
	for n := range r.Live.Metrics {
		names = append(names, n)
	}
	slices.Sort(names)
	chosen := ""
	if s.Expected != nil && s.Expected.Metric != "" {
		chosen = s.Expected.Metric
	}
	if i := slices.Index(names, chosen); i > 0 {
		names[0], names[i] = names[i], names[0]
	}
	f := Finding{Level: OK, Kind: "live", Action: "Nothing to do."}
	var parts, worse []string
	for _, n := range names {
		v := r.Live.Metrics[n]
		part := fmt.Sprintf("%s %s", n, monitor.FormatNumber(v))
		ref, refName := math.NaN(), ""
		if s.Expected != nil {
			var refs []string
			if x, ok := s.Expected.Validation[n]; ok {
				refs = append(refs, "validation "+monitor.FormatNumber(x))
				ref, refName = x, "validation"
			}
			if x, ok := s.Expected.Test[n]; ok {
				refs = append(refs, "test "+monitor.FormatNumber(x))
				ref, refName = x, "test"
			}
			if len(refs) > 0 {
				part += " (" + strings.Join(refs, ", ") + ")"
			}
		}
		parts = append(parts, part)
		if math.IsNaN(ref) {
			continue
		}
		drop := ref - v
		if !higherIsBetter(n) {
			drop = v - ref
		}
		if drop > 0 {
			worse = append(worse, fmt.Sprintf("%s is %s worse than in %s", n, monitor.FormatNumber(drop), refName))
			if th.MaxDrop > 0 && drop > th.MaxDrop*math.Abs(ref) {
				f.Crossed = true
			}
		}
	}
	f.Message = fmt.Sprintf("Live %s on %s with feedback", parts[0], count(r.Live.Rows, "request"))
	f.Why = "The live metrics are the model's scores on the requests whose true outcome arrived: " + strings.Join(parts, "; ") + "."
	switch {
	case f.Crossed:
		f.Level = Alert
		f.Why += fmt.Sprintf(" Against those results, %s: more than the %.0f%% allowed.", strings.Join(worse, "; "), 100*th.MaxDrop)
		f.Action = "The model does worse on recent requests than when it was chosen: retrain on the labelled recent rows (Retrain…) and keep the new version only if it is better on them."
	case len(worse) > 0:
		f.Level = Warning
		f.Why += " Against those results, " + strings.Join(worse, "; ") + "."
		f.Action = "A score on few rows varies by chance; keep watching as outcomes arrive, and retrain on the labelled recent rows if the gap stays."
	}
	return f
}

func quote(s string) string { return "“" + s + "”" }

func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = quote(n)
	}
	return strings.Join(q, ", ")
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// lookLike is "1 feature looks" or "n features look".
func lookLike(n int) string {
	if n == 1 {
		return "1 feature looks"
	}
	return count(n, "feature") + " look"
}
