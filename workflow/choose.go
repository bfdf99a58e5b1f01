package workflow

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/eval"
	"modelbench/workflow/progress"
)

// ChooseModel fits the named leaderboard entry on every development row
// and makes it the model carried forward, with the user's reason. The
// Evaluate step then unlocks.
func (p *Project) ChooseModel(ctx context.Context, name, why string, report progress.Func) (*artifact.Artifact, error) {
	tr := p.Training()
	if tr == nil {
		return nil, errors.New("train models first")
	}
	idx := slices.IndexFunc(tr.Board.Entries, func(e eval.Entry) bool { return e.Name == name })
	if idx < 0 {
		return nil, fmt.Errorf("no model named %q on the leaderboard", name)
	}
	entry := tr.Board.Entries[idx]
	if p.Status(StageTrain) == Running {
		// Choosing would supersede the running training and throw its
		// leaderboard away.
		return nil, errors.New("a training or another choice is running: wait for it to finish (or cancel it) before choosing")
	}
	end, err := p.begin(StageTrain)
	if err != nil {
		return nil, err
	}
	a, err := p.fitChosen(ctx, tr, entry, report)
	if err != nil {
		end(tr, err)
		return nil, err
	}
	chosen := *tr
	chosen.Chosen = a
	p.mu.Lock()
	p.doc.Train.Chosen, p.doc.Train.Why = name, why
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: time.Now().UTC(), Stage: StageTrain.String(),
		What: choseWhat(name, tr.Board.Metric, entry), Why: why})
	p.doc.Modified = time.Now().UTC()
	p.mu.Unlock()
	end(&chosen, nil)
	return a, nil
}

func (p *Project) fitChosen(ctx context.Context, tr *TrainResult, e eval.Entry, report progress.Func) (*artifact.Artifact, error) {
	t := p.Table()
	pr := p.Preparation()
	pl, _ := p.Pipeline()
	learner := e.Learner
	a, err := artifact.Fit(ctx, t.Frame.Take(tr.DevRows), artifact.Spec{Target: pr.Target, Task: tr.Task, Pipeline: pl,
		Learner: learner, Params: e.Params, Seed: tr.Settings.Seed}, report)
	if err != nil {
		return nil, err
	}
	doc := p.Document()
	if doc.Data != nil {
		a.DataSHA256, a.DataSource = doc.Data.SHA256, doc.Data.Name()
	}
	a.AppVersion = AppVersion
	split := p.SplitSpec()
	a.Split = &split
	return a, nil
}

// Training returns the last Train result (possibly stale), or nil.
func (p *Project) Training() *TrainResult {
	r, _ := p.Result(StageTrain).(*TrainResult)
	return r
}

// choseWhat says in the journal which model was chosen and on what score.
func choseWhat(name, metric string, e eval.Entry) string {
	if math.IsNaN(e.Score) {
		return fmt.Sprintf("chose %s (not validated)", name)
	}
	return fmt.Sprintf("chose %s (%s %.4g ± %.4g)", name, metric, e.Score, e.Std)
}
