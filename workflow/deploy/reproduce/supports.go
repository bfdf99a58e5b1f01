package reproduce

import (
	"errors"
	"fmt"

	"modelbench/workflow/artifact"
)

// ErrUnsupported is wrapped by every error that says a model cannot be
// reproduced faithfully with scikit-learn.
var ErrUnsupported = errors.New("cannot be reproduced with scikit-learn")

// UnsupportedError names the step or the learner that cannot be
// reproduced and says why. It wraps ErrUnsupported.
type UnsupportedError struct {
	Step    int    // 1-based position of the step in the pipeline; 0 for the learner or the data
	Kind    string // the step's kind, or "" for the learner
	Learner string // the learner's registry name when the learner is the reason
	Why     string
}

func (e *UnsupportedError) Error() string {
	switch {
	case e.Step > 0:
		return fmt.Sprintf("step %d (%s) %s: %s", e.Step, e.Kind, ErrUnsupported, e.Why)
	case e.Learner != "":
		return fmt.Sprintf("learner %q %s: %s", e.Learner, ErrUnsupported, e.Why)
	}
	return fmt.Sprintf("the model %s: %s", ErrUnsupported, e.Why)
}

func (e *UnsupportedError) Unwrap() error { return ErrUnsupported }

// Supports reports whether Script can reproduce a: nil, or an error
// joining an *UnsupportedError for every step and learner that cannot be
// reproduced faithfully (errors.Is(err, ErrUnsupported) holds). It writes
// nothing and needs no data; Script also checks the data file.
func Supports(a *artifact.Artifact) error {
	_, err := plan(a)
	return err
}
