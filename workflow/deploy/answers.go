package deploy

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
)

// The answers file format (see NOTES-deploydocs.md): answers to checklist
// items, ML tests and form fields that scripts can apply to a project.
const (
	AnswersFormat  = "modelbench.answers"
	AnswersVersion = 1
)

// Answers is a decoded answers file:
//
//	{"format": "modelbench.answers", "version": 1,
//	 "checklist": {"production.api": {"status": "done", "note": "..."}},
//	 "ml_tests": {"infra_2": {"status": "done", "automated": true}},
//	 "purpose": {"decision": "..."}, "model_card": {"owners": "..."},
//	 "datasheet": {"collection": "..."}}
//
// Form answers are grouped by form ID, keyed by the field's name without
// the form prefix. Every part is optional.
type Answers struct {
	Items  map[string]Answer
	Tests  map[string]TestAnswer
	Fields map[string]string // full keys: "purpose.decision"
}

type answerJSON struct {
	Status    string `json:"status"`
	Note      string `json:"note"`
	Reason    string `json:"reason"`
	Automated bool   `json:"automated"`
}

// ParseAnswers reads an answers file against the checklist definition:
// the format and version, known item, test and field names, valid
// statuses and a reason for every "not applicable". Errors name the part
// and the key, and list the valid names for a wrong one.
func ParseAnswers(d *Definition, b []byte) (*Answers, error) {
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(b, &raw); err != nil {
		return nil, fmt.Errorf("not an answers file: %w", err)
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	_ = json.Unmarshal(b, &head)
	if head.Format != AnswersFormat {
		return nil, fmt.Errorf("not an answers file: format %q, want %q", head.Format, AnswersFormat)
	}
	if head.Version < 1 || head.Version > AnswersVersion {
		return nil, fmt.Errorf("the answers file has version %d; this Modelbench reads versions 1 to %d", head.Version, AnswersVersion)
	}
	out := &Answers{Items: map[string]Answer{}, Tests: map[string]TestAnswer{}, Fields: map[string]string{}}
	for key, part := range raw {
		var err error
		switch key {
		case "format", "version":
		case "checklist":
			err = out.items(d, part)
		case "ml_tests":
			err = out.tests(d, part)
		default:
			err = out.form(d, key, part)
		}
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}

func decodeParts(part json.RawMessage, what string) (map[string]answerJSON, error) {
	var m map[string]answerJSON
	dec := json.NewDecoder(bytes.NewReader(part))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return nil, fmt.Errorf("%s: %w (each answer is {\"status\", \"note\", \"reason\"})", what, err)
	}
	return m, nil
}

func (a *Answers) items(d *Definition, part json.RawMessage) error {
	m, err := decodeParts(part, "checklist")
	if err != nil {
		return err
	}
	for id, v := range m {
		if _, ok := d.Item(id); !ok {
			return fmt.Errorf("checklist: no item %q (items: %s)", id, strings.Join(itemIDs(d), ", "))
		}
		st, err := ParseStatus(v.Status)
		if err == nil {
			err = checkAnswer(st, v.Reason)
		}
		if err != nil {
			return fmt.Errorf("checklist item %q: %w", id, err)
		}
		a.Items[id] = Answer{Status: st, Note: v.Note, Reason: v.Reason}
	}
	return nil
}

func (a *Answers) tests(d *Definition, part json.RawMessage) error {
	m, err := decodeParts(part, "ml_tests")
	if err != nil {
		return err
	}
	for id, v := range m {
		if _, ok := d.Test(id); !ok {
			return fmt.Errorf("ml_tests: no test %q (tests: %s)", id, strings.Join(testIDs(d), ", "))
		}
		st, err := ParseStatus(v.Status)
		if err == nil {
			err = checkAnswer(st, v.Reason)
		}
		if err != nil {
			return fmt.Errorf("ML test %q: %w", id, err)
		}
		a.Tests[id] = TestAnswer{Status: st, Automated: v.Automated, Note: v.Note, Reason: v.Reason}
	}
	return nil
}

func (a *Answers) form(d *Definition, id string, part json.RawMessage) error {
	i := slices.IndexFunc(d.Forms, func(f Form) bool { return f.ID == id })
	if i < 0 {
		names := []string{"format", "version", "checklist", "ml_tests"}
		for _, f := range d.Forms {
			names = append(names, f.ID)
		}
		return fmt.Errorf("unknown part %q of the answers file (parts: %s)", id, strings.Join(names, ", "))
	}
	var m map[string]string
	if err := json.Unmarshal(part, &m); err != nil {
		return fmt.Errorf("%s: %w (give each field as \"name\": \"text\")", id, err)
	}
	for name, v := range m {
		key := id + "." + name
		if _, err := (State{}).WithField(d, key, v); err != nil {
			var names []string
			for _, fl := range d.Forms[i].Fields {
				names = append(names, strings.TrimPrefix(fl.Key, id+"."))
			}
			return fmt.Errorf("%s.%s: %w (fields: %s)", id, name, err, strings.Join(names, ", "))
		}
		a.Fields[key] = v
	}
	return nil
}

func itemIDs(d *Definition) []string {
	var out []string
	for _, s := range d.Sections {
		for _, it := range s.Items {
			out = append(out, it.ID)
		}
	}
	return out
}

func testIDs(d *Definition) []string {
	var out []string
	for _, s := range d.MLTestScore.Sections {
		for _, t := range s.Tests {
			out = append(out, t.ID)
		}
	}
	return out
}

// Change is one answer an answers file changed, for the journal.
type Change struct {
	What string // e.g. `checklist item production.api: done`
	Why  string // the note or reason given
}

// Apply returns s with every answer of a applied, and the answers that
// differ from s, sorted by what they change (a stable journal order).
func (a *Answers) Apply(d *Definition, s State) (State, []Change, error) {
	out := s.Clone()
	var changes []Change
	var err error
	for _, id := range sortedKeys(a.Items) {
		v := a.Items[id]
		if old, ok := s.Items[id]; ok && old == v {
			continue
		}
		if out, err = out.WithItem(d, id, v); err != nil {
			return s, nil, err
		}
		changes = append(changes, Change{What: "checklist item " + id + ": " + StatusText(v.Status), Why: first(v.Reason, v.Note)})
	}
	for _, id := range sortedKeys(a.Tests) {
		v := a.Tests[id]
		if old, ok := s.Tests[id]; ok && old == v {
			continue
		}
		if out, err = out.WithTest(d, id, v); err != nil {
			return s, nil, err
		}
		how := StatusText(v.Status)
		if v.Status == Done {
			how += map[bool]string{true: ", automated", false: ", by hand"}[v.Automated]
		}
		changes = append(changes, Change{What: "ML test " + id + ": " + how, Why: first(v.Reason, v.Note)})
	}
	for _, key := range sortedKeys(a.Fields) {
		v := strings.TrimSpace(a.Fields[key])
		if s.Field(key) == v {
			continue
		}
		if out, err = out.WithField(d, key, v); err != nil {
			return s, nil, err
		}
		changes = append(changes, Change{What: "form field " + key + " answered"})
	}
	return out, changes, nil
}

func first(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
