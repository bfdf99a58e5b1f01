package deploy

import (
	"math"
	"strings"
)

// Where an effective status comes from.
const (
	FromPerson   = "person"   // answered on the Deploy step or in an answers file
	FromForm     = "form"     // the item's form fields are filled in
	FromEvidence = "evidence" // every piece of the item's evidence holds
	FromNothing  = ""         // unanswered, counts as not yet
)

// ItemResult is a checklist item with its effective status, the evidence
// and the credit it earns towards readiness.
type ItemResult struct {
	Item
	Status   Status
	Source   string // FromPerson, FromForm, FromEvidence or FromNothing
	Note     string
	Reason   string
	Evidence []Evidence
	// Credit is 1 for done, ½ for partly, 0 for not yet; not-applicable
	// items earn none and are left out of the readiness score.
	Credit float64
	// Capped says why the credit is less than the status would earn: a
	// "done" whose evidence fails or is stale earns only half.
	Capped string
}

// Applicable reports whether the item counts towards readiness.
func (r ItemResult) Applicable() bool { return r.Status != NotApplicable }

// SectionResult is a checklist section's items and readiness (0–100).
type SectionResult struct {
	Section
	Items     []ItemResult
	Readiness float64
}

// TestResult is an ML test with its effective status and points.
type TestResult struct {
	MLTest
	Status    Status
	Automated bool
	Source    string
	Note      string
	Reason    string
	Evidence  []Evidence
	// Points are as the paper scores a test: 1 when done and automated,
	// ½ when done by hand, 0 otherwise (partly, not yet, not applicable,
	// or a "done" whose evidence fails or is stale: see Capped). The paper
	// gives no partial credit and no exemptions.
	Points float64
	Capped string
}

// MLSectionResult is one section of the ML Test Score.
type MLSectionResult struct {
	MLSection
	Tests  []TestResult
	Points float64 // the sum of its tests' points
}

// MLScore is the ML Test Score: the final score is the lowest section sum,
// with the paper's reading of it.
type MLScore struct {
	Sections []MLSectionResult
	Score    float64
	Weakest  string // the section with the lowest sum (the first of equals)
	Reading  string
}

// Result is the answered checklist: sections, the ML Test Score and the
// readiness score (0–100), with the evidence by rule ID.
type Result struct {
	Sections  []SectionResult
	ML        MLScore
	Readiness float64
	Evidence  map[string]Evidence
}

// Assess answers the checklist from what the person answered and from the
// facts' evidence. It is a pure function of its arguments.
func Assess(d *Definition, s State, f Facts) *Result {
	ev := Judge(f)
	r := &Result{Sections: Items(d, s, ev), ML: MLTestScore(d, s, ev), Evidence: ev}
	r.Readiness = Readiness(r.Sections)
	return r
}

// Items gives every checklist item its effective status, evidence and
// credit. A person's answer wins; an unanswered item whose form fields
// are all filled is done (partly when some are); an unanswered item with
// an Auto status takes it when all its evidence holds; one whose evidence
// holds in part, or has no Auto status (the question needs a person as
// well), is partly; anything else is not yet. A "done" with evidence that fails or is
// stale earns half credit, with Capped saying why, and "not applicable"
// without a reason counts as not yet.
func Items(d *Definition, s State, ev map[string]Evidence) []SectionResult {
	out := make([]SectionResult, len(d.Sections))
	for i, sec := range d.Sections {
		sr := SectionResult{Section: sec}
		for _, it := range sec.Items {
			sr.Items = append(sr.Items, item(it, s, ev))
		}
		sr.Readiness = Readiness([]SectionResult{sr})
		out[i] = sr
	}
	return out
}

func item(it Item, s State, ev map[string]Evidence) ItemResult {
	r := ItemResult{Item: it, Evidence: evidenceOf(it.Evidence, ev)}
	if a, ok := s.Items[it.ID]; ok {
		r.Status, r.Source, r.Note, r.Reason = a.Status, FromPerson, a.Note, a.Reason
	} else if st := fromFields(it.Fields, s); st != "" {
		r.Status, r.Source = st, FromForm
	} else if st := fromEvidence(it.Auto, r.Evidence); st != "" {
		r.Status, r.Source = st, FromEvidence
	} else {
		r.Status = NotYet
	}
	if r.Status == NotApplicable && strings.TrimSpace(r.Reason) == "" {
		r.Status, r.Capped = NotYet, "“not applicable” needs a reason, so it counts as not yet"
	}
	r.Credit = credit(r.Status)
	if r.Status == Done {
		if ids := against(r.Evidence); ids != "" {
			r.Credit, r.Capped = 0.5, "the evidence ("+ids+") fails or is out of date, so “done” earns half"
		}
	}
	return r
}

