package serve

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"
)

// flatSeeds are bodies the fast decoder takes or must pass on.
var flatSeeds = []string{
	`{"island": "Biscoe", "bill_length_mm": 45.1, "bill_depth_mm": 14.5, "flipper_length_mm": 215, "body_mass_g": 5000, "sex": "female", "year": 2008}`,
	` {"a":-0.0e+5,"b":true,"c":false,"d":null,"a":"last wins"} `, `{}`, `{ }`,
	`{"a": 1e400}`, `{"a": 01}`, `{"a": 1.}`, `{"a": .5}`, `{"a": -}`, `{"a": 1e}`, `{"a": +1}`,
	`{"a": "\u00e9"}`, `{"a": "é"}`, `{"a\"b": 1}`, `{"a": [1]}`, `{"a": {"b": 1}}`, `{"records": [{"a": 1}]}`,
	`{"a": 1,}`, `{"a" 1}`, `{"a": 1} x`, `{"a": tru}`, `{"a": nul}`, `{"a": 1`, `{`, `{"a":"x`, "{\"a\":\"\t\"}",
	`{"a": 123456789012345678901234567890, "b": 4.9e-324, "c": 2.2250738585072014e-308}`,
}

// TestFlatRecord_SameAsEncodingJSON: on every seed, a body the fast
// decoder takes decodes to exactly what encoding/json gives, and the ones
// it passes on include every body encoding/json refuses.
func TestFlatRecord_SameAsEncodingJSON(t *testing.T) {
	took := 0
	for _, s := range flatSeeds {
		if checkFlat(t, []byte(s)) {
			took++
		}
	}
	if took < 5 {
		t.Fatalf("the fast decoder took only %d of the seeds", took)
	}
	m, ok := flatRecord([]byte(flatSeeds[0]))
	if !ok || m["island"] != "Biscoe" || m["body_mass_g"] != 5000.0 || len(m) != 7 {
		t.Fatalf("the plain record decoded to %v, %v", m, ok)
	}
	if m, ok := flatRecord([]byte(flatSeeds[1])); !ok || m["a"] != "last wins" || m["d"] != nil || m["b"] != true {
		t.Fatalf("the repeated key and literals decoded to %v, %v", m, ok)
	}
}

// FuzzFlatRecord holds the fast decoder to encoding/json's answers.
func FuzzFlatRecord(f *testing.F) {
	for _, s := range flatSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, body []byte) { checkFlat(t, body) })
}

// checkFlat compares flatRecord with json.Unmarshal on body and reports
// whether flatRecord took it.
func checkFlat(t *testing.T, body []byte) bool {
	t.Helper()
	got, ok := flatRecord(body)
	var want map[string]any
	err := json.Unmarshal(body, &want)
	if !ok {
		return false
	}
	if err != nil {
		t.Fatalf("%q: the fast decoder took a body encoding/json refuses (%v): %v", body, err, got)
	}
	if len(got) != len(want) {
		t.Fatalf("%q: %v, encoding/json %v", body, got, want)
	}
	for k, w := range want {
		g, present := got[k]
		if !present || !sameJSON(g, w) {
			t.Fatalf("%q: field %q is %#v, encoding/json %#v", body, k, g, w)
		}
	}
	return true
}

func sameJSON(a, b any) bool {
	if x, ok := a.(float64); ok {
		y, ok := b.(float64)
		return ok && math.Float64bits(x) == math.Float64bits(y)
	}
	return reflect.DeepEqual(a, b)
}
