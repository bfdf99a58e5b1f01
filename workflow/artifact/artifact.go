package artifact

import (
	"context"
	"errors"
	"fmt"
	"math"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// Artifact is a fitted pipeline plus a fitted model and their provenance.
type Artifact struct {
	Created    time.Time
	AppVersion string
	DataSHA256 string // hash of the data it was trained on, "" if unknown
	DataSource string // where that data came from (path or sample name)
	Learner    string // registry name of the learner
	Params     param.Values
	Seed       uint64
	Task       model.Task
	Target     string
	Classes    []string     // class labels for classification
	Input      []data.Field // the columns the pipeline expects, with their types
	TrainRows  int
	Pipeline   *prep.Fitted
	Model      model.Model
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

// Fit fits the pipeline on train (whose target must be present in every
// row), then the learner on the prepared rows, and returns the artifact.
// Progress: 0–0.2 preparation, 0.2–1 learning. train is not changed.
func Fit(ctx context.Context, train *data.Frame, s Spec, report progress.Func) (*Artifact, error) {
	learner, params, err := newLearner(s)
	if err != nil {
		return nil, err
	}
	classes := s.Classes
	if s.Task == model.Classification && classes == nil {
		tc, ok := train.Lookup(s.Target)
		if !ok {
			return nil, fmt.Errorf("the target column %q is missing", s.Target)
		}
		classes = model.ClassLabels(tc)
	}
	fitted, prepared, err := s.Pipeline.FitTransform(ctx, train, s.Target, report.Scale(0, 0.2))
	if err != nil {
		return nil, fmt.Errorf("preparing the data: %w", err)
	}
	if err := prep.Ready(prepared, s.Target); err != nil {
		return nil, err
	}
	d, err := model.NewDataset(prepared, s.Target, s.Task, classes)
	if err != nil {
		return nil, err
	}
	m, err := learner.Fit(ctx, d, report.Scale(0.2, 1))
	if err != nil {
		return nil, err
	}
	return &Artifact{Created: time.Now().UTC(), Learner: s.Learner, Params: params, Seed: s.Seed, Task: s.Task,
		Target: s.Target, Classes: classes, Input: inputFields(train, s.Target), TrainRows: prepared.NumRows(),
		Pipeline: fitted, Model: m}, nil
}

func newLearner(s Spec) (model.Learner, param.Values, error) {
	e, ok := model.Lookup(s.Learner)
	if !ok {
		return nil, nil, fmt.Errorf("unknown learner %q", s.Learner)
	}
	vals := param.Values{}
	for k, v := range s.Params {
		vals[k] = v
	}
	for _, p := range e.Params {
		if p.Name == "seed" {
			if _, set := vals["seed"]; !set {
				vals["seed"] = int(s.Seed)
			}
		}
	}
	resolved, err := param.Resolve(e.Params, vals)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", s.Learner, err)
	}
	l, err := model.New(s.Learner, s.Task, resolved)
	return l, resolved, err
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

// Predictions are a model's answers for a frame, one per row.
type Predictions struct {
	Task    model.Task
	Classes []string    // class labels (classification)
	Index   []float64   // predicted class index or value, per row
	Proba   [][]float64 // per row, per class; nil when the model gives none
}

// Predict applies the fitted pipeline unchanged to f (which may lack the
// target) and returns one prediction per row.
func (a *Artifact) Predict(ctx context.Context, f *data.Frame) (*Predictions, error) {
	if err := a.checkInput(f); err != nil {
		return nil, err
	}
	prepared, err := a.Pipeline.Apply(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("preparing the data: %w", err)
	}
	X, err := model.Matrix(prepared, a.Model.Features())
	if err != nil {
		return nil, err
	}
	idx, err := a.Model.Predict(X)
	if err != nil {
		return nil, err
	}
	p := &Predictions{Task: a.Task, Classes: a.Classes, Index: idx}
	if pp, ok := a.Model.(model.ProbPredictor); ok && a.Task == model.Classification {
		if p.Proba, err = pp.PredictProba(X); err != nil {
			return nil, err
		}
	}
	return p, nil
}

// checkInput reports the first input column the pipeline needs that f
// lacks, naming every missing one.
func (a *Artifact) checkInput(f *data.Frame) error {
	var missing []string
	for _, in := range a.Input {
		if f.Index(in.Name) < 0 {
			missing = append(missing, in.Name)
		}
	}
	if len(missing) > 0 {
		return fmt.Errorf("%w: the data lacks the column(s) %q the model was trained with", model.ErrSchemaMismatch, missing)
	}
	return nil
}

// Frame returns the predictions as columns: "prediction" (the label or
// value) and, for classifiers with probabilities, "probability_<class>".
func (p *Predictions) Frame() (*data.Frame, error) {
	var cols []data.Column
	if p.Task == model.Regression {
		cols = append(cols, data.NewNumeric("prediction", append([]float64(nil), p.Index...), nil))
	} else {
		labels, err := model.Labels(p.Index, p.Classes)
		if err != nil {
			return nil, err
		}
		cols = append(cols, data.NewCategoricalFromStrings("prediction", labels, func(string) bool { return false }))
		if p.Proba != nil {
			for k, c := range p.Classes {
				v := make([]float64, len(p.Proba))
				for i := range v {
					v[i] = p.Proba[i][k]
				}
				cols = append(cols, data.NewNumeric("probability_"+c, v, nil))
			}
		}
	}
	return data.NewFrame(cols...)
}

// Truth returns the target of f as class indices (classification) or
// values (regression), aligned with the rows of f; rows whose target is
// missing or unseen get NaN.
func (a *Artifact) Truth(f *data.Frame) ([]float64, error) {
	c, ok := f.Lookup(a.Target)
	if !ok {
		return nil, fmt.Errorf("the data has no target column %q", a.Target)
	}
	out := make([]float64, c.Len())
	if a.Task == model.Regression {
		num, ok := c.(*data.NumericColumn)
		if !ok {
			return nil, errors.New("the target must be numeric for a regression model")
		}
		copy(out, num.Values())
		return out, nil
	}
	index := map[string]int{}
	for i, l := range a.Classes {
		index[l] = i
	}
	for i := range out {
		k, ok := index[c.Format(i)]
		if c.IsMissing(i) || !ok {
			out[i] = math.NaN()
			continue
		}
		out[i] = float64(k)
	}
	return out, nil
}
