package cli

import (
	"fmt"
	"io"

	"modelbench/workflow"
	"modelbench/workflow/coach"
	"modelbench/workflow/data"
)

// coachIssues returns what the coach says about p now (the findings that
// are not dismissed) as issues: "warning" for warnings and critical
// findings, "info" for the rest, each as one paragraph of plain text.
func coachIssues(p *workflow.Project) ([]data.Issue, []coach.Finding) {
	active, _ := p.CoachFindings()
	var out []data.Issue
	for _, f := range active {
		level := "warning"
		if f.Severity == coach.Info {
			level = "info"
		}
		out = append(out, data.Issue{Level: level, Text: "coach: " + f.Title + ". " + coach.Plain(f.Saw+" "+f.Do)})
	}
	return out, active
}

// printIssues writes one line per issue.
func printIssues(w io.Writer, issues []data.Issue) {
	for _, is := range issues {
		fmt.Fprintf(w, "%s: %s\n", is.Level, is.Text)
	}
}
