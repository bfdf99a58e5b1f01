package ui

import (
	"context"
	"fmt"
	"runtime/debug"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"modelbench/workflow"
	"modelbench/workflow/progress"
)

// taskFunc is long work: it must honour ctx and may report progress.
type taskFunc func(ctx context.Context, report progress.Func) error

// taskState is what the status bar shows about one running task.
type taskState struct {
	Stage    workflow.Stage
	Label    string
	Fraction float64 // negative when unknown
	Message  string
	Started  time.Time
}

// runner runs one task per stage off the UI goroutine. A new start for a
// stage cancels the running one; progress is throttled; a panic becomes an
// error; listeners are called through fyne.Do.
type runner struct {
	mu      sync.Mutex
	current map[workflow.Stage]*runningTask
	seq     int
	// sync runs tasks on the caller's goroutine (tests).
	sync bool
	// onChange is called (on the UI goroutine) whenever the set of running
	// tasks or their progress changes.
	onChange func(active []taskState)
	// onError is called (on the UI goroutine) when a task fails.
	onError func(stage workflow.Stage, label string, err error)
	// onDone is called (on the UI goroutine) when a task ends without error.
	onDone func(stage workflow.Stage, label string)
}

type runningTask struct {
	id     int
	cancel context.CancelFunc
	state  taskState
}

func newRunner() *runner { return &runner{current: map[workflow.Stage]*runningTask{}} }

// Start runs work for stage, cancelling the stage's previous task.
func (r *runner) Start(stage workflow.Stage, label string, work taskFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	r.mu.Lock()
	if old := r.current[stage]; old != nil {
		old.cancel()
	}
	r.seq++
	t := &runningTask{id: r.seq, cancel: cancel, state: taskState{Stage: stage, Label: label, Fraction: -1, Started: time.Now()}}
	r.current[stage] = t
	r.mu.Unlock()
	r.changed()
	run := func() {
		err := r.protect(ctx, work, r.reporter(stage, t.id))
		cancel()
		r.finish(stage, t.id, label, err)
	}
	if r.sync {
		run()
		return
	}
	go run()
}

// protect runs work and turns a panic into an error.
func (r *runner) protect(ctx context.Context, work taskFunc, report progress.Func) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("internal error: %v\n%s", v, debug.Stack())
		}
	}()
	return work(ctx, report)
}

func (r *runner) reporter(stage workflow.Stage, id int) progress.Func {
	return progress.Func(func(rep progress.Report) {
		r.mu.Lock()
		t := r.current[stage]
		if t == nil || t.id != id {
			r.mu.Unlock()
			return
		}
		t.state.Fraction, t.state.Message = rep.Fraction, rep.Message
		r.mu.Unlock()
		r.changed()
	}).Throttle(80 * time.Millisecond)
}

func (r *runner) finish(stage workflow.Stage, id int, label string, err error) {
	r.mu.Lock()
	t := r.current[stage]
	current := t != nil && t.id == id
	if current {
		delete(r.current, stage)
	}
	r.mu.Unlock()
	if !current {
		return // superseded: its result no longer matters
	}
	r.changed()
	fyne.Do(func() {
		switch {
		case err == nil:
			if r.onDone != nil {
				r.onDone(stage, label)
			}
		case err == context.Canceled:
		default:
			if r.onError != nil {
				r.onError(stage, label, err)
			}
		}
	})
}

// Cancel stops the stage's running task, if any.
func (r *runner) Cancel(stage workflow.Stage) {
	r.mu.Lock()
	t := r.current[stage]
	r.mu.Unlock()
	if t != nil {
		t.cancel()
	}
}

// CancelAll stops every running task.
func (r *runner) CancelAll() {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, t := range r.current {
		t.cancel()
	}
}

// Active returns the running tasks, oldest first.
func (r *runner) Active() []taskState {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := make([]taskState, 0, len(r.current))
	for _, t := range r.current {
		out = append(out, t.state)
	}
	for i := 1; i < len(out); i++ {
		for j := i; j > 0 && out[j].Started.Before(out[j-1].Started); j-- {
			out[j], out[j-1] = out[j-1], out[j]
		}
	}
	return out
}

func (r *runner) changed() {
	if r.onChange == nil {
		return
	}
	// The snapshot is taken when the UI goroutine runs the update, so a
	// late report from a worker goroutine can never overwrite a newer state.
	fyne.Do(func() { r.onChange(r.Active()) })
}

// jobs are keyed background computations whose results replace a view
// (a figure, a preview). A new job with the same key cancels the old one;
// apply runs on the UI goroutine only if the job is still current.
type jobs struct {
	mu   sync.Mutex
	seq  map[string]int
	stop map[string]context.CancelFunc
	sync bool
}

func newJobs() *jobs {
	return &jobs{seq: map[string]int{}, stop: map[string]context.CancelFunc{}}
}

// Run computes work off the UI goroutine and hands its apply function to
// the UI goroutine. A panic in work is reported to apply's caller as an
// error through onErr (on the UI goroutine).
func (j *jobs) Run(key string, work func(ctx context.Context) (apply func(), err error), onErr func(error)) {
	ctx, cancel := context.WithCancel(context.Background())
	j.mu.Lock()
	if old := j.stop[key]; old != nil {
		old()
	}
	j.seq[key]++
	id := j.seq[key]
	j.stop[key] = cancel
	j.mu.Unlock()
	run := func() {
		var apply func()
		var err error
		func() {
			defer func() {
				if v := recover(); v != nil {
					err = fmt.Errorf("internal error: %v", v)
				}
			}()
			apply, err = work(ctx)
		}()
		cancel()
		fyne.Do(func() {
			j.mu.Lock()
			current := j.seq[key] == id
			j.mu.Unlock()
			switch {
			case !current || err == context.Canceled:
			case err != nil:
				if onErr != nil {
					onErr(err)
				}
			case apply != nil:
				apply()
			}
		})
	}
	if j.sync {
		run()
		return
	}
	go run()
}
