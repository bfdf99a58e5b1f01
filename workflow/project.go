package workflow

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sync"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// Project holds the state of the six stages: the loaded table, each stage's
// configuration, results and status, and the decision journal. Every method
// is safe for concurrent use. Changes are announced to subscribers as
// Events, sent on the goroutine that made the change after the project's
// lock is released; subscribers must not block.
//
// A failed operation leaves the project as it was: new state is built aside
// and swapped in only on success.
type Project struct {
	mu      sync.Mutex
	doc     Document
	path    string // the project file, "" until saved
	table   *data.Table
	status  [numStages]Status
	errMsg  [numStages]string
	results [numStages]any
	runID   [numStages]int
	prevSt  [numStages]Status
	subs    map[int]func(Event)
	nextSub int
	// saved holds what an opened file recorded beyond the choices, until
	// Resume uses it: the chosen model's JSON and the stage statuses.
	saved savedState
	// versionModels holds the JSON of every recorded model version (see
	// ModelVersion), kept out of doc so Document copies stay small.
	versionModels map[int]json.RawMessage
	// Loader reads a DataRef; tests and other front ends may replace it
	// before the first load.
	Loader Loader
}

// Loader reads the table a DataRef points to. base is the folder relative
// paths are resolved against. It returns the table and the SHA-256 of the
// bytes read (hex), or "" when the source has no file.
type Loader func(ctx context.Context, ref DataRef, base string, report progress.Func) (*data.Table, string, error)

// New returns an empty project with no data.
func New() *Project {
	p := &Project{doc: newDocument(), subs: map[int]func(Event){}, Loader: LoadRef}
	p.recompute()
	return p
}

// Subscribe registers fn for every future event and returns a function
// that removes it.
func (p *Project) Subscribe(fn func(Event)) (unsubscribe func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	id := p.nextSub
	p.nextSub++
	p.subs[id] = fn
	return func() {
		p.mu.Lock()
		delete(p.subs, id)
		p.mu.Unlock()
	}
}

// emit delivers events; it must be called without holding p.mu.
func (p *Project) emit(events ...Event) {
	p.mu.Lock()
	fns := make([]func(Event), 0, len(p.subs))
	for _, fn := range p.subs {
		fns = append(fns, fn)
	}
	p.mu.Unlock()
	for _, ev := range events {
		for _, fn := range fns {
			fn(ev)
		}
	}
}

// Status returns a stage's status.
func (p *Project) Status(s Stage) Status {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.status[s]
}

// Error returns the message of a stage's last failure, or "".
func (p *Project) Error(s Stage) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.errMsg[s]
}

// Table returns the loaded table, or nil before any data is loaded.
func (p *Project) Table() *data.Table {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.table
}

// Path returns the project file's path, or "" if it was never saved.
func (p *Project) Path() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.path
}

// Document returns a copy of the project's saveable state.
func (p *Project) Document() Document {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.doc.clone()
}

// Locked reports whether a stage cannot be used yet, and why in words a
// person can act on.
func (p *Project) Locked(s Stage) (bool, string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.lockedLocked(s)
}

func (p *Project) lockedLocked(s Stage) (bool, string) {
	switch s {
	case StageExplore:
		if p.table == nil {
			return true, "Load a table in the Data step first."
		}
	case StagePrepare:
		if p.table == nil {
			return true, "Load a table in the Data step first."
		}
		if _, ok := p.table.Schema.Target(); !ok {
			return true, "Choose the target column (the value to predict) in the Data step first."
		}
	case StageTrain:
		if locked, why := p.lockedLocked(StagePrepare); locked {
			return true, why
		}
		if p.status[StagePrepare] != Done {
			return true, "Apply a preparation pipeline and split in the Prepare step first."
		}
	case StageEvaluate:
		if p.status[StageTrain] != Done || p.doc.Train.Chosen == "" {
			return true, "Train models and choose one to carry forward in the Train step first."
		}
	case StageDeploy:
		// Deploy opens as soon as a model is chosen; the checklist items
		// that need the test evaluation say so themselves.
		if locked, why := p.lockedLocked(StageEvaluate); locked {
			return true, why
		}
	}
	return false, ""
}

