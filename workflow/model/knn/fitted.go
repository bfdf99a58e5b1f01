package knn

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"runtime"
	"sort"

	"modelbench/workflow/model"
	"modelbench/workflow/model/internal/classes"
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
	orig     []float64 // training rows, row-major, in training order
	y        []float64 // targets by training row
	// derived by index
	data []float64 // the rows in search space (rotated for euclidean), in search order
	dims int       // columns of data
	rows []int32   // training row of each stored row
	rot  *rotation // nil for manhattan
	tree *kdtree   // nil for brute force
}

// index builds the search structure from orig.
func (m *Fitted) index() {
	n, p := len(m.y), len(m.features)
	m.rows = make([]int32, n)
	for i := range m.rows {
		m.rows[i] = int32(i)
	}
	m.dims = p
	rot := newRotation(m.orig, p)
	if m.s.Metric == Euclidean {
		m.rot = rot
		m.dims = len(rot.axes)
		m.data = make([]float64, n*m.dims)
		for i := 0; i < n; i++ {
			rot.apply(m.data[i*m.dims:(i+1)*m.dims], m.orig[i*p:(i+1)*p])
		}
	} else {
		m.data = append([]float64(nil), m.orig...)
	}
	if m.s.Algorithm == KDTree || (m.s.Algorithm == Auto && rot.spread <= MaxTreeSpread) {
		m.tree = buildTree(m.data, m.rows, m.dims)
	}
}

// Task returns what the model predicts.
func (m *Fitted) Task() model.Task { return m.task }

// Features returns the input column names.
func (m *Fitted) Features() []string { return m.features }

// Classes returns the class labels (nil for regression).
func (m *Fitted) Classes() []string { return m.classes }

// queryBatch is how many query rows are prepared (rotated, ordered) at a
// time, bounding the scratch memory of a prediction.
const queryBatch = 1 << 16

// each finds the neighbours of every row of X, on all cores, and calls fn
// with them sorted nearest first (distances are true distances, not
// squared). fn is called concurrently for different rows. Queries are
// visited in the order of the tree leaf they fall in, so that consecutive
// searches touch the same training rows (cache locality); the result of
// each row does not depend on that order.
func (m *Fitted) each(X [][]float64, fn func(worker, row int, nb []neighbour)) (int, error) {
	n, err := model.CheckPredict(X, m.features, false)
	if err != nil {
		return 0, err
	}
	p, k := len(m.features), min(m.s.K, len(m.y))
	workers := runtime.GOMAXPROCS(0)
	heaps, queues := make([]heap, workers), make([]nodeQueue, workers)
	for w := range heaps {
		heaps[w].items = make([]neighbour, 0, k)
	}
	Q := make([]float64, min(n, queryBatch)*m.dims)
	raws := make([][]float64, workers)
	for w := range raws {
		raws[w] = make([]float64, p)
	}
	for lo := 0; lo < n; lo += queryBatch {
		hi := min(n, lo+queryBatch)
		order := m.prepare(X, lo, hi, Q)
		par.Dynamic(len(order), 64, func(w, a, b int) {
			h, raw := &heaps[w], raws[w]
			for _, t := range order[a:b] {
				for j := range raw {
					raw[j] = X[j][lo+int(t)]
				}
				m.search(h, &queues[w], Q[int(t)*m.dims:(int(t)+1)*m.dims], raw, k)
				fn(w, lo+int(t), h.sorted())
			}
		})
	}
	return n, nil
}

// prepare writes rows lo..hi of X, moved into search space, into Q
// (row-major) and returns their offsets in visiting order.
func (m *Fitted) prepare(X [][]float64, lo, hi int, Q []float64) []int32 {
	p, dims := len(m.features), m.dims
	order := make([]int32, hi-lo)
	leaf := make([]int32, hi-lo)
	par.Chunks(hi-lo, func(_, a, b int) {
		raw := make([]float64, p)
		for t := a; t < b; t++ {
			q := Q[t*dims : (t+1)*dims]
			for j := range raw {
				raw[j] = X[j][lo+t]
			}
			if m.rot != nil {
				m.rot.apply(q, raw)
			} else {
				copy(q, raw)
			}
			order[t] = int32(t)
			if m.tree != nil {
				leaf[t] = m.tree.leafOf(q)
			}
		}
	})
	if m.tree != nil {
		sort.SliceStable(order, func(a, b int) bool { return leaf[order[a]] < leaf[order[b]] })
	}
	return order
}

// search fills h with the k nearest neighbours of q (in search space;
// raw is the same row in the original space) and replaces their distances
// by the exact distances computed on the original rows.
func (m *Fitted) search(h *heap, pq *nodeQueue, q, raw []float64, k int) {
	p := len(m.features)
	dist := sqEuclid
	if m.s.Metric == Manhattan {
		dist = manhattan
	}
	h.reset(k)
	if m.tree != nil {
		m.tree.search(h, pq, q, m.data, m.rows, m.dims, m.s.Metric == Manhattan, dist)
	} else {
		scan(h, q, m.data, m.rows, 0, len(m.rows), m.dims, dist)
	}
	for t, c := range h.items {
		r := int(c.row)
		d := dist(raw, m.orig[r*p:(r+1)*p], math.Inf(1))
		if m.s.Metric == Euclidean {
			d = math.Sqrt(d)
		}
		h.items[t].dist = d
	}
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
			out[i] = float64(classes.ArgMax(row))
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
	return json.Marshal(fittedJSON{m.task, m.features, m.classes, m.s, m.orig, m.y})
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
	m := &Fitted{task: j.Task, features: j.Features, classes: j.Classes, s: j.Settings, orig: j.X, y: j.Y}
	m.index()
	return m, nil
}
