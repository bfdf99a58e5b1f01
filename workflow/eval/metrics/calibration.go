package metrics

import (
	"fmt"
	"math"
	"slices"
)

// Binning says how CalibrationCurve places its bin edges.
type Binning int

// The strategies of scikit-learn's calibration_curve.
const (
	Uniform  Binning = iota // equal-width bins over [0, 1]
	Quantile                // bins holding about equally many rows
)

// CalibrationBin is one non-empty bin of a calibration curve: the rows
// whose probability falls between Lo and Hi, how many there are, their
// mean predicted probability and the fraction that is truly positive. A
// well calibrated model has MeanPredicted ≈ FractionPositive.
type CalibrationBin struct {
	Lo               float64 `json:"lo"`
	Hi               float64 `json:"hi"`
	Count            int     `json:"count"`
	MeanPredicted    float64 `json:"mean_predicted"`
	FractionPositive float64 `json:"fraction_positive"`
}

// CalibrationCurve bins the predicted probabilities of the positive class
// and compares each bin's mean prediction with its share of positive rows,
// as scikit-learn's calibration_curve: a probability equal to an inner
// edge falls in the lower bin, quantile edges interpolate linearly between
// order statistics (numpy's percentile), and empty bins are left out.
// Probabilities must lie in [0, 1] and bins must be at least 1.
func CalibrationCurve(positive []bool, prob []float64, bins int, binning Binning) ([]CalibrationBin, error) {
	if err := checkLen("calibration curve", len(positive), len(prob)); err != nil {
		return nil, err
	}
	if bins < 1 {
		return nil, fmt.Errorf("calibration curve: %d bins; want at least 1: %w", bins, ErrUndefined)
	}
	if err := checkUnit("calibration curve", prob); err != nil {
		return nil, err
	}
	edges := calibrationEdges(prob, bins, binning)
	inner := edges[1:bins]
	sums := make([]float64, bins)
	trues := make([]int, bins)
	counts := make([]int, bins)
	for i, p := range prob {
		b, _ := slices.BinarySearch(inner, p) // the number of inner edges below p
		sums[b] += p
		counts[b]++
		if positive[i] {
			trues[b]++
		}
	}
	var out []CalibrationBin
	for b, n := range counts {
		if n == 0 {
			continue
		}
		out = append(out, CalibrationBin{Lo: edges[b], Hi: edges[b+1], Count: n,
			MeanPredicted: sums[b] / float64(n), FractionPositive: float64(trues[b]) / float64(n)})
	}
	return out, nil
}

// calibrationEdges returns bins+1 edges, computed with the same floating
// point steps as numpy's linspace and percentile so that a probability on
// an edge lands in the same bin as in scikit-learn.
func calibrationEdges(prob []float64, bins int, binning Binning) []float64 {
	step := 1 / float64(bins)
	q := make([]float64, bins+1)
	for i := range q {
		q[i] = float64(i) * step
	}
	q[bins] = 1
	if binning == Uniform {
		return q
	}
	sorted := slices.Clone(prob)
	slices.Sort(sorted)
	edges := make([]float64, bins+1)
	for i, qi := range q {
		edges[i] = percentile(sorted, float64(qi*100)/100)
	}
	return edges
}

// percentile returns numpy's "linear" quantile q of sorted (Hyndman & Fan
// method 7), with numpy's order of operations.
func percentile(sorted []float64, q float64) float64 {
	n := len(sorted)
	v := float64(n-1) * q
	if v >= float64(n-1) {
		return sorted[n-1]
	}
	lo := math.Floor(v)
	a, b := sorted[int(lo)], sorted[int(lo)+1]
	g := v - lo
	d := b - a
	if g >= 0.5 {
		return b - float64(d*(1-g))
	}
	return a + float64(d*g)
}
