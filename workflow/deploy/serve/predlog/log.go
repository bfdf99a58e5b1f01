package predlog

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// store is where a Log keeps its rows: SQLite or PostgreSQL.
type store interface {
	// write commits the entries in one transaction, in order.
	write(ctx context.Context, es []encoded) error
	// known returns which of ids are logged predictions.
	known(ctx context.Context, ids []string) (map[string]bool, error)
	// prune deletes predictions older than cutoff (zero: none) and the
	// oldest beyond maxRows (negative: none), returning how many.
	prune(ctx context.Context, cutoff time.Time, maxRows int64) (int64, error)
	// scan calls fn for each selected row, oldest first.
	scan(ctx context.Context, q Query, fn func(*row) error) error
	// versions counts the selected rows per model version.
	versions(ctx context.Context, q Query) ([]VersionCount, error)
	ping(ctx context.Context) error
	close() error
	name() string
}

// Log is a prediction log open for writing (Open) or reading only
// (OpenReader). See the package documentation.
type Log struct {
	st   store
	opt  Options
	read bool // opened by OpenReader: no writer

	mu       sync.Mutex
	pending  []entry
	ids      map[string]int // ids of queued predictions (count)
	used     int            // entries not yet committed
	room     chan struct{}  // closed (and replaced) when entries are committed
	kick     chan struct{}  // wakes the writer when a batch is full
	enqueued uint64         // entries ever queued
	done     uint64         // entries ever committed (or abandoned at Close)
	closed   bool
	idle     bool // the writer waits for the first entry
	lastErr  error
	stats    Stats

	stop     chan struct{}
	finished chan struct{}
	closeErr error
}

// Open opens (creating it when needed) the log spec names, "sqlite:PATH"
// or a PostgreSQL URL, and starts its writer. Close it to commit what is
// queued.
func Open(ctx context.Context, spec string, opt Options) (*Log, error) {
	st, err := openStore(ctx, spec, true)
	if err != nil {
		return nil, err
	}
	l := &Log{st: st, opt: opt.withDefaults(), ids: map[string]int{}, room: make(chan struct{}),
		kick: make(chan struct{}, 1), stop: make(chan struct{}), finished: make(chan struct{})}
	l.prune(ctx)
	go l.run()
	return l, nil
}

// OpenReader opens an existing log for reading (Records, Known); it
// creates nothing, and adding to it is an error. A database without the
// log's table is an error wrapping ErrNotLog.
func OpenReader(ctx context.Context, spec string) (*Log, error) {
	st, err := openStore(ctx, spec, false)
	if err != nil {
		return nil, err
	}
	return &Log{st: st, read: true, closed: true, ids: map[string]int{}}, nil
}

func openStore(ctx context.Context, spec string, create bool) (store, error) {
	k, target, err := parseSpec(spec)
	if err != nil {
		return nil, err
	}
	if k == kindSQLite {
		return openSQLite(ctx, target, create)
	}
	return openPostgres(ctx, target, create)
}

// Name is the log's spec without any password.
func (l *Log) Name() string { return l.st.name() }

// Add queues predictions for the writer. It waits while the queue is full
// and returns an error wrapping ErrFull when ctx ends first (then nothing
// was queued); after Close it returns ErrClosed. A batch larger than
// QueueSize is queued once the queue is empty.
func (l *Log) Add(ctx context.Context, ps ...Prediction) error {
	es := make([]entry, len(ps))
	for i := range ps {
		es[i] = entry{pred: &ps[i]}
	}
	return l.enqueue(ctx, es)
}

// AddFeedback queues true outcomes, as Add queues predictions. Check
// first with Known that their predictions are logged: feedback for an
// unknown ID is written but matches no prediction.
func (l *Log) AddFeedback(ctx context.Context, fs ...Feedback) error {
	es := make([]entry, len(fs))
	for i := range fs {
		es[i] = entry{fb: &fs[i]}
	}
	return l.enqueue(ctx, es)
}

