package artifact

import (
	"context"
	"errors"
	"fmt"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// ErrTarget means the target column cannot be read as the model needs it
// (absent, of the wrong kind, or holding a class the model never saw).
var ErrTarget = errors.New("the target cannot be used")

// Artifact is a fitted pipeline plus a fitted model and their provenance:
// everything needed to turn raw rows into predictions and to say where
// they came from. It is immutable once built.
type Artifact struct {
	Created    time.Time
	AppVersion string
	DataSHA256 string // hash of the data it was trained on, "" if unknown
	DataSource string // where that data came from (path or sample name)
	Learner    string // registry name of the learner
	Params     param.Values
	// Seed is the learner's seed: its "seed" parameter when it has one,
	// else the seed given in Spec (which then changes nothing).
	Seed uint64
	// Split is how the rows the model learnt from were chosen: the
	// training and validation parts of this split of the rows that have a
	// target. nil means every row given to Fit that has a target.
	Split     *prep.SplitSpec
	Task      model.Task
	Target    string
	Classes   []string     // class labels for classification (model.ClassLabels)
	Input     []data.Field // the columns the pipeline expects, with their types
	TrainRows int          // rows the model learnt from, after the pipeline's row steps
	// Rows are the positions, in the frame given to Fit or Prepare, of the
	// rows the pipeline was fitted on (those with a target); nil in an
	// artifact read from a file.
	Rows []int
	// FitTime is how long fitting the pipeline and the model took.
	FitTime  time.Duration
	Pipeline *prep.Fitted
	Model    model.Model
}

// Spec says what to fit.
type Spec struct {
	Target   string
	Task     model.Task
	Classes  []string      // nil: the target's labels in the training rows
	Pipeline prep.Pipeline // the preparation, fitted on the training rows only
	Learner  string        // registry name ("forest", ...)
	Params   param.Values  // learner parameters; missing ones take defaults
	Seed     uint64        // passed to the learner when it has a "seed" parameter
}

// Fit fits the pipeline on the rows of train whose target is present
// (rows without one are left out; Artifact.Rows says which were used),
// then the registered learner s.Learner on the prepared rows, and returns
// the artifact. Progress: 0–0.2 preparation, 0.2–1 learning. train is not
// changed. Errors name the learner, step, column or row; a cancelled ctx
// returns ctx.Err().
func Fit(ctx context.Context, train *data.Frame, s Spec, report progress.Func) (*Artifact, error) {
	learner, params, err := s.NewLearner()
	if err != nil {
		return nil, err
	}
	p, err := Prepare(ctx, train, nil, s, report.Scale(0, 0.2))
	if err != nil {
		return nil, err
	}
	a, err := p.Fit(ctx, learner, report.Scale(0.2, 1))
	if err != nil {
		return nil, err
	}
	a.Learner, a.Params, a.Seed = s.Learner, params, s.Seed
	if _, ok := params["seed"]; ok {
		a.Seed = uint64(params.Int("seed"))
	}
	return a, nil
}

// NewLearner builds the registered learner s.Learner for s.Task, with
// s.Params resolved against its parameter specs (defaults filled in) and
// s.Seed as its "seed" parameter unless s.Params sets one; it returns the
// learner and the resolved values. An unknown learner wraps
// model.ErrUnknownLearner; a bad value names the parameter.
func (s Spec) NewLearner() (model.Learner, param.Values, error) {
	e, ok := model.Lookup(s.Learner)
	if !ok {
		return nil, nil, fmt.Errorf("%w: %q", model.ErrUnknownLearner, s.Learner)
	}
	resolved, err := param.Resolve(e.Params, e.Seeded(s.Params, s.Seed))
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", s.Learner, err)
	}
	l, err := model.New(s.Learner, s.Task, resolved)
	return l, resolved, err
}
