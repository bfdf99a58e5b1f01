package linear

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"

	"modelbench/workflow/model"
	"modelbench/workflow/model/internal/classes"
)

// Link says how a Fitted model turns its linear scores into predictions.
type Link string

// The links.
const (
	Identity Link = "identity" // regression: the score is the prediction
	Logit    Link = "logit"    // binary logistic: one score, the log-odds of class 1
	Softmax  Link = "softmax"  // multinomial logistic: one score per class
)

// Fitted is a fitted linear or logistic model: score_k = B[k] + Σ_j W[k][j]·x_j.
// A class that never occurred in the training rows has intercept −Inf (its
// probability is 0).
// It implements model.Model, model.ProbPredictor (logistic links),
// model.Coefficienter, model.Explainer and model.Marshaler. It is immutable
// and safe for concurrent use.
type Fitted struct {
	task     model.Task
	features []string
	classes  []string
	link     Link
	w        [][]float64 // outputs × features
	b        []float64   // one intercept per output
	info     Info
}

// Info describes how the fit went, for the model card.
type Info struct {
	// Rank is the numerical rank found by the least-squares solve (plain
	// least squares only; 0 otherwise). Below the number of features, some
	// columns were linear combinations of others and got weight 0.
	Rank int `json:"rank,omitempty"`
	// Iterations is the number of optimiser iterations or coordinate
	// descent sweeps (0 for a direct solve).
	Iterations int `json:"iterations,omitempty"`
	// Converged is false when the optimiser stopped at max_iter before
	// meeting its tolerance.
	Converged bool `json:"converged"`
}

// Info returns how the fit went.
func (m *Fitted) Info() Info { return m.info }

func newFitted(d *model.Dataset, link Link, w [][]float64, b []float64, info Info) *Fitted {
	return &Fitted{task: d.Task, features: slices.Clone(d.Features), classes: slices.Clone(d.Classes), link: link, w: w, b: b, info: info}
}

// Task returns what the model predicts.
func (m *Fitted) Task() model.Task { return m.task }

// Features returns the input column names.
func (m *Fitted) Features() []string { return m.features }

// Classes returns the class labels (nil for regression).
func (m *Fitted) Classes() []string { return m.classes }

// Link returns how scores become predictions.
func (m *Fitted) Link() Link { return m.link }

// Coefficients returns copies of the weights and intercepts (see
// model.Coefficienter): one output for regression and binary logistic
// regression (the log-odds of the second class), one per class for
// multinomial.
func (m *Fitted) Coefficients() (names []string, values [][]float64, intercepts []float64) {
	values = make([][]float64, len(m.w))
	for k := range m.w {
		values[k] = slices.Clone(m.w[k])
	}
	return slices.Clone(m.features), values, slices.Clone(m.b)
}

// scores returns the linear scores, output-major: s[k][row].
func (m *Fitted) scores(X [][]float64) ([][]float64, error) {
	n, err := model.CheckPredict(X, m.features, false)
	if err != nil {
		return nil, err
	}
	s := make([][]float64, len(m.w))
	for k, wk := range m.w {
		sk := make([]float64, n)
		for i := range sk {
			sk[i] = m.b[k]
		}
		for j, col := range X {
			if c := wk[j]; c != 0 {
				axpy(sk, c, col)
			}
		}
		s[k] = sk
	}
	return s, nil
}

// axpy adds a·x to y.
func axpy(y []float64, a float64, x []float64) {
	x = x[:len(y)]
	for i := range y {
		y[i] += a * x[i]
	}
}

// Predict returns values (regression) or class indices: class 1 when the
// log-odds are positive (binary), the class with the highest score
// (multinomial; the first on ties). Missing values give ErrMissingValues.
func (m *Fitted) Predict(X [][]float64) ([]float64, error) {
	s, err := m.scores(X)
	if err != nil {
		return nil, err
	}
	switch m.link {
	case Identity:
		return s[0], nil
	case Logit:
		out := s[0]
		for i, z := range out {
			out[i] = 0
			if z > 0 {
				out[i] = 1
			}
		}
		return out, nil
	}
	return classes.Best(s), nil
}

