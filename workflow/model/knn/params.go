package knn

import (
	"slices"

	"modelbench/workflow/model"
)

// Neighbours is what a fitted k-NN model predicts with, for exporters. For
// a row x (one value per feature), Predict and PredictProba do exactly
// this, in float64:
//
//  1. The search space: for euclidean distance the row's coordinates on
//     the kept principal axes, z[a] = Σ_j Axes[a][j]·(x[j] − Centre[j]),
//     summed from 0 in feature order (the product as written); for
//     manhattan distance z is x itself (Axes and Centre are nil).
//  2. The neighbours: the K training rows r with the smallest (s(z,
//     Search[r]), r), compared as pairs (ties go to the earlier row), where
//     s is the sum of squares (euclidean) or of absolute values
//     (manhattan) of q[a] − v[a], added in groups of four from 0:
//     s += (t0 + t1) + (t2 + t3), then one term at a time for the last
//     len % 4 coordinates.
//  3. Their distances d(x, Rows[r]): the same sum over the features of the
//     original row (q = x, v = Rows[r]), then its square root for
//     euclidean; the neighbours are then ordered by (d, r).
//  4. Their weights, in that order: 1 each (uniform); for distance, 1/d,
//     except that when the nearest has d = 0 the rows at d = 0 weigh 1 and
//     the others 0.
//  5. Classification: each class's share is the sum of the weights of its
//     neighbours (their Y is the class index), added in order from 0,
//     divided by the sum of all weights (added in order); Predict is the
//     first class with the largest share. Regression: Σ w·Y / Σ w, both
//     sums added in order.
//
// Rows with missing or infinite values are refused by Predict. The result
// is a fresh copy the caller may keep or change.
type Neighbours struct {
	Task     model.Task
	Features []string
	Classes  []string // nil for regression
	K        int      // neighbours used: the k parameter, or every training row when fewer
	Weights  string   // Uniform or Distance
	Metric   string   // Euclidean or Manhattan
	Centre   []float64
	Axes     [][]float64 // Axes[a][j]; nil for manhattan
	Search   [][]float64 // Search[r]: training row r in the search space
	Rows     [][]float64 // Rows[r][j]: training row r as it was given
	Y        []float64   // the target of training row r (a class index for classification)
}

// Neighbours returns what the model predicts with (see Neighbours).
func (m *Fitted) Neighbours() Neighbours {
	p, n := len(m.features), len(m.y)
	nb := Neighbours{Task: m.task, Features: slices.Clone(m.features), Classes: slices.Clone(m.classes),
		K: min(m.s.K, n), Weights: m.s.Weights, Metric: m.s.Metric, Y: slices.Clone(m.y),
		Search: make([][]float64, n), Rows: make([][]float64, n)}
	for r := 0; r < n; r++ {
		nb.Rows[r] = slices.Clone(m.orig[r*p : (r+1)*p])
	}
	for i, r := range m.rows {
		nb.Search[r] = slices.Clone(m.data[i*m.dims : (i+1)*m.dims])
	}
	if m.rot != nil {
		nb.Centre = slices.Clone(m.rot.centre)
		for _, ax := range m.rot.axes {
			nb.Axes = append(nb.Axes, slices.Clone(ax))
		}
	}
	return nb
}
