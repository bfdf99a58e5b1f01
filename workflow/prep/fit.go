package prep

import (
	"context"
	"fmt"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// Field is a column as the pipeline sees it: its name, its kind and, for
// dates, the Go time layout its values are read from and written to text
// with. Fitted.Inputs lists the columns a pipeline was fitted on as
// Fields, so that new data of another inferred kind is read the same way;
// PipelineExport describes every step's input and output with them.
type Field struct {
	Name   string    `json:"name"`
	Kind   data.Kind `json:"type"`
	Layout string    `json:"layout,omitempty"` // datetime layout, for text conversions
}

// fittedStep is a fitted, enabled step and its 0-based position.
type fittedStep struct {
	index int
	t     Transform
}

// Fitted is a pipeline fitted on training rows: the fitted state of every
// enabled step, the target's name and the columns it produces. It only
// applies; it is immutable and safe for concurrent use. It marshals to the
// same versioned JSON as Pipeline, with the fitted state added.
type Fitted struct {
	pipeline Pipeline
	target   string
	input    []Field
	output   []string
	steps    []fittedStep
}

// Fit fits the enabled steps in order on the training rows only, each
// step seeing the previous steps' output, and returns the fitted pipeline.
// target names the target column ("" for none); no step changes it.
// Neither p nor train is changed. Errors are *StepError values naming the
// step (position and kind) and, inside, the column; when ctx is cancelled
// Fit returns ctx.Err().
func (p Pipeline) Fit(ctx context.Context, train *data.Frame, target string, report progress.Func) (*Fitted, error) {
	ft, _, err := p.FitTransform(ctx, train, target, report)
	return ft, err
}

// FitTransform is Fit that also returns the training rows as the steps
// turned them while fitting: rows filtered, de-duplicated or rebalanced,
// and target encodings computed out of fold. That frame, not
// Apply(train), is what a learner must be trained on.
func (p Pipeline) FitTransform(ctx context.Context, train *data.Frame, target string, report progress.Func) (*Fitted, *data.Frame, error) {
	if train == nil {
		return nil, nil, fmt.Errorf("%w: no training frame", ErrNoRows)
	}
	if target != "" && train.Index(target) < 0 {
		return nil, nil, colErr(target, "the target column is not in the training data")
	}
	steps, err := p.build()
	if err != nil {
		return nil, nil, err
	}
	ft := &Fitted{pipeline: p.Clone(), target: target, input: fieldsOf(train)}
	for i, c := range ft.pipeline.Steps {
		if s, err := c.Step(); err == nil { // build has validated every step
			ft.pipeline.Steps[i].Params = s.Params() // canonical, with defaults
		}
	}
	cur := train
	for i, s := range steps {
		if s == nil {
			continue
		}
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		report.Send(float64(i)/float64(len(steps)), fmt.Sprintf("fitting step %d of %d: %s", i+1, len(steps), s.Kind()))
		t, out, err := s.Fit(ctx, cur, target)
		if err != nil {
			if ctx.Err() != nil {
				return nil, nil, ctx.Err()
			}
			return nil, nil, &StepError{Index: i + 1, Kind: s.Kind(), Err: err}
		}
		ft.steps = append(ft.steps, fittedStep{index: i, t: t})
		cur = out
	}
	ft.output = cur.Names()
	report.Send(1, "pipeline fitted")
	return ft, cur, nil
}

// fieldsOf lists the columns of f as Fields.
func fieldsOf(f *data.Frame) []Field {
	out := make([]Field, f.NumCols())
	for i := range out {
		c := f.Col(i)
		out[i] = Field{Name: c.Name(), Kind: c.Kind()}
		if d, ok := c.(*data.DatetimeColumn); ok {
			out[i].Layout = d.Layout()
		}
	}
	return out
}

// Apply applies the fitted steps, unchanged, to new rows (validation,
// test or scoring data) and returns exactly the columns the training rows
// ended with, in the same order. The target may be absent; it is passed
// through when present. Row-changing steps are the identity here, so the
// result has one row per input row. Columns whose kind differs from the
// training data (a file read differently) are converted first, values that
// do not convert becoming missing. f is never changed. Errors are
// *StepError values naming the step and the column.
func (ft *Fitted) Apply(ctx context.Context, f *data.Frame) (*data.Frame, error) {
	if f == nil {
		return nil, fmt.Errorf("%w: no frame to apply the pipeline to", ErrNoRows)
	}
	cur, err := ft.conform(f)
	if err != nil {
		return nil, err
	}
	for _, s := range ft.steps {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		out, err := s.t.Apply(ctx, cur)
		if err != nil {
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			return nil, &StepError{Index: s.index + 1, Kind: s.t.Kind(), Err: err}
		}
		if out.NumRows() != f.NumRows() {
			panic(fmt.Sprintf("prep: step %d (%s) changed the row count when applied", s.index+1, s.t.Kind()))
		}
		cur = out
	}
	return ft.selectOutput(cur)
}

// selectOutput keeps the training output columns, in order.
func (ft *Fitted) selectOutput(f *data.Frame) (*data.Frame, error) {
	names := make([]string, 0, len(ft.output))
	for _, n := range ft.output {
		if f.Index(n) < 0 {
			if n == ft.target {
				continue
			}
			return nil, colErr(n, "the prepared data lacks this column, which the training data had; check that the new data has the columns the pipeline was fitted on")
		}
		names = append(names, n)
	}
	if len(names) == 0 {
		return f.Drop(f.Names()...), nil
	}
	return f.Select(names...)
}

// conform converts columns whose kind differs from the training data.
func (ft *Fitted) conform(f *data.Frame) (*data.Frame, error) {
	repl := map[string][]data.Column{}
	for _, in := range ft.input {
		c, ok := f.Lookup(in.Name)
		if !ok || c.Kind() == in.Kind {
			continue
		}
		conv, err := convertColumn(c, in.Kind, in.Layout, false)
		if err != nil {
			return nil, err
		}
		repl[in.Name] = []data.Column{conv}
	}
	if len(repl) == 0 {
		return f, nil
	}
	return rebuild(f, repl)
}

// Pipeline returns a copy of the pipeline that was fitted.
func (ft *Fitted) Pipeline() Pipeline { return ft.pipeline.Clone() }

// Inputs returns the columns the pipeline was fitted on, in order, with
// their kinds (the target among them when it was fitted with one): what
// Apply expects. A column of new data whose kind differs is converted to
// the field's kind before the steps run (see PipelineExport).
func (ft *Fitted) Inputs() []Field { return append([]Field(nil), ft.input...) }

// Target returns the target column's name ("" when fitted without one).
func (ft *Fitted) Target() string { return ft.target }

// Columns returns the names of the columns Apply returns, in order,
// including the target.
func (ft *Fitted) Columns() []string { return append([]string(nil), ft.output...) }

// Features returns the output columns other than the target, in order:
// the inputs of the model.
func (ft *Fitted) Features() []string {
	out := make([]string, 0, len(ft.output))
	for _, n := range ft.output {
		if n != ft.target {
			out = append(out, n)
		}
	}
	return out
}

// Transforms returns the fitted steps in order (disabled steps have none).
func (ft *Fitted) Transforms() []Transform {
	out := make([]Transform, len(ft.steps))
	for i, s := range ft.steps {
		out[i] = s.t
	}
	return out
}

// Describe returns one line per fitted step, "step N (kind): what it
// does", followed by the user's reason when one was given.
func (ft *Fitted) Describe() []string {
	out := make([]string, 0, len(ft.steps))
	for _, s := range ft.steps {
		line := fmt.Sprintf("step %d (%s): %s", s.index+1, s.t.Kind(), s.t.Describe())
		if why := strings.TrimSpace(ft.pipeline.Steps[s.index].Why); why != "" {
			line += " Why: " + why
		}
		out = append(out, line)
	}
	return out
}
