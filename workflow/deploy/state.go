package deploy

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"time"
)

// Status is where a checklist item or an ML test stands. The zero value
// means unanswered: the evidence or the form may still answer it (see
// Assess), else it counts as NotYet.
type Status string

// The statuses a person can give.
const (
	Done          Status = "done"
	Partly        Status = "partly"
	NotYet        Status = "not_yet"
	NotApplicable Status = "not_applicable" // needs a reason
)

// Statuses lists the statuses in the order a form offers them.
var Statuses = []Status{Done, Partly, NotYet, NotApplicable}

func (s Status) valid() bool { return slices.Contains(Statuses, s) }

// ParseStatus reads a status as written in JSON; "not yet", "n/a" and
// "not applicable" are accepted too.
func ParseStatus(s string) (Status, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "done":
		return Done, nil
	case "partly", "partial":
		return Partly, nil
	case "not_yet", "not yet", "no", "todo":
		return NotYet, nil
	case "not_applicable", "not applicable", "n/a", "na":
		return NotApplicable, nil
	}
	return "", fmt.Errorf("unknown status %q (use done, partly, not_yet or not_applicable)", s)
}

// ErrAnswer means an answer cannot be recorded as given.
var ErrAnswer = errors.New("the answer cannot be recorded")

// Answer is a person's answer to a checklist item. Reason is required
// when Status is NotApplicable.
type Answer struct {
	Status Status `json:"status"`
	Note   string `json:"note,omitempty"`
	Reason string `json:"reason,omitempty"`
}

// TestAnswer is a person's answer to an ML test: Automated says the test
// runs by itself (a full point) rather than by hand (half a point).
type TestAnswer struct {
	Status    Status `json:"status"`
	Automated bool   `json:"automated,omitempty"`
	Note      string `json:"note,omitempty"`
	Reason    string `json:"reason,omitempty"`
}

func checkAnswer(s Status, reason string) error {
	if !s.valid() {
		return fmt.Errorf("%w: unknown status %q (use done, partly, not_yet or not_applicable)", ErrAnswer, s)
	}
	if s == NotApplicable && strings.TrimSpace(reason) == "" {
		return fmt.Errorf("%w: \"not applicable\" needs a reason", ErrAnswer)
	}
	return nil
}

// ReproCheck is the result of refitting the chosen model from its recorded
// provenance and comparing the predictions (workflow's CheckReproducible).
type ReproCheck struct {
	Time        time.Time `json:"time"`
	Fingerprint string    `json:"fingerprint"` // of the model that was checked
	Identical   bool      `json:"identical"`   // every prediction (and probability) equal
	Rows        int       `json:"rows"`        // rows compared
	Differing   int       `json:"differing"`   // rows whose prediction differed
	SameModel   bool      `json:"same_model"`  // the refit's fingerprint equals the model's
	Detail      string    `json:"detail,omitempty"`
}

// Export is an export of the chosen model recorded by whoever made it
// (the deployment package, ONNX, PMML, model.json). Checked says its
// predictions were compared with the app's and agreed. Details holds
// figures keyed by name; the keys the evidence reads are listed under
// the Detail* constants.
type Export struct {
	Kind        string            `json:"kind"`
	Path        string            `json:"path"`
	Time        time.Time         `json:"time"`
	Fingerprint string            `json:"fingerprint"` // of the model exported
	Checked     bool              `json:"checked"`
	Details     map[string]string `json:"details,omitempty"`
}

// Export kinds and the detail keys the evidence rules read.
const (
	ExportPackage = "package" // the deployment package: model, pipeline, scoring service

	DetailAPI           = "api"            // the interface the package serves, e.g. "REST /v2/models/m/infer"
	DetailModelBytes    = "model_bytes"    // size of the saved model
	DetailMemoryBytes   = "memory_bytes"   // memory used by the loaded model
	DetailLatency       = "latency_ms"     // single-row prediction latency measured at export
	DetailDriftBaseline = "drift_baseline" // where the per-feature training profile is, "" when none
	DetailCheckedRows   = "checked_rows"   // rows whose predictions were compared with the app's
	// DetailFormats lists the portable forms the package carries (model.onnx,
	// model.pmml, reproduce.py), comma-separated; "" when none.
	DetailFormats = "formats"
)

