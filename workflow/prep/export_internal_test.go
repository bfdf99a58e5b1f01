package prep

import (
	"context"
	"errors"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

// opaque is a fitted step that cannot describe itself.
type opaque struct{}

func (opaque) Kind() string { return "opaque" }
func (opaque) Apply(_ context.Context, f *data.Frame) (*data.Frame, error) {
	return f, nil
}
func (opaque) Describe() string { return "does something undescribed." }

// TestExport_SaysWhatItCannotDescribe: a step without a description, or
// whose description would not be exact, is an error naming the step and
// why, wrapping ErrNotExportable; nothing is described approximately.
func TestExport_SaysWhatItCannotDescribe(t *testing.T) {
	f, err := data.NewFrame(
		data.NewNumeric("x", []float64{1, 2, 3}, nil),
		data.NewDatetime("d", []int64{1, 2, 3}, nil, ""),
	)
	if err != nil {
		t.Fatal(err)
	}
	ft, err := NewPipeline(mustStep(t, "log1p", nil), mustStep(t, "scale", nil)).Fit(context.Background(), f, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	broken := *ft
	broken.steps = append([]fittedStep(nil), ft.steps...)
	broken.steps[1].t = opaque{}
	_, err = broken.Export()
	var se *StepError
	if !errors.Is(err, ErrNotExportable) || !errors.As(err, &se) || se.Index != 2 || se.Kind != "opaque" {
		t.Fatalf("an undescribable step gave %v", err)
	}
	if _, err := ft.Export(); err != nil {
		t.Fatalf("the original pipeline: %v", err)
	}

	in := fieldsOf(f)
	for name, ex := range map[string]Exporter{
		"replace dates":      &replaceState{Column: "d", Values: []string{"1"}},
		"replace non-number": &replaceState{Column: "x", Values: []string{"one"}},
		"derive unknown":     mustDerive(t, "y", "z + 1"),
		"derive dates":       mustDerive(t, "y", "d + 1"),
		"ordinal absent":     &ordinalState{Column: "nope", Order: []string{"a"}},
	} {
		_, err := ex.Export(in)
		if !errors.Is(err, ErrNotExportable) || !strings.Contains(err.Error(), "Apply fails") && !strings.Contains(err.Error(), "not among") {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func mustDerive(t *testing.T, name, src string) *deriveState {
	t.Helper()
	s, err := NewStep("derive", param.Values{"name": name, "expression": src})
	if err != nil {
		t.Fatal(err)
	}
	return s.(*step).f.(*deriveState)
}
