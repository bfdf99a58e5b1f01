package monitor

import (
	"errors"
	"time"
)

// Accumulator gathers a window one record at a time, so that a log too
// large to hold as records can be summarised while it is read. Report
// gives what Summarise gives on the same records (the same tests, numbers
// and verdicts). It keeps the window's values column by column (about 8
// bytes per numeric value and request), not the records.
//
// An Accumulator is not safe for concurrent use.
type Accumulator struct {
	w *window
}

// NewAccumulator starts an empty window against b, which must not be nil.
func NewAccumulator(b *Baseline) (*Accumulator, error) {
	if b == nil {
		return nil, errors.New("monitor: no baseline")
	}
	return &Accumulator{w: newWindow(b, 0)}, nil
}

// Add reads one record into the window; r is not kept.
func (a *Accumulator) Add(r *Record) { a.w.addRecord(r) }

// Requests is the number of records added so far.
func (a *Accumulator) Requests() int { return a.w.requests }

// Span is the earliest and latest record time added so far (zero times
// when no record had one).
func (a *Accumulator) Span() (from, to time.Time) { return a.w.from, a.w.to }

// Report runs the tests on the records added so far. It may be called
// again after more records are added.
func (a *Accumulator) Report() *Report { return a.w.finish() }
