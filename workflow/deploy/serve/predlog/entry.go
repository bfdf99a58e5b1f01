package predlog

import (
	"errors"
	"fmt"
	"time"
)

// Prediction is one scored row.
type Prediction struct {
	// ID identifies the row for feedback. A prediction whose ID is
	// already logged is ignored.
	ID           string
	Time         time.Time
	ModelVersion string
	// Inputs are the row's raw values by field name, as the request sent
	// them (JSON numbers, strings, booleans, nil). The writer encodes them
	// as a JSON object; the map must not change after Add.
	Inputs map[string]any
	// InputsJSON, when set, is the inputs already encoded as a JSON object
	// (the record as the request sent it); it is written instead of
	// Inputs, unchecked.
	InputsJSON []byte
	// Prediction is the predicted class label (a string) or value (a
	// float64).
	Prediction any
	// Probabilities are the class probabilities; nil when none.
	Probabilities map[string]float64
	Latency       time.Duration
}

// Feedback is the true outcome of a logged prediction.
type Feedback struct {
	ID string
	// Truth is the true class label (a string) or value (a float64).
	Truth any
	Time  time.Time
}

// Options tune the writer and the retention. The zero value of a field
// takes the default named beside it.
type Options struct {
	// QueueSize bounds the entries not yet committed (DefaultQueueSize).
	QueueSize int
	// MaxBatch is the most entries committed in one transaction
	// (DefaultMaxBatch).
	MaxBatch int
	// FlushInterval is the longest an entry waits before its batch is
	// committed (DefaultFlushInterval).
	FlushInterval time.Duration
	// MaxRows keeps at most this many predictions, deleting the oldest
	// (DefaultMaxRows; negative means no limit).
	MaxRows int64
	// MaxAge deletes predictions older than this (DefaultMaxAge;
	// negative means no limit).
	MaxAge time.Duration
	// OnError hears about failed commits and pruning (may be nil). It is
	// called from the writer goroutine.
	OnError func(error)
}

// The defaults of Options.
const (
	DefaultQueueSize     = 8192
	DefaultMaxBatch      = 1024
	DefaultFlushInterval = 100 * time.Millisecond
	DefaultMaxRows       = 1_000_000
	DefaultMaxAge        = 30 * 24 * time.Hour
)

// pruneEvery is how often the writer applies the retention limits.
const pruneEvery = time.Minute

func (o Options) withDefaults() Options {
	if o.QueueSize <= 0 {
		o.QueueSize = DefaultQueueSize
	}
	if o.MaxBatch <= 0 {
		o.MaxBatch = DefaultMaxBatch
	}
	o.MaxBatch = min(o.MaxBatch, o.QueueSize)
	if o.FlushInterval <= 0 {
		o.FlushInterval = DefaultFlushInterval
	}
	if o.MaxRows == 0 {
		o.MaxRows = DefaultMaxRows
	}
	if o.MaxAge == 0 {
		o.MaxAge = DefaultMaxAge
	}
	return o
}

// Query selects logged predictions. The zero Query selects all of them.
type Query struct {
	// Since and Until bound the prediction time (Since included, Until
	// excluded); a zero time leaves that side open.
	Since, Until time.Time
	// ModelVersion keeps the predictions of one model version ("" keeps
	// every version).
	ModelVersion string
	// Limit keeps the most recent Limit predictions (0: no limit).
	Limit int
}

// Errors of the log; returned errors wrap them.
var (
	// ErrFull: the queue stayed full until the caller's context ended.
	ErrFull = errors.New("the prediction log's queue is full")
	// ErrClosed: the log was closed.
	ErrClosed = errors.New("the prediction log is closed")
	// ErrNotLog: the database holds no Modelbench prediction log.
	ErrNotLog = errors.New("not a Modelbench prediction log")
)

// Stats are the writer's counters since Open.
type Stats struct {
	Queued      int   // entries not yet committed
	Written     int64 // predictions and feedback committed
	Waits       int64 // Add calls that found the queue full and waited
	Full        int64 // Add calls that gave up because it stayed full
	WriteErrors int64 // failed commits (each retried)
	Pruned      int64 // predictions deleted by the retention limits
}

// entry is one queued write: a prediction or a feedback.
type entry struct {
	pred *Prediction
	fb   *Feedback
}

// Spec parsing -----------------------------------------------------------

// kind of store a spec names.
type kind int

const (
	kindSQLite kind = iota
	kindPostgres
)

// parseSpec reads "sqlite:PATH", "postgres://…" or "postgresql://…".
func parseSpec(spec string) (kind, string, error) {
	switch {
	case len(spec) > len("sqlite:") && spec[:len("sqlite:")] == "sqlite:":
		return kindSQLite, spec[len("sqlite:"):], nil
	case hasPrefix(spec, "postgres://"), hasPrefix(spec, "postgresql://"):
		return kindPostgres, spec, nil
	}
	return 0, "", fmt.Errorf("the log %q is neither sqlite:PATH nor postgres://…", redact(spec))
}

func hasPrefix(s, p string) bool { return len(s) >= len(p) && s[:len(p)] == p }