// State is everything a person answered on the Deploy step, saved in the
// project: checklist answers by item ID, ML test answers by test ID, form
// fields by key, the last reproducibility check and the recorded exports.
// The zero State has no answers. It is a value: the With methods return
// changed copies and never share maps with the receiver.
type State struct {
	Items      map[string]Answer     `json:"items,omitempty"`
	Tests      map[string]TestAnswer `json:"ml_tests,omitempty"`
	Fields     map[string]string     `json:"fields,omitempty"`
	Reproduced *ReproCheck           `json:"reproduced,omitempty"`
	Exports    []Export              `json:"exports,omitempty"`
}

// IsZero reports whether nothing was answered or recorded (so the project
// file can leave the state out).
func (s State) IsZero() bool {
	return len(s.Items) == 0 && len(s.Tests) == 0 && len(s.Fields) == 0 && s.Reproduced == nil && len(s.Exports) == 0
}

// Clone returns a deep copy.
func (s State) Clone() State {
	out := State{Items: maps.Clone(s.Items), Tests: maps.Clone(s.Tests), Fields: maps.Clone(s.Fields)}
	if s.Reproduced != nil {
		r := *s.Reproduced
		out.Reproduced = &r
	}
	for _, e := range s.Exports {
		e.Details = maps.Clone(e.Details)
		out.Exports = append(out.Exports, e)
	}
	return out
}

// WithItem returns s with the answer to checklist item id. It fails on an
// unknown item (the error lists none: see Definition.Item), an unknown
// status, or "not applicable" without a reason.
func (s State) WithItem(d *Definition, id string, a Answer) (State, error) {
	if _, ok := d.Item(id); !ok {
		return s, fmt.Errorf("%w: no checklist item %q", ErrAnswer, id)
	}
	if err := checkAnswer(a.Status, a.Reason); err != nil {
		return s, fmt.Errorf("item %s: %w", id, err)
	}
	out := s.Clone()
	if out.Items == nil {
		out.Items = map[string]Answer{}
	}
	out.Items[id] = a
	return out, nil
}

// WithTest returns s with the answer to ML test id; errors as WithItem.
func (s State) WithTest(d *Definition, id string, a TestAnswer) (State, error) {
	if _, ok := d.Test(id); !ok {
		return s, fmt.Errorf("%w: no ML test %q", ErrAnswer, id)
	}
	if err := checkAnswer(a.Status, a.Reason); err != nil {
		return s, fmt.Errorf("ML test %s: %w", id, err)
	}
	out := s.Clone()
	if out.Tests == nil {
		out.Tests = map[string]TestAnswer{}
	}
	out.Tests[id] = a
	return out, nil
}

// WithField returns s with form field key set to value (trimmed; empty
// clears it). A field with choices accepts only one of them.
func (s State) WithField(d *Definition, key, value string) (State, error) {
	f, ok := d.Field(key)
	if !ok {
		return s, fmt.Errorf("%w: no form field %q", ErrAnswer, key)
	}
	value = strings.TrimSpace(value)
	if value != "" && len(f.Choices) > 0 && !slices.Contains(f.Choices, value) {
		return s, fmt.Errorf("%w: %s must be one of %s, not %q", ErrAnswer, key, strings.Join(f.Choices, ", "), value)
	}
	out := s.Clone()
	if value == "" {
		delete(out.Fields, key)
		return out, nil
	}
	if out.Fields == nil {
		out.Fields = map[string]string{}
	}
	out.Fields[key] = value
	return out, nil
}

// Field returns the answer to a form field, "" when unanswered.
func (s State) Field(key string) string { return s.Fields[key] }
