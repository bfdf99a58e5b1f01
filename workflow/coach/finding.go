package coach

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"time"
)

// Severity grades a finding: info (worth knowing), warning (likely to
// mislead unless handled) or critical (the numbers cannot be trusted).
type Severity string

// The severities, mildest first.
const (
	Info     Severity = "info"
	Warning  Severity = "warning"
	Critical Severity = "critical"
)

func (s Severity) rank() int {
	switch s {
	case Critical:
		return 0
	case Warning:
		return 1
	}
	return 2
}

// Finding is one thing the coach says: what it saw (with the numbers),
// why it matters, what to do, and optionally an Action that does it.
// Texts may mark glossary terms as [[term]] or [[shown words|term]]; Plain
// removes the marks.
type Finding struct {
	// ID names the finding: the rule's ID, plus ":" and the subject (a
	// column, a model) when the rule can speak about several things.
	ID       string   `json:"id"`
	Rule     string   `json:"rule"`
	Stage    string   `json:"stage"` // the step where it shows: data, explore, prepare, train, evaluate, deploy
	Severity Severity `json:"severity"`
	Title    string   `json:"title"`
	Saw      string   `json:"saw"`
	Why      string   `json:"why"`
	Do       string   `json:"do"`
	Action   *Action  `json:"action,omitempty"`
	// Evidence is a digest of the numbers the finding rests on: a
	// dismissal holds while it is unchanged.
	Evidence string `json:"evidence"`
}

// Text is the finding in one paragraph of plain text (marks removed).
func (f Finding) Text() string {
	return Plain(f.Saw + " " + f.Why + " " + f.Do)
}

// ActionKind says what an Action does.
type ActionKind string

// The actions a finding can offer. Workflow's Project.ApplyCoachAction
// performs the ones that change the project; GoTo and EvaluateTest are
// for the window (or a script) to perform.
const (
	// SetRole gives Column the role Role (feature, target, identifier, ignored).
	SetRole ActionKind = "set_role"
	// AddStep appends the preparation step Step with Params.
	AddStep ActionKind = "add_step"
	// SetMetric ranks the leaderboard by Metric.
	SetMetric ActionKind = "set_metric"
	// SetThreshold sets the decision threshold to Value.
	SetThreshold ActionKind = "set_threshold"
	// GoTo shows the step Stage.
	GoTo ActionKind = "go_to"
	// EvaluateTest evaluates the chosen model on the test rows.
	EvaluateTest ActionKind = "evaluate_test"
)

// Action is what a finding's button does: one of the ActionKinds with the
// fields it uses, and Label, the button's text.
type Action struct {
	Kind   ActionKind     `json:"kind"`
	Label  string         `json:"label"`
	Column string         `json:"column,omitempty"`
	Role   string         `json:"role,omitempty"`
	Step   string         `json:"step,omitempty"`
	Params map[string]any `json:"params,omitempty"`
	Metric string         `json:"metric,omitempty"`
	Value  float64        `json:"value,omitempty"`
	Stage  string         `json:"stage,omitempty"`
	// Why is the reason recorded in the decision journal when the action
	// changes the project.
	Why string `json:"why,omitempty"`
}

// Dismissal records that a person dismissed a finding while its evidence
// was Evidence; the finding stays dismissed until its evidence changes.
type Dismissal struct {
	ID       string    `json:"id"`
	Evidence string    `json:"evidence"`
	Time     time.Time `json:"time"`
}

// Rule is one of the coach's checks: Check returns its findings for a
// snapshot (none when it has nothing to say).
type Rule struct {
	ID    string
	Stage string
	Title string
	Check func(Snapshot) []Finding
}

var rules []Rule

func register(id, stage, title string, check func(Snapshot) []Finding) {
	rules = append(rules, Rule{ID: id, Stage: stage, Title: title, Check: check})
}

// Rules lists every rule, in the order of the steps they watch.
func Rules() []Rule { return slices.Clone(rules) }

// Check runs every rule on s and returns the findings, by step, most
// serious first. Every finding has its Rule, Stage and Evidence set.
func Check(s Snapshot) []Finding {
	var out []Finding
	for _, r := range rules {
		for _, f := range r.Check(s) {
			f.Rule, f.Stage = r.ID, firstOf(f.Stage, r.Stage)
			if f.ID == "" {
				f.ID = r.ID
			}
			if f.Title == "" {
				f.Title = r.Title
			}
			out = append(out, f)
		}
	}
	slices.SortStableFunc(out, func(a, b Finding) int {
		if sa, sb := stageRank(a.Stage), stageRank(b.Stage); sa != sb {
			return sa - sb
		}
		return a.Severity.rank() - b.Severity.rank()
	})
	return out
}

// Active returns the findings that are not dismissed: a dismissal counts
// only while the finding's evidence is the one it was dismissed with.
func Active(fs []Finding, dismissed []Dismissal) []Finding {
	var out []Finding
	for _, f := range fs {
		if !IsDismissed(f, dismissed) {
			out = append(out, f)
		}
	}
	return out
}

// IsDismissed reports whether f was dismissed with its current evidence.
func IsDismissed(f Finding, dismissed []Dismissal) bool {
	return slices.ContainsFunc(dismissed, func(d Dismissal) bool { return d.ID == f.ID && d.Evidence == f.Evidence })
}

// Dismiss returns dismissed with f added (replacing an older dismissal of
// the same finding).
func Dismiss(dismissed []Dismissal, f Finding, at time.Time) []Dismissal {
	out := slices.DeleteFunc(slices.Clone(dismissed), func(d Dismissal) bool { return d.ID == f.ID })
	return append(out, Dismissal{ID: f.ID, Evidence: f.Evidence, Time: at})
}

// ForStage returns the findings shown at stage.
func ForStage(fs []Finding, stage string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Stage == stage {
			out = append(out, f)
		}
	}
	return out
}

// evidence digests the values a finding rests on.
func evidence(vals ...any) string {
	h := sha256.Sum256(fmt.Append(nil, vals...))
	return hex.EncodeToString(h[:8])
}

// Stages are the steps in order, as findings and lessons name them.
var Stages = []string{"data", "explore", "prepare", "train", "evaluate", "deploy"}

func stageRank(s string) int {
	if i := slices.Index(Stages, s); i >= 0 {
		return i
	}
	return len(Stages)
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