// recompute derives Empty/Ready for stages without results; it must be
// called with p.mu held.
func (p *Project) recompute() {
	for _, s := range Stages {
		switch p.status[s] {
		case Running, Done, Stale:
			continue
		case Failed:
			if p.errMsg[s] != "" {
				continue
			}
		}
		if s == StageData {
			if p.table == nil {
				p.status[s] = Ready
			}
			continue
		}
		if locked, _ := p.lockedLocked(s); locked {
			p.status[s] = Empty
		} else {
			p.status[s] = Ready
		}
	}
}

// snapshotStatus returns events for every status that differs from before.
func (p *Project) statusEvents(before [numStages]Status) []Event {
	var evs []Event
	for _, s := range Stages {
		if p.status[s] != before[s] {
			evs = append(evs, Event{Kind: StatusChanged, Stage: s, Status: p.status[s], Message: p.errMsg[s]})
		}
	}
	return evs
}

// invalidateAfter marks every stage that depends on s and holds results
// as Stale; it must be called with p.mu held. Stages depend on all earlier
// ones except Explore, which nothing downstream uses: exploring again
// leaves the preparation and the models current.
func (p *Project) invalidateAfter(s Stage) {
	if s == StageExplore {
		return
	}
	for t := s + 1; t < numStages; t++ {
		if p.status[t] == Done || p.status[t] == Failed && p.results[t] != nil {
			p.status[t] = Stale
		}
	}
}

// begin marks a stage Running and returns the function that ends the run.
// end(result, nil) stores the result, marks the stage Done and everything
// after it Stale; end(nil, err) marks it Failed and keeps earlier results;
// a cancelled context puts the stage back to where it was. Starting a stage
// that is already running supersedes the older run: its end does nothing.
func (p *Project) begin(s Stage) (end func(result any, err error), err error) {
	p.mu.Lock()
	before := p.status
	if locked, why := p.lockedLocked(s); locked {
		p.mu.Unlock()
		return nil, errors.New(why)
	}
	if p.status[s] != Running {
		p.prevSt[s] = p.status[s]
	}
	p.runID[s]++
	id := p.runID[s]
	p.status[s] = Running
	evs := p.statusEvents(before)
	p.mu.Unlock()
	p.emit(evs...)
	return func(result any, err error) { p.finish(s, id, result, err) }, nil
}

func (p *Project) finish(s Stage, id int, result any, err error) {
	p.mu.Lock()
	if id != p.runID[s] {
		p.mu.Unlock()
		return // superseded by a newer run
	}
	before := p.status
	var evs []Event
	switch {
	case errors.Is(err, context.Canceled):
		p.status[s] = p.prevSt[s]
	case err != nil:
		p.status[s], p.errMsg[s] = Failed, err.Error()
	default:
		p.status[s], p.errMsg[s], p.results[s] = Done, "", result
		p.invalidateAfter(s)
		evs = append(evs, Event{Kind: ResultChanged, Stage: s})
	}
	p.recompute()
	evs = append(p.statusEvents(before), evs...)
	p.mu.Unlock()
	p.emit(evs...)
}

// Result returns the stored result of a stage (nil when none); its dynamic
// type depends on the stage (see the stage's Run method).
func (p *Project) Result(s Stage) any {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.results[s]
}

// Journal returns the decision journal, oldest first.
func (p *Project) Journal() []JournalEntry {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]JournalEntry(nil), p.doc.Journal...)
}

// Note adds an entry to the decision journal: what was decided at which
// stage and why.
func (p *Project) Note(s Stage, what, why string) {
	p.mu.Lock()
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: time.Now().UTC(), Stage: s.String(), What: what, Why: why})
	p.mu.Unlock()
	p.emit(Event{Kind: ConfigChanged, Stage: s, Message: what})
}

// ReportProgress forwards progress of a stage's work to subscribers.
func (p *Project) ReportProgress(s Stage) progress.Func {
	return func(r progress.Report) {
		p.emit(Event{Kind: Progress, Stage: s, Fraction: r.Fraction, Message: r.Message})
	}
}

// String describes the project (its file and statuses) for debugging.
func (p *Project) String() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return fmt.Sprintf("Project(%q, %v)", p.path, p.status)
}
