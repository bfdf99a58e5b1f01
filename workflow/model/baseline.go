package model

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"

	"modelbench/workflow/param"
	"modelbench/workflow/progress"
	"modelbench/workflow/stat"
)

// Baseline is the learner every comparison includes: it ignores the
// features and predicts the most frequent class (with the class shares of
// the training rows as probabilities) or the mean of the target. A model
// that cannot beat it has learned nothing. The zero value is ready to use.
type Baseline struct{}

const baselineHelp = "The baseline ignores every feature. For classification it always predicts " +
	"the most common class of the training rows, and gives each class its share of the rows as " +
	"probability; for regression it always predicts the average target. It is the yardstick: a " +
	"real model must score clearly better than the baseline, otherwise it has learned nothing " +
	"useful. A high baseline accuracy also warns you that the classes are imbalanced."

func init() {
	Register(Entry{
		Name:  "baseline",
		Label: "Baseline (majority class / mean)",
		Help:  baselineHelp,
		Tasks: []Task{Classification, Regression},
		New: func(Task, param.Values) (Learner, error) {
			return Baseline{}, nil
		},
	})
	RegisterDecoder("baseline", decodeBaseline)
}

// Name returns "baseline".
func (Baseline) Name() string { return "baseline" }

// Supports reports true for both tasks.
func (Baseline) Supports(Task) bool { return true }

// Params returns nil: the baseline has nothing to tune.
func (Baseline) Params() []param.Spec { return nil }

// Fit counts the classes or averages the target. Missing feature values are
// allowed since features are not used.
func (b Baseline) Fit(ctx context.Context, d *Dataset, report progress.Func) (Model, error) {
	if err := CheckFit(ctx, b, d, true); err != nil {
		return nil, err
	}
	m := &baselineModel{task: d.Task, features: append([]string(nil), d.Features...)}
	if d.Task == Classification {
		m.classes = append([]string(nil), d.Classes...)
		m.priors = make([]float64, len(d.Classes))
		for c, n := range ClassCounts(d.Y, len(d.Classes)) {
			m.priors[c] = float64(n) / float64(len(d.Y))
		}
	} else {
		m.mean = mean(d.Y)
	}
	m.init()
	report.Send(1, "baseline done")
	return m, nil
}

// mean is a compensated (Neumaier) average, so the baseline does not drift
// on long targets.
func mean(y []float64) float64 { return stat.CompensatedSum(y) / float64(len(y)) }

type baselineModel struct {
	task     Task
	features []string
	classes  []string
	priors   []float64 // class shares for classification
	mean     float64   // target mean for regression
	best     int       // most frequent class (the first on ties)
}

func (m *baselineModel) init() {
	for c, p := range m.priors {
		if p > m.priors[m.best] {
			m.best = c
		}
	}
}

func (m *baselineModel) Task() Task         { return m.task }
func (m *baselineModel) Features() []string { return m.features }
func (m *baselineModel) Classes() []string  { return m.classes }

// Predict returns the majority class index or the mean for every row.
func (m *baselineModel) Predict(X [][]float64) ([]float64, error) {
	n, err := CheckPredict(X, m.features, true)
	if err != nil {
		return nil, err
	}
	v := m.mean
	if m.task == Classification {
		v = float64(m.best)
	}
	out := make([]float64, n)
	for i := range out {
		out[i] = v
	}
	return out, nil
}

// PredictProba returns the training class shares for every row; it is an
// error for a regression model.
func (m *baselineModel) PredictProba(X [][]float64) ([][]float64, error) {
	if m.task != Classification {
		return nil, fmt.Errorf("probabilities: %w", ErrWrongTask)
	}
	n, err := CheckPredict(X, m.features, true)
	if err != nil {
		return nil, err
	}
	out := make([][]float64, n)
	for i := range out {
		out[i] = append([]float64(nil), m.priors...)
	}
	return out, nil
}

// Explain says the prediction does not depend on the row: no terms.
func (m *baselineModel) Explain(row []float64) (Explanation, error) {
	if len(row) != len(m.features) {
		return Explanation{}, fmt.Errorf("%w: %d values for %d features", ErrSchemaMismatch, len(row), len(m.features))
	}
	if m.task == Classification {
		p := m.priors[m.best]
		return Explanation{Class: m.best, Scale: "probability", Base: p, Output: p}, nil
	}
	return Explanation{Class: -1, Scale: "value", Base: m.mean, Output: m.mean}, nil
}

type baselineJSON struct {
	Task     Task      `json:"task"`
	Features []string  `json:"features"`
	Classes  []string  `json:"classes,omitempty"`
	Priors   []float64 `json:"priors,omitempty"`
	Mean     float64   `json:"mean"`
}

func (m *baselineModel) ModelType() string { return "baseline" }
func (m *baselineModel) ModelVersion() int { return 1 }

func (m *baselineModel) MarshalJSON() ([]byte, error) {
	return json.Marshal(baselineJSON{m.task, m.features, m.classes, m.priors, m.mean})
}

func decodeBaseline(version int, raw json.RawMessage) (Model, error) {
	if version != 1 {
		return nil, fmt.Errorf("unsupported version %d", version)
	}
	var j baselineJSON
	if err := json.Unmarshal(raw, &j); err != nil {
		return nil, err
	}
	if len(j.Features) == 0 {
		return nil, errors.New("no features")
	}
	if j.Task == Classification {
		if len(j.Classes) < 2 || len(j.Priors) != len(j.Classes) {
			return nil, fmt.Errorf("%d priors for %d classes", len(j.Priors), len(j.Classes))
		}
		for _, p := range j.Priors {
			if !(p >= 0 && p <= 1) {
				return nil, fmt.Errorf("prior %v is not a share", p)
			}
		}
	} else if len(j.Classes) > 0 || len(j.Priors) > 0 {
		return nil, errors.New("a regression baseline has no classes")
	}
	m := &baselineModel{task: j.Task, features: j.Features, classes: j.Classes, priors: j.Priors, mean: j.Mean}
	m.init()
	return m, nil
}

// SavedSize returns the exact length of what Marshal writes for m (the
// model holds one number per class, so it measures its saved form).
func (m *baselineModel) SavedSize() int {
	b, _ := Marshal(m)
	return len(b)
}
