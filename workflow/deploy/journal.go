package deploy

import (
	"fmt"
	"strings"
)

// Journal builds the decision journal: every decision of the project, in
// order, with its time, step, what was decided and why.
func Journal(f Facts) *Document {
	doc := &Document{ID: "decision-journal", Title: "Decision journal", Subtitle: journalSubtitle(f.Journal)}
	sec := doc.add("Decisions in order")
	if len(f.Journal) == 0 {
		sec.para("No decision has been recorded yet.")
		return doc
	}
	sec.para("Each row is one decision as the project recorded it: loading, types and roles, preparation steps with their settings and reasons, training runs, the choice of model, the threshold, evaluations and the checklist. Times are in UTC.")
	rows := make([][]string, len(f.Journal))
	for i, e := range f.Journal {
		rows[i] = []string{fmt.Sprint(i + 1), when(e.Time), stageTitle(e.Stage), e.What, orDash(e.Why)}
	}
	sec.table([]string{"#", "time", "step", "decision", "why"}, rows)
	counts := map[string]int{}
	var order []string
	for _, e := range f.Journal {
		if counts[e.Stage] == 0 {
			order = append(order, e.Stage)
		}
		counts[e.Stage]++
	}
	sum := doc.add("Summary")
	var items []string
	for _, st := range order {
		items = append(items, fmt.Sprintf("%s: %s", stageTitle(st), plural(counts[st], "decision", "decisions")))
	}
	sum.list(items...)
	silent := 0
	for _, e := range f.Journal {
		if strings.TrimSpace(e.Why) == "" {
			silent++
		}
	}
	if silent > 0 {
		sum.para("%s carry no written reason; most are recorded by the app itself (a training run, a load).", plural(silent, "decision", "decisions"))
	}
	return doc
}

func journalSubtitle(j []JournalEntry) string {
	if len(j) == 0 {
		return "No decisions yet."
	}
	return fmt.Sprintf("%s from %s to %s.", plural(len(j), "decision", "decisions"), when(j[0].Time), when(j[len(j)-1].Time))
}

// stageTitle capitalises a stage name ("train" → "Train").
func stageTitle(s string) string {
	if s == "" {
		return "—"
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
