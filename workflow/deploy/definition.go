package deploy

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"

	"modelbench/assets"
)

// DefinitionFormat names the checklist definition's JSON; DefinitionVersion
// is the newest layout this package reads.
const (
	DefinitionFormat  = "modelbench.checklist"
	DefinitionVersion = 1
)

// ErrDefinition means a checklist definition is malformed.
var ErrDefinition = errors.New("the checklist definition is malformed")

// Definition is the versioned checklist: its sections of items, the ML
// Test Score's tests and the form fields only a person can fill. It is
// data (assets/deploy/checklist.json), so questions can be added without
// code; an item refers to evidence rules by ID (see Rules).
type Definition struct {
	Format      string    `json:"format"`
	Version     int       `json:"version"`
	Sections    []Section `json:"sections"`
	MLTestScore MLRubric  `json:"ml_test_score"`
	Forms       []Form    `json:"forms"`
}

// Section is one group of checklist items.
type Section struct {
	ID    string `json:"id"`
	Title string `json:"title"`
	Intro string `json:"intro"`
	Items []Item `json:"items"`
}

// Item is one question of the checklist. Screen names the stage ("data",
// "explore", "prepare", "train", "evaluate", "deploy") whose screen shows
// the evidence. Fields are form keys whose answers answer the item;
// Evidence are rule IDs. Auto is the status the item takes, when the
// person has not answered it, once every one of its evidence rules passes
// ("" means evidence never answers it by itself).
type Item struct {
	ID       string   `json:"id"`
	Question string   `json:"question"`
	Explain  string   `json:"explain"`
	Good     string   `json:"good"`
	Screen   string   `json:"screen"`
	Fields   []string `json:"fields,omitempty"`
	Evidence []string `json:"evidence,omitempty"`
	Auto     Status   `json:"auto,omitempty"`
}

// MLRubric is the ML Test Score of Breck et al. (2017): four sections of
// seven tests and the paper's reading of the final score.
type MLRubric struct {
	Source   string      `json:"source"`
	Scoring  string      `json:"scoring"`
	Sections []MLSection `json:"sections"`
	Readings []Reading   `json:"readings"`
}

// MLSection is one of the rubric's four sections.
type MLSection struct {
	Name  string   `json:"name"`
	Title string   `json:"title"`
	Tests []MLTest `json:"tests"`
}

// MLTest is one test of the rubric. Auto and Automated say which status
// and flag the test takes, when the person has not answered it, once all
// its evidence passes.
type MLTest struct {
	ID        string   `json:"id"`
	Title     string   `json:"title"`
	Explain   string   `json:"explain"`
	Evidence  []string `json:"evidence,omitempty"`
	Auto      Status   `json:"auto,omitempty"`
	Automated bool     `json:"automated,omitempty"`
}

// Reading is the paper's interpretation of final scores above Above (and
// up to the next reading's Above).
type Reading struct {
	Above float64 `json:"above"`
	Text  string  `json:"text"`
}

// Form is a group of fields only a person can answer.
type Form struct {
	ID     string      `json:"id"`
	Title  string      `json:"title"`
	Fields []FormField `json:"fields"`
}

// FormField is one free-text (or, with Choices, one-of) answer, keyed
// "form.name".
type FormField struct {
	Key     string   `json:"key"`
	Label   string   `json:"label"`
	Help    string   `json:"help"`
	Choices []string `json:"choices,omitempty"`
}

var (
	builtinOnce sync.Once
	builtin     *Definition
	builtinErr  error
)

// Builtin returns the checklist definition shipped in assets, parsed once.
// The result is shared: do not change it.
func Builtin() (*Definition, error) {
	builtinOnce.Do(func() { builtin, builtinErr = ParseDefinition(assets.Checklist()) })
	return builtin, builtinErr
}

// ParseDefinition reads and checks a checklist definition: the format and
// a version this package reads, unique IDs, known statuses, screens and
// evidence rules, form keys that exist, and a rubric of four sections of
// seven tests with readings in increasing order. Errors wrap ErrDefinition.
func ParseDefinition(b []byte) (*Definition, error) {
	var d Definition
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&d); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDefinition, err)
	}
	if d.Format != DefinitionFormat {
		return nil, fmt.Errorf("%w: format %q, want %q", ErrDefinition, d.Format, DefinitionFormat)
	}
	if d.Version < 1 || d.Version > DefinitionVersion {
		return nil, fmt.Errorf("%w: version %d; this Modelbench reads versions 1 to %d", ErrDefinition, d.Version, DefinitionVersion)
	}
	if err := d.check(); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrDefinition, err)
	}
	return &d, nil
}

