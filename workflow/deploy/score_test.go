package deploy

import (
	"math"
	"strings"
	"testing"
)

var (
	evPass  = Evidence{Rule: "a", Verdict: Pass}
	evFail  = Evidence{Rule: "b", Verdict: Fail}
	evMiss  = Evidence{Rule: "c", Verdict: Missing}
	evStale = Evidence{Rule: "d", Verdict: Pass, Stale: true}
	evMap   = map[string]Evidence{"a": evPass, "b": evFail, "c": evMiss, "d": evStale}
)

func TestItems_EffectiveStatusAndCredit(t *testing.T) {
	cases := []struct {
		name   string
		item   Item
		state  State
		status Status
		source string
		credit float64
		capped bool
	}{
		{"1 person done, evidence holds", Item{ID: "x", Evidence: []string{"a"}}, State{Items: map[string]Answer{"x": {Status: Done}}}, Done, FromPerson, 1, false},
		{"2 person done, evidence fails", Item{ID: "x", Evidence: []string{"a", "b"}}, State{Items: map[string]Answer{"x": {Status: Done}}}, Done, FromPerson, 0.5, true},
		{"3 person done, evidence stale", Item{ID: "x", Evidence: []string{"d"}}, State{Items: map[string]Answer{"x": {Status: Done}}}, Done, FromPerson, 0.5, true},
		{"4 person done, evidence unknown", Item{ID: "x", Evidence: []string{"c"}}, State{Items: map[string]Answer{"x": {Status: Done}}}, Done, FromPerson, 1, false},
		{"5 person partly", Item{ID: "x"}, State{Items: map[string]Answer{"x": {Status: Partly}}}, Partly, FromPerson, 0.5, false},
		{"6 person not applicable with a reason", Item{ID: "x"}, State{Items: map[string]Answer{"x": {Status: NotApplicable, Reason: "batch only"}}}, NotApplicable, FromPerson, 0, false},
		{"7 not applicable without a reason", Item{ID: "x"}, State{Items: map[string]Answer{"x": {Status: NotApplicable}}}, NotYet, FromPerson, 0, true},
		{"8 all fields filled", Item{ID: "x", Fields: []string{"f.a", "f.b"}}, State{Fields: map[string]string{"f.a": "1", "f.b": "2"}}, Done, FromForm, 1, false},
		{"9 some fields filled", Item{ID: "x", Fields: []string{"f.a", "f.b"}}, State{Fields: map[string]string{"f.a": "1"}}, Partly, FromForm, 0.5, false},
		{"10 auto, all evidence holds", Item{ID: "x", Evidence: []string{"a"}, Auto: Done}, State{}, Done, FromEvidence, 1, false},
		{"11 auto, some evidence holds", Item{ID: "x", Evidence: []string{"a", "c"}, Auto: Done}, State{}, Partly, FromEvidence, 0.5, false},
		{"12 auto, stale evidence only", Item{ID: "x", Evidence: []string{"d"}, Auto: Done}, State{}, NotYet, FromNothing, 0, false},
		{"13 no auto: evidence answers it in part", Item{ID: "x", Evidence: []string{"a"}}, State{}, Partly, FromEvidence, 0.5, false},
		{"13b no auto, no evidence holds", Item{ID: "x", Evidence: []string{"b", "c"}}, State{}, NotYet, FromNothing, 0, false},
		{"14 the person overrides the evidence", Item{ID: "x", Evidence: []string{"a"}, Auto: Done}, State{Items: map[string]Answer{"x": {Status: NotYet}}}, NotYet, FromPerson, 0, false},
	}
	for _, c := range cases {
		d := &Definition{Sections: []Section{{ID: "s", Items: []Item{c.item}}}}
		got := Items(d, c.state, evMap)[0].Items[0]
		if got.Status != c.status || got.Source != c.source || got.Credit != c.credit || (got.Capped != "") != c.capped {
			t.Errorf("%s: status %s source %q credit %v capped %q", c.name, got.Status, got.Source, got.Credit, got.Capped)
		}
	}
}

func TestReadiness_ShareOfApplicableCredit(t *testing.T) {
	sec := func(credits ...any) SectionResult {
		var s SectionResult
		for _, c := range credits {
			if c == "n/a" {
				s.Items = append(s.Items, ItemResult{Status: NotApplicable})
				continue
			}
			s.Items = append(s.Items, ItemResult{Status: Done, Credit: c.(float64)})
		}
		return s
	}
	cases := []struct {
		name string
		in   []SectionResult
		want float64
	}{
		{"1 nothing", nil, 0},
		{"2 all done", []SectionResult{sec(1.0, 1.0)}, 100},
		{"3 half of three", []SectionResult{sec(1.0, 0.5, 0.0, "n/a")}, 50},
		{"4 one of three, rounded to a tenth", []SectionResult{sec(1.0, 0.0), sec(0.0)}, 33.3},
		{"5 only not applicable", []SectionResult{sec("n/a")}, 0},
		{"6 two of three", []SectionResult{sec(1.0, 1.0, 0.0)}, 66.7},
	}
	for _, c := range cases {
		if got := Readiness(c.in); got != c.want {
			t.Errorf("%s: %v, want %v", c.name, got, c.want)
		}
	}
}

