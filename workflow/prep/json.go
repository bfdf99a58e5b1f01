package prep

import (
	"encoding/json"
	"errors"
	"fmt"

	"modelbench/workflow/param"
)

// The versioned JSON envelope shared by Pipeline and Fitted.
const (
	FormatName    = "modelbench.pipeline"
	FormatVersion = 1
)

type fileHeader struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
}

type pipelineFile struct {
	fileHeader
	Steps  []StepConfig `json:"steps"`
	Fitted *fittedFile  `json:"fitted,omitempty"`
}

type fittedFile struct {
	Target     string          `json:"target"`
	Input      []Field         `json:"input"`
	Output     []string        `json:"output"`
	Transforms []transformFile `json:"transforms"`
}

type transformFile struct {
	Step  int             `json:"step"` // 1-based position in steps
	Kind  string          `json:"kind"`
	State json.RawMessage `json:"state"`
}

// validator is implemented by fitted states that check their own
// consistency after decoding, so a damaged file fails cleanly.
type validator interface {
	validate() error
}

// MarshalJSON writes {"format": "modelbench.pipeline", "version": 1,
// "steps": [...]}.
func (p Pipeline) MarshalJSON() ([]byte, error) {
	steps := p.Steps
	if steps == nil {
		steps = []StepConfig{}
	}
	return json.Marshal(pipelineFile{fileHeader: fileHeader{FormatName, FormatVersion}, Steps: steps})
}

// UnmarshalJSON reads a pipeline (or the pipeline part of a fitted one).
// It rejects other formats and versions and unknown step kinds, and
// validates every step's parameters, storing them in canonical form with
// defaults filled in.
func (p *Pipeline) UnmarshalJSON(b []byte) error {
	var f pipelineFile
	if err := decodeFile(b, &f); err != nil {
		return err
	}
	steps, err := canonicalSteps(f.Steps)
	if err != nil {
		return err
	}
	*p = Pipeline{Steps: steps}
	return nil
}

func decodeFile(b []byte, f *pipelineFile) error {
	var h fileHeader
	if err := json.Unmarshal(b, &h); err != nil {
		return fmt.Errorf("not a pipeline file: %w", err)
	}
	if h.Format != FormatName {
		return fmt.Errorf("not a pipeline file: the format is %q, expected %q", h.Format, FormatName)
	}
	if h.Version != FormatVersion {
		if h.Version > FormatVersion {
			return fmt.Errorf("%w: the file has format version %d and this Modelbench reads version %d; open it with a newer Modelbench", ErrVersion, h.Version, FormatVersion)
		}
		return fmt.Errorf("%w: version %d", ErrVersion, h.Version)
	}
	if err := json.Unmarshal(b, f); err != nil {
		return fmt.Errorf("damaged pipeline file: %w", err)
	}
	return nil
}

func canonicalSteps(in []StepConfig) ([]StepConfig, error) {
	out := make([]StepConfig, len(in))
	for i, s := range in {
		d, err := lookupDef(s.Kind)
		if err != nil {
			return nil, &StepError{Index: i + 1, Kind: s.Kind, Err: err}
		}
		p, err := param.Resolve(d.Params, s.Params)
		if err != nil {
			return nil, &StepError{Index: i + 1, Kind: s.Kind, Err: err}
		}
		s.Params = p
		if _, err := s.Step(); err != nil {
			return nil, &StepError{Index: i + 1, Kind: s.Kind, Err: err}
		}
		out[i] = s
	}
	return out, nil
}

// UnmarshalJSON reads a step, taking a missing "enabled" as true so that
// hand-written files do not switch steps off by accident.
func (c *StepConfig) UnmarshalJSON(b []byte) error {
	var raw struct {
		Kind    string       `json:"kind"`
		Params  param.Values `json:"params"`
		Why     string       `json:"why"`
		Enabled *bool        `json:"enabled"`
	}
	if err := json.Unmarshal(b, &raw); err != nil {
		return err
	}
	*c = StepConfig{Kind: raw.Kind, Params: raw.Params, Why: raw.Why, Enabled: raw.Enabled == nil || *raw.Enabled}
	return nil
}

// MarshalJSON writes the pipeline with its fitted state: the envelope of
// Pipeline plus "fitted": {target, input, output, transforms}. Floats are
// written so that they read back bit for bit.
func (ft Fitted) MarshalJSON() ([]byte, error) {
	fit := &fittedFile{Target: ft.target, Input: ft.input, Output: ft.output, Transforms: []transformFile{}}
	for _, s := range ft.steps {
		st, err := json.Marshal(s.t)
		if err != nil {
			return nil, fmt.Errorf("step %d (%s): %w", s.index+1, s.t.Kind(), err)
		}
		fit.Transforms = append(fit.Transforms, transformFile{Step: s.index + 1, Kind: s.t.Kind(), State: st})
	}
	steps := ft.pipeline.Steps
	if steps == nil {
		steps = []StepConfig{}
	}
	return json.Marshal(pipelineFile{fileHeader: fileHeader{FormatName, FormatVersion}, Steps: steps, Fitted: fit})
}

// UnmarshalJSON reads a fitted pipeline written by MarshalJSON. A file
// without fitted state gives ErrNotFitted; other formats and versions give
// clear errors.
func (ft *Fitted) UnmarshalJSON(b []byte) error {
	var f pipelineFile
	if err := decodeFile(b, &f); err != nil {
		return err
	}
	if f.Fitted == nil {
		return fmt.Errorf("%w: the file holds only the steps; fit it on training data first", ErrNotFitted)
	}
	steps, err := canonicalSteps(f.Steps)
	if err != nil {
		return err
	}
	out := Fitted{pipeline: Pipeline{Steps: steps}, target: f.Fitted.Target, input: f.Fitted.Input, output: f.Fitted.Output}
	last := 0
	for _, tf := range f.Fitted.Transforms {
		t, err := decodeTransform(steps, tf, last)
		if err != nil {
			return err
		}
		out.steps = append(out.steps, fittedStep{index: tf.Step - 1, t: t})
		last = tf.Step
	}
	enabled := 0
	for _, s := range steps {
		if s.Enabled {
			enabled++
		}
	}
	if enabled != len(out.steps) {
		return fmt.Errorf("damaged pipeline file: %d steps are enabled but %d have fitted state", enabled, len(out.steps))
	}
	*ft = out
	return nil
}

func decodeTransform(steps []StepConfig, tf transformFile, last int) (Transform, error) {
	bad := func(err error) error { return &StepError{Index: tf.Step, Kind: tf.Kind, Err: err} }
	if tf.Step <= last || tf.Step > len(steps) {
		return nil, bad(errors.New("damaged file: the fitted state does not match the steps"))
	}
	if s := steps[tf.Step-1]; s.Kind != tf.Kind || !s.Enabled {
		return nil, bad(fmt.Errorf("damaged file: the fitted state is for %q, the step is %q", tf.Kind, s.Kind))
	}
	d, err := lookupDef(tf.Kind)
	if err != nil {
		return nil, bad(err)
	}
	t := d.state()
	if err := json.Unmarshal(tf.State, t); err != nil {
		return nil, bad(fmt.Errorf("damaged fitted state: %w", err))
	}
	if v, ok := t.(validator); ok {
		if err := v.validate(); err != nil {
			return nil, bad(fmt.Errorf("damaged fitted state: %w", err))
		}
	}
	return t, nil
}