// Screens are the stage names an item may link to.
var Screens = []string{"data", "explore", "prepare", "train", "evaluate", "deploy"}

func (d *Definition) check() error {
	ids := map[string]bool{}
	unique := func(id string) error {
		if id == "" || ids[id] {
			return fmt.Errorf("the ID %q is empty or used twice", id)
		}
		ids[id] = true
		return nil
	}
	keys := map[string]bool{} // form keys are a namespace of their own
	for _, f := range d.Forms {
		for _, fl := range f.Fields {
			if fl.Key == "" || keys[fl.Key] || !strings.HasPrefix(fl.Key, f.ID+".") {
				return fmt.Errorf("the form key %q is empty, used twice or not prefixed with its form's ID %q", fl.Key, f.ID)
			}
			keys[fl.Key] = true
		}
	}
	for _, s := range d.Sections {
		if err := unique(s.ID); err != nil {
			return err
		}
		for _, it := range s.Items {
			if err := d.checkItem(it, unique); err != nil {
				return fmt.Errorf("item %q: %w", it.ID, err)
			}
		}
	}
	return d.checkRubric(unique)
}

func (d *Definition) checkItem(it Item, unique func(string) error) error {
	if err := unique(it.ID); err != nil {
		return err
	}
	if it.Question == "" || !slices.Contains(Screens, it.Screen) {
		return fmt.Errorf("needs a question and a screen (one of %v)", Screens)
	}
	if it.Auto != "" && (!it.Auto.valid() || len(it.Evidence) == 0) {
		return fmt.Errorf("auto status %q needs evidence and a known status", it.Auto)
	}
	for _, k := range it.Fields {
		if _, ok := d.Field(k); !ok {
			return fmt.Errorf("no form field %q", k)
		}
	}
	return checkRules(it.Evidence)
}

func checkRules(ids []string) error {
	for _, r := range ids {
		if _, ok := rules[r]; !ok {
			return fmt.Errorf("no evidence rule %q", r)
		}
	}
	return nil
}

func (d *Definition) checkRubric(unique func(string) error) error {
	r := d.MLTestScore
	if len(r.Sections) != 4 {
		return fmt.Errorf("the ML Test Score has %d sections, not 4", len(r.Sections))
	}
	for _, s := range r.Sections {
		if len(s.Tests) != 7 {
			return fmt.Errorf("ML Test Score section %q has %d tests, not 7", s.Name, len(s.Tests))
		}
		for _, t := range s.Tests {
			if err := unique(t.ID); err != nil {
				return err
			}
			if t.Auto != "" && (!t.Auto.valid() || len(t.Evidence) == 0) {
				return fmt.Errorf("test %q: auto status %q needs evidence and a known status", t.ID, t.Auto)
			}
			if err := checkRules(t.Evidence); err != nil {
				return fmt.Errorf("test %q: %w", t.ID, err)
			}
		}
	}
	if len(r.Readings) == 0 {
		return errors.New("the ML Test Score has no readings")
	}
	for i := 1; i < len(r.Readings); i++ {
		if r.Readings[i].Above <= r.Readings[i-1].Above {
			return errors.New("the ML Test Score's readings must increase")
		}
	}
	return nil
}

// Item returns the checklist item with the given ID.
func (d *Definition) Item(id string) (Item, bool) {
	for _, s := range d.Sections {
		for _, it := range s.Items {
			if it.ID == id {
				return it, true
			}
		}
	}
	return Item{}, false
}

// Test returns the ML test with the given ID.
func (d *Definition) Test(id string) (MLTest, bool) {
	for _, s := range d.MLTestScore.Sections {
		for _, t := range s.Tests {
			if t.ID == id {
				return t, true
			}
		}
	}
	return MLTest{}, false
}

// Field returns the form field with the given key.
func (d *Definition) Field(key string) (FormField, bool) {
	for _, f := range d.Forms {
		for _, fl := range f.Fields {
			if fl.Key == key {
				return fl, true
			}
		}
	}
	return FormField{}, false
}

// Reading returns the paper's reading of a final score.
func (d *Definition) Reading(score float64) string {
	text := ""
	for _, r := range d.MLTestScore.Readings {
		if score > r.Above {
			text = r.Text
		}
	}
	return text
}
