package progress

import (
	"sync"
	"time"
)

// Report is one observation of progress.
type Report struct {
	// Fraction is the share of the work done, from 0 to 1; a negative value
	// means the total is unknown.
	Fraction float64
	// Message says in plain words what is happening ("reading rows", "tree 12 of 100").
	Message string
}

// Func receives progress reports. A nil Func discards them.
type Func func(Report)

// Send delivers a report; it is safe on a nil Func.
func (f Func) Send(fraction float64, message string) {
	if f != nil {
		f(Report{Fraction: fraction, Message: message})
	}
}

// Scale returns a Func that maps this work's 0..1 onto lo..hi of f, so a
// step inside a larger job can report on its own scale.
func (f Func) Scale(lo, hi float64) Func {
	if f == nil {
		return nil
	}
	return func(r Report) {
		if r.Fraction >= 0 {
			r.Fraction = lo + r.Fraction*(hi-lo)
		}
		f(r)
	}
}

// Throttle returns a Func that passes on at most one report per interval,
// always passing the final one (Fraction >= 1). It is safe for concurrent use.
func (f Func) Throttle(interval time.Duration) Func {
	if f == nil {
		return nil
	}
	var mu sync.Mutex
	var last time.Time
	return func(r Report) {
		mu.Lock()
		now := time.Now()
		if r.Fraction < 1 && now.Sub(last) < interval {
			mu.Unlock()
			return
		}
		last = now
		mu.Unlock()
		f(r)
	}
}
