package pmml

import (
	"errors"
	"fmt"
)

// ErrUnsupported is wrapped by every error that says a step or a learner
// cannot be written as PMML that computes what Modelbench computes.
var ErrUnsupported = errors.New("cannot be written faithfully as PMML")

// UnsupportedError names what cannot be exported and why.
type UnsupportedError struct {
	What string // "step 3 (derive)", "learner knn", ...
	Why  string
}

// Error says what and why.
func (e *UnsupportedError) Error() string {
	return fmt.Sprintf("pmml: %s cannot be written faithfully as PMML: %s", e.What, e.Why)
}

// Unwrap returns ErrUnsupported.
func (e *UnsupportedError) Unwrap() error { return ErrUnsupported }

func unsupported(what, format string, args ...any) error {
	return &UnsupportedError{What: what, Why: fmt.Sprintf(format, args...)}
}
