package bayes

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"slices"

	"modelbench/workflow/model"
	"modelbench/workflow/model/internal/classes"
	"modelbench/workflow/model/internal/par"
)

// Fitted is a fitted naive Bayes classifier. It implements model.Model,
// model.ProbPredictor, model.Explainer and model.Marshaler, and is safe for
// concurrent use.
type Fitted struct {
	features []string
	classes  []string
	logPrior []float64 // −Inf for a class absent from the training rows
	gauss    []gaussian
	cat      []categorical
	epsilon  float64 // added to every variance
	// derived by init
	logNorm [][]float64 // per Gaussian feature and class: −½·log(2π·var)
	inv2Var [][]float64 // 1/(2·var)
}

// gaussian is one numeric feature's per-class mean and variance (before
// epsilon is added).
type gaussian struct {
	Feature int       `json:"feature"`
	Mean    []float64 `json:"mean"`
	Var     []float64 `json:"var"`
}

// categorical is one code feature's smoothed log probabilities per class
// and code; codes never seen in training get LogUnseen.
type categorical struct {
	Feature   int         `json:"feature"`
	LogProb   [][]float64 `json:"log_prob"`
	LogUnseen []float64   `json:"log_unseen"`
}

func (m *Fitted) init() {
	m.logNorm = make([][]float64, len(m.gauss))
	m.inv2Var = make([][]float64, len(m.gauss))
	for g, ga := range m.gauss {
		m.logNorm[g] = make([]float64, len(ga.Var))
		m.inv2Var[g] = make([]float64, len(ga.Var))
		for c, v := range ga.Var {
			v += m.epsilon
			m.logNorm[g][c] = -0.5 * math.Log(2*math.Pi*v)
			m.inv2Var[g][c] = 1 / (2 * v)
		}
	}
}

// Task returns model.Classification.
func (m *Fitted) Task() model.Task { return model.Classification }

// Features returns the input column names.
func (m *Fitted) Features() []string { return m.features }

// Classes returns the class labels.
func (m *Fitted) Classes() []string { return m.classes }

// jll returns the joint log-likelihood, class-major: out[c][row].
func (m *Fitted) jll(X [][]float64) ([][]float64, error) {
	n, err := model.CheckPredict(X, m.features, false)
	if err != nil {
		return nil, err
	}
	for _, f := range m.cat {
		for i, v := range X[f.Feature] {
			if v < 0 || v != math.Trunc(v) {
				return nil, fmt.Errorf("%w (column %q, row %d: %v)", ErrBadCode, m.features[f.Feature], i+1, v)
			}
		}
	}
	out := make([][]float64, len(m.classes))
	for c := range out {
		out[c] = make([]float64, n)
	}
	par.Chunks(n, func(_, lo, hi int) {
		for c := range out {
			o := out[c][lo:hi]
			for i := range o {
				o[i] = m.logPrior[c]
			}
			for g, ga := range m.gauss {
				mu, ln, iv := ga.Mean[c], m.logNorm[g][c], m.inv2Var[g][c]
				for i, v := range X[ga.Feature][lo:hi] {
					dv := v - mu
					o[i] += ln - dv*dv*iv
				}
			}
			for _, f := range m.cat {
				for i, v := range X[f.Feature][lo:hi] {
					o[i] += f.logProb(c, v)
				}
			}
		}
	})
	return out, nil
}

func (f categorical) logProb(c int, v float64) float64 {
	if int(v) < len(f.LogProb[c]) {
		return f.LogProb[c][int(v)]
	}
	return f.LogUnseen[c]
}

// Predict returns the most probable class per row (the first on ties).
func (m *Fitted) Predict(X [][]float64) ([]float64, error) {
	jll, err := m.jll(X)
	if err != nil {
		return nil, err
	}
	return classes.Best(jll), nil
}

// PredictProba returns the posterior class probabilities per row.
func (m *Fitted) PredictProba(X [][]float64) ([][]float64, error) {
	jll, err := m.jll(X)
	if err != nil {
		return nil, err
	}
	return classes.Softmax(jll), nil
}

