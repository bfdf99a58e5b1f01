package param

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Kind is the type of a parameter's value.
type Kind int

// The kinds of parameter.
const (
	Int     Kind = iota // whole number, stored as int
	Float               // real number, stored as float64
	Bool                // stored as bool
	Choice              // one of Spec.Choices, stored as string
	String              // free text, stored as string
	Columns             // a list of column names, stored as []string
)

var kindNames = [...]string{"int", "float", "bool", "choice", "string", "columns"}

// String returns the kind's name.
func (k Kind) String() string {
	if k < 0 || int(k) >= len(kindNames) {
		return "kind?"
	}
	return kindNames[k]
}

// Spec describes one parameter. Min and Max bound Int and Float values when
// HasRange is true. Log says a search over the range should be geometric.
type Spec struct {
	Name     string   `json:"name"`
	Label    string   `json:"label"`
	Help     string   `json:"help"`
	Kind     Kind     `json:"kind"`
	Min      float64  `json:"min,omitempty"`
	Max      float64  `json:"max,omitempty"`
	HasRange bool     `json:"has_range,omitempty"`
	Log      bool     `json:"log,omitempty"`
	Choices  []string `json:"choices,omitempty"`
	Default  any      `json:"default"`
}

// Values maps parameter names to values of their Spec's kind. A nil Values
// is valid and holds nothing.
type Values map[string]any

// Defaults returns the default value of every spec.
func Defaults(specs []Spec) Values {
	v := make(Values, len(specs))
	for _, s := range specs {
		v[s.Name] = s.Default
	}
	return v
}

// Validate checks a value against the spec and returns it in its canonical
// Go type (int, float64, bool, string or []string). JSON numbers (float64)
// are accepted for Int when whole.
func (s Spec) Validate(v any) (any, error) {
	switch s.Kind {
	case Int:
		n, ok := asInt(v)
		if !ok {
			return nil, fmt.Errorf("%s must be a whole number, not %v", s.Name, v)
		}
		if s.HasRange && (float64(n) < s.Min || float64(n) > s.Max) {
			return nil, fmt.Errorf("%s must be between %g and %g, not %d", s.Name, s.Min, s.Max, n)
		}
		return n, nil
	case Float:
		f, ok := asFloat(v)
		if !ok || math.IsNaN(f) {
			return nil, fmt.Errorf("%s must be a number, not %v", s.Name, v)
		}
		if s.HasRange && (f < s.Min || f > s.Max) {
			return nil, fmt.Errorf("%s must be between %g and %g, not %g", s.Name, s.Min, s.Max, f)
		}
		return f, nil
	case Bool:
		b, ok := v.(bool)
		if !ok {
			return nil, fmt.Errorf("%s must be true or false, not %v", s.Name, v)
		}
		return b, nil
	case Choice:
		str, _ := v.(string)
		for _, c := range s.Choices {
			if c == str {
				return str, nil
			}
		}
		return nil, fmt.Errorf("%s must be one of %s, not %v", s.Name, strings.Join(s.Choices, ", "), v)
	case String:
		str, ok := v.(string)
		if !ok {
			return nil, fmt.Errorf("%s must be text, not %v", s.Name, v)
		}
		return str, nil
	case Columns:
		return asStrings(v, s.Name)
	}
	return nil, fmt.Errorf("%s has an unknown kind", s.Name)
}

// Parse reads a value for the spec from command-line text; Columns are
// comma-separated.
func (s Spec) Parse(text string) (any, error) {
	text = strings.TrimSpace(text)
	switch s.Kind {
	case Int:
		n, err := strconv.Atoi(text)
		if err != nil {
			return nil, fmt.Errorf("%s must be a whole number, not %q", s.Name, text)
		}
		return s.Validate(n)
	case Float:
		f, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, fmt.Errorf("%s must be a number, not %q", s.Name, text)
		}
		return s.Validate(f)
	case Bool:
		b, err := strconv.ParseBool(text)
		if err != nil {
			return nil, fmt.Errorf("%s must be true or false, not %q", s.Name, text)
		}
		return b, nil
	case Columns:
		if text == "" {
			return []string{}, nil
		}
		parts := strings.Split(text, ",")
		for i := range parts {
			parts[i] = strings.TrimSpace(parts[i])
		}
		return parts, nil
	}
	return s.Validate(text)
}

// Resolve validates vals against specs, fills defaults for absent names and
// rejects names no spec has. The result holds canonical Go types.
func Resolve(specs []Spec, vals Values) (Values, error) {
	out := Defaults(specs)
	known := make(map[string]Spec, len(specs))
	for _, s := range specs {
		known[s.Name] = s
	}
	names := make([]string, 0, len(vals))
	for n := range vals {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		s, ok := known[n]
		if !ok {
			return nil, fmt.Errorf("unknown parameter %q (known: %s)", n, specNames(specs))
		}
		v, err := s.Validate(vals[n])
		if err != nil {
			return nil, err
		}
		out[n] = v
	}
	return out, nil
}

// ParseAssignments reads "name=value" texts against specs.
func ParseAssignments(specs []Spec, assigns []string) (Values, error) {
	out := Values{}
	for _, a := range assigns {
		name, text, ok := strings.Cut(a, "=")
		if !ok {
			return nil, fmt.Errorf("parameter %q must be written name=value", a)
		}
		name = strings.TrimSpace(name)
		var spec *Spec
		for i := range specs {
			if specs[i].Name == name {
				spec = &specs[i]
			}
		}
		if spec == nil {
			return nil, fmt.Errorf("unknown parameter %q (known: %s)", name, specNames(specs))
		}
		v, err := spec.Parse(text)
		if err != nil {
			return nil, err
		}
		out[name] = v
	}
	return out, nil
}

// Int returns the named value as an int; it panics if absent or of another
// type, which means Resolve was not called (an internal invariant).
func (v Values) Int(name string) int {
	n, ok := asInt(v[name])
	if !ok {
		panic("param: " + name + " is not an int")
	}
	return n
}

// Float returns the named value as a float64 (ints are converted).
func (v Values) Float(name string) float64 {
	f, ok := asFloat(v[name])
	if !ok {
		panic("param: " + name + " is not a number")
	}
	return f
}

// Bool returns the named value as a bool.
func (v Values) Bool(name string) bool { return v[name].(bool) }

// String returns the named value as a string.
func (v Values) String(name string) string { return v[name].(string) }

// Strings returns the named value as a []string.
func (v Values) Strings(name string) []string {
	s, _ := asStrings(v[name], name)
	return s
}

func asInt(v any) (int, bool) {
	switch x := v.(type) {
	case int:
		return x, true
	case int64:
		return int(x), true
	case float64:
		if x == math.Trunc(x) && math.Abs(x) < 1<<53 {
			return int(x), true
		}
	}
	return 0, false
}

func asFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	}
	return 0, false
}

func asStrings(v any, name string) ([]string, error) {
	switch x := v.(type) {
	case []string:
		return x, nil
	case []any:
		out := make([]string, len(x))
		for i, e := range x {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("%s must be a list of column names", name)
			}
			out[i] = s
		}
		return out, nil
	case nil:
		return nil, nil
	}
	return nil, fmt.Errorf("%s must be a list of column names", name)
}

func specNames(specs []Spec) string {
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.Name
	}
	return strings.Join(names, ", ")
}
