package param

import (
	"encoding/json"
	"testing"
)

var specs = []Spec{
	{Name: "depth", Label: "Depth", Kind: Int, Min: 1, Max: 50, HasRange: true, Default: 6},
	{Name: "rate", Label: "Rate", Kind: Float, Min: 0, Max: 1, HasRange: true, Default: 0.1},
	{Name: "crit", Label: "Criterion", Kind: Choice, Choices: []string{"gini", "entropy"}, Default: "gini"},
	{Name: "on", Kind: Bool, Default: false},
	{Name: "cols", Kind: Columns, Default: []string{}},
}

func TestResolve_FillsDefaultsAndValidates(t *testing.T) {
	v, err := Resolve(specs, Values{"depth": 3.0, "crit": "entropy"})
	if err != nil {
		t.Fatal(err)
	}
	if v.Int("depth") != 3 || v.Float("rate") != 0.1 || v.String("crit") != "entropy" || v.Bool("on") {
		t.Fatalf("resolved %v", v)
	}
	for i, bad := range []Values{{"depth": 0}, {"depth": 2.5}, {"rate": 2.0}, {"crit": "x"}, {"nope": 1}, {"on": "yes"}} {
		if _, err := Resolve(specs, bad); err == nil {
			t.Errorf("case %d: %v accepted", i, bad)
		}
	}
}

func TestParseAssignments_ReadsCommandLineText(t *testing.T) {
	v, err := ParseAssignments(specs, []string{"depth=12", "rate=0.5", "on=true", "cols=a, b"})
	if err != nil {
		t.Fatal(err)
	}
	r, err := Resolve(specs, v)
	if err != nil {
		t.Fatal(err)
	}
	if r.Int("depth") != 12 || r.Float("rate") != 0.5 || !r.Bool("on") || len(r.Strings("cols")) != 2 {
		t.Fatalf("got %v", r)
	}
	for _, bad := range []string{"depth", "depth=x", "rate=9", "zzz=1"} {
		if _, err := ParseAssignments(specs, []string{bad}); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestValues_RoundTripJSON(t *testing.T) {
	v, _ := Resolve(specs, Values{"cols": []string{"a"}})
	b, _ := json.Marshal(v)
	var back Values
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	r, err := Resolve(specs, back)
	if err != nil || r.Int("depth") != 6 || r.Strings("cols")[0] != "a" {
		t.Fatalf("round trip: %v %v", r, err)
	}
}
