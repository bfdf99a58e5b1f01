package onnx

import (
	"fmt"

	"modelbench/workflow/model"
	"modelbench/workflow/model/knn"
)

// k-nearest neighbours, as knn.Neighbours states it: the query's search
// coordinates (Mul and Add in feature order), its distance to every
// training row in the search space ([N, M], the squares or absolute values
// added in Modelbench's groups of four), the K nearest by TopK (which,
// like Modelbench, takes the earlier row among equal distances), their
// distances on the original rows, ordered by a second TopK, the weights
// and the class shares or the weighted mean. The training rows travel in
// the file, and each batch of N rows takes N × M doubles per distance
// step, so score large files in batches.

// planKNN checks the model's description.
func planKNN(nb knn.Neighbours, bad func(string, ...any) error) (plannedModel, error) {
	m, p := len(nb.Rows), len(nb.Features)
	if m == 0 || nb.K < 1 || nb.K > m || len(nb.Search) != m || len(nb.Y) != m {
		return plannedModel{}, bad("%d training rows for k = %d", m, nb.K)
	}
	dims := len(nb.Search[0])
	switch nb.Metric {
	case knn.Euclidean:
		if len(nb.Centre) != p || len(nb.Axes) != dims {
			return plannedModel{}, bad("%d axes for %d search coordinates", len(nb.Axes), dims)
		}
	case knn.Manhattan:
		if dims != p {
			return plannedModel{}, bad("%d search coordinates for %d features", dims, p)
		}
	default:
		return plannedModel{}, bad("the distance %q is unknown to the exporter", nb.Metric)
	}
	if nb.Weights != knn.Uniform && nb.Weights != knn.Distance {
		return plannedModel{}, bad("the weights %q are unknown to the exporter", nb.Weights)
	}
	for r := range nb.Rows {
		if len(nb.Rows[r]) != p || len(nb.Search[r]) != dims {
			return plannedModel{}, bad("training row %d has %d values", r+1, len(nb.Rows[r]))
		}
	}
	how := fmt.Sprintf("%d training rows in the file; %s distances to all of them (Sub, Mul or Abs, Add), the %d nearest by TopK, %s weights", m, nb.Metric, nb.K, nb.Weights)
	notes := []string{
		"k-NN refuses rows with missing or infinite prepared values in Modelbench; the graph gives them arbitrary neighbours instead.",
		fmt.Sprintf("k-NN computes a distance from every scored row to all %d training rows: ONNX Runtime holds N × %d doubles per step for a batch of N rows, so score large files in batches.", m, m),
	}
	if nb.Weights == knn.Distance && nb.Task == model.Regression {
		notes = append(notes, "Neighbours at exactly equal distances may be added in another order than Modelbench's, which changes a prediction by at most a few ulps.")
	}
	return plannedModel{how: how, notes: notes, emit: func(g *graph, x []string) modelResult { return g.knn(nb, x) }}, nil
}

// distanceSum adds the terms of q - v (squares, or absolute values for
// manhattan) over the coordinates as Modelbench does: groups of four
// ((t0 + t1) + (t2 + t3)), then one at a time.
func (g *graph) distanceSum(diffs []string, manhattan bool) string {
	term := func(d string) string {
		if manhattan {
			return g.abs(d)
		}
		return g.mul(d, d)
	}
	s := ""
	plus := func(v string) {
		if s == "" {
			s = v
		} else {
			s = g.add(s, v)
		}
	}
	j := 0
	for ; j+4 <= len(diffs); j += 4 {
		plus(g.add(g.add(term(diffs[j]), term(diffs[j+1])), g.add(term(diffs[j+2]), term(diffs[j+3]))))
	}
	for ; j < len(diffs); j++ {
		plus(term(diffs[j]))
	}
	return s
}