func rubric(tests ...[]MLTest) *Definition {
	d := &Definition{MLTestScore: MLRubric{Readings: []Reading{{Above: -1, Text: "zero"}, {Above: 0, Text: "up to one"}, {Above: 1, Text: "more"}}}}
	for i, ts := range tests {
		d.MLTestScore.Sections = append(d.MLTestScore.Sections, MLSection{Name: string(rune('a' + i)), Tests: ts})
	}
	return d
}

func TestMLTestScore_AsThePaperScores(t *testing.T) {
	d := rubric(
		[]MLTest{{ID: "a1"}, {ID: "a2"}, {ID: "a3"}},
		[]MLTest{{ID: "b1", Evidence: []string{"a"}, Auto: Done, Automated: true}, {ID: "b2", Evidence: []string{"b"}}, {ID: "b3"}},
	)
	s := State{Tests: map[string]TestAnswer{
		"a1": {Status: Done, Automated: true}, // 1
		"a2": {Status: Done},                  // ½ by hand
		"a3": {Status: Partly},                // the paper gives no partial credit
		"b2": {Status: Done, Automated: true}, // its evidence fails: nothing
		"b3": {Status: NotApplicable, Reason: "no serving"},
	}}
	got := MLTestScore(d, s, evMap)
	if got.Sections[0].Points != 1.5 || got.Sections[1].Points != 1 {
		t.Fatalf("section points %v and %v, want 1.5 and 1", got.Sections[0].Points, got.Sections[1].Points)
	}
	if got.Score != 1 || got.Weakest != "b" || got.Reading != "up to one" {
		t.Fatalf("final %v weakest %q reading %q", got.Score, got.Weakest, got.Reading)
	}
	b1, b2 := got.Sections[1].Tests[0], got.Sections[1].Tests[1]
	if b1.Source != FromEvidence || !b1.Automated || b1.Points != 1 {
		t.Errorf("auto test %+v", b1)
	}
	if b2.Points != 0 || !strings.Contains(b2.Capped, "no points") {
		t.Errorf("done against failing evidence: %+v", b2)
	}
}

func TestMLTestScore_FinalIsTheLowestSection(t *testing.T) {
	all := func(id string, st Status, auto bool) map[string]TestAnswer {
		return map[string]TestAnswer{id + "1": {Status: st, Automated: auto}, id + "2": {Status: st, Automated: auto}}
	}
	d := rubric([]MLTest{{ID: "a1"}, {ID: "a2"}}, []MLTest{{ID: "b1"}, {ID: "b2"}})
	s := State{Tests: all("a", Done, true)}
	for k, v := range all("b", Done, false) {
		s.Tests[k] = v
	}
	got := MLTestScore(d, s, nil)
	if got.Score != 1 || got.Weakest != "b" {
		t.Fatalf("score %v weakest %s, want 1 (b: two by hand)", got.Score, got.Weakest)
	}
	if empty := MLTestScore(d, State{}, nil); empty.Score != 0 || empty.Reading != "zero" || math.Signbit(empty.Score) {
		t.Fatalf("empty %+v", empty)
	}
}

// TestAssess_BuiltinChecklistOnGoodFacts: with everything the app can see
// done and no answers, the documentation section is done from the
// evidence, items whose evidence holds but need a person too are partly,
// and the ML Test Score counts only the tests the evidence answers.
func TestAssess_BuiltinChecklistOnGoodFacts(t *testing.T) {
	d, err := Builtin()
	if err != nil {
		t.Fatal(err)
	}
	r := Assess(d, State{}, goodFacts())
	// purpose: the cost and the baseline items partly (2 × ½ of 5);
	// production: all 5 partly; monitoring: 4 of 5 partly (outcomes have
	// no evidence); documentation: 4 done.
	want := map[string]float64{"purpose": 20, "production": 50, "monitoring": 40, "documentation": 100}
	for _, s := range r.Sections {
		if s.Readiness != want[s.ID] {
			t.Errorf("%s readiness %v, want %v", s.ID, s.Readiness, want[s.ID])
		}
	}
	if r.Readiness != 50 {
		t.Errorf("readiness %v, want 50 (9.5 of 19 items)", r.Readiness)
	}
	// model_5 and model_6 are automated (1 each); infra_1 and infra_5 by hand.
	pts := map[string]float64{}
	for _, s := range r.ML.Sections {
		pts[s.Name] = s.Points
	}
	if pts["data"] != 0 || pts["model"] != 2 || pts["infrastructure"] != 1 || pts["monitoring"] != 0 || r.ML.Score != 0 {
		t.Fatalf("points %v score %v", pts, r.ML.Score)
	}
}
