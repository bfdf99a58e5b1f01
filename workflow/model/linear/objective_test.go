package linear

import (
	"math"

	"modelbench/workflow/model"
)

// logisticObjective is scikit-learn's objective for LogisticRegression on
// d: C·Σ log loss + ½||W||² (l2) or + ||W||₁ (l1), for weights in the
// Coefficients layout.
func logisticObjective(d *model.Dataset, w [][]float64, b []float64, C float64, penalty string) float64 {
	loss := 0.0
	z := make([]float64, len(w))
	for i := 0; i < d.Rows(); i++ {
		for k := range w {
			z[k] = b[k]
			for j := range d.X {
				z[k] += w[k][j] * d.X[j][i]
			}
		}
		y := int(d.Y[i])
		if len(w) == 1 {
			loss += softplus(z[0])
			if y == 1 {
				loss -= z[0]
			}
			continue
		}
		mx := math.Inf(-1)
		for _, v := range z {
			mx = math.Max(mx, v)
		}
		s := 0.0
		for _, v := range z {
			s += math.Exp(v - mx)
		}
		loss += mx + math.Log(s) - z[y]
	}
	reg := 0.0
	for _, row := range w {
		for _, v := range row {
			if penalty == PenaltyL1 {
				reg += math.Abs(v)
			} else {
				reg += v * v / 2
			}
		}
	}
	return C*loss + reg
}
