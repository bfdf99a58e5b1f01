package prep

import (
	"fmt"

	"modelbench/workflow/param"
)

// StepConfig is one entry of a Pipeline: a step kind, its parameters, the
// user's reason for it and whether it is switched on. Params may be nil
// (all defaults) and may hold JSON-decoded values; they are validated
// against the kind's specs when the step is built. Why is free text that
// feeds the documentation bundle.
type StepConfig struct {
	Kind    string       `json:"kind"`
	Params  param.Values `json:"params,omitempty"`
	Why     string       `json:"why,omitempty"`
	Enabled bool         `json:"enabled"`
}

// Configure returns an enabled StepConfig; params nil means the defaults.
func Configure(kind string, params param.Values, why string) StepConfig {
	return StepConfig{Kind: kind, Params: params, Why: why, Enabled: true}
}

// Step builds the configured step, validating its kind and parameters.
func (c StepConfig) Step() (Step, error) { return NewStep(c.Kind, c.Params) }

// clone deep-copies the parameter values so that no map is shared.
func (c StepConfig) clone() StepConfig {
	c.Params = copyValues(c.Params)
	return c
}

// Pipeline is an ordered list of preparation steps. It is a value: the
// editing methods return a new Pipeline and never change the receiver,
// and Fit never changes it either. The zero Pipeline has no steps and
// fits to the identity (apart from dropping unknown extra columns on
// Apply).
type Pipeline struct {
	Steps []StepConfig `json:"steps"`
}

// NewPipeline returns a pipeline holding copies of the given steps.
func NewPipeline(steps ...StepConfig) Pipeline {
	return Pipeline{}.Append(steps...)
}

// Clone returns a deep copy.
func (p Pipeline) Clone() Pipeline {
	out := Pipeline{Steps: make([]StepConfig, len(p.Steps))}
	for i, s := range p.Steps {
		out.Steps[i] = s.clone()
	}
	return out
}

// Append returns a copy with the steps added at the end.
func (p Pipeline) Append(steps ...StepConfig) Pipeline {
	out := p.Clone()
	for _, s := range steps {
		out.Steps = append(out.Steps, s.clone())
	}
	return out
}

// Insert returns a copy with s placed at position i (0-based; len(Steps)
// appends). It fails when i is out of range.
func (p Pipeline) Insert(i int, s StepConfig) (Pipeline, error) {
	if i < 0 || i > len(p.Steps) {
		return p, fmt.Errorf("cannot insert at position %d of a pipeline with %d steps", i+1, len(p.Steps))
	}
	out := p.Clone()
	out.Steps = append(out.Steps[:i], append([]StepConfig{s.clone()}, out.Steps[i:]...)...)
	return out, nil
}

// Replace returns a copy with step i (0-based) replaced by s.
func (p Pipeline) Replace(i int, s StepConfig) (Pipeline, error) {
	if i < 0 || i >= len(p.Steps) {
		return p, fmt.Errorf("there is no step %d in a pipeline with %d steps", i+1, len(p.Steps))
	}
	out := p.Clone()
	out.Steps[i] = s.clone()
	return out, nil
}

// Remove returns a copy without step i (0-based).
func (p Pipeline) Remove(i int) (Pipeline, error) {
	if i < 0 || i >= len(p.Steps) {
		return p, fmt.Errorf("there is no step %d in a pipeline with %d steps", i+1, len(p.Steps))
	}
	out := p.Clone()
	out.Steps = append(out.Steps[:i], out.Steps[i+1:]...)
	return out, nil
}

// Move returns a copy with step from (0-based) moved to position to.
func (p Pipeline) Move(from, to int) (Pipeline, error) {
	if from < 0 || from >= len(p.Steps) || to < 0 || to >= len(p.Steps) {
		return p, fmt.Errorf("cannot move step %d to position %d in a pipeline with %d steps", from+1, to+1, len(p.Steps))
	}
	out := p.Clone()
	s := out.Steps[from]
	out.Steps = append(out.Steps[:from], out.Steps[from+1:]...)
	out.Steps = append(out.Steps[:to], append([]StepConfig{s}, out.Steps[to:]...)...)
	return out, nil
}

// Validate checks every step's kind and parameters (including expressions
// that must parse) without looking at data. The error is a *StepError
// naming the first bad step. Disabled steps are checked too, so that a
// saved pipeline can always be switched back on.
func (p Pipeline) Validate() error {
	_, err := p.build()
	return err
}

// build turns every step config into a Step (nil for disabled ones).
func (p Pipeline) build() ([]Step, error) {
	steps := make([]Step, len(p.Steps))
	for i, c := range p.Steps {
		s, err := c.Step()
		if err != nil {
			return nil, &StepError{Index: i + 1, Kind: c.Kind, Err: err}
		}
		if c.Enabled {
			steps[i] = s
		}
	}
	return steps, nil
}
