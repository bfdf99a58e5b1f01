package workflow

import (
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/param"
)

// ModelVersion is one model the project has carried forward: the first
// chosen one (version 1) and every accepted retrain. The model itself is
// kept in the project file (Model), so any version can be rolled back to.
type ModelVersion struct {
	Version int          `json:"version"`
	Time    time.Time    `json:"time"`
	Learner string       `json:"learner"`
	Params  param.Values `json:"params,omitempty"`
	Seed    uint64       `json:"seed"`
	// Source names the data it learnt from; Replace says whether a retrain
	// learnt from the new rows only.
	Source  string `json:"source,omitempty"`
	Replace bool   `json:"replace,omitempty"`
	// LearnRows is how many rows it learnt from; CompareRows how many
	// held-out new rows it was compared on against the version before.
	LearnRows   int `json:"learn_rows"`
	CompareRows int `json:"compare_rows,omitempty"`
	// Metrics are its scores on those rows, Previous the version before's.
	Metric   string             `json:"metric,omitempty"`
	Metrics  map[string]float64 `json:"metrics,omitempty"`
	Previous map[string]float64 `json:"previous,omitempty"`
	// Comparison is the paired test's verdict in words.
	Comparison string `json:"comparison,omitempty"`
	Why        string `json:"why,omitempty"`
	// Model is the model's JSON (model.json's layout) in project files
	// only; in memory the project keeps it aside.
	Model json.RawMessage `json:"model,omitempty"`
}

// ModelVersions returns the versions recorded so far (empty before the
// first accepted retrain), oldest first, without their models, and the
// current one's number (1 before any retrain).
func (p *Project) ModelVersions() ([]ModelVersion, int) {
	d := p.Document()
	return d.Train.Versions, max(d.Train.Version, 1)
}

// AcceptRetrain makes a retrained model the one carried forward, as a new
// version (journaled with why). The version before stays in the project
// for rollback. Evaluate becomes out of date: the test evaluation was of
// the version before; the documents' evidence about the model goes stale.
// It fails, changing nothing, when the chosen model changed since the
// retrain was made.
func (p *Project) AcceptRetrain(r *RetrainResult, why string) (int, error) {
	tr := p.Training()
	if r == nil || tr == nil || tr.Chosen != r.Current {
		return 0, errors.New("the chosen model changed since this retrain was made: retrain again")
	}
	cur, err := json.Marshal(r.Current)
	if err != nil {
		return 0, err
	}
	next, err := json.Marshal(r.Retrained)
	if err != nil {
		return 0, err
	}
	end, err := p.begin(StageTrain)
	if err != nil {
		return 0, err
	}
	p.mu.Lock()
	doc := &p.doc.Train
	if len(doc.Versions) == 0 {
		a := r.Current
		learnt := len(a.Rows) // a subset of the training and validation rows, when recorded
		if a.Rows == nil {
			learnt = len(tr.DevRows)
		}
		doc.Versions = append(doc.Versions, ModelVersion{Version: 1, Time: a.Created, Learner: a.Learner, Params: a.Params, Seed: a.Seed,
			Source: a.DataSource, LearnRows: learnt, Why: doc.Why})
		p.versionModels = map[int]json.RawMessage{1: cur}
		doc.Version = 1
	}
	v := len(doc.Versions) + 1
	a := r.Retrained
	doc.Versions = append(doc.Versions, ModelVersion{Version: v, Time: time.Now().UTC(), Learner: a.Learner, Params: a.Params, Seed: a.Seed,
		Source: r.Source, Replace: r.Replace, LearnRows: r.LearnRows, CompareRows: r.CompareRows, Metric: r.Metric,
		Metrics: r.RetrainedMetrics, Previous: r.CurrentMetrics, Comparison: r.Comparison.Sentence, Why: why})
	p.versionModels[v] = next
	doc.Version = v
	how := "added to the rows it learnt from"
	if r.Replace {
		how = "replacing the rows it learnt from"
	}
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: time.Now().UTC(), Stage: StageDeploy.String(),
		What: fmt.Sprintf("model version %d: %s retrained on %s (%s), %s", v, a.Learner, r.Source, how, r.Comparison.Sentence), Why: why})
	p.doc.Modified = time.Now().UTC()
	p.mu.Unlock()
	nt := *tr
	nt.Chosen = a
	end(&nt, nil)
	return v, nil
}

// Rollback carries version v forward again (journaled with why). Evaluate
// becomes out of date.
func (p *Project) Rollback(v int, why string) error {
	tr := p.Training()
	p.mu.Lock()
	raw, ok := p.versionModels[v]
	p.mu.Unlock()
	if tr == nil || !ok {
		return fmt.Errorf("there is no model version %d to roll back to", v)
	}
	var a artifact.Artifact
	if err := json.Unmarshal(raw, &a); err != nil {
		return fmt.Errorf("model version %d: %w", v, err)
	}
	end, err := p.begin(StageTrain)
	if err != nil {
		return err
	}
	p.mu.Lock()
	p.doc.Train.Version = v
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: time.Now().UTC(), Stage: StageDeploy.String(),
		What: fmt.Sprintf("rolled back to model version %d", v), Why: why})
	p.doc.Modified = time.Now().UTC()
	p.mu.Unlock()
	nt := *tr
	nt.Chosen = &a
	end(&nt, nil)
	return nil
}

// versionsForFile returns the versions with their models, for a project
// or recovery file.
func (p *Project) versionsForFile(vs []ModelVersion) []ModelVersion {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]ModelVersion, len(vs))
	for i, v := range vs {
		v.Model = p.versionModels[v.Version]
		out[i] = v
	}
	return out
}
