package workflow

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/deploy"
	"modelbench/workflow/progress"
)

// DeployState returns a copy of the Deploy step's answers and records.
func (p *Project) DeployState() deploy.State {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.doc.Deploy.Checklist.Clone()
}

// Checklist assesses the deployment checklist: the saved answers and the
// evidence of DeployFacts, with the readiness score and the ML Test Score.
// It fails only when the built-in checklist definition is broken.
func (p *Project) Checklist() (*deploy.Result, error) {
	d, err := deploy.Builtin()
	if err != nil {
		return nil, err
	}
	return deploy.Assess(d, p.DeployState(), p.DeployFacts()), nil
}

// changeDeploy applies change to the saved Deploy state and, when the state
// changed, journals each entry of what (with its why) at the Deploy stage.
// A failing change changes nothing. Nothing is marked out of date: answers
// only describe the model.
func (p *Project) changeDeploy(change func(deploy.State) (deploy.State, []deploy.Change, error)) error {
	p.mu.Lock()
	st, what, err := change(p.doc.Deploy.Checklist)
	if err != nil {
		p.mu.Unlock()
		return err
	}
	if len(what) == 0 {
		p.mu.Unlock()
		return nil
	}
	now := time.Now().UTC()
	p.doc.Deploy.Checklist = st
	for _, w := range what {
		p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: now, Stage: StageDeploy.String(), What: w.What, Why: w.Why})
	}
	p.doc.Modified = now
	p.mu.Unlock()
	p.emit(Event{Kind: ConfigChanged, Stage: StageDeploy, Message: what[0].What})
	return nil
}

// SetChecklistAnswer records the answer to checklist item id, journaled
// with its note (or reason). An unknown item, an unknown status, or "not
// applicable" without a reason changes nothing and is an error; an answer
// equal to the saved one is not journaled again.
func (p *Project) SetChecklistAnswer(id string, a deploy.Answer) error {
	d, err := deploy.Builtin()
	if err != nil {
		return err
	}
	return p.changeDeploy(func(s deploy.State) (deploy.State, []deploy.Change, error) {
		if old, ok := s.Items[id]; ok && old == a {
			return s, nil, nil
		}
		ns, err := s.WithItem(d, id, a)
		return ns, []deploy.Change{{What: "checklist item " + id + ": " + deploy.StatusText(a.Status), Why: firstOf(a.Reason, a.Note)}}, err
	})
}

// SetMLTestAnswer records the answer to ML test id (by hand or automated);
// errors as SetChecklistAnswer.
func (p *Project) SetMLTestAnswer(id string, a deploy.TestAnswer) error {
	d, err := deploy.Builtin()
	if err != nil {
		return err
	}
	return p.changeDeploy(func(s deploy.State) (deploy.State, []deploy.Change, error) {
		if old, ok := s.Tests[id]; ok && old == a {
			return s, nil, nil
		}
		how := deploy.StatusText(a.Status)
		if a.Status == deploy.Done {
			how += map[bool]string{true: ", automated", false: ", by hand"}[a.Automated]
		}
		ns, err := s.WithTest(d, id, a)
		return ns, []deploy.Change{{What: "ML test " + id + ": " + how, Why: firstOf(a.Reason, a.Note)}}, err
	})
}

// SetDeployField answers a form field of the purpose, the model card or
// the datasheet ("model_card.licence", ...); an empty value clears it. An
// unknown key, or a value outside a field's choices, is an error.
func (p *Project) SetDeployField(key, value string) error {
	d, err := deploy.Builtin()
	if err != nil {
		return err
	}
	return p.changeDeploy(func(s deploy.State) (deploy.State, []deploy.Change, error) {
		if s.Field(key) == strings.TrimSpace(value) {
			return s, nil, nil
		}
		ns, err := s.WithField(d, key, value)
		what := "form field " + key + " answered"
		if strings.TrimSpace(value) == "" {
			what = "form field " + key + " cleared"
		}
		return ns, []deploy.Change{{What: what}}, err
	})
}

// ApplyAnswers applies an answers file (deploy.ParseAnswers) and journals
// every answer that changed, with source (the file) as the reason when an
// answer gives none. It returns the changes; on error nothing changes.
func (p *Project) ApplyAnswers(a *deploy.Answers, source string) ([]deploy.Change, error) {
	d, err := deploy.Builtin()
	if err != nil {
		return nil, err
	}
	var changes []deploy.Change
	err = p.changeDeploy(func(s deploy.State) (deploy.State, []deploy.Change, error) {
		ns, ch, err := a.Apply(d, s)
		for i := range ch {
			if ch[i].Why == "" {
				ch[i].Why = "from " + source
			}
		}
		changes = ch
		return ns, ch, err
	})
	return changes, err
}

