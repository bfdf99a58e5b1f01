package ui

import (
	"context"
	"errors"
	"fmt"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"fyne.io/fyne/v2"

	"modelbench/workflow/progress"
)

// jobKey names one kind of background work. The runner keeps at most one
// task per key: starting a job cancels that job's running task and leaves
// every other job running. Work that writes a file is keyed by its target
// too (see on), so that writing two different files are two jobs.
type jobKey string

// The jobs the window runs. Several jobs may belong to one stage (training,
// choosing, tuning and scoring are all Train work) and run side by side.
const (
	jobLoad          jobKey = "load" // loading data, opening a project, restoring unsaved work
	jobConvert       jobKey = "convert-column"
	jobExplore       jobKey = "explore"
	jobPrepare       jobKey = "prepare"
	jobTrain         jobKey = "train"
	jobChoose        jobKey = "choose"
	jobTune          jobKey = "tune"
	jobEvaluate      jobKey = "evaluate"
	jobScoreFile     jobKey = "score-file"
	jobSaveModel     jobKey = "save-model"
	jobSaveProject   jobKey = "save-project"
	jobSaveFigure    jobKey = "save-figure"
	jobExportData    jobKey = "export-data"
	jobExportReport  jobKey = "export-report"
	jobExportDocs    jobKey = "export-docs"
	jobExportPackage jobKey = "export-package"
	jobReproduce     jobKey = "check-reproducible"
)

// on returns the key of job k writing to target: a second start for the
// same target replaces the first, one for another target runs beside it.
func (k jobKey) on(target string) jobKey { return k + ":" + jobKey(target) }

// taskFunc is long work: it must honour ctx and may report progress.
type taskFunc func(ctx context.Context, report progress.Func) error

// taskState is what the status bar shows about one running task.
type taskState struct {
	Job      jobKey
	Label    string
	Fraction float64 // negative when unknown
	Message  string
	Started  time.Time
}

// runner runs one task per job off the UI goroutine. A new start of a job
// cancels the job's running task, and its work begins only once the old
// work has returned, so two runs of one job never overlap; tasks of
// different jobs run side by side. A superseded task's result is never
// reported; progress is throttled; a panic becomes an error; a task that
// ends with context.Canceled, wrapped or not, ends silently. Listeners
// are called through fyne.Do. Its methods are safe for concurrent use.
type runner struct {
	mu      sync.Mutex
	current map[jobKey]*runningTask
	seq     int
	wg      sync.WaitGroup
	// sync runs tasks on the caller's goroutine (tests). Tasks then run one
	// after another, so there is never an old run of the same job to wait
	// for except the caller itself.
	sync bool
	// onChange is called (on the UI goroutine) whenever the set of running
	// tasks or their progress changes.
	onChange func(active []taskState)
	// onError is called (on the UI goroutine) when a current task fails.
	onError func(job jobKey, label string, err error)
	// onDone is called (on the UI goroutine) when a current task ends
	// without error.
	onDone func(job jobKey, label string)
}

type runningTask struct {
	id     int
	cancel context.CancelFunc
	done   chan struct{} // closed once the task has ended and been reported
	state  taskState
}

func newRunner() *runner { return &runner{current: map[jobKey]*runningTask{}} }

// Start runs work as job, labelled for the status bar, cancelling the
// job's previous task.
func (r *runner) Start(job jobKey, label string, work taskFunc) {
	ctx, cancel := context.WithCancel(context.Background())
	r.mu.Lock()
	old := r.current[job]
	if old != nil {
		old.cancel()
	}
	r.seq++
	t := &runningTask{id: r.seq, cancel: cancel, done: make(chan struct{}),
		state: taskState{Job: job, Label: label, Fraction: -1, Started: time.Now()}}
	r.current[job] = t
	r.wg.Add(1)
	inline := r.sync
	r.mu.Unlock()
	r.changed()
	run := func() {
		defer r.wg.Done()
		defer close(t.done)
		if old != nil && !inline {
			<-old.done
		}
		err := ctx.Err() // cancelled while waiting: the work has nothing to do
		if err == nil {
			err = r.protect(ctx, work, r.reporter(job, t.id))
		}
		cancel()
		r.finish(job, t.id, label, err)
	}
	if inline {
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

func (r *runner) reporter(job jobKey, id int) progress.Func {
	return progress.Func(func(rep progress.Report) {
		r.mu.Lock()
		t := r.current[job]
		if t == nil || t.id != id {
			r.mu.Unlock()
			return
		}
		t.state.Fraction, t.state.Message = rep.Fraction, rep.Message
		r.mu.Unlock()
		r.changed()
	}).Throttle(80 * time.Millisecond)
}

func (r *runner) finish(job jobKey, id int, label string, err error) {
	r.mu.Lock()
	t := r.current[job]
	current := t != nil && t.id == id
	if current {
		delete(r.current, job)
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
				r.onDone(job, label)
			}
		case errors.Is(err, context.Canceled):
		default:
			if r.onError != nil {
				r.onError(job, label, err)
			}
		}
	})
}

// Cancel stops the job's running task, if any; other jobs keep running.
func (r *runner) Cancel(job jobKey) {
	r.mu.Lock()
	t := r.current[job]
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

// Wait blocks until every task started so far has ended and its listeners
// have been called. It must not be called from a task, nor on the UI
// goroutine of a running app while tasks still need it.
func (r *runner) Wait() { r.wg.Wait() }

// Active returns the running tasks, oldest first.
func (r *runner) Active() []taskState {
	r.mu.Lock()
	defer r.mu.Unlock()
	ts := make([]*runningTask, 0, len(r.current))
	for _, t := range r.current {
		ts = append(ts, t)
	}
	slices.SortFunc(ts, func(a, b *runningTask) int { return a.id - b.id })
	out := make([]taskState, len(ts))
	for i, t := range ts {
		out[i] = t.state
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
// error through onErr (on the UI goroutine); an error that is (or wraps)
// context.Canceled is not reported, and a superseded job neither applies
// nor reports.
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
					err = fmt.Errorf("internal error: %v\n%s", v, debug.Stack())
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
			case !current || errors.Is(err, context.Canceled):
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
