package tree

import (
	"math"

	"modelbench/workflow/model"
	"modelbench/workflow/model/internal/classes"
)

// oobScore predicts every training row with the trees whose bootstrap
// sample missed it and scores those predictions: accuracy for
// classification, R² for regression, over the rows that were out of bag at
// least once. It returns NaN when there is no such row. Sums run over the
// trees in order, so the score does not depend on scheduling.
func oobScore(d *model.Dataset, trees []*flatTree, inbag [][]uint64) float64 {
	n := d.Rows()
	w := max(len(d.Classes), 1)
	if d.Task == model.Regression {
		w = 1
	}
	sum := make([]float64, n*w)
	cnt := make([]int32, n)
	parallelRows(n, func(lo, hi int) {
		for ti, t := range trees {
			bits := inbag[ti]
			for i := lo; i < hi; i++ {
				if bits[i/64]&(1<<(i%64)) != 0 {
					continue
				}
				v := t.values(t.leafOf(d.X, i))
				acc := sum[i*w : i*w+w]
				for k := range acc {
					acc[k] += v[k]
				}
				cnt[i]++
			}
		}
	})
	if d.Task == model.Classification {
		right, seen := 0, 0
		for i := range n {
			if cnt[i] > 0 {
				seen++
				if classes.ArgMax(sum[i*w:i*w+w]) == int(d.Y[i]) {
					right++
				}
			}
		}
		if seen == 0 {
			return math.NaN()
		}
		return float64(right) / float64(seen)
	}
	var pred, truth []float64
	for i := range n {
		if cnt[i] > 0 {
			pred = append(pred, sum[i]/float64(cnt[i]))
			truth = append(truth, d.Y[i])
		}
	}
	if len(pred) == 0 {
		return math.NaN()
	}
	return r2(truth, pred)
}

// r2 is the coefficient of determination of pred for truth: 1 minus the
// residual sum of squares over the total sum of squares. For a constant
// truth it is 1 when every prediction is exact and 0 otherwise, as
// scikit-learn's r2_score.
func r2(truth, pred []float64) float64 {
	mean := 0.0
	for _, v := range truth {
		mean += v
	}
	mean /= float64(len(truth))
	var ssr, sst float64
	for i, v := range truth {
		ssr += (v - pred[i]) * (v - pred[i])
		sst += (v - mean) * (v - mean)
	}
	if sst == 0 {
		if ssr == 0 {
			return 1
		}
		return 0
	}
	return 1 - ssr/sst
}
