package tree

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// runner calls work(i) once for every i in [0, n), possibly in parallel,
// and returns when all calls have returned. forEach and (*team).forEach
// are runners.
type runner func(n int, work func(i int))

// team is a set of helper goroutines kept for the length of one fit with
// many short parallel steps (boosting makes a few dozen per tree). Between
// steps the helpers wait by spinning for a short while before they sleep,
// so a step does not pay for waking a sleeping core, which on a virtual
// machine can cost more than the step itself (OpenMP runtimes wait the
// same way). A team is used by one goroutine at a time and is not
// reentrant: work must not call forEach of the same team.
type team struct {
	helpers int
	seq     atomic.Uint64 // number of jobs published
	job     atomic.Pointer[teamJob]
	parked  atomic.Int32 // helpers asleep or about to sleep
	wake    chan struct{}
	quit    atomic.Bool
	wg      sync.WaitGroup
}

// teamJob is one parallel step: indices are taken from next, and finished
// counts the calls that have returned.
type teamJob struct {
	n        int64
	work     func(int)
	next     atomic.Int64
	finished atomic.Int64
}

// teamSpin is how many times a waiting helper looks for a new job before
// it goes to sleep (about a tenth of a millisecond).
const teamSpin = 1 << 16

// newTeam starts a team with GOMAXPROCS-1 helpers (none on one core).
// Close must be called when the fit is done.
func newTeam() *team {
	helpers := workerCount() - 1
	t := &team{helpers: helpers, wake: make(chan struct{}, max(helpers, 1))}
	for range helpers {
		t.wg.Add(1)
		go t.help()
	}
	return t
}

func (t *team) help() {
	defer t.wg.Done()
	var seen uint64
	for {
		s := t.seq.Load()
		for spins := 0; s == seen; s = t.seq.Load() {
			if t.quit.Load() {
				return
			}
			if spins++; spins < teamSpin {
				continue
			}
			t.parked.Add(1)
			if s = t.seq.Load(); s == seen && !t.quit.Load() {
				<-t.wake
			}
			t.parked.Add(-1)
			spins = 0
		}
		seen = s
		t.job.Load().run()
	}
}

func (j *teamJob) run() {
	for i := j.next.Add(1) - 1; i < j.n; i = j.next.Add(1) - 1 {
		j.work(int(i))
		j.finished.Add(1)
	}
}

// forEach calls work(i) for every i in [0, n) on the caller and the
// helpers and returns when all calls have returned.
func (t *team) forEach(n int, work func(i int)) {
	if n <= 1 || t.helpers == 0 {
		for i := range n {
			work(i)
		}
		return
	}
	j := &teamJob{n: int64(n), work: work}
	t.job.Store(j)
	t.seq.Add(1)
	for p := t.parked.Load(); p > 0; p-- {
		select {
		case t.wake <- struct{}{}:
		default:
		}
	}
	j.run()
	for spins := 0; j.finished.Load() < j.n; spins++ {
		if spins%64 == 63 {
			runtime.Gosched()
		}
	}
}

// close stops the helpers and waits for them.
func (t *team) close() {
	t.quit.Store(true)
	close(t.wake)
	t.wg.Wait()
}
