package cli

import (
	"context"
	"fmt"
	"io"
	"strings"

	"modelbench/workflow/deploy"
)

func init() {
	register(command{
		name:    "checklist",
		summary: "print a project's deployment checklist with statuses, evidence, the ML Test Score and readiness",
		usage:   "checklist PROJECT.mbproj [--json] [--answers FILE] [--check]",
		run:     runChecklist,
	})
}

// The JSON of "checklist --json" (documented in the README; stable):
//
//	{"sections": [{"id", "title", "items": [{"id", "question", "status", "note", "evidence": [...]}]}],
//	 "ml_test_score": {"sections": [{"name", "points", "tests": [{"id", "title", "status", "points", "evidence"}]}], "score"},
//	 "readiness"}
type checklistOutput struct {
	Sections  []checklistSection `json:"sections"`
	MLScore   mlScoreOutput      `json:"ml_test_score"`
	Readiness float64            `json:"readiness"`
}

type checklistSection struct {
	ID    string          `json:"id"`
	Title string          `json:"title"`
	Items []checklistItem `json:"items"`
}

type checklistItem struct {
	ID       string           `json:"id"`
	Question string           `json:"question"`
	Status   deploy.Status    `json:"status"`
	Note     string           `json:"note"`
	Evidence []evidenceOutput `json:"evidence"`
}

// evidenceOutput is one piece of evidence: its rule, what it says
// ("pass", "fail" or "missing"), in words, the screen that shows it, and
// whether it refers to an earlier model or evaluation.
type evidenceOutput struct {
	ID      string         `json:"id"`
	Verdict deploy.Verdict `json:"verdict"`
	Text    string         `json:"text"`
	Screen  string         `json:"screen"`
	Stale   bool           `json:"stale"`
}

type mlScoreOutput struct {
	Sections []mlSectionOutput `json:"sections"`
	Score    float64           `json:"score"`
}

type mlSectionOutput struct {
	Name   string         `json:"name"`
	Points float64        `json:"points"`
	Tests  []mlTestOutput `json:"tests"`
}

type mlTestOutput struct {
	ID       string           `json:"id"`
	Title    string           `json:"title"`
	Status   deploy.Status    `json:"status"`
	Points   float64          `json:"points"`
	Evidence []evidenceOutput `json:"evidence"`
}

func evidenceOut(ev []deploy.Evidence) []evidenceOutput {
	out := make([]evidenceOutput, len(ev))
	for i, e := range ev {
		out[i] = evidenceOutput{ID: e.Rule, Verdict: e.Verdict, Text: e.Text, Screen: e.Screen, Stale: e.Stale}
	}
	return out
}

// noteOf is the person's note, with the reason of a "not applicable".
func noteOf(note, reason string) string {
	if reason == "" {
		return note
	}
	if note == "" {
		return "not applicable: " + reason
	}
	return note + " (not applicable: " + reason + ")"
}

func checklistJSON(r *deploy.Result) checklistOutput {
	out := checklistOutput{Readiness: r.Readiness, MLScore: mlScoreOutput{Score: r.ML.Score}}
	for _, s := range r.Sections {
		cs := checklistSection{ID: s.ID, Title: s.Title, Items: []checklistItem{}}
		for _, it := range s.Items {
			cs.Items = append(cs.Items, checklistItem{ID: it.ID, Question: it.Question, Status: it.Status,
				Note: noteOf(it.Note, it.Reason), Evidence: evidenceOut(it.Evidence)})
		}
		out.Sections = append(out.Sections, cs)
	}
	for _, s := range r.ML.Sections {
		ms := mlSectionOutput{Name: s.Name, Points: s.Points, Tests: []mlTestOutput{}}
		for _, t := range s.Tests {
			ms.Tests = append(ms.Tests, mlTestOutput{ID: t.ID, Title: t.Title, Status: t.Status, Points: t.Points, Evidence: evidenceOut(t.Evidence)})
		}
		out.MLScore.Sections = append(out.MLScore.Sections, ms)
	}
	return out
}

func runChecklist(ctx context.Context, env *Env, args []string) error {
	fs := newFlags(env, "checklist")
	asJSON := fs.Bool("json", false, "print JSON instead of text")
	answers := fs.String("answers", "", "apply this answers file first; the project file is not changed")
	check := fs.Bool("check", false, "run the reproducibility check first when the project holds no current one")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usageErr("give one project file (.mbproj)")
	}
	r, err := resumeProject(ctx, pos[0])
	if err != nil {
		return err
	}
	if err := r.applyAnswers(*answers); err != nil {
		return err
	}
	if *check {
		if err := r.checkReproducible(ctx); err != nil {
			return err
		}
	}
	res, err := r.p.Checklist()
	if err != nil {
		return err
	}
	if len(r.missing) > 0 {
		fmt.Fprintf(env.Stderr, "note: %s\n", r.missingText())
	}
	if *asJSON {
		return printJSON(env.Stdout, checklistJSON(res))
	}
	printChecklist(env.Stdout, res)
	return nil
}

var statusMark = map[deploy.Status]string{deploy.Done: "[x]", deploy.Partly: "[~]", deploy.NotYet: "[ ]", deploy.NotApplicable: "[-]"}

func printChecklist(w io.Writer, r *deploy.Result) {
	fmt.Fprintf(w, "Deployment readiness %.1f%%   ML Test Score %g (%s)\n", r.Readiness, r.ML.Score, r.ML.Reading)
	fmt.Fprintln(w, "[x] done  [~] partly  [ ] not yet  [-] not applicable")
	for _, s := range r.Sections {
		fmt.Fprintf(w, "\n%s  (%.0f%%)\n", s.Title, s.Readiness)
		for _, it := range s.Items {
			fmt.Fprintf(w, "  %s %s  %s\n", statusMark[it.Status], it.ID, it.Question)
			if n := noteOf(it.Note, it.Reason); n != "" {
				fmt.Fprintf(w, "      note: %s\n", n)
			}
			for _, e := range it.Evidence {
				fmt.Fprintf(w, "      %s: %s\n", evidenceWord(e), e.Text)
			}
			if it.Capped != "" {
				fmt.Fprintf(w, "      counted lower: %s\n", it.Capped)
			}
		}
	}
	fmt.Fprintf(w, "\nML Test Score (lowest section sum): %g\n", r.ML.Score)
	for _, s := range r.ML.Sections {
		var ids []string
		for _, t := range s.Tests {
			ids = append(ids, fmt.Sprintf("%s %s %g", statusMark[t.Status], t.ID, t.Points))
		}
		fmt.Fprintf(w, "  %-15s %3g  %s\n", s.Name, s.Points, strings.Join(ids, "  "))
	}
}

func evidenceWord(e deploy.Evidence) string {
	w := map[deploy.Verdict]string{deploy.Pass: "evidence", deploy.Fail: "against", deploy.Missing: "unknown"}[e.Verdict]
	if e.Stale {
		w += " (out of date)"
	}
	return w
}
