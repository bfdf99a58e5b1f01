package artifact

import (
	"context"
	"fmt"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// Prepared is a pipeline fitted on some training rows together with the
// dataset it made of them: the first half of an Artifact. Several
// learners can be fitted on one Prepared, as cross-validation does in each
// fold. It is immutable and safe for concurrent use.
type Prepared struct {
	Target   string
	Task     model.Task
	Classes  []string     // class labels (classification)
	Input    []data.Field // the columns the pipeline was fitted on, without the target
	Rows     []int        // positions in the frame given to Prepare of the rows used
	Pipeline *prep.Fitted
	Data     *model.Dataset // the prepared training rows
	Took     time.Duration  // time to fit the pipeline
}

// Prepare fits s.Pipeline on the given rows of f (nil means every row),
// leaving out rows whose target is missing, and returns the prepared
// training set. Only Target, Task, Classes and Pipeline of s are read;
// Classes nil means the labels of the rows used (model.ClassLabels).
// Errors name the step, column or row and wrap ErrTarget when the target
// is absent or has no value in the rows; a cancelled ctx returns
// ctx.Err(). f is not changed.
func Prepare(ctx context.Context, f *data.Frame, rows []int, s Spec, report progress.Func) (*Prepared, error) {
	start := time.Now()
	tc, ok := f.Lookup(s.Target)
	if !ok {
		return nil, fmt.Errorf("the target column %q is not in the data: %w", s.Target, ErrTarget)
	}
	rows, err := withTarget(tc, rows)
	if err != nil {
		return nil, err
	}
	if len(rows) == 0 {
		return nil, fmt.Errorf("no training row has a value of %q: %w", s.Target, ErrTarget)
	}
	train := f
	if !identity(rows, f.NumRows()) {
		train = f.Take(rows)
	}
	classes := s.Classes
	if s.Task == model.Classification && classes == nil {
		tc, _ = train.Lookup(s.Target)
		classes = model.ClassLabels(tc)
	}
	fitted, prepared, err := s.Pipeline.FitTransform(ctx, train, s.Target, report)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("preparing the data: %w", err)
	}
	d, err := model.NewDataset(prepared, s.Target, s.Task, classes)
	if err != nil {
		return nil, err
	}
	return &Prepared{Target: s.Target, Task: s.Task, Classes: d.Classes, Input: inputFields(train, s.Target),
		Rows: rows, Pipeline: fitted, Data: d, Took: time.Since(start)}, nil
}

// withTarget keeps the rows (nil: all) whose target is present.
func withTarget(tc data.Column, rows []int) ([]int, error) {
	n := tc.Len()
	if rows == nil {
		out := make([]int, 0, n)
		for i := 0; i < n; i++ {
			if !tc.IsMissing(i) {
				out = append(out, i)
			}
		}
		return out, nil
	}
	out := make([]int, 0, len(rows))
	for _, r := range rows {
		if r < 0 || r >= n {
			return nil, fmt.Errorf("training row %d is outside the %d rows", r, n)
		}
		if !tc.IsMissing(r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// identity reports whether rows is 0, 1, ..., n-1.
func identity(rows []int, n int) bool {
	if len(rows) != n {
		return false
	}
	for i, r := range rows {
		if r != i {
			return false
		}
	}
	return true
}

func inputFields(f *data.Frame, target string) []data.Field {
	var out []data.Field
	for _, c := range f.Columns() {
		if c.Name() != target {
			out = append(out, data.Field{Name: c.Name(), Kind: c.Kind(), Role: data.Feature})
		}
	}
	return out
}

// Fit trains learner on the prepared rows and returns the artifact, with
// Learner set to the learner's name (Params and Seed are left for the
// caller, who knows them). Errors from the learner are wrapped with its
// name; a cancelled ctx returns ctx.Err().
func (p *Prepared) Fit(ctx context.Context, learner model.Learner, report progress.Func) (*Artifact, error) {
	start := time.Now()
	m, err := learner.Fit(ctx, p.Data, report)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s: %w", learner.Name(), err)
	}
	return &Artifact{Created: time.Now().UTC(), Learner: learner.Name(), Task: p.Task, Target: p.Target,
		Classes: p.Classes, Input: p.Input, TrainRows: p.Data.Rows(), Rows: p.Rows,
		FitTime: p.Took + time.Since(start), Pipeline: p.Pipeline, Model: m}, nil
}

// Design applies the fitted pipeline to f (which may lack the target) and
// returns the model's design matrix (see model.Matrix).
func (p *Prepared) Design(ctx context.Context, f *data.Frame) ([][]float64, error) {
	return design(ctx, p.Pipeline, p.Data.Features, f)
}

// design applies a fitted pipeline and converts its output.
func design(ctx context.Context, fitted *prep.Fitted, features []string, f *data.Frame) ([][]float64, error) {
	prepared, err := fitted.Apply(ctx, f)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("preparing the data: %w", err)
	}
	return model.Matrix(prepared, features)
}
