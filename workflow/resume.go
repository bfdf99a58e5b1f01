package workflow

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"modelbench/workflow/artifact"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// savedState is what an opened project file holds beyond the user's
// choices: the chosen model and the statuses the stages had when saved.
type savedState struct {
	model  json.RawMessage
	stages map[string]string
}

// chosenModelJSON returns the chosen model in model.json's layout for a
// project or recovery file: the current Train result's, else the one an
// opened file held that Resume has not used yet; nil when there is none.
func (p *Project) chosenModelJSON() (json.RawMessage, error) {
	if tr := p.Training(); tr != nil && tr.Chosen != nil {
		b, err := json.Marshal(tr.Chosen)
		if err != nil {
			return nil, fmt.Errorf("saving the chosen model: %w", err)
		}
		return b, nil
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.saved.model, nil
}

// Resume brings an opened project back to where it was saved without
// training again: it fits the preparation (quick, and deterministic from
// the saved split and pipeline), restores the saved leaderboard and the
// chosen model when they still fit the data and the preparation, and, if
// the chosen model had been evaluated on the test rows, evaluates it
// again (the same model on the same rows: no new look at the test set).
// It does nothing for stages that are already done. What it could not
// restore is returned as notes in plain words (e.g. "the data changed
// since the model was trained: train again"); an error means a stage
// failed.
func (p *Project) Resume(ctx context.Context, report progress.Func) ([]string, error) {
	if p.Table() == nil {
		return nil, errors.New("the project's data is not loaded: " + p.Error(StageData))
	}
	if locked, why := p.Locked(StagePrepare); locked {
		return []string{why}, nil
	}
	if p.Status(StagePrepare) != Done {
		if _, err := p.RunPrepare(ctx, report.Scale(0, 0.3)); err != nil {
			return nil, fmt.Errorf("preparing: %w", err)
		}
	}
	var notes []string
	if p.Status(StageTrain) != Done {
		note, err := p.restoreTraining()
		if err != nil {
			return nil, err
		}
		if note != "" {
			notes = append(notes, note)
		}
	}
	if p.Status(StageTrain) == Done && p.Status(StageEvaluate) != Done && p.wasEvaluated() {
		if _, err := p.RunEvaluate(ctx, PartTest, report.Scale(0.3, 1)); err != nil {
			return notes, fmt.Errorf("evaluating: %w", err)
		}
	}
	return notes, nil
}

// wasEvaluated reports whether the opened file says the chosen model was
// evaluated on the test rows.
func (p *Project) wasEvaluated() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	st := p.saved.stages[StageEvaluate.String()]
	return (st == Done.String() || st == Stale.String()) && slices.Contains(p.doc.Evaluate.TestLog.Models, p.doc.Train.Chosen)
}

// restoreTraining installs the saved leaderboard and chosen model as the
// Train result. It returns a note when there is nothing to restore or the
// saved model no longer fits.
func (p *Project) restoreTraining() (string, error) {
	doc := p.Document()
	p.mu.Lock()
	raw := p.saved.model
	p.mu.Unlock()
	if doc.Train.Board == nil || doc.Train.Settings == nil {
		return "", nil // never trained
	}
	board, err := doc.Train.Board.Leaderboard()
	if err != nil {
		return "", fmt.Errorf("the saved leaderboard: %w", err)
	}
	pr := p.Preparation()
	res := &TrainResult{Settings: *doc.Train.Settings, Task: pr.Task, Board: board, Trained: doc.Modified}
	res.DevRows = append(slices.Clone(pr.Split.Train), pr.Split.Valid...)
	slices.Sort(res.DevRows)
	if doc.Train.Chosen != "" && len(raw) > 0 {
		var a artifact.Artifact
		if err := json.Unmarshal(raw, &a); err != nil {
			return "", fmt.Errorf("the saved model: %w", err)
		}
		if why := p.modelMismatch(&a, doc); why != "" {
			return why + ": train and choose again.", nil
		}
		res.Chosen = &a
	}
	end, err := p.begin(StageTrain)
	if err != nil {
		return "", err
	}
	end(res, nil)
	if res.Chosen == nil && doc.Train.Chosen != "" {
		return "The chosen model was not saved with the project: choose it again on the leaderboard.", nil
	}
	return "", nil
}

// modelMismatch says why a saved model cannot be used with the project as
// it is now ("" when it can): other data, or another preparation.
func (p *Project) modelMismatch(a *artifact.Artifact, doc Document) string {
	if doc.Data != nil && a.DataSHA256 != "" && doc.Data.SHA256 != "" && a.DataSHA256 != doc.Data.SHA256 {
		return "The data changed since the chosen model was trained"
	}
	pl, _ := p.Pipeline()
	if !samePipeline(a.Pipeline.Pipeline(), pl) {
		return "The preparation changed since the chosen model was trained"
	}
	if a.Split != nil && *a.Split != p.SplitSpec() {
		return "The split changed since the chosen model was trained"
	}
	return ""
}

// samePipeline compares two pipelines with every parameter resolved
// (defaults filled in), as fitting records them.
func samePipeline(a, b prep.Pipeline) bool {
	ja, errA := json.Marshal(canonical(a))
	jb, errB := json.Marshal(canonical(b))
	return errA == nil && errB == nil && bytes.Equal(ja, jb)
}

func canonical(pl prep.Pipeline) prep.Pipeline {
	out := pl.Clone()
	for i, c := range out.Steps {
		if s, err := c.Step(); err == nil {
			out.Steps[i].Params = s.Params()
		}
	}
	return out
}
