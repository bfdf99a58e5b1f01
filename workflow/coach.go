package workflow

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"modelbench/workflow/coach"
	"modelbench/workflow/data"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// CoachFindings runs the coach's rules on the project (see CoachSnapshot)
// and returns the findings the person has not dismissed, and those they
// have (a dismissal lasts while the finding's evidence is unchanged).
func (p *Project) CoachFindings() (active, dismissed []coach.Finding) {
	all := coach.Check(p.CoachSnapshot())
	doc := p.Document()
	for _, f := range all {
		if coach.IsDismissed(f, doc.Coach.Dismissed) {
			dismissed = append(dismissed, f)
		} else {
			active = append(active, f)
		}
	}
	return active, dismissed
}

// DismissFinding dismisses the current finding with the given ID: it
// stays dismissed, in this session and in the saved project, until its
// evidence changes. The dismissal is journaled with why. It fails when no
// current finding has that ID.
func (p *Project) DismissFinding(id, why string) error {
	all := coach.Check(p.CoachSnapshot())
	i := slices.IndexFunc(all, func(f coach.Finding) bool { return f.ID == id })
	if i < 0 {
		return fmt.Errorf("the coach has no current note %q", id)
	}
	f := all[i]
	now := time.Now().UTC()
	p.mu.Lock()
	p.doc.Coach.Dismissed = coach.Dismiss(p.doc.Coach.Dismissed, f, now)
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: now, Stage: f.Stage, What: "dismissed the coach's note: " + f.Title, Why: why})
	p.doc.Modified = now
	p.mu.Unlock()
	p.emit(Event{Kind: ConfigChanged, Stage: stageNamed(f.Stage), Message: "dismissed " + id})
	return nil
}

// ErrWindowAction means a coach action is for the window (or a script) to
// perform: showing a step, or evaluating, which is long work.
var ErrWindowAction = errors.New("this action is performed by the window")

// ApplyCoachAction performs a finding's action: a role for a column, a
// preparation step, the ranking metric or the decision threshold, each
// journaled with the action's reason. GoTo and EvaluateTest return
// ErrWindowAction; a change the project refuses returns its error.
func (p *Project) ApplyCoachAction(a coach.Action) error {
	why := a.Why
	if why == "" {
		why = "suggested by the coach"
	}
	switch a.Kind {
	case coach.SetRole:
		r, err := data.ParseRole(a.Role)
		if err != nil {
			return err
		}
		return p.SetColumnRole(a.Column, r, why)
	case coach.AddStep:
		pl, _ := p.Pipeline()
		return p.SetPipeline(pl.Append(prep.Configure(a.Step, param.Values(a.Params), why)), "added the step "+a.Step, why)
	case coach.SetMetric:
		s := p.TrainSettings()
		s.Metric = a.Metric
		if err := p.SetTrainSettings(s); err != nil {
			return err
		}
		p.Note(StageTrain, "ranking metric set to "+a.Metric, why)
		return nil
	case coach.SetThreshold:
		return p.SetThreshold(a.Value, why)
	case coach.GoTo, coach.EvaluateTest:
		return ErrWindowAction
	}
	return fmt.Errorf("unknown coach action %q", a.Kind)
}

// RecordDocs records that the documentation bundle of the chosen model was
// written to path in the given formats, for the checklist's and the
// coach's records; journaled. It fails without a chosen model.
func (p *Project) RecordDocs(path string, formats []string) error {
	tr := p.Training()
	if tr == nil || tr.Chosen == nil {
		return errors.New("no model is chosen, so there is nothing to document")
	}
	fp, err := p.fingerprint(tr.Chosen)
	if err != nil {
		return err
	}
	now := time.Now().UTC()
	p.mu.Lock()
	p.doc.Deploy.Docs = append(p.doc.Deploy.Docs, DocsExport{Path: path, Formats: slices.Clone(formats), Fingerprint: fp, Time: now})
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: now, Stage: StageDeploy.String(),
		What: fmt.Sprintf("wrote the documentation bundle to %s (%s)", path, strings.Join(formats, ", "))})
	p.doc.Modified = now
	p.mu.Unlock()
	p.emit(Event{Kind: ConfigChanged, Stage: StageDeploy, Message: "documentation written"})
	return nil
}

func stageNamed(name string) Stage {
	s, err := ParseStage(name)
	if err != nil {
		return StageData
	}
	return s
}
