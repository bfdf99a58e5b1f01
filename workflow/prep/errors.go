package prep

import (
	"errors"
	"fmt"
)

// Errors a caller may test for with errors.Is.
var (
	// ErrNoRows means a step would leave no training rows.
	ErrNoRows = errors.New("no rows are left")
	// ErrNoFeatures means a step would leave no column besides the target.
	ErrNoFeatures = errors.New("no feature columns are left")
	// ErrUnknownKind means a step kind is not in the registry.
	ErrUnknownKind = errors.New("unknown step kind")
	// ErrNotFitted means a file holds a pipeline that was never fitted.
	ErrNotFitted = errors.New("the pipeline has not been fitted")
	// ErrVersion means a file was written by a newer (or unknown) format version.
	ErrVersion = errors.New("unsupported pipeline format version")
	// ErrNotReady means a prepared frame cannot be handed to a learner yet.
	ErrNotReady = errors.New("the data is not ready for modelling")
	// ErrNotExportable means a fitted step cannot be described exactly by
	// Fitted.Export.
	ErrNotExportable = errors.New("the step cannot be described for export")
)

// ColumnError is a problem with one named column. Err says what is wrong;
// errors.Is and errors.As see through it.
type ColumnError struct {
	Column string // the column's name
	Row    int    // 1-based row in the frame being processed; 0 when not about one row
	Err    error
}

// Error names the column (and row, when known).
func (e *ColumnError) Error() string {
	if e.Row > 0 {
		return fmt.Sprintf("column %q, row %d: %v", e.Column, e.Row, e.Err)
	}
	return fmt.Sprintf("column %q: %v", e.Column, e.Err)
}

// Unwrap returns the underlying error.
func (e *ColumnError) Unwrap() error { return e.Err }

// colErr builds a *ColumnError from a format string.
func colErr(column, format string, args ...any) error {
	return &ColumnError{Column: column, Err: fmt.Errorf(format, args...)}
}

// rowErr builds a *ColumnError about one row (0-based i, reported 1-based).
func rowErr(column string, i int, format string, args ...any) error {
	return &ColumnError{Column: column, Row: i + 1, Err: fmt.Errorf(format, args...)}
}

// StepError is a problem with one step of a pipeline: Index is its 1-based
// position in Pipeline.Steps and Kind its kind. Err usually is a
// *ColumnError naming the column.
type StepError struct {
	Index int
	Kind  string
	Err   error
}

// Error names the step by position and kind.
func (e *StepError) Error() string {
	return fmt.Sprintf("step %d (%s): %v", e.Index, e.Kind, e.Err)
}

// Unwrap returns the underlying error.
func (e *StepError) Unwrap() error { return e.Err }
