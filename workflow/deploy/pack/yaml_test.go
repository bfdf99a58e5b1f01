package pack

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"sigs.k8s.io/yaml"
)

// TestEncodeYAML_ReadsBackAsTheSameTree: what the emitter writes, read
// by sigs.k8s.io/yaml (go-yaml underneath), is the tree it was given —
// strings that look like booleans, numbers, nulls, dates or YAML syntax,
// keys that need quotes, multi-line text, empty collections, nested
// sequences of mappings, and numbers YAML 1.1 would misread.
func TestEncodeYAML_ReadsBackAsTheSameTree(t *testing.T) {
	tricky := []string{"", " ", "yes", "No", "on", "OFF", "y", "N", "true", "False", "null", "Null", "~", "-", "--log", "1", "0x1F", "1e3",
		"1_000", "010", "3.0.3", ".inf", "-.Inf", ".nan", "2006-01-02", "12:30", "a: b", "a #b", "#c", "- x", "[x]", "{x}", "*ref", "&anchor",
		"!tag", "|", ">", "%x", "@x", "`x`", "'q'", `"dq"`, "back\\slash", "tab\there", "line\nbreak", "two\nlines\n", "trailing \nspace",
		" lead\nx", "unicode “quotes” — é", "\u2028sep", "a\x00b", "$(MODELBENCH_LOG)", "#/components/schemas/Record", "/v1/predict",
		"application/json", "f87158dfb7b1", "e123", "E5", "+1", "1.", "app.kubernetes.io/name"}
	var seq []any
	kv := mapping{}
	for i, s := range tricky {
		seq = append(seq, s)
		kv = append(kv, pair{s + "k" + strings.Repeat("x", i%3), s})
	}
	tree := m(
		"strings", seq,
		"keys", kv,
		"numbers", []any{0, -3, int64(1) << 53, 0.5, 1e21, 1e-7, -2.5e-300, math.MaxFloat64, 123456789.125, 3.0},
		"booleans", []any{true, false},
		"null", null{},
		"empty", m("map", m(), "list", []any{}),
		"nested", []any{m("a", 1, "b", []any{m("c", "d", "e", []any{"f", m()}), []any{}}), "x", []any{[]any{"deep"}}},
		"text", "first line\n  indented second\n\nafter a blank",
		"key with spaces", "v",
		"200", "a status code as a key",
	)
	out, err := encodeYAML(tree)
	if err != nil {
		t.Fatal(err)
	}
	got, err := yaml.YAMLToJSON(out)
	if err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	want, err := json.Marshal(tree)
	if err != nil {
		t.Fatal(err)
	}
	var g, w any
	_ = json.Unmarshal(got, &g)
	_ = json.Unmarshal(want, &w)
	gb, _ := json.Marshal(g)
	wb, _ := json.Marshal(w)
	if string(gb) != string(wb) {
		t.Errorf("read back differently:\n got %s\nwant %s\n\nYAML:\n%s", gb, wb, out)
	}
}

// TestEncodeYAML_RefusesNonFiniteNumbers: NaN has no JSON form.
func TestEncodeYAML_RefusesNonFiniteNumbers(t *testing.T) {
	if _, err := encodeYAML(m("x", math.NaN())); err == nil {
		t.Error("NaN encodes")
	}
	if _, err := encodeYAML(m("x", struct{}{})); err == nil {
		t.Error("a struct encodes")
	}
}
