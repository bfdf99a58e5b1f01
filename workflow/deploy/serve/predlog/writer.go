package predlog

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// run is the writer goroutine: it waits for entries, gives a batch up to
// FlushInterval to fill (a full batch, Flush or Close commit at once),
// commits it, and applies the retention limits once a minute.
func (l *Log) run() {
	defer close(l.finished)
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	lastPrune := time.Now()
	for {
		l.mu.Lock()
		n, closed := len(l.pending), l.closed
		l.idle = n == 0 && !closed
		l.mu.Unlock()
		switch {
		case n == 0 && closed:
			l.closeErr = l.st.close()
			return
		case n == 0:
			<-l.kick
			continue
		case n < l.opt.MaxBatch && !closed:
			timer.Reset(l.opt.FlushInterval)
			select {
			case <-l.kick:
			case <-timer.C:
			}
			timer.Stop()
		}
		if !l.commit() {
			l.closeErr = errors.Join(l.abandon(), l.st.close())
			return
		}
		if time.Since(lastPrune) >= pruneEvery {
			l.prune(context.Background())
			lastPrune = time.Now()
		}
	}
}

// wake kicks the writer without blocking.
func (l *Log) wake() {
	select {
	case l.kick <- struct{}{}:
	default:
	}
}

// commit writes the first batch of the queue, retrying with backoff until
// it succeeds (true) or Close gave up (false).
func (l *Log) commit() bool {
	l.mu.Lock()
	batch := l.pending[:min(len(l.pending), l.opt.MaxBatch)]
	l.mu.Unlock()
	es := encodeAll(batch)
	wait := 50 * time.Millisecond
	for {
		err := l.st.write(context.Background(), es)
		if err == nil {
			break
		}
		l.mu.Lock()
		l.lastErr = err
		l.stats.WriteErrors++
		l.mu.Unlock()
		l.report(fmt.Errorf("writing %d entries to %s (will retry): %w", len(es), l.Name(), err))
		select {
		case <-l.stop:
			return false
		case <-time.After(wait):
		}
		wait = min(2*wait, 5*time.Second)
	}
	l.mu.Lock()
	l.lastErr = nil
	l.release(len(batch))
	l.stats.Written += int64(len(batch))
	l.mu.Unlock()
	return true
}

// release drops the first n entries of the queue; l.mu is held.
func (l *Log) release(n int) {
	for _, e := range l.pending[:n] {
		if e.pred != nil {
			if l.ids[e.pred.ID]--; l.ids[e.pred.ID] <= 0 {
				delete(l.ids, e.pred.ID)
			}
		}
	}
	clear(l.pending[:n]) // let the entries be collected
	l.pending = l.pending[n:]
	l.used -= n
	l.done += uint64(n)
	close(l.room)
	l.room = make(chan struct{})
}

// abandon gives up the queued entries when Close's context ended while
// the database failed, and says how many were lost.
func (l *Log) abandon() error {
	l.mu.Lock()
	defer l.mu.Unlock()
	n, err := len(l.pending), l.lastErr
	l.release(n)
	return fmt.Errorf("%s: %d queued entries were not written: %w", l.Name(), n, err)
}

// prune applies the retention limits.
func (l *Log) prune(ctx context.Context) {
	var cutoff time.Time
	if l.opt.MaxAge > 0 {
		cutoff = time.Now().Add(-l.opt.MaxAge)
	}
	n, err := l.st.prune(ctx, cutoff, l.opt.MaxRows)
	if err != nil {
		l.report(fmt.Errorf("applying the retention limits to %s: %w", l.Name(), err))
		return
	}
	l.mu.Lock()
	l.stats.Pruned += n
	l.mu.Unlock()
}

func (l *Log) report(err error) {
	if l.opt.OnError != nil {
		l.opt.OnError(err)
	}
}
