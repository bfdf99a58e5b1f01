package deploy

import (
	"strings"
	"testing"
)

func TestParseAnswers_AppliesEveryPart(t *testing.T) {
	d, _ := Builtin()
	a, err := ParseAnswers(d, []byte(`{
	  "format": "modelbench.answers", "version": 1,
	  "checklist": {"production.api": {"status": "done", "note": "REST"},
	                "monitoring.outcomes": {"status": "not applicable", "reason": "a one-off study"}},
	  "ml_tests": {"infra_2": {"status": "done", "automated": true}},
	  "purpose": {"decision": "who gets a call", "motivation": "business"},
	  "model_card": {"licence": "MIT"},
	  "datasheet": {"maintenance": "the data team"}}`))
	if err != nil {
		t.Fatal(err)
	}
	s, ch, err := a.Apply(d, State{})
	if err != nil {
		t.Fatal(err)
	}
	if len(ch) != 7 {
		t.Fatalf("%d changes: %v", len(ch), ch)
	}
	if s.Items["monitoring.outcomes"].Status != NotApplicable || s.Tests["infra_2"] != (TestAnswer{Status: Done, Automated: true}) ||
		s.Field("purpose.decision") != "who gets a call" || s.Field("model_card.licence") != "MIT" || s.Field("datasheet.maintenance") != "the data team" {
		t.Fatalf("state %+v", s)
	}
	if ch[0].What != "checklist item monitoring.outcomes: not applicable" || ch[0].Why != "a one-off study" {
		t.Fatalf("first change %+v (changes are sorted)", ch[0])
	}
	if _, again, _ := a.Apply(d, s); len(again) != 0 {
		t.Fatalf("applying twice changed %v", again)
	}
}

func TestParseAnswers_ErrorsNameThePart(t *testing.T) {
	d, _ := Builtin()
	head := `"format": "modelbench.answers", "version": 1`
	cases := []struct{ body, says string }{
		{`{"format": "x", "version": 1}`, "not an answers file"},
		{`{"format": "modelbench.answers", "version": 2}`, "version 2"},
		{`{` + head + `, "checklist": {"production.apx": {"status": "done"}}}`, `no item "production.apx" (items: purpose.motivation`},
		{`{` + head + `, "checklist": {"production.api": {"status": "finished"}}}`, `unknown status "finished"`},
		{`{` + head + `, "checklist": {"production.api": {"status": "n/a"}}}`, "needs a reason"},
		{`{` + head + `, "checklist": {"production.api": {"status": "done", "colour": 1}}}`, "colour"},
		{`{` + head + `, "ml_tests": {"infra_9": {"status": "done"}}}`, `no test "infra_9"`},
		{`{` + head + `, "model_card": {"license": "MIT"}}`, "fields: owners, version, licence"},
		{`{` + head + `, "purpose": {"motivation": "fun"}}`, "business, policy, science, other"},
		{`{` + head + `, "modelcard": {}}`, `unknown part "modelcard"`},
	}
	for _, c := range cases {
		_, err := ParseAnswers(d, []byte(c.body))
		if err == nil || !strings.Contains(err.Error(), c.says) {
			t.Errorf("%s: %v (want %q)", c.body, err, c.says)
		}
	}
}

func TestState_WithMethodsCopy(t *testing.T) {
	d, _ := Builtin()
	a, err := State{}.WithItem(d, "production.api", Answer{Status: Done})
	if err != nil {
		t.Fatal(err)
	}
	b, err := a.WithItem(d, "production.api", Answer{Status: Partly})
	if err != nil {
		t.Fatal(err)
	}
	if a.Items["production.api"].Status != Done || b.Items["production.api"].Status != Partly {
		t.Fatal("With changed its receiver")
	}
	c, _ := b.WithField(d, "model_card.licence", " MIT ")
	if c.Field("model_card.licence") != "MIT" {
		t.Fatalf("%q", c.Field("model_card.licence"))
	}
	if e, _ := c.WithField(d, "model_card.licence", ""); e.Field("model_card.licence") != "" || c.Field("model_card.licence") != "MIT" {
		t.Fatal("clearing a field")
	}
	if (State{}).IsZero() != true || c.IsZero() {
		t.Fatal("IsZero")
	}
}