func fromFields(keys []string, s State) Status {
	filled := 0
	for _, k := range keys {
		if strings.TrimSpace(s.Fields[k]) != "" {
			filled++
		}
	}
	switch {
	case len(keys) == 0 || filled == 0:
		return ""
	case filled == len(keys):
		return Done
	}
	return Partly
}

// fromEvidence is the status evidence gives an unanswered question: its
// Auto status when all of it holds, partly when some holds (or all of it
// but the question needs a person too: no Auto), else none.
func fromEvidence(auto Status, ev []Evidence) Status {
	holds := 0
	for _, e := range ev {
		if e.Holds() {
			holds++
		}
	}
	switch {
	case holds == 0:
		return ""
	case holds == len(ev) && auto != "":
		return auto
	}
	return Partly
}

func evidenceOf(ids []string, ev map[string]Evidence) []Evidence {
	out := make([]Evidence, 0, len(ids))
	for _, id := range ids {
		if e, ok := ev[id]; ok {
			out = append(out, e)
		} else {
			out = append(out, Evidence{Rule: id, Verdict: Missing, Text: "No evidence was gathered for this."})
		}
	}
	return out
}

// against lists the rules whose evidence speaks against "done", or "".
func against(ev []Evidence) string {
	var ids []string
	for _, e := range ev {
		if e.Against() {
			ids = append(ids, e.Rule)
		}
	}
	return strings.Join(ids, ", ")
}

func credit(s Status) float64 {
	switch s {
	case Done:
		return 1
	case Partly:
		return 0.5
	}
	return 0
}

// Readiness is the share of the applicable items' credit, as a percentage
// (0–100): done counts 1, partly ½, not yet 0; not-applicable items are
// left out. With no applicable item it is 0.
func Readiness(sections []SectionResult) float64 {
	sum, n := 0.0, 0
	for _, s := range sections {
		for _, it := range s.Items {
			if it.Applicable() {
				sum += it.Credit
				n++
			}
		}
	}
	if n == 0 {
		return 0
	}
	return math.Round(1000*sum/float64(n)) / 10
}

// MLTestScore scores the rubric as Breck et al. (2017) do: per test 0, ½
// (done by hand) or 1 (automated); a section's score is the sum of its
// tests; the final score is the lowest section sum. Effective statuses
// follow the rules of Items; a "done" test whose evidence fails or is
// stale earns nothing (Capped says why).
func MLTestScore(d *Definition, s State, ev map[string]Evidence) MLScore {
	var out MLScore
	for i, sec := range d.MLTestScore.Sections {
		sr := MLSectionResult{MLSection: sec}
		for _, t := range sec.Tests {
			tr := test(t, s, ev)
			sr.Points += tr.Points
			sr.Tests = append(sr.Tests, tr)
		}
		if i == 0 || sr.Points < out.Score {
			out.Score, out.Weakest = sr.Points, sec.Name
		}
		out.Sections = append(out.Sections, sr)
	}
	out.Reading = d.Reading(out.Score)
	return out
}

func test(t MLTest, s State, ev map[string]Evidence) TestResult {
	r := TestResult{MLTest: t, Evidence: evidenceOf(t.Evidence, ev)}
	if a, ok := s.Tests[t.ID]; ok {
		r.Status, r.Automated, r.Source, r.Note, r.Reason = a.Status, a.Automated, FromPerson, a.Note, a.Reason
	} else if st := fromEvidence(t.Auto, r.Evidence); st != "" {
		r.Status, r.Source = st, FromEvidence
		r.Automated = st == t.Auto && t.Automated
	} else {
		r.Status = NotYet
	}
	if r.Status == NotApplicable && strings.TrimSpace(r.Reason) == "" {
		r.Status, r.Capped = NotYet, "“not applicable” needs a reason, so it counts as not yet"
	}
	switch {
	case r.Status != Done:
	case against(r.Evidence) != "":
		r.Capped = "the evidence (" + against(r.Evidence) + ") fails or is out of date, so “done” earns no points"
	case r.Automated:
		r.Points = 1
	default:
		r.Points = 0.5
	}
	return r
}
