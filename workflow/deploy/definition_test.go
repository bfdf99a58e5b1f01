package deploy

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"

	"modelbench/assets"
)

func TestBuiltin_CoversTheIssue(t *testing.T) {
	d, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, s := range d.Sections {
		ids = append(ids, s.ID)
		for _, it := range s.Items {
			if it.Explain == "" || it.Good == "" {
				t.Errorf("%s lacks its explanation or what a good answer looks like", it.ID)
			}
		}
	}
	if strings.Join(ids, " ") != "purpose production monitoring documentation" {
		t.Fatalf("sections %v", ids)
	}
	n := 0
	for _, s := range d.MLTestScore.Sections {
		for _, ts := range s.Tests {
			n++
			if ts.Title == "" || ts.Explain == "" {
				t.Errorf("ML test %s lacks words", ts.ID)
			}
		}
	}
	if n != 28 {
		t.Fatalf("%d ML tests, want 28", n)
	}
	for _, k := range DocumentKeys {
		if _, ok := d.Field(k); !ok {
			t.Errorf("the documents read %q, which the definition lacks", k)
		}
	}
	if d.Reading(0) == d.Reading(0.5) || d.Reading(5) == d.Reading(5.5) || d.Reading(3) == d.Reading(3.5) {
		t.Error("the readings do not follow the paper's bands (0, up to 1, 2, 3, 5, above 5)")
	}
}

func TestParseDefinition_RejectsBrokenDefinitions(t *testing.T) {
	var base map[string]any
	if err := json.Unmarshal(assets.Checklist(), &base); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		name   string
		change func(m map[string]any)
		says   string
	}{
		{"other format", func(m map[string]any) { m["format"] = "x" }, "format"},
		{"newer version", func(m map[string]any) { m["version"] = 99 }, "version 99"},
		{"unknown rule", func(m map[string]any) { rawItem(m, 0, 3)["evidence"] = []any{"astrology"} }, "astrology"},
		{"duplicate item", func(m map[string]any) { rawItem(m, 0, 1)["id"] = rawItem(m, 0, 0)["id"] }, "used twice"},
		{"unknown field", func(m map[string]any) { rawItem(m, 0, 0)["fields"] = []any{"purpose.nope"} }, "purpose.nope"},
		{"unknown screen", func(m map[string]any) { rawItem(m, 0, 0)["screen"] = "kitchen" }, "screen"},
		{"six tests", func(m map[string]any) {
			s := m["ml_test_score"].(map[string]any)["sections"].([]any)[0].(map[string]any)
			s["tests"] = s["tests"].([]any)[:6]
		}, "6 tests"},
		{"unknown key", func(m map[string]any) { m["colour"] = "blue" }, "colour"},
	}
	for _, c := range cases {
		b, _ := json.Marshal(base)
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		c.change(m)
		b, _ = json.Marshal(m)
		_, err := ParseDefinition(b)
		if !errors.Is(err, ErrDefinition) || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v", c.name, err)
		}
	}
}

func rawItem(m map[string]any, sec, i int) map[string]any {
	return m["sections"].([]any)[sec].(map[string]any)["items"].([]any)[i].(map[string]any)
}
