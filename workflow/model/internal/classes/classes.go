package classes

import "math"

// Best returns, for every row, the index of the class with the highest
// score (the first on ties) as a float64, the models' class-index
// convention. A row whose scores are all NaN gets class 0.
func Best(scores [][]float64) []float64 {
	out := make([]float64, len(scores[0]))
	for i := range out {
		best := 0
		for c := 1; c < len(scores); c++ {
			if scores[c][i] > scores[best][i] {
				best = c
			}
		}
		out[i] = float64(best)
	}
	return out
}

// ArgMax returns the index of the largest value of v, the first on ties;
// 0 for an empty v or one of NaN only.
func ArgMax(v []float64) int {
	best := 0
	for c, x := range v {
		if x > v[best] {
			best = c
		}
	}
	return best
}

// Softmax returns, for every row, exp(s)/Σexp(s) over the classes' scores:
// one slice of len(scores) probabilities per row, all backed by a single
// allocation. Each row is shifted by its largest score first, so large
// scores do not overflow.
func Softmax(scores [][]float64) [][]float64 {
	k, n := len(scores), len(scores[0])
	flat := make([]float64, n*k)
	out := make([][]float64, n)
	for i := range out {
		row := flat[i*k : (i+1)*k]
		mx := math.Inf(-1)
		for c := range row {
			mx = math.Max(mx, scores[c][i])
		}
		sum := 0.0
		for c := range row {
			row[c] = math.Exp(scores[c][i] - mx)
			sum += row[c]
		}
		for c := range row {
			row[c] /= sum
		}
		out[i] = row
	}
	return out
}
