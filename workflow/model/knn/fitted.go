package knn

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"runtime"

	"modelbench/workflow/model"
	"modelbench/workflow/model/internal/par"
)

// Fitted is a fitted k-nearest-neighbours model: the training rows and
// their search structure. It implements model.Model, model.ProbPredictor
// (classification) and model.Marshaler, and is safe for concurrent use.
type Fitted struct {
	task     model.Task
	features []string
	classes  []string
	s        settings
	data     []float64 // training rows, row-major, in search order
	rows     []int32   // original training row of each stored row
	y        []float64 // targets by original row
	tree     *kdtree   // nil for brute force
}

// index builds the search structure over data (reordering it).
func (m *Fitted) index() {
	n := len(m.y)
	m.rows = make([]int32, n)
	for i := range m.rows {
		m.rows[i] = int32(i)
	}
	p := len(m.features)
	if m.s.Algorithm == KDTree || (m.s.Algorithm == Auto && p <= MaxTreeDims) {
		m.tree = buildTree(m.data, m.rows, p)
	}
}

// Task returns what the model predicts.
func (m *Fitted) Task() model.Task { return m.task }

// Features returns the input column names.
func (m *Fitted) Features() []string { return m.features }

// Classes returns the class labels (nil for regression).
func (m *Fitted) Classes() []string { return m.classes }

// each finds the neighbours of every row of X, on all cores, and calls fn
// with them sorted nearest first (distances are true distances, not
// squared). fn is called concurrently for different rows.
func (m *Fitted) each(X [][]float64, fn func(worker, row int, nb []neighbour)) (int, error) {
	n, err := model.CheckPredict(X, m.features, false)
	if err != nil {
		return 0, err
	}
	p, k := len(m.features), min(m.s.K, len(m.y))
	dist := sqEuclid
	if m.s.Metric == Manhattan {
		dist = manhattan
	}
	workers := runtime.GOMAXPROCS(0)
	heaps := make([]heap, workers)
	queries := make([][]float64, workers)
	for w := range heaps {
		heaps[w].items = make([]neighbour, 0, k)
		queries[w] = make([]float64, p)
	}
	par.Dynamic(n, 64, func(w, lo, hi int) {
		h, q := &heaps[w], queries[w]
		for i := lo; i < hi; i++ {
			for j := range q {
				q[j] = X[j][i]
			}
			h.reset(k)
			if m.tree != nil {
				m.tree.search(h, q, m.data, m.rows, p, m.s.Metric == Manhattan, dist)
			} else {
				scan(h, q, m.data, m.rows, 0, len(m.rows), p, dist)
			}
			nb := h.sorted()
			if m.s.Metric == Euclidean {
				for t := range nb {
					nb[t].dist = math.Sqrt(nb[t].dist)
				}
			}
			fn(w, i, nb)
		}
	})
	return n, nil
}

// weights returns each neighbour's vote weight.
func (m *Fitted) weights(nb []neighbour, w []float64) []float64 {
	w = w[:len(nb)]
	if m.s.Weights == Uniform {
		for t := range w {
			w[t] = 1
		}
		return w
	}
	if nb[0].dist == 0 { // exact matches take all the weight
		for t := range w {
			w[t] = 0
			if nb[t].dist == 0 {
				w[t] = 1
			}
		}
		return w
	}
	for t := range w {
		w[t] = 1 / nb[t].dist
	}
	return w
}