// PredictProba returns class probabilities (logistic links only; a
// regression model returns an error wrapping model.ErrWrongTask).
func (m *Fitted) PredictProba(X [][]float64) ([][]float64, error) {
	if m.link == Identity {
		return nil, fmt.Errorf("probabilities: %w", model.ErrWrongTask)
	}
	s, err := m.scores(X)
	if err != nil {
		return nil, err
	}
	if m.link != Logit {
		return classes.Softmax(s), nil
	}
	n := len(s[0])
	flat := make([]float64, 2*n)
	out := make([][]float64, n)
	for i := range out {
		p := sigmoid(s[0][i])
		out[i] = flat[2*i : 2*i+2]
		out[i][0], out[i][1] = 1-p, p
	}
	return out, nil
}

// sigmoid is 1/(1+e^-z), computed without overflow.
func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// Explain splits one row's score into weight × value terms, one per feature
// with a non-zero weight. For classifiers it explains the predicted class's
// score: the log-odds of class 1 for binary models (Class is still the
// predicted class), the class's softmax score for multinomial ones.
func (m *Fitted) Explain(row []float64) (model.Explanation, error) {
	if len(row) != len(m.features) {
		return model.Explanation{}, fmt.Errorf("%w: %d values for %d features", model.ErrSchemaMismatch, len(row), len(m.features))
	}
	k, class, scale := 0, -1, "value"
	switch m.link {
	case Logit:
		scale = "log-odds"
	case Softmax:
		scale = "logit"
	}
	if m.link != Identity {
		cols := make([][]float64, len(row))
		for j, v := range row {
			cols[j] = []float64{v}
		}
		p, err := m.Predict(cols)
		if err != nil {
			return model.Explanation{}, err
		}
		class = int(p[0])
		if m.link == Softmax {
			k = class
		}
	}
	e := model.Explanation{Class: class, Scale: scale, Base: m.b[k], Output: m.b[k]}
	for j, wj := range m.w[k] {
		if wj != 0 {
			e.Terms = append(e.Terms, model.Term{Feature: m.features[j], Value: row[j], Effect: wj * row[j]})
			e.Output += wj * row[j]
		}
	}
	return e, nil
}

// ModelType returns "linear".
func (m *Fitted) ModelType() string { return "linear" }

// ModelVersion returns 1.
func (m *Fitted) ModelVersion() int { return 1 }

type fittedJSON struct {
	Task       model.Task   `json:"task"`
	Features   []string     `json:"features"`
	Classes    []string     `json:"classes,omitempty"`
	Link       Link         `json:"link"`
	Weights    [][]float64  `json:"weights"`
	Intercepts model.Floats `json:"intercepts"`
	Info       Info         `json:"info"`
}

// MarshalJSON writes the model's body for model.Marshal.
func (m *Fitted) MarshalJSON() ([]byte, error) {
	return json.Marshal(fittedJSON{m.task, m.features, m.classes, m.link, m.w, m.b, m.info})
}

func decodeFitted(version int, raw json.RawMessage) (model.Model, error) {
	if version != 1 {
		return nil, fmt.Errorf("unsupported version %d", version)
	}
	var j fittedJSON
	if err := json.Unmarshal(raw, &j); err != nil {
		return nil, err
	}
	outputs := 1
	switch {
	case j.Link == Identity && j.Task == model.Regression && len(j.Classes) == 0:
	case j.Link == Logit && j.Task == model.Classification && len(j.Classes) == 2:
	case j.Link == Softmax && j.Task == model.Classification && len(j.Classes) > 2:
		outputs = len(j.Classes)
	default:
		return nil, fmt.Errorf("link %q does not fit a %v model with %d classes", j.Link, j.Task, len(j.Classes))
	}
	if len(j.Features) == 0 || len(j.Weights) != outputs || len(j.Intercepts) != outputs {
		return nil, errors.New("the weights do not match the features and classes")
	}
	for _, wk := range j.Weights {
		if len(wk) != len(j.Features) {
			return nil, errors.New("the weights do not match the features")
		}
	}
	return &Fitted{task: j.Task, features: j.Features, classes: j.Classes, link: j.Link, w: j.Weights, b: j.Intercepts, info: j.Info}, nil
}

// SavedSize returns the exact length of what model.Marshal writes for m.
// The model holds a few numbers per feature and class, so it measures its
// own saved form, which costs microseconds.
func (m *Fitted) SavedSize() int {
	b, _ := model.Marshal(m)
	return len(b)
}
