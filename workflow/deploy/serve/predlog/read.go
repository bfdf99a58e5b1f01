package predlog

import (
	"context"
	"fmt"
	"time"

	"modelbench/workflow/deploy/monitor"
)

// Entries returns the logged predictions q selects, oldest first, each
// with its ID, model version and feedback. Predictions still queued are
// not included (Flush first to include them). A row that does not decode
// is an error naming its ID.
func (l *Log) Entries(ctx context.Context, q Query) ([]Logged, error) {
	var out []Logged
	err := l.Scan(ctx, q, func(e *Logged) error {
		out = append(out, *e)
		return nil
	})
	return out, err
}

// Scan calls fn with each logged prediction q selects, oldest first, as
// Entries returns them but one at a time, so that a large window need
// not be held in memory; fn must not keep e. An error from fn stops the
// scan and is returned.
func (l *Log) Scan(ctx context.Context, q Query, fn func(e *Logged) error) error {
	var fnErr error
	err := l.st.scan(ctx, q, func(r *row) error {
		e, err := r.logged()
		if err != nil {
			return fmt.Errorf("%s: %w", l.Name(), err)
		}
		if fnErr = fn(&e); fnErr != nil {
			return fnErr
		}
		return nil
	})
	if err != nil && err != fnErr {
		return fmt.Errorf("reading %s: %w", l.Name(), err)
	}
	return err
}

// Records returns the logged predictions q selects as monitor records,
// oldest first, ready for monitor.Summarise or monitor.Trend: the raw
// inputs, the prediction, the probabilities, the latency, the time, and
// the true outcome where feedback arrived.
func (l *Log) Records(ctx context.Context, q Query) ([]monitor.Record, error) {
	es, err := l.Entries(ctx, q)
	if err != nil {
		return nil, err
	}
	out := make([]monitor.Record, len(es))
	for i := range es {
		out[i] = es[i].Record
	}
	return out, nil
}

// VersionCount is how many logged predictions of one model version a
// query selects, when the first and the last arrived, and how many have
// their true outcome.
type VersionCount struct {
	ModelVersion string
	Rows         int
	First, Last  time.Time
	Feedback     int
}

// Versions counts the committed predictions q selects per model version,
// oldest version first (q.Limit is ignored), without decoding them: what
// a reader needs to show what the log holds, pick a window's end and
// report progress before reading it.
func (l *Log) Versions(ctx context.Context, q Query) ([]VersionCount, error) {
	vs, err := l.st.versions(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", l.Name(), err)
	}
	return vs, nil
}
