package deploy

import (
	"fmt"
	"strings"
)

// StatusText writes a status for people.
func StatusText(s Status) string {
	switch s {
	case Done:
		return "done"
	case Partly:
		return "partly"
	case NotApplicable:
		return "not applicable"
	}
	return "not yet"
}

// sourceText says where an effective status came from, for people.
func sourceText(src string) string {
	switch src {
	case FromForm:
		return " (from the form)"
	case FromEvidence:
		return " (from the evidence)"
	}
	return ""
}

// verdictText writes an evidence verdict for people.
func verdictText(e Evidence) string {
	v := map[Verdict]string{Pass: "shows it", Fail: "against", Missing: "not known"}[e.Verdict]
	if e.Stale {
		v += ", out of date"
	}
	return v
}

// ChecklistDocument writes the answered checklist with the readiness score
// and the ML Test Score.
func ChecklistDocument(d *Definition, r *Result) *Document {
	doc := &Document{ID: "checklist", Title: "Deployment checklist",
		Subtitle: fmt.Sprintf("Readiness %.0f%% · ML Test Score %s (checklist version %d).", r.Readiness, points(r.ML.Score), d.Version)}
	sum := doc.add("Summary")
	sum.para("Readiness is the share of the applicable items that are done, an item done partly counting half. An item is answered by a person, by its form fields, or, where the project can tell, by the evidence; a “done” that the evidence contradicts counts only half.")
	var rows [][]string
	for _, s := range r.Sections {
		done, partly, n := 0, 0, 0
		for _, it := range s.Items {
			if !it.Applicable() {
				continue
			}
			n++
			switch it.Status {
			case Done:
				done++
			case Partly:
				partly++
			}
		}
		rows = append(rows, []string{s.Title, fmt.Sprint(done), fmt.Sprint(partly), fmt.Sprint(n), fmt.Sprintf("%.0f%%", s.Readiness)})
	}
	rows = append(rows, []string{"All sections", "", "", "", fmt.Sprintf("%.0f%%", r.Readiness)})
	sum.table([]string{"section", "done", "partly", "applicable", "readiness"}, rows)
	for _, s := range r.Sections {
		sec := doc.add(s.Title)
		if s.Intro != "" {
			sec.para("%s", s.Intro)
		}
		for _, it := range s.Items {
			checklistItem(sec, it)
		}
	}
	mlScoreSection(doc, d, r.ML)
	return doc
}

func checklistItem(sec *DocSection, it ItemResult) {
	level := map[Status]string{Done: "info", Partly: "warning", NotApplicable: "info"}[it.Status]
	if level == "" {
		level = "critical"
	}
	sec.callout(level, "%s — %s%s", it.Question, StatusText(it.Status), sourceText(it.Source))
	lines := []string{"Why it matters: " + it.Explain, "A good answer: " + it.Good}
	if it.Note != "" {
		lines = append(lines, "Note: "+it.Note)
	}
	if it.Reason != "" {
		lines = append(lines, "Not applicable because: "+it.Reason)
	}
	if it.Capped != "" {
		lines = append(lines, "Counted lower: "+it.Capped+".")
	}
	for _, e := range it.Evidence {
		lines = append(lines, fmt.Sprintf("Evidence (%s; see %s): %s", verdictText(e), stageTitle(e.Screen), e.Text))
	}
	sec.list(lines...)
}

func mlScoreSection(doc *Document, d *Definition, ml MLScore) {
	sec := doc.add("ML Test Score")
	sec.para("%s", d.MLTestScore.Scoring)
	var rows [][]string
	for _, s := range ml.Sections {
		rows = append(rows, []string{s.Title, points(s.Points)})
	}
	sec.table([]string{"section", "points (of 7)"}, rows)
	sec.callout("info", "Final score %s, the %s section being the weakest. %s", points(ml.Score), sectionTitle(ml), ml.Reading)
	sec.para("Source: %s The plain-words explanations here are Modelbench's own.", d.MLTestScore.Source)
	for _, s := range ml.Sections {
		ts := doc.add("ML Test Score: " + strings.ToLower(s.Title))
		var rows [][]string
		for _, t := range s.Tests {
			st := StatusText(t.Status)
			if t.Status == Done {
				st += map[bool]string{true: ", automated", false: ", by hand"}[t.Automated]
			}
			st += sourceText(t.Source)
			rows = append(rows, []string{t.ID, t.Title + ". " + t.Explain, st, points(t.Points), testEvidence(t)})
		}
		ts.table([]string{"test", "what it asks", "status", "points", "evidence"}, rows)
	}
}

func sectionTitle(ml MLScore) string {
	for _, s := range ml.Sections {
		if s.Name == ml.Weakest {
			return strings.ToLower(s.Title)
		}
	}
	return ml.Weakest
}

func testEvidence(t TestResult) string {
	var parts []string
	if t.Note != "" {
		parts = append(parts, "Note: "+t.Note)
	}
	if t.Reason != "" {
		parts = append(parts, "Not applicable because: "+t.Reason)
	}
	if t.Capped != "" {
		parts = append(parts, "Counted lower: "+t.Capped+".")
	}
	for _, e := range t.Evidence {
		parts = append(parts, fmt.Sprintf("(%s) %s", verdictText(e), e.Text))
	}
	if len(parts) == 0 {
		return "—"
	}
	return strings.Join(parts, " ")
}
