package predlog

import (
	"context"
	"fmt"

	"modelbench/workflow/deploy/monitor"
)

// Entries returns the logged predictions q selects, oldest first, each
// with its ID, model version and feedback. Predictions still queued are
// not included (Flush first to include them). A row that does not decode
// is an error naming its ID.
func (l *Log) Entries(ctx context.Context, q Query) ([]Logged, error) {
	rows, err := l.st.read(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", l.Name(), err)
	}
	out := make([]Logged, len(rows))
	for i, r := range rows {
		if out[i], err = r.logged(); err != nil {
			return nil, fmt.Errorf("%s: %w", l.Name(), err)
		}
	}
	return out, nil
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
