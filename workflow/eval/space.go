package eval

import (
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"modelbench/workflow/param"
)

// ErrSpace means a search space cannot be searched as described.
var ErrSpace = errors.New("the search space is not usable")

// DefaultSteps is how many grid points a numeric range gets when a
// Dimension does not say.
const DefaultSteps = 5

// Dimension is one parameter to search over. Values, when given, are the
// values to try; otherwise they follow from the parameter's param.Spec:
// every choice of a Choice, both values of a Bool, and for Int and Float a
// range (Min..Max, or the spec's own range when both are 0), spaced
// evenly or, with Log (or a spec marked Log), geometrically.
type Dimension struct {
	Name   string  `json:"name"`
	Values []any   `json:"values,omitempty"`
	Min    float64 `json:"min,omitempty"`
	Max    float64 `json:"max,omitempty"`
	Log    bool    `json:"log,omitempty"`
	Steps  int     `json:"steps,omitempty"` // grid points over a range; 0 means DefaultSteps
}

// bounds returns the numeric range of the dimension and whether it is
// geometric.
func (d Dimension) bounds(s param.Spec) (lo, hi float64, geometric bool, err error) {
	lo, hi = d.Min, d.Max
	if lo == 0 && hi == 0 {
		if !s.HasRange {
			return 0, 0, false, fmt.Errorf("parameter %s has no range; give Min and Max or Values: %w", s.Name, ErrSpace)
		}
		lo, hi = s.Min, s.Max
	}
	geometric = d.Log || s.Log
	switch {
	case !(lo <= hi) || math.IsInf(lo, 0) || math.IsInf(hi, 0):
		return 0, 0, false, fmt.Errorf("parameter %s: range %g to %g is not usable: %w", s.Name, lo, hi, ErrSpace)
	case geometric && lo <= 0:
		return 0, 0, false, fmt.Errorf("parameter %s: a geometric range must start above 0, not at %g: %w", s.Name, lo, ErrSpace)
	}
	return lo, hi, geometric, nil
}

// discrete returns the values of a dimension that has a finite list
// (explicit values, choices, booleans), or nil for a numeric range.
func (d Dimension) discrete(s param.Spec) []any {
	switch {
	case len(d.Values) > 0:
		return d.Values
	case s.Kind == param.Choice:
		out := make([]any, len(s.Choices))
		for i, c := range s.Choices {
			out[i] = c
		}
		return out
	case s.Kind == param.Bool:
		return []any{false, true}
	}
	return nil
}

// grid lists the values a grid search tries, validated against s.
func (d Dimension) grid(s param.Spec) ([]any, error) {
	vals := d.discrete(s)
	if vals == nil {
		if s.Kind != param.Int && s.Kind != param.Float {
			return nil, fmt.Errorf("parameter %s (%s) needs explicit Values: %w", s.Name, s.Kind, ErrSpace)
		}
		lo, hi, geometric, err := d.bounds(s)
		if err != nil {
			return nil, err
		}
		steps := d.Steps
		if steps <= 0 {
			steps = DefaultSteps
		}
		vals = rangeValues(s.Kind, lo, hi, steps, geometric)
	}
	return validateAll(s, vals)
}

// rangeValues spaces steps points from lo to hi; integers are rounded and
// repeats removed.
func rangeValues(kind param.Kind, lo, hi float64, steps int, geometric bool) []any {
	var out []any
	for i := 0; i < steps; i++ {
		frac := 0.0
		if steps > 1 {
			frac = float64(i) / float64(steps-1)
		}
		v := lo + frac*(hi-lo)
		if geometric {
			v = math.Exp(math.Log(lo) + frac*(math.Log(hi)-math.Log(lo)))
		}
		if i == steps-1 {
			v = hi
		}
		if kind == param.Int {
			n := int(math.Round(v))
			if len(out) > 0 && out[len(out)-1] == any(n) {
				continue
			}
			out = append(out, n)
			continue
		}
		out = append(out, v)
	}
	return out
}

// draw picks one value at random for a random search.
func (d Dimension) draw(s param.Spec, r *rand.Rand) (any, error) {
	if vals := d.discrete(s); vals != nil {
		return s.Validate(vals[r.IntN(len(vals))])
	}
	if s.Kind != param.Int && s.Kind != param.Float {
		return nil, fmt.Errorf("parameter %s (%s) needs explicit Values: %w", s.Name, s.Kind, ErrSpace)
	}
	lo, hi, geometric, err := d.bounds(s)
	if err != nil {
		return nil, err
	}
	if s.Kind == param.Int {
		hi++ // draw over [lo, hi+1) and floor, so hi can be drawn
	}
	u := r.Float64()
	v := lo + u*(hi-lo)
	if geometric {
		v = math.Exp(math.Log(lo) + u*(math.Log(hi)-math.Log(lo)))
	}
	if s.Kind == param.Int {
		return s.Validate(min(int(math.Floor(v)), int(hi)-1))
	}
	return s.Validate(v)
}

func validateAll(s param.Spec, vals []any) ([]any, error) {
	out := make([]any, 0, len(vals))
	for _, v := range vals {
		c, err := s.Validate(v)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", ErrSpace, err)
		}
		if !slices.ContainsFunc(out, func(x any) bool { return fmt.Sprint(x) == fmt.Sprint(c) }) {
			out = append(out, c)
		}
	}
	return out, nil
}

// specFor finds the spec of a dimension.
func specFor(specs []param.Spec, name string) (param.Spec, error) {
	for _, s := range specs {
		if s.Name == name {
			return s, nil
		}
	}
	names := make([]string, len(specs))
	for i, s := range specs {
		names[i] = s.Name
	}
	return param.Spec{}, fmt.Errorf("the learner has no parameter %q (it has: %v): %w", name, names, ErrSpace)
}
