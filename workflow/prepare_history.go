package workflow

import (
	"errors"
	"time"
)

// maxPrepareHistory is how many preparation changes can be undone.
const maxPrepareHistory = 100

// ErrNothingToUndo is returned by UndoPrepare with an empty history, and
// ErrNothingToRedo by RedoPrepare when nothing was undone since the last
// change.
var (
	ErrNothingToUndo = errors.New("there is no preparation change to undo")
	ErrNothingToRedo = errors.New("there is no undone preparation change to redo")
)

// prepareState is the preparation configuration as it was before a change,
// with the words of that change.
type prepareState struct {
	cfg  PrepareConfig
	what string
}

// prepareHistory is the undo and redo stacks of the preparation pipeline
// and split, newest last. It lives in memory only: a saved file keeps the
// current configuration and the journal, not the stacks.
type prepareHistory struct {
	undo, redo []prepareState
}

func clonePrepare(c PrepareConfig) PrepareConfig {
	var out PrepareConfig
	if c.Pipeline != nil {
		pl := c.Pipeline.Clone()
		out.Pipeline = &pl
	}
	if c.Split != nil {
		s := *c.Split
		out.Split = &s
	}
	return out
}

// push records the configuration before a new change and forgets what
// was undone; it must be called with p.mu held.
func (h *prepareHistory) push(before PrepareConfig, what string) {
	h.undo = append(h.undo, prepareState{cfg: clonePrepare(before), what: what})
	if len(h.undo) > maxPrepareHistory {
		h.undo = append([]prepareState(nil), h.undo[len(h.undo)-maxPrepareHistory:]...)
	}
	h.redo = nil
}

// PrepareHistory returns the words of the change UndoPrepare would take
// back and of the one RedoPrepare would make again; "" when there is none.
func (p *Project) PrepareHistory() (undo, redo string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if n := len(p.prepHist.undo); n > 0 {
		undo = p.prepHist.undo[n-1].what
	}
	if n := len(p.prepHist.redo); n > 0 {
		redo = p.prepHist.redo[n-1].what
	}
	return undo, redo
}

// UndoPrepare puts the preparation pipeline and split back as they were
// before the last change made by SetPipeline, ResetPipeline or SetSplit
// (or before the last RedoPrepare), and returns that change's words. Like
// any preparation change it is journaled ("undone: ...") and makes Prepare
// and what follows out of date. With nothing to undo it returns
// ErrNothingToUndo and changes nothing.
func (p *Project) UndoPrepare() (string, error) {
	return p.stepHistory(true)
}

// RedoPrepare makes the last undone change again and returns its words;
// with nothing undone since the last change it returns ErrNothingToRedo.
func (p *Project) RedoPrepare() (string, error) {
	return p.stepHistory(false)
}

func (p *Project) stepHistory(undo bool) (string, error) {
	p.mu.Lock()
	from, to := &p.prepHist.undo, &p.prepHist.redo
	verb, none := "undone: ", ErrNothingToUndo
	if !undo {
		from, to = to, from
		verb, none = "redone: ", ErrNothingToRedo
	}
	n := len(*from)
	if n == 0 {
		p.mu.Unlock()
		return "", none
	}
	st := (*from)[n-1]
	*from = (*from)[:n-1]
	*to = append(*to, prepareState{cfg: clonePrepare(p.doc.Prepare), what: st.what})
	p.mu.Unlock()
	cfg := clonePrepare(st.cfg)
	p.applyPrepare(func(d *Document) { d.Prepare = cfg }, verb+st.what, "", false)
	return st.what, nil
}

// changePrepare applies a user's change to the preparation configuration
// and records it for UndoPrepare.
func (p *Project) changePrepare(change func(*Document), what, why string) error {
	p.applyPrepare(change, what, why, true)
	return nil
}

// applyPrepare changes the preparation configuration, journals it, marks
// Prepare and what follows out of date and announces it; record pushes the
// configuration before the change on the undo stack.
func (p *Project) applyPrepare(change func(*Document), what, why string, record bool) {
	p.mu.Lock()
	before := p.status
	if record {
		p.prepHist.push(p.doc.Prepare, what)
	}
	change(&p.doc)
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: time.Now().UTC(), Stage: StagePrepare.String(), What: what, Why: why})
	p.doc.Modified = time.Now().UTC()
	if p.status[StagePrepare] == Done || p.status[StagePrepare] == Failed {
		p.status[StagePrepare] = Stale
	}
	p.invalidateAfter(StagePrepare)
	p.recompute()
	evs := append(p.statusEvents(before), Event{Kind: ConfigChanged, Stage: StagePrepare, Message: what})
	p.mu.Unlock()
	p.emit(evs...)
}
