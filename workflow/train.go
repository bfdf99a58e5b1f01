package workflow

import (
	"context"
	"errors"
	"slices"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/eval"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners" // every learner family in the registry
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// Validation methods of the Train stage.
const (
	ValidateCV      = "cv"      // k-fold cross-validation on the training and validation rows
	ValidateHoldout = "holdout" // fit on the training rows, score on the validation rows
	// ValidateNone fits nothing to score: the leaderboard lists the
	// candidates without scores, so that one can be chosen and fitted at
	// once (the command line's --cv 0). Nothing then says which is better.
	ValidateNone = "none"
)

// CandidateSpec is one learner to train: a registry name and parameters
// (missing ones take their defaults), shown under Name.
type CandidateSpec struct {
	Name    string       `json:"name"`
	Learner string       `json:"learner"`
	Params  param.Values `json:"params,omitempty"`
}

// TrainSettings say what to train and how to validate it. Seed seeds the
// folds and the randomness of every candidate whose parameters do not set
// their own "seed", so the recorded seed is the one that refits the model.
type TrainSettings struct {
	Candidates []CandidateSpec `json:"candidates"`
	Validation string          `json:"validation"`
	Folds      int             `json:"folds"`
	Seed       uint64          `json:"seed"`
	Metric     string          `json:"metric"` // "" is the task's default
}

// TrainResult is the Train stage's outcome: the leaderboard (the baseline
// always on it) and, once chosen, the chosen model fitted on every
// development row (training plus validation).
type TrainResult struct {
	Settings TrainSettings
	Task     model.Task
	Board    *eval.Leaderboard
	DevRows  []int // the rows models learn from: training + validation
	Chosen   *artifact.Artifact
	Trained  time.Time
}

// DefaultTrainSettings compares a linear model, a tree, a random forest
// and boosted trees with 5-fold cross-validation.
func DefaultTrainSettings(task model.Task) TrainSettings {
	linear := "logistic"
	if task == model.Regression {
		linear = "linear"
	}
	var cands []CandidateSpec
	for _, name := range []string{linear, "tree", "forest", "gbt"} {
		if _, ok := model.Lookup(name); ok {
			cands = append(cands, CandidateSpec{Name: name, Learner: name})
		}
	}
	return TrainSettings{Candidates: cands, Validation: ValidateCV, Folds: 5, Seed: DefaultSeed}
}

// TrainSettings returns the saved settings, or the defaults for the task.
func (p *Project) TrainSettings() TrainSettings {
	p.mu.Lock()
	saved := p.doc.Train.Settings
	p.mu.Unlock()
	if saved != nil {
		return *saved
	}
	return DefaultTrainSettings(p.task())
}

// RunTrain validates every candidate (and the baseline) on the same folds
// and ranks them. The preparation is fitted inside each fold. The test
// rows are never used. Settings that cannot be used change nothing; the
// settings are saved with the project (and the run journaled) only when
// the run succeeds.
func (p *Project) RunTrain(ctx context.Context, s TrainSettings, report progress.Func) (*TrainResult, error) {
	prepRes := p.Preparation()
	if prepRes == nil || p.Status(StagePrepare) != Done {
		return nil, errors.New("fit the preparation pipeline first")
	}
	cands, err := candidates(s, prepRes.Task)
	if err != nil {
		return nil, err
	}
	end, err := p.begin(StageTrain)
	if err != nil {
		return nil, err
	}
	res, err := p.runBoard(ctx, s, prepRes, cands, report)
	if err != nil {
		end(nil, err)
		return nil, err
	}
	p.mu.Lock()
	saved := s
	board := res.Board.Record()
	p.doc.Train.Settings, p.doc.Train.Chosen, p.doc.Train.Why, p.doc.Train.Board = &saved, "", "", &board
	p.doc.Journal = append(p.doc.Journal, JournalEntry{Time: time.Now().UTC(), Stage: StageTrain.String(), What: trainedWhat(s)})
	p.doc.Modified = time.Now().UTC()
	p.mu.Unlock()
	end(res, nil)
	return res, nil
}

func (p *Project) runBoard(ctx context.Context, s TrainSettings, pr *PrepareResult, cands []eval.Candidate, report progress.Func) (*TrainResult, error) {
	t := p.Table()
	pl, _ := p.Pipeline()
	dev := append(slices.Clone(pr.Split.Train), pr.Split.Valid...)
	slices.Sort(dev)
	frame := t.Frame.Take(dev)
	if s.Validation == ValidateNone {
		board, err := eval.UnvalidatedLeaderboard(s.Metric, pr.Task, cands)
		if err != nil {
			return nil, err
		}
		return &TrainResult{Settings: s, Task: pr.Task, Board: board, DevRows: dev, Trained: time.Now().UTC()}, nil
	}
	opt := eval.CVOptions{Task: pr.Task, Folds: prep.FoldSpec{K: s.Folds, Seed: s.Seed}}
	if s.Validation == ValidateHoldout {
		if len(pr.Split.Valid) == 0 {
			return nil, errors.New("hold-out validation needs validation rows: give the split a validation share")
		}
		opt.Splits = []prep.Fold{holdoutFold(dev, pr.Split.Train)}
	}
	board, err := eval.RunLeaderboard(ctx, frame, pr.Target, pl, cands, s.Metric, opt, report)
	if err != nil {
		return nil, err
	}
	return &TrainResult{Settings: s, Task: pr.Task, Board: board, DevRows: dev, Trained: time.Now().UTC()}, nil
}

// holdoutFold expresses "train on these rows, validate on the rest" as one
// fold over the positions of dev.
func holdoutFold(dev, train []int) prep.Fold {
	inTrain := make(map[int]bool, len(train))
	for _, r := range train {
		inTrain[r] = true
	}
	var f prep.Fold
	for i, r := range dev {
		if inTrain[r] {
			f.Train = append(f.Train, i)
		} else {
			f.Valid = append(f.Valid, i)
		}
	}
	return f
}