// Predict returns the (weighted) majority class or the (weighted) mean of
// the neighbours' targets.
func (m *Fitted) Predict(X [][]float64) ([]float64, error) {
	if m.task == model.Classification {
		proba, err := m.PredictProba(X)
		if err != nil {
			return nil, err
		}
		out := make([]float64, len(proba))
		for i, row := range proba {
			best := 0
			for c, v := range row {
				if v > row[best] {
					best = c
				}
			}
			out[i] = float64(best)
		}
		return out, nil
	}
	out := make([]float64, len(firstColumn(X)))
	ws := make([][]float64, runtime.GOMAXPROCS(0))
	_, err := m.each(X, func(worker, i int, nb []neighbour) {
		if ws[worker] == nil {
			ws[worker] = make([]float64, m.s.K)
		}
		w := m.weights(nb, ws[worker])
		var sum, wsum float64
		for t, c := range nb {
			sum += w[t] * m.y[c.row]
			wsum += w[t]
		}
		out[i] = sum / wsum
	})
	return out, err
}

func firstColumn(X [][]float64) []float64 {
	if len(X) == 0 {
		return nil
	}
	return X[0]
}

// PredictProba returns the (weighted) share of each class among the
// neighbours; an error wrapping model.ErrWrongTask for regression.
func (m *Fitted) PredictProba(X [][]float64) ([][]float64, error) {
	if m.task != model.Classification {
		return nil, fmt.Errorf("probabilities: %w", model.ErrWrongTask)
	}
	nc := len(m.classes)
	var flat []float64
	var out [][]float64
	ws := make([][]float64, runtime.GOMAXPROCS(0))
	if _, err := model.CheckPredict(X, m.features, false); err != nil {
		return nil, err
	}
	n := len(firstColumn(X))
	flat, out = make([]float64, n*nc), make([][]float64, n)
	_, err := m.each(X, func(worker, i int, nb []neighbour) {
		if ws[worker] == nil {
			ws[worker] = make([]float64, m.s.K)
		}
		w := m.weights(nb, ws[worker])
		row := flat[i*nc : (i+1)*nc]
		total := 0.0
		for t, c := range nb {
			row[int(m.y[c.row])] += w[t]
			total += w[t]
		}
		for c := range row {
			row[c] /= total
		}
		out[i] = row
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// ModelType returns "knn".
func (m *Fitted) ModelType() string { return "knn" }

// ModelVersion returns 1.
func (m *Fitted) ModelVersion() int { return 1 }

type fittedJSON struct {
	Task     model.Task `json:"task"`
	Features []string   `json:"features"`
	Classes  []string   `json:"classes,omitempty"`
	Settings settings   `json:"settings"`
	X        []float64  `json:"x"` // training rows, row-major, in training order
	Y        []float64  `json:"y"`
}

// MarshalJSON writes the settings and the training rows in their original
// order, for model.Marshal.
func (m *Fitted) MarshalJSON() ([]byte, error) {
	p := len(m.features)
	x := make([]float64, len(m.data))
	for i, r := range m.rows {
		copy(x[int(r)*p:(int(r)+1)*p], m.data[i*p:(i+1)*p])
	}
	return json.Marshal(fittedJSON{m.task, m.features, m.classes, m.s, x, m.y})
}

func decode(version int, raw json.RawMessage) (model.Model, error) {
	if version != 1 {
		return nil, fmt.Errorf("unsupported version %d", version)
	}
	var j fittedJSON
	if err := json.Unmarshal(raw, &j); err != nil {
		return nil, err
	}
	if err := j.Settings.validate(); err != nil {
		return nil, err
	}
	p, n := len(j.Features), len(j.Y)
	if p == 0 || n == 0 || len(j.X) != n*p {
		return nil, errors.New("the stored rows do not match the features")
	}
	if j.Task == model.Classification {
		if len(j.Classes) < 2 {
			return nil, errors.New("a classifier needs at least two classes")
		}
		for _, y := range j.Y {
			if y != math.Trunc(y) || y < 0 || int(y) >= len(j.Classes) {
				return nil, fmt.Errorf("target %v is not a class index", y)
			}
		}
	}
	for _, v := range j.X {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, errors.New("a stored row is not finite")
		}
	}
	m := &Fitted{task: j.Task, features: j.Features, classes: j.Classes, s: j.Settings, data: j.X, y: j.Y}
	m.index()
	return m, nil
}
