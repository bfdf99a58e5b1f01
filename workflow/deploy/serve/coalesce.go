package serve

import (
	"context"
	"runtime"

	"modelbench/workflow/artifact"
)

// Small requests that arrive while the model is busy are predicted
// together: a few workers (one per core) each take a waiting request
// and, without waiting for more, every other request already queued,
// up to coalesceRows rows, build one frame and call artifact.Predict
// once. Rows are scored independently (the fitted preparation and the
// model treat each row on its own), so the answers are those of scoring
// each request alone; what is shared is the per-call work (building the
// frame, running each preparation step, walking the trees' upper levels
// once for many rows). An idle server predicts a request at once.
const (
	// coalesceMax is the largest request (in rows) that is coalesced;
	// larger ones are predicted on their own goroutine.
	coalesceMax = 32
	// coalesceRows caps the rows of one combined prediction.
	coalesceRows = 256
)

// predictJob is one request waiting for its predictions.
type predictJob struct {
	v    *validated
	p    *artifact.Predictions
	err  error
	done chan struct{}
}

// coalescer runs the prediction workers.
type coalescer struct {
	a    *artifact.Artifact
	jobs chan *predictJob
	stop chan struct{}
}

func newCoalescer(a *artifact.Artifact) *coalescer {
	c := &coalescer{a: a, jobs: make(chan *predictJob, 4096), stop: make(chan struct{})}
	for range runtime.GOMAXPROCS(0) {
		go c.work()
	}
	return c
}

// close stops the workers; later predictions run on the caller.
func (c *coalescer) close() { close(c.stop) }

// predict returns v's predictions.
func (c *coalescer) predict(ctx context.Context, v *validated) (*artifact.Predictions, error) {
	if v.rows > coalesceMax {
		return predictParts(ctx, c.a, []*validated{v})
	}
	j := &predictJob{v: v, done: make(chan struct{})}
	select {
	case c.jobs <- j:
	case <-c.stop:
		return predictParts(ctx, c.a, []*validated{v})
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	<-j.done // a worker always finishes a job it took
	return j.p, j.err
}

func (c *coalescer) work() {
	for {
		var j *predictJob
		select {
		case j = <-c.jobs:
		case <-c.stop:
			return
		}
		batch := []*predictJob{j}
		rows := j.v.rows
	drain:
		for rows < coalesceRows {
			select {
			case k := <-c.jobs:
				batch = append(batch, k)
				rows += k.v.rows
			default:
				break drain
			}
		}
		c.run(batch)
	}
}

// run predicts the jobs together, or one by one when the combined
// prediction fails (so that one request's failure is its own).
func (c *coalescer) run(batch []*predictJob) {
	defer func() {
		for _, j := range batch {
			close(j.done)
		}
	}()
	parts := make([]*validated, len(batch))
	for i, j := range batch {
		parts[i] = j.v
	}
	p, err := predictParts(context.Background(), c.a, parts)
	if err != nil && len(batch) > 1 {
		for _, j := range batch {
			j.p, j.err = predictParts(context.Background(), c.a, []*validated{j.v})
		}
		return
	}
	off := 0
	for _, j := range batch {
		if err != nil {
			j.err = err
			continue
		}
		j.p = slicePredictions(p, off, off+j.v.rows)
		off += j.v.rows
	}
}

// predictParts predicts the rows of the parts as one frame.
func predictParts(ctx context.Context, a *artifact.Artifact, parts []*validated) (*artifact.Predictions, error) {
	f, err := joinFrames(parts)
	if err != nil {
		return nil, err
	}
	return a.Predict(ctx, f)
}

// slicePredictions returns rows lo..hi of p.
func slicePredictions(p *artifact.Predictions, lo, hi int) *artifact.Predictions {
	out := &artifact.Predictions{Task: p.Task, Classes: p.Classes, Index: p.Index[lo:hi:hi]}
	if p.Proba != nil {
		out.Proba = p.Proba[lo:hi:hi]
	}
	return out
}
