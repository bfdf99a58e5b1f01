package coach

import (
	"errors"
	"fmt"
	"math"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// Condition is a test on a Snapshot, written as a short text so that a
// lesson file can hold it: NAME, NAME=VALUE, NAME:ARG=VALUE or NAME>=N.
// The names are listed by ConditionNames and documented in
// assets/lessons/README.md.
type Condition struct {
	Name  string
	Arg   string // the column of role:COL=ROLE and kind:COL=KIND
	Op    string // "", "=" or ">="
	Value string
	spec  condSpec
}

// ErrCondition means a condition cannot be read.
var ErrCondition = errors.New("not a condition")

// condSpec says what a condition takes and how it is tested.
type condSpec struct {
	arg   bool   // needs :ARG
	op    string // the operator it takes ("" none)
	holds func(s Snapshot, c Condition) bool
	help  string
}

var condRE = regexp.MustCompile(`^([a-z_]+)(?::([^=<>]+))?(?:(>=|=)(.+))?$`)

// ParseCondition reads a condition, checking its name, argument and
// operator; errors wrap ErrCondition.
func ParseCondition(text string) (Condition, error) {
	m := condRE.FindStringSubmatch(strings.TrimSpace(text))
	if m == nil {
		return Condition{}, fmt.Errorf("%w: %q (write NAME, NAME=VALUE, NAME:ARG=VALUE or NAME>=N)", ErrCondition, text)
	}
	c := Condition{Name: m[1], Arg: strings.TrimSpace(m[2]), Op: m[3], Value: strings.TrimSpace(m[4])}
	spec, ok := conditions[c.Name]
	if !ok {
		return Condition{}, fmt.Errorf("%w: unknown name %q in %q (known: %s)", ErrCondition, c.Name, text, strings.Join(ConditionNames(), ", "))
	}
	if spec.arg != (c.Arg != "") || spec.op != c.Op {
		return Condition{}, fmt.Errorf("%w: %q must be written %s", ErrCondition, text, spec.help)
	}
	if c.Name == "silent" && !slices.ContainsFunc(rules, func(r Rule) bool { return r.ID == c.Value }) {
		return Condition{}, fmt.Errorf("%w: %q names no rule of the coach", ErrCondition, text)
	}
	if c.Op == ">=" {
		if _, err := strconv.ParseFloat(c.Value, 64); err != nil {
			return Condition{}, fmt.Errorf("%w: %q needs a number after >=", ErrCondition, text)
		}
	}
	c.spec = spec
	return c, nil
}

// Holds tests the condition on s. A condition about a step the project
// has not reached does not hold.
func (c Condition) Holds(s Snapshot) bool {
	if c.spec.holds == nil {
		if p, err := ParseCondition(c.String()); err == nil {
			c = p
		} else {
			return false
		}
	}
	return c.spec.holds(s, c)
}

// String writes the condition as ParseCondition reads it.
func (c Condition) String() string {
	out := c.Name
	if c.Arg != "" {
		out += ":" + c.Arg
	}
	return out + c.Op + c.Value
}

// ConditionNames lists the names a condition may use, sorted.
func ConditionNames() []string {
	var out []string
	for n := range conditions {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

func (c Condition) number() float64 {
	v, _ := strconv.ParseFloat(c.Value, 64)
	return v
}

func column(s Snapshot, name string) (Column, bool) {
	if s.Data == nil {
		return Column{}, false
	}
	i := slices.IndexFunc(s.Data.Columns, func(c Column) bool { return strings.EqualFold(c.Name, name) })
	if i < 0 {
		return Column{}, false
	}
	return s.Data.Columns[i], true
}

var conditions map[string]condSpec

func init() {
	flag := func(help string, holds func(Snapshot) bool) condSpec {
		return condSpec{help: help, holds: func(s Snapshot, _ Condition) bool { return holds(s) }}
	}
	value := func(help string, holds func(Snapshot, string) bool) condSpec {
		return condSpec{op: "=", help: help, holds: func(s Snapshot, c Condition) bool { return holds(s, c.Value) }}
	}
	atLeast := func(help string, get func(Snapshot) (float64, bool)) condSpec {
		return condSpec{op: ">=", help: help, holds: func(s Snapshot, c Condition) bool {
			v, ok := get(s)
			return ok && v >= c.number()
		}}
	}
	colValue := func(help string, get func(Column) string) condSpec {
		return condSpec{arg: true, op: "=", help: help, holds: func(s Snapshot, c Condition) bool {
			col, ok := column(s, c.Arg)
			return ok && strings.EqualFold(get(col), c.Value)
		}}
	}
	conditions = map[string]condSpec{
		"loaded": flag("loaded", func(s Snapshot) bool { return s.Data != nil }),
		"sample": value("sample=ID", func(s Snapshot, v string) bool { return s.Data != nil && strings.EqualFold(s.Data.Sample, v) }),
		"target": value("target=COLUMN", func(s Snapshot, v string) bool { return s.Data != nil && strings.EqualFold(s.Data.Target, v) }),
		"role":   colValue("role:COLUMN=ROLE", func(c Column) string { return c.Role }),
		"kind":   colValue("kind:COLUMN=KIND", func(c Column) string { return c.Kind }),
		"input": value("input=COLUMN", func(s Snapshot, v string) bool {
			c, ok := column(s, v)
			return ok && s.Prepare != nil && c.Input
		}),
		"left_out": value("left_out=COLUMN", func(s Snapshot, v string) bool {
			c, ok := column(s, v)
			return ok && s.Prepare != nil && !c.Input && c.Role != "target"
		}),
		"explored": flag("explored", func(s Snapshot) bool { return s.Explore != nil && !s.Explore.Stale }),
		"prepared": flag("prepared", func(s Snapshot) bool { return s.Prepare != nil && s.Prepare.Done }),
		"step": value("step=KIND", func(s Snapshot, v string) bool {
			return s.Prepare != nil && slices.ContainsFunc(s.Prepare.Steps, func(st Step) bool { return st.Enabled && st.Kind == v })
		}),
		"split":   value("split=METHOD", func(s Snapshot, v string) bool { return s.Prepare != nil && s.Prepare.SplitMethod == v }),
		"trained": flag("trained", func(s Snapshot) bool { return s.Train != nil && s.Train.Done }),
		"candidates": atLeast("candidates>=N", func(s Snapshot) (float64, bool) {
			if s.Train == nil || !s.Train.Done {
				return 0, false
			}
			n := 0
			for _, e := range s.Train.Entries {
				if !e.Baseline && !math.IsNaN(e.Score) {
					n++
				}
			}
			return float64(n), true
		}),
		"metric": value("metric=NAME", func(s Snapshot, v string) bool { return s.Train != nil && s.Train.Metric == v }),
		"chosen": flag("chosen", func(s Snapshot) bool { return s.Train != nil && s.Train.Done && s.Train.Chosen != "" }),
		"reason": flag("reason", func(s Snapshot) bool {
			return s.Train != nil && s.Train.Chosen != "" && len(strings.Fields(s.Train.Why)) >= 3
		}),
		"beats_baseline": flag("beats_baseline", func(s Snapshot) bool {
			return s.Train != nil && s.Train.Done && len(noBetterThanBaseline(s)) == 0 && hasSubject(s.Train)
		}),
		"evaluated": flag("evaluated", func(s Snapshot) bool {
			return s.Evaluate != nil && s.Evaluate.Done && !s.Evaluate.Stale && s.Evaluate.Part == "test"
		}),
		"costs":     flag("costs", func(s Snapshot) bool { return s.Evaluate != nil && (s.Evaluate.CostFP > 0 || s.Evaluate.CostFN > 0) }),
		"threshold": flag("threshold", func(s Snapshot) bool { return s.Evaluate != nil && s.Evaluate.ThresholdSet }),
		"readiness": atLeast("readiness>=N", func(s Snapshot) (float64, bool) {
			return deployValue(s, func(d *Deploy) float64 { return d.Readiness })
		}),
		"monitoring": atLeast("monitoring>=N", func(s Snapshot) (float64, bool) {
			return deployValue(s, func(d *Deploy) float64 { return d.Monitoring })
		}),
		"docs": flag("docs", func(s Snapshot) bool {
			return s.Deploy != nil && slices.ContainsFunc(s.Deploy.Docs, func(e Export) bool { return e.Fingerprint == s.Deploy.Fingerprint })
		}),
		"package": flag("package", func(s Snapshot) bool { _, ok := currentPackage(s.Deploy); return ok }),
		"silent": value("silent=RULE", func(s Snapshot, v string) bool {
			return !slices.ContainsFunc(Check(s), func(f Finding) bool { return f.Rule == v })
		}),
	}
}

func hasSubject(t *Train) bool { _, ok := subject(t); return ok }

func deployValue(s Snapshot, get func(*Deploy) float64) (float64, bool) {
	if s.Deploy == nil || s.Deploy.Fingerprint == "" {
		return 0, false
	}
	return get(s.Deploy), true
}
