package workflow

import (
	"context"
	"errors"
	"fmt"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// DefaultSeed is the seed of the default split; it is shown and saved.
const DefaultSeed = 42

// PrepareResult is what the Prepare stage produces: the split of the rows
// that have a target, and the pipeline fitted on the training part only.
type PrepareResult struct {
	Target   string
	Task     model.Task
	Split    prep.Split   // row positions in the project's table
	Fitted   *prep.Fitted // fitted on Split.Train only
	Prepared *data.Frame  // the training rows as the pipeline turned them
	Dropped  int          // rows left out because their target is missing
}

// Pipeline returns the preparation pipeline: the user's, or the default
// for the current schema when the user has not edited it. The bool says
// whether it is the default.
//
// The default leaves out the features that alone predict the target on
// the training rows (see LeakSuspects), unless the person chose their role.
func (p *Project) Pipeline() (prep.Pipeline, bool) {
	p.mu.Lock()
	if p.doc.Prepare.Pipeline != nil {
		defer p.mu.Unlock()
		return p.doc.Prepare.Pipeline.Clone(), false
	}
	t := p.table
	p.mu.Unlock()
	if t == nil {
		return prep.Pipeline{}, true
	}
	return prep.DefaultWith(t.Schema, t.Frame, prep.DefaultOptions{Scale: true, Leaks: defaultLeaks(p.LeakSuspects())}), true
}

// SplitSpec returns the split settings: the user's, or the default
// (stratified for classification, random for regression; 60/20/20; seed 42).
func (p *Project) SplitSpec() prep.SplitSpec {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.doc.Prepare.Split != nil {
		return *p.doc.Prepare.Split
	}
	s := prep.SplitSpec{Method: prep.SplitRandom, Train: 0.6, Valid: 0.2, Test: 0.2, Seed: DefaultSeed}
	if p.table != nil {
		if t, ok := p.table.Schema.Target(); ok {
			if c, ok := p.table.Frame.Lookup(t); ok && model.InferTask(c) == model.Classification {
				s.Method = prep.SplitStratified
			}
		}
	}
	return s
}

// SetPipeline replaces the preparation pipeline after validating it; what
// and why go to the decision journal. Prepare and everything after it
// become out of date. An invalid pipeline changes nothing.
func (p *Project) SetPipeline(pl prep.Pipeline, what, why string) error {
	if err := pl.Validate(); err != nil {
		return err
	}
	c := pl.Clone()
	return p.changePrepare(func(d *Document) { d.Prepare.Pipeline = &c }, what, why)
}

// ResetPipeline goes back to the default preparation for the schema.
func (p *Project) ResetPipeline(why string) error {
	return p.changePrepare(func(d *Document) { d.Prepare.Pipeline = nil }, "preparation reset to the default", why)
}

// SetSplit replaces the split settings (validated when the stage runs).
func (p *Project) SetSplit(s prep.SplitSpec, why string) error {
	if s.Train <= 0 || s.Train+s.Valid+s.Test < 0.999 || s.Train+s.Valid+s.Test > 1.001 {
		return fmt.Errorf("the split shares must be positive and add up to 1 (train %g, validation %g, test %g)", s.Train, s.Valid, s.Test)
	}
	what := fmt.Sprintf("split %s %.0f/%.0f/%.0f with seed %d", s.Method, 100*s.Train, 100*s.Valid, 100*s.Test, s.Seed)
	return p.changePrepare(func(d *Document) { d.Prepare.Split = &s }, what, why)
}

// RunPrepare splits the rows that have a target and fits the pipeline on
// the training part only. The test part stays locked until Evaluate.
func (p *Project) RunPrepare(ctx context.Context, report progress.Func) (*PrepareResult, error) {
	end, err := p.begin(StagePrepare)
	if err != nil {
		return nil, err
	}
	res, err := p.prepare(ctx, report)
	if err != nil {
		end(nil, err)
		return nil, err
	}
	end(res, nil)
	return res, nil
}

func (p *Project) prepare(ctx context.Context, report progress.Func) (*PrepareResult, error) {
	t := p.Table()
	target, ok := t.Schema.Target()
	if !ok {
		return nil, errors.New("no target column is chosen")
	}
	split, dropped, err := p.split(t, target)
	if err != nil {
		return nil, err
	}
	pl, _ := p.Pipeline()
	tc, _ := t.Frame.Lookup(target)
	fitted, prepared, err := pl.FitTransform(ctx, t.Frame.Take(split.Train), target, report)
	if err != nil {
		return nil, err
	}
	return &PrepareResult{Target: target, Task: model.InferTask(tc), Split: split, Fitted: fitted, Prepared: prepared, Dropped: dropped}, nil
}

// split cuts the rows that have a target by the split settings and
// returns the parts as positions in t, and how many rows lack a target.
func (p *Project) split(t *data.Table, target string) (prep.Split, int, error) {
	return splitRows(t, target, p.SplitSpec())
}

// splitRows cuts the rows of t that have a target by spec and returns the
// parts as positions in t, and how many rows lack a target.
func splitRows(t *data.Table, target string, spec prep.SplitSpec) (prep.Split, int, error) {
	rows, err := model.RowsWithTarget(t.Frame, target)
	if err != nil {
		return prep.Split{}, 0, err
	}
	s, err := spec.Split(t.Frame.Take(rows), target)
	if err != nil {
		return prep.Split{}, 0, fmt.Errorf("splitting the rows: %w", err)
	}
	back := func(idx []int) []int {
		out := make([]int, len(idx))
		for i, r := range idx {
			out[i] = rows[r]
		}
		return out
	}
	return prep.Split{Train: back(s.Train), Valid: back(s.Valid), Test: back(s.Test)}, t.Frame.NumRows() - len(rows), nil
}

// TrainingRows returns the current split's training rows (positions in
// the table) without fitting anything, for previews.
func (p *Project) TrainingRows() ([]int, error) {
	t := p.Table()
	if t == nil {
		return nil, errors.New("no data is loaded")
	}
	target, ok := t.Schema.Target()
	if !ok {
		return nil, errors.New("no target column is chosen")
	}
	s, _, err := p.split(t, target)
	return s.Train, err
}

// Preparation returns the last Prepare result (possibly stale), or nil.
func (p *Project) Preparation() *PrepareResult {
	r, _ := p.Result(StagePrepare).(*PrepareResult)
	return r
}