// knn writes the model on the feature columns x.
func (g *graph) knn(nb knn.Neighbours, x []string) modelResult {
	m, p := len(nb.Rows), len(nb.Features)
	manhattan := nb.Metric == knn.Manhattan
	// 1. the search coordinates, [N, 1] each
	q := x
	if !manhattan {
		dims := len(nb.Axes)
		s := ""
		for j := 0; j < p; j++ {
			col := make([]float64, dims)
			for a := range col {
				col[a] = nb.Axes[a][j]
			}
			t := g.mul(g.row(col), g.sub(x[j], g.scalar(nb.Centre[j])))
			if s == "" {
				s = t
			} else {
				s = g.add(s, t)
			}
		}
		q = g.split(s, 1, dims)
	}
	// 2. distances to every training row in the search space, [N, M]
	diffs := make([]string, len(q))
	for a := range q {
		v := make([]float64, m)
		for r := range v {
			v[r] = nb.Search[r][a]
		}
		diffs[a] = g.sub(q[a], g.row(v))
	}
	search := g.distanceSum(diffs, manhattan)
	// 3. the K nearest, then their distances on the original rows
	k := g.int64s([]int64{1}, int64(nb.K))
	topk := g.opN("TopK", "", []string{search, k}, 2, aInt("axis", 1), aInt("largest", 0), aInt("sorted", 1))
	idx := topk[1] // [N, K] training rows
	diffs = make([]string, p)
	for j := 0; j < p; j++ {
		v := make([]float64, m)
		for r := range v {
			v[r] = nb.Rows[r][j]
		}
		diffs[j] = g.sub(x[j], g.op("Gather", []string{g.doubles([]int64{int64(m)}, v...), idx}, aInt("axis", 0)))
	}
	dist := g.distanceSum(diffs, manhattan)
	if !manhattan {
		dist = g.op("Sqrt", []string{dist})
	}
	order := g.opN("TopK", "", []string{dist, k}, 2, aInt("axis", 1), aInt("largest", 0), aInt("sorted", 1))
	dist = order[0]
	idx = g.op("GatherElements", []string{idx, order[1]}, aInt("axis", 1))
	// 4. the weights, [N, K]
	var w string
	if nb.Weights == knn.Uniform {
		w = g.fill(dist, 1)
	} else {
		zero := g.scalar(0)
		nearest := g.op("Slice", []string{dist, g.int64s([]int64{1}, 0), g.int64s([]int64{1}, 1), g.int64s([]int64{1}, 1)}) // [N, 1]
		exact := g.toDouble(g.equal(dist, zero))
		w = g.where(g.equal(nearest, zero), exact, g.div(g.scalar(1), dist))
	}
	parts := g.split(w, 1, nb.K)
	total := parts[0]
	for _, pt := range parts[1:] {
		total = g.add(total, pt)
	}
	ys := g.doubles([]int64{int64(m)}, nb.Y...)
	y := g.op("Gather", []string{ys, idx}, aInt("axis", 0)) // [N, K]
	if nb.Task == model.Regression {
		wy := g.split(g.mul(w, y), 1, nb.K)
		sum := wy[0]
		for _, pt := range wy[1:] {
			sum = g.add(sum, pt)
		}
		return modelResult{value: g.div(sum, total)}
	}
	// 5. class shares: each neighbour's weight on its class, added in order
	c := len(nb.Classes)
	ids := make([]float64, c)
	for i := range ids {
		ids[i] = float64(i)
	}
	y3 := g.op("Unsqueeze", []string{y, g.int64s([]int64{1}, 2)})                           // [N, K, 1]
	w3 := g.op("Unsqueeze", []string{w, g.int64s([]int64{1}, 2)})                           // [N, K, 1]
	votes := g.mul(w3, g.toDouble(g.equal(y3, g.doubles([]int64{1, 1, int64(c)}, ids...)))) // [N, K, C]
	vs := g.split(votes, 1, nb.K)
	share := vs[0]
	for _, pt := range vs[1:] {
		share = g.add(share, pt)
	}
	share = g.op("Reshape", []string{share, g.int64s([]int64{2}, -1, int64(c))})
	proba := g.div(share, total)
	return modelResult{index: g.argmax(proba), proba: proba}
}
