package deploy

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// Verdict is what a piece of evidence says about its question.
type Verdict string

// The verdicts of an evidence rule.
const (
	// Pass: the project shows the thing is done.
	Pass Verdict = "pass"
	// Fail: the project shows it is not done, or done wrongly.
	Fail Verdict = "fail"
	// Missing: the project does not know (yet); nothing is claimed.
	Missing Verdict = "missing"
)

// Evidence is what one rule found in the project's facts. Fingerprint is
// the chosen model the evidence refers to ("" when it does not depend on
// the model); Stale says it refers to an earlier model or evaluation, so
// it cannot be relied on until checked again.
type Evidence struct {
	Rule        string  `json:"id"`
	Verdict     Verdict `json:"verdict"`
	Text        string  `json:"text"`
	Screen      string  `json:"screen"`
	Fingerprint string  `json:"fingerprint,omitempty"`
	Stale       bool    `json:"stale,omitempty"`
}

// Holds reports whether the evidence can be relied on as done: it passes
// and is not stale.
func (e Evidence) Holds() bool { return e.Verdict == Pass && !e.Stale }

// Against reports whether the evidence speaks against a "done": it fails
// or is stale.
func (e Evidence) Against() bool { return e.Verdict == Fail || e.Stale }

// rule is one evidence rule: the screen that shows its facts and the
// function that judges them. A rule sets Fingerprint when its evidence is
// about a particular model, and may set Stale itself when it knows the
// facts are out of date.
type rule struct {
	screen string
	judge  func(f Facts) Evidence
}

var rules = map[string]rule{}

func register(id, screen string, judge func(f Facts) Evidence) {
	rules[id] = rule{screen: screen, judge: judge}
}

// Rules lists the IDs of the evidence rules, sorted.
func Rules() []string {
	out := make([]string, 0, len(rules))
	for id := range rules {
		out = append(out, id)
	}
	sort.Strings(out)
	return out
}

// Judge applies every evidence rule to the facts and returns the evidence
// by rule ID. Evidence stamped with a fingerprint other than the chosen
// model's, or about a model that is itself out of date, is marked stale
// and says so.
func Judge(f Facts) map[string]Evidence {
	out := make(map[string]Evidence, len(rules))
	for id, r := range rules {
		e := r.judge(f)
		e.Rule, e.Screen = id, r.screen
		switch {
		case e.Stale:
		case e.Fingerprint != "" && f.Fingerprint != "" && e.Fingerprint != f.Fingerprint:
			e.Stale = true
			e.Text += " This refers to an earlier model: the chosen model has changed since, so check it again."
		case e.Fingerprint != "" && f.ModelStale:
			e.Stale = true
			e.Text += " The chosen model is out of date (the data or the preparation changed after it was trained)."
		}
		out[id] = e
	}
	return out
}

func pass(format string, args ...any) Evidence {
	return Evidence{Verdict: Pass, Text: fmt.Sprintf(format, args...)}
}

func fail(format string, args ...any) Evidence {
	return Evidence{Verdict: Fail, Text: fmt.Sprintf(format, args...)}
}

func missing(format string, args ...any) Evidence {
	return Evidence{Verdict: Missing, Text: fmt.Sprintf(format, args...)}
}

// stamped returns e stamped with the fingerprint fp.
func stamped(e Evidence, fp string) Evidence {
	e.Fingerprint = fp
	return e
}

// num writes a score with four significant digits ("n/a" for NaN).
func num(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "n/a"
	}
	return fmt.Sprintf("%.4g", v)
}

// list joins names for a sentence, shortening long lists.
func list(names []string) string {
	const most = 8
	if len(names) > most {
		return strings.Join(names[:most], ", ") + fmt.Sprintf(" and %d more", len(names)-most)
	}
	return strings.Join(names, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, one)
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ShortHash is the first 12 characters of a hex hash, for sentences.
func ShortHash(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	return h
}

// when writes a time for documents: minutes, in UTC.
func when(t time.Time) string {
	return t.UTC().Format("2006-01-02 15:04 UTC")
}