func (l *Log) enqueue(ctx context.Context, es []entry) error {
	if len(es) == 0 {
		return nil
	}
	waited := false
	for {
		l.mu.Lock()
		if l.closed {
			l.mu.Unlock()
			return ErrClosed
		}
		if l.used == 0 || l.used+len(es) <= l.opt.QueueSize {
			l.push(es)
			l.mu.Unlock()
			return nil
		}
		room := l.room
		if !waited {
			l.stats.Waits++
			waited = true
		}
		l.mu.Unlock()
		select {
		case <-room:
		case <-ctx.Done():
			l.mu.Lock()
			l.stats.Full++
			l.mu.Unlock()
			return fmt.Errorf("%w (%d entries waiting to be written): %w", ErrFull, l.opt.QueueSize, ctx.Err())
		}
	}
}

// push appends es to the queue; l.mu is held.
func (l *Log) push(es []entry) {
	for _, e := range es {
		if e.pred != nil {
			l.ids[e.pred.ID]++
		}
	}
	l.pending = append(l.pending, es...)
	l.used += len(es)
	l.enqueued += uint64(len(es))
	if l.idle || len(l.pending) >= l.opt.MaxBatch {
		l.idle = false
		l.wake()
	}
}

// Known returns the IDs among ids that are logged predictions, committed
// or still queued.
func (l *Log) Known(ctx context.Context, ids []string) (map[string]bool, error) {
	out := make(map[string]bool, len(ids))
	var ask []string
	l.mu.Lock()
	for _, id := range ids {
		if l.ids[id] > 0 {
			out[id] = true
		} else {
			ask = append(ask, id)
		}
	}
	l.mu.Unlock()
	if len(ask) == 0 {
		return out, nil
	}
	found, err := l.st.known(ctx, ask)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", l.Name(), err)
	}
	for id := range found {
		out[id] = true
	}
	return out, nil
}

// Flush waits until every entry queued before the call is committed, or
// ctx ends. It returns the last commit error when the writer is failing.
func (l *Log) Flush(ctx context.Context) error {
	l.mu.Lock()
	target := l.enqueued
	l.mu.Unlock()
	l.wake()
	for {
		l.mu.Lock()
		if l.done >= target {
			l.mu.Unlock()
			return nil
		}
		room, err := l.room, l.lastErr
		l.mu.Unlock()
		select {
		case <-room:
		case <-ctx.Done():
			if err != nil {
				return fmt.Errorf("flushing %s: %w", l.Name(), err)
			}
			return ctx.Err()
		}
	}
}

// Ping checks that the database answers and that the last commit, if
// any, succeeded.
func (l *Log) Ping(ctx context.Context) error {
	l.mu.Lock()
	err := l.lastErr
	l.mu.Unlock()
	if err != nil {
		return fmt.Errorf("%s: the last write failed: %w", l.Name(), err)
	}
	if err := l.st.ping(ctx); err != nil {
		return fmt.Errorf("%s: %w", l.Name(), err)
	}
	return nil
}

// Stats returns the writer's counters.
func (l *Log) Stats() Stats {
	l.mu.Lock()
	defer l.mu.Unlock()
	s := l.stats
	s.Queued = l.used
	return s
}

// Close stops accepting entries, commits everything queued (retrying a
// failing database until ctx ends) and closes the database. Entries it
// could not commit are counted in the error. Close is idempotent.
func (l *Log) Close(ctx context.Context) error {
	if l.read {
		return l.st.close()
	}
	l.mu.Lock()
	already := l.closed
	l.closed = true
	l.mu.Unlock()
	if !already {
		go func() {
			select {
			case <-ctx.Done():
				close(l.stop) // abandon retries
			case <-l.finished:
			}
		}()
		l.wake()
	}
	<-l.finished
	return l.closeErr
}
