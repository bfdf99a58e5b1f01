package onnx

import (
	"errors"
	"fmt"

	"google.golang.org/protobuf/proto"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// ErrNotExportable is wrapped by every error that says an artifact (one
// of its preparation steps, or its model) cannot be written as ONNX.
var ErrNotExportable = errors.New("not exportable to ONNX")

// UnsupportedError says which part of an artifact cannot be exported and
// why, in words a user can act on. It wraps ErrNotExportable, and the
// underlying error when there is one (prep.ErrNotExportable, ...).
type UnsupportedError struct {
	Part string // "step 3 (one_hot)", "the model (knn)", "input column \"x\""
	Why  string
	Err  error // the cause, or nil
}

func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("ONNX export: %s cannot be exported: %s", e.Part, e.Why)
}

// Unwrap returns ErrNotExportable and the cause.
func (e *UnsupportedError) Unwrap() []error {
	if e.Err != nil {
		return []error{ErrNotExportable, e.Err}
	}
	return []error{ErrNotExportable}
}

// Report says what an export holds: the graph's inputs and outputs, how
// each preparation step and the model were written, and the operators
// used. It is plain data for the model card and the deployment package.
type Report struct {
	Learner   string // registry name of the learner
	Task      string // "classification" or "regression"
	Model     string // how the model is written, in words
	Inputs    []Port
	Outputs   []Port
	Steps     []StepReport // one per enabled preparation step, in order
	Operators []string     // "domain.Op×count", sorted; the default domain has no prefix
	Opsets    []string     // "ai.onnx 17", "ai.onnx.ml 3"
	IRVersion int
	Nodes     int
	Notes     []string // what a user of the file must know
}

// Port is one input or output of the graph.
type Port struct {
	Name   string // the value's name in the graph
	Type   string // element type: "double", "string"
	Shape  string // "[N, 1]", "[N]", "[N, 3]"
	Column string // inputs: the raw column; outputs: what it holds
	Kind   string // inputs: the column's kind in Modelbench
	Values string // how values (and missing ones) are given
}

// StepReport says how one preparation step was written.
type StepReport struct {
	Index int    // 1-based position in the pipeline
	Kind  string // prep step kind
	How   string // the operators, in words
}

// Supports reports whether Export would succeed for a, without building the
// graph: nil, or an *UnsupportedError naming the step or the learner that
// cannot be exported and why.
func Supports(a *artifact.Artifact) error {
	_, err := newPlan(a)
	return err
}

// Export writes a's fitted preparation and model as one ONNX graph (IR
// version 8; opsets ai.onnx 17 and ai.onnx.ml 3) and returns the
// serialised ModelProto with a report of what it holds.
//
// Inputs: one per raw input column of the pipeline (the target left out),
// named as the column, of shape [N, 1]: numbers as double (missing: NaN);
// categories and text as strings (missing: ""); yes/no values as strings,
// one of true/false, yes/no, t/f, y/n in any case (anything else, "" among
// them, is missing); dates as double seconds since 1970-01-01 UTC
// (missing: NaN). Outputs: "label" [N] (strings, the classes as the target
// spells them, for a classifier; double for a regression) and, for a
// classifier, "probabilities" [N, k] double in a.Classes order. Should an
// input column carry one of those names, the output is called
// "predicted_label" (and so on).
//
// Every operation reproduces Modelbench's (Fitted.Apply, then Predict and
// PredictProba) in double arithmetic, in the same order wherever the
// result depends on it; the report's Notes say where a function (log,
// exp, pow) may differ in the last bits. A step or learner that cannot be
// written exactly gives an *UnsupportedError and no file, never an
// approximation.
func Export(a *artifact.Artifact) ([]byte, *Report, error) {
	p, err := newPlan(a)
	if err != nil {
		return nil, nil, err
	}
	m, rep := p.build()
	b, err := proto.Marshal(m)
	if err != nil {
		return nil, nil, fmt.Errorf("ONNX export: writing the graph: %w", err)
	}
	return b, rep, nil
}

// plan is an artifact checked for export: the pipeline's description, one
// emitter per step and one for the model, ready to build the graph.
type plan struct {
	a      *artifact.Artifact
	px     *prep.PipelineExport
	inputs []prep.Field
	steps  []plannedStep
	model  plannedModel
	report *Report
}

type plannedStep struct {
	info *prep.StepInfo
	how  string
	emit func(t *translator) map[string]column
}

// newPlan checks every part of a and prepares the emitters.
func newPlan(a *artifact.Artifact) (*plan, error) {
	if a == nil || a.Pipeline == nil || a.Model == nil {
		return nil, &UnsupportedError{Part: "the artifact", Why: "it has no fitted pipeline or model"}
	}
	px, err := a.Pipeline.Export()
	if err != nil {
		return nil, &UnsupportedError{Part: "the preparation", Why: err.Error(), Err: err}
	}
	p := &plan{a: a, px: px, report: &Report{Learner: a.Learner, Task: a.Task.String(), IRVersion: irVersion}}
	for _, f := range px.Inputs {
		if f.Name == px.Target {
			continue
		}
		if err := checkInput(f); err != nil {
			return nil, err
		}
		p.inputs = append(p.inputs, f)
	}
	if len(p.inputs) == 0 {
		return nil, &UnsupportedError{Part: "the preparation", Why: "it has no input columns"}
	}
	for _, st := range px.Steps {
		ps, err := planStep(st, px.Target)
		if err != nil {
			return nil, err
		}
		p.steps = append(p.steps, ps)
	}
	if err := checkFeatures(a, px); err != nil {
		return nil, err
	}
	if p.model, err = planModel(a); err != nil {
		return nil, err
	}
	return p, nil
}

// checkInput refuses input kinds the graph cannot take.
func checkInput(f prep.Field) error {
	switch f.Kind {
	case data.Numeric, data.Categorical, data.Text, data.Boolean, data.Datetime:
		return nil
	}
	return &UnsupportedError{Part: fmt.Sprintf("input column %q", f.Name), Why: fmt.Sprintf("its kind %v has no ONNX input type here", f.Kind)}
}

// checkFeatures checks that the pipeline's output is the model's input.
func checkFeatures(a *artifact.Artifact, px *prep.PipelineExport) error {
	want := a.Model.Features()
	kinds := map[string]data.Kind{}
	for _, f := range px.Output {
		kinds[f.Name] = f.Kind
	}
	for _, name := range want {
		k, ok := kinds[name]
		switch {
		case !ok:
			return &UnsupportedError{Part: "the model", Why: fmt.Sprintf("its feature %q is not among the preparation's output columns", name)}
		case k != data.Numeric:
			return &UnsupportedError{Part: "the model", Why: fmt.Sprintf("its feature %q holds %v values, not numbers", name, k)}
		}
	}
	return nil
}

// stepPart names a step in errors.
func stepPart(info *prep.StepInfo) string { return fmt.Sprintf("step %d (%s)", info.Index, info.Kind) }

func unsupportedStep(info *prep.StepInfo, format string, args ...any) error {
	return &UnsupportedError{Part: stepPart(info), Why: fmt.Sprintf(format, args...)}
}
