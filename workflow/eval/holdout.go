package eval

import (
	"context"
	"errors"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

// HoldoutOptions says which rows to train on and which to evaluate: row
// positions in the frame, usually a prep.Split's Train and Valid parts (or
// Train and Test, once, for the final check).
type HoldoutOptions struct {
	Task  model.Task
	Train []int
	Eval  []int
}

// HoldoutResult is a model trained on one part of the rows and scored on
// another.
type HoldoutResult struct {
	// Artifact is the pipeline and model fitted on the training rows.
	Artifact *artifact.Artifact `json:"-"`
	// Predictions pairs the evaluated rows' truth with the predictions;
	// Rows gives each one's position in the frame (rows without a target
	// are left out).
	Predictions    *metrics.Predictions `json:"-"`
	Rows           []int                `json:"-"`
	Metrics        *metrics.Metrics     `json:"metrics"`
	FitSeconds     float64              `json:"fit_seconds"`
	PredictSeconds float64              `json:"predict_seconds"`
	ModelBytes     int                  `json:"model_bytes"`
	Issues         []data.Issue         `json:"issues,omitempty"`
}

// ErrRows means the rows given for training or evaluation cannot be used.
var ErrRows = errors.New("the rows cannot be used")

// Holdout fits pipe and learner on opt.Train's rows (those with a target)
// and scores the opt.Eval rows with every metric that applies. When the
// evaluated rows overlap the training rows, the result carries the
// warning of TrainingRowsWarning.
func Holdout(ctx context.Context, f *data.Frame, target string, pipe prep.Pipeline, learner model.Learner, opt HoldoutOptions, report progress.Func) (*HoldoutResult, error) {
	t, err := readTarget(f, target, opt.Task)
	if err != nil {
		return nil, err
	}
	train, err := withTarget("training", opt.Train, t)
	if err != nil {
		return nil, err
	}
	eval, err := withTarget("evaluation", opt.Eval, t)
	if err != nil {
		return nil, err
	}
	prepared, err := artifact.Prepare(ctx, f, train, t.spec(pipe), report.Scale(0, 0.2))
	if err != nil {
		return nil, err
	}
	a, err := prepared.Fit(ctx, learner, report.Scale(0.2, 0.9))
	if err != nil {
		return nil, err
	}
	start := time.Now()
	s, err := Score(ctx, a, f.Take(eval))
	if err != nil {
		return nil, err
	}
	res := &HoldoutResult{Artifact: a, Predictions: s.Predictions, Rows: eval, Metrics: s.Metrics, FitSeconds: a.FitTime.Seconds(),
		PredictSeconds: time.Since(start).Seconds(), Issues: TrainingRowsWarning(train, eval)}
	if n, err := model.SavedSize(a.Model); err == nil {
		res.ModelBytes = n
	}
	report.Send(1, "evaluated")
	return res, nil
}
