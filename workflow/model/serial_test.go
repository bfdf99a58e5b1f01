package model_test

import (
	"encoding/json"
	"errors"
	"math"
	"testing"

	"modelbench/workflow/model"
)

func TestFloats_RoundTripsSpecialValues(t *testing.T) {
	in := model.Floats{0, math.Copysign(0, -1), 1.0 / 3, math.MaxFloat64, math.SmallestNonzeroFloat64, math.NaN(), math.Inf(1), math.Inf(-1), -2.5e-300}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	var out model.Floats
	if err := json.Unmarshal(b, &out); err != nil {
		t.Fatalf("%s: %v", b, err)
	}
	if len(out) != len(in) {
		t.Fatalf("%d values back, want %d", len(out), len(in))
	}
	for i := range in {
		if math.Float64bits(in[i]) != math.Float64bits(out[i]) && !math.IsNaN(in[i]) {
			t.Errorf("value %d: %v came back as %v", i, in[i], out[i])
		}
	}
	for _, bad := range []string{`["1"]`, `["inf"]`, `[true]`, `{}`} {
		if err := json.Unmarshal([]byte(bad), &out); err == nil {
			t.Errorf("%s was accepted", bad)
		}
	}
}

func TestUnmarshal_Errors(t *testing.T) {
	cases := []struct {
		in   string
		want error
	}{
		{`not json`, model.ErrBadModelFile},
		{`{"version": 1}`, model.ErrBadModelFile},
		{`{"type": "martian", "version": 1, "model": {}}`, model.ErrUnknownModelType},
	}
	for i, c := range cases {
		if _, err := model.Unmarshal([]byte(c.in)); !errors.Is(err, c.want) {
			t.Errorf("%d: err = %v, want %v", i, err, c.want)
		}
	}
	if _, err := model.Unmarshal([]byte(`{"type": "baseline", "version": 1, "model": {"task": "classification", "features": ["a"], "classes": ["x", "y"], "priors": [0.5]}}`)); err == nil {
		t.Error("a baseline with fewer priors than classes was accepted")
	}
	if _, err := model.Marshal(nil); !errors.Is(err, model.ErrNotSaveable) {
		t.Errorf("Marshal(nil): err = %v", err)
	}
}

// FuzzFloats checks that Floats reads any input without panicking and that
// what it reads writes back to an equal value.
func FuzzFloats(f *testing.F) {
	for _, s := range []string{`[1, "NaN", "+Inf", "-Inf", -0.5e-300]`, `null`, `[]`, `["x"]`, `[1e400]`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var v model.Floats
		if err := json.Unmarshal(b, &v); err != nil {
			return
		}
		out, err := json.Marshal(v)
		if err != nil {
			t.Fatalf("%v read from %q does not write: %v", v, b, err)
		}
		var back model.Floats
		if err := json.Unmarshal(out, &back); err != nil || len(back) != len(v) {
			t.Fatalf("%s does not read back: %v", out, err)
		}
		for i := range v {
			if math.Float64bits(v[i]) != math.Float64bits(back[i]) && !(math.IsNaN(v[i]) && math.IsNaN(back[i])) {
				t.Fatalf("value %d: %v became %v", i, v[i], back[i])
			}
		}
	})
}

// TestSplitMember cuts members out of objects and refuses what is not one.
func TestSplitMember(t *testing.T) {
	cases := []struct{ in, key, rest, value string }{
		{`{"a":1,"model":{"x":"}\"]"},"b":[2,{"c":3}]}`, "model", `{"a":1,"b":[2,{"c":3}]}`, `{"x":"}\"]"}`},
		{` { "model" : "abc" } `, "model", `{}`, `"abc"`},
		{`{"a":"\\","mod\u0065l":true}`, "model", `{"a":"\\"}`, `true`},
		{`{"model":1,"model":2}`, "model", `{}`, `2`},
		{`{}`, "model", `{}`, ``},
		{`{"a":null}`, "model", `{"a":null}`, ``},
	}
	for i, c := range cases {
		rest, value, err := model.SplitMember([]byte(c.in), c.key)
		if err != nil || string(rest) != c.rest || string(value) != c.value {
			t.Errorf("%d: rest %s, value %s, err %v; want %s and %s", i, rest, value, err, c.rest, c.value)
		}
	}
	for _, bad := range []string{``, `[]`, `{"a"}`, `{"a":}`, `{"a":1 "b":2}`, `{"a":"x}`, `{"a":[1,2}`, `{"a":1}x`, `{"a":1,}`, `{a:1}`} {
		if _, _, err := model.SplitMember([]byte(bad), "a"); err == nil {
			t.Errorf("%q was accepted", bad)
		}
	}
}

// FuzzSplitMember checks that SplitMember never panics and that whatever
// it accepts from valid JSON gives valid JSON: the rest an object, the
// value a JSON value.
func FuzzSplitMember(f *testing.F) {
	for _, s := range []string{`{"a":1,"model":{"x":[1,"]"]}}`, `{"model":"\\\""}`, `{}`, `{"a":{"b":{"model":3}}}`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		rest, value, err := model.SplitMember(b, "model")
		if err != nil || !json.Valid(b) {
			return
		}
		var obj map[string]json.RawMessage
		if json.Unmarshal(rest, &obj) != nil || (value != nil && !json.Valid(value)) {
			t.Fatalf("%s split into %s and %s", b, rest, value)
		}
	})
}
