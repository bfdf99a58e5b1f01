package workflow

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
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
)

// CandidateSpec is one learner to train: a registry name and parameters
// (missing ones take their defaults), shown under Name.
type CandidateSpec struct {
	Name    string       `json:"name"`
	Learner string       `json:"learner"`
	Params  param.Values `json:"params,omitempty"`
}

// TrainSettings say what to train and how to validate it.
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
	task := model.Classification
	if r := p.Preparation(); r != nil {
		task = r.Task
	}
	return DefaultTrainSettings(task)
}

// RunTrain validates every candidate (and the baseline) on the same folds
// and ranks them. The preparation is fitted inside each fold. The test
// rows are never used. The settings are saved with the project.
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
	p.mu.Lock()
	saved := s
	p.doc.Train.Settings, p.doc.Train.Chosen = &saved, ""
	p.mu.Unlock()
	res, err := p.runBoard(ctx, s, prepRes, cands, report)
	if err != nil {
		end(nil, err)
		return nil, err
	}
	end(res, nil)
	return res, nil
}

func (p *Project) runBoard(ctx context.Context, s TrainSettings, pr *PrepareResult, cands []eval.Candidate, report progress.Func) (*TrainResult, error) {
	t := p.Table()
	pl, _ := p.Pipeline()
	dev := append(slices.Clone(pr.Split.Train), pr.Split.Valid...)
	slices.Sort(dev)
	frame := t.Frame.Take(dev)
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

func candidates(s TrainSettings, task model.Task) ([]eval.Candidate, error) {
	if len(s.Candidates) == 0 {
		return nil, errors.New("choose at least one learner to train")
	}
	if s.Metric != "" {
		if _, err := metrics.Lookup(s.Metric); err != nil {
			return nil, err
		}
	}
	var out []eval.Candidate
	for _, c := range s.Candidates {
		e, ok := model.Lookup(c.Learner)
		if !ok {
			return nil, fmt.Errorf("unknown learner %q", c.Learner)
		}
		if !e.Supports(task) {
			return nil, fmt.Errorf("%s cannot do %s", e.Label, task)
		}
		vals, err := param.Resolve(e.Params, c.Params)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		l, err := model.New(c.Learner, task, vals)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", c.Name, err)
		}
		out = append(out, eval.Candidate{Name: c.Name, Learner: l, Params: vals})
	}
	return out, nil
}

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
		What: fmt.Sprintf("chose %s (%s %.4g ± %.4g)", name, tr.Board.Metric, entry.Score, entry.Std), Why: why})
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
		a.DataSHA256, a.DataSource = doc.Data.SHA256, doc.Data.Path+doc.Data.Sample
	}
	a.AppVersion = AppVersion
	return a, nil
}

// Training returns the last Train result (possibly stale), or nil.
func (p *Project) Training() *TrainResult {
	r, _ := p.Result(StageTrain).(*TrainResult)
	return r
}

// Tune searches the parameters of one learner family (grid or random
// search over dims) with cross-validation on the development rows, the
// preparation refitted inside every fold, on the same folds as training.
// It changes nothing in the project: the caller decides whether to use
// the best settings.
func (p *Project) Tune(ctx context.Context, learner string, opt eval.SearchOptions, report progress.Func) (*eval.SearchResult, error) {
	pr := p.Preparation()
	if pr == nil || p.Status(StagePrepare) != Done {
		return nil, errors.New("fit the preparation pipeline first")
	}
	e, ok := model.Lookup(learner)
	if !ok {
		return nil, fmt.Errorf("unknown learner %q", learner)
	}
	s := p.TrainSettings()
	dev := append(slices.Clone(pr.Split.Train), pr.Split.Valid...)
	slices.Sort(dev)
	pl, _ := p.Pipeline()
	opt.CV = eval.CVOptions{Task: pr.Task, Folds: prep.FoldSpec{K: max(s.Folds, 2), Seed: s.Seed}}
	if opt.Metric == "" {
		opt.Metric = s.Metric
	}
	return eval.Search(ctx, p.Table().Frame.Take(dev), pr.Target, pl, e, opt, report)
}