// SetColumnSensitive records whether a column holds personal or sensitive
// data (a column choice saved with the project and journaled with why).
// It changes no result. It fails when no data is loaded or the table has
// no such column.
func (p *Project) SetColumnSensitive(name string, sensitive bool, why string) error {
	t := p.Table()
	if t == nil {
		return errors.New("no data is loaded")
	}
	if _, ok := t.Frame.Lookup(name); !ok {
		return fmt.Errorf("no column named %q (columns: %s)", name, strings.Join(t.Frame.Names(), ", "))
	}
	what := fmt.Sprintf("column %q flagged as personal or sensitive", name)
	if !sensitive {
		what = fmt.Sprintf("column %q marked as not sensitive", name)
	}
	p.mu.Lock()
	p.doc.Columns = upsertChoice(p.doc.Columns, name, func(c *ColumnChoice) { c.Sensitive = &sensitive }, why)
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: time.Now().UTC(), Stage: StageData.String(), What: what, Why: why})
	p.doc.Modified = time.Now().UTC()
	p.mu.Unlock()
	p.emit(Event{Kind: ConfigChanged, Stage: StageData, Message: what})
	return nil
}

// RecordExport records an export of the chosen model, for the deployment
// package exporter (and any other exporter) to call once it has written
// and, ideally, checked it. An empty Fingerprint is the chosen model's; a
// zero Time is now. It fails without a kind and path, or without a chosen
// model when the export names none.
func (p *Project) RecordExport(e deploy.Export) error {
	if e.Kind == "" || e.Path == "" {
		return errors.New("an export needs a kind and a path")
	}
	if e.Fingerprint == "" {
		tr := p.Training()
		if tr == nil || tr.Chosen == nil {
			return errors.New("no model is chosen, so there is nothing the export could be of")
		}
		fp, err := deploy.Fingerprint(tr.Chosen)
		if err != nil {
			return err
		}
		e.Fingerprint = fp
	}
	if e.Time.IsZero() {
		e.Time = time.Now().UTC()
	}
	checked := "not checked"
	if e.Checked {
		checked = "predictions checked against the app's"
	}
	return p.changeDeploy(func(s deploy.State) (deploy.State, []deploy.Change, error) {
		ns := s.Clone()
		ns.Exports = append(ns.Exports, e)
		return ns, []deploy.Change{{What: fmt.Sprintf("exported %s to %s (%s)", e.Kind, e.Path, checked)}}, nil
	})
}

// CheckReproducible refits the chosen model from what it records (the
// data's rows chosen by its split, the preparation, the learner, its
// parameters and seed; see Refit) and compares its predictions, and
// probabilities, with the model's on every row of the table. The result
// is stored with the checked model's fingerprint (so it goes stale when
// the model changes) and journaled. It fails without a chosen model or
// data, when the data's hash differs from the one the model records, or
// when refitting fails; a cancelled ctx returns ctx.Err().
func (p *Project) CheckReproducible(ctx context.Context, report progress.Func) (*deploy.ReproCheck, error) {
	tr, t := p.Training(), p.Table()
	if tr == nil || tr.Chosen == nil || t == nil {
		return nil, errors.New("choose a model in the Train step first")
	}
	a := tr.Chosen
	if ref := p.Document().Data; ref != nil && a.DataSHA256 != "" && ref.SHA256 != "" && ref.SHA256 != a.DataSHA256 {
		return nil, errors.New("the data has changed since the model was trained (its hash differs), so a refit cannot reproduce it")
	}
	fp, err := deploy.Fingerprint(a)
	if err != nil {
		return nil, err
	}
	again, err := Refit(ctx, a, t, report.Scale(0, 0.8))
	if err != nil {
		return nil, err
	}
	want, err := a.Predict(ctx, t.Frame)
	if err != nil {
		return nil, err
	}
	got, err := again.Predict(ctx, t.Frame)
	if err != nil {
		return nil, err
	}
	report.Send(1, "compared")
	rc := &deploy.ReproCheck{Time: time.Now().UTC(), Fingerprint: fp, Rows: len(want.Index), Differing: differing(want, got)}
	rc.Identical = rc.Differing == 0
	cp := *again // the refit carries no provenance; compare the models themselves
	cp.Created, cp.AppVersion, cp.DataSHA256, cp.DataSource, cp.Split = a.Created, a.AppVersion, a.DataSHA256, a.DataSource, a.Split
	if fp2, err := deploy.Fingerprint(&cp); err == nil {
		rc.SameModel = fp2 == fp
	}
	if !rc.Identical {
		rc.Detail = "Something the model depends on is not recorded, or fitting is not deterministic."
	}
	what := fmt.Sprintf("reproducibility check: the refit gives identical predictions on all %d rows", rc.Rows)
	if !rc.Identical {
		what = fmt.Sprintf("reproducibility check: the refit's predictions differ on %d of %d rows", rc.Differing, rc.Rows)
	}
	err = p.changeDeploy(func(s deploy.State) (deploy.State, []deploy.Change, error) {
		ns := s.Clone()
		ns.Reproduced = rc
		return ns, []deploy.Change{{What: what}}, nil
	})
	return rc, err
}

// differing counts the rows whose prediction or probabilities differ.
func differing(a, b *artifact.Predictions) int {
	if len(a.Index) != len(b.Index) {
		return max(len(a.Index), len(b.Index))
	}
	n := 0
	for i := range a.Index {
		same := sameFloat(a.Index[i], b.Index[i])
		if same && a.Proba != nil && b.Proba != nil {
			same = slices.EqualFunc(a.Proba[i], b.Proba[i], sameFloat)
		} else if same {
			same = (a.Proba == nil) == (b.Proba == nil)
		}
		if !same {
			n++
		}
	}
	return n
}

func sameFloat(x, y float64) bool { return x == y || math.IsNaN(x) && math.IsNaN(y) }

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