// Explain splits the predicted class's joint log-likelihood into the log
// prior (Base) and one log-likelihood term per feature (Scale
// "log-likelihood"): the most negative terms are the features that argue
// most against the class.
func (m *Fitted) Explain(row []float64) (model.Explanation, error) {
	if len(row) != len(m.features) {
		return model.Explanation{}, fmt.Errorf("%w: %d values for %d features", model.ErrSchemaMismatch, len(row), len(m.features))
	}
	cols := make([][]float64, len(row))
	for j, v := range row {
		cols[j] = []float64{v}
	}
	p, err := m.Predict(cols)
	if err != nil {
		return model.Explanation{}, err
	}
	c := int(p[0])
	e := model.Explanation{Class: c, Scale: "log-likelihood", Base: m.logPrior[c], Output: m.logPrior[c]}
	add := func(j int, v float64) {
		e.Terms = append(e.Terms, model.Term{Feature: m.features[j], Value: row[j], Effect: v})
		e.Output += v
	}
	for g, ga := range m.gauss {
		dv := row[ga.Feature] - ga.Mean[c]
		add(ga.Feature, m.logNorm[g][c]-dv*dv*m.inv2Var[g][c])
	}
	for _, f := range m.cat {
		add(f.Feature, f.logProb(c, row[f.Feature]))
	}
	return e, nil
}

// ModelType returns "naive_bayes".
func (m *Fitted) ModelType() string { return "naive_bayes" }

// ModelVersion returns 1.
func (m *Fitted) ModelVersion() int { return 1 }

type fittedJSON struct {
	Features    []string      `json:"features"`
	Classes     []string      `json:"classes"`
	LogPrior    model.Floats  `json:"log_prior"`
	Epsilon     float64       `json:"epsilon"`
	Gaussian    []gaussian    `json:"gaussian"`
	Categorical []categorical `json:"categorical"`
}

// MarshalJSON writes the model's body for model.Marshal.
func (m *Fitted) MarshalJSON() ([]byte, error) {
	return json.Marshal(fittedJSON{m.features, m.classes, m.logPrior, m.epsilon, m.gauss, m.cat})
}

func decode(version int, raw json.RawMessage) (model.Model, error) {
	if version != 1 {
		return nil, fmt.Errorf("unsupported version %d", version)
	}
	var j fittedJSON
	if err := json.Unmarshal(raw, &j); err != nil {
		return nil, err
	}
	k, p := len(j.Classes), len(j.Features)
	if k < 2 || len(j.LogPrior) != k || p == 0 || len(j.Gaussian)+len(j.Categorical) != p || !(j.Epsilon >= 0) {
		return nil, errors.New("the model's parts do not match its features and classes")
	}
	seen := make([]bool, p)
	use := func(f int) bool {
		ok := f >= 0 && f < p && !seen[f]
		if ok {
			seen[f] = true
		}
		return ok
	}
	for _, g := range j.Gaussian {
		if !use(g.Feature) || len(g.Mean) != k || len(g.Var) != k || slices.ContainsFunc(g.Var, func(v float64) bool { return !(v >= 0) }) {
			return nil, errors.New("a Gaussian feature's statistics are damaged")
		}
		if j.Epsilon == 0 && slices.Contains(g.Var, 0) {
			return nil, errors.New("a Gaussian feature has zero variance")
		}
	}
	for _, c := range j.Categorical {
		if !use(c.Feature) || len(c.LogProb) != k || len(c.LogUnseen) != k {
			return nil, errors.New("a categorical feature's table is damaged")
		}
	}
	m := &Fitted{features: j.Features, classes: j.Classes, logPrior: j.LogPrior, epsilon: j.Epsilon, gauss: j.Gaussian, cat: j.Categorical}
	m.init()
	return m, nil
}

// SavedSize returns the exact length of what model.Marshal writes for m.
// The model holds a few numbers per feature and class, so it measures its
// own saved form, which costs microseconds.
func (m *Fitted) SavedSize() int {
	b, _ := model.Marshal(m)
	return len(b)
}
