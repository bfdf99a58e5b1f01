package prep

import (
	"math"

	"modelbench/workflow/stat"
)

// The statistics below follow NumPy's definitions (numpy 1.24) so that
// fitted values agree with scikit-learn's: quantiles and medians are the
// stat package's (numpy's "linear" method and np.median) over the present
// values, variance divides by n.

// presentValues copies the values that are not NaN.
func presentValues(v []float64) []float64 {
	out := make([]float64, 0, len(v))
	for _, x := range v {
		if !math.IsNaN(x) {
			out = append(out, x)
		}
	}
	return out
}

// quantiles returns np.nanquantile(v, qs) with the linear method: NaN is
// ignored, and every result is NaN when no value is present. qs lie in
// [0, 1]. v is not changed.
func quantiles(v []float64, qs ...float64) []float64 {
	return stat.Quantiles(presentValues(v), qs...)
}

// median returns the median of the present values of v (NaN if none), as
// np.nanmedian: the mean of the two middle values for an even count. v is
// not changed.
func median(v []float64) float64 { return stat.Median(presentValues(v)) }

// meanVar returns the mean and the population variance (ddof 0) of the
// present values of v, and how many there were.
func meanVar(v []float64) (mean, variance float64, n int) {
	var sum float64
	for _, x := range v {
		if !math.IsNaN(x) {
			sum += x
			n++
		}
	}
	if n == 0 {
		return math.NaN(), math.NaN(), 0
	}
	mean = sum / float64(n)
	var ss float64
	for _, x := range v {
		if !math.IsNaN(x) {
			d := x - mean
			ss += d * d
		}
	}
	return mean, ss / float64(n), n
}

// minMax returns the smallest and largest present values of v (NaN, NaN
// when none).
func minMax(v []float64) (lo, hi float64) {
	lo, hi = math.Inf(1), math.Inf(-1)
	seen := false
	for _, x := range v {
		if math.IsNaN(x) {
			continue
		}
		seen = true
		lo = math.Min(lo, x)
		hi = math.Max(hi, x)
	}
	if !seen {
		return math.NaN(), math.NaN()
	}
	return lo, hi
}

// modeFloat returns the most frequent present value, the smallest among
// ties, as scikit-learn's SimpleImputer(strategy="most_frequent").
func modeFloat(v []float64) (float64, bool) {
	counts := map[float64]int{}
	for _, x := range v {
		if !math.IsNaN(x) {
			counts[x]++
		}
	}
	best, bestN := math.NaN(), 0
	for x, c := range counts {
		if c > bestN || c == bestN && x < best {
			best, bestN = x, c
		}
	}
	return best, bestN > 0
}

// linspace is np.linspace(start, stop, num) with the end point included.
func linspace(start, stop float64, num int) []float64 {
	y := make([]float64, num)
	if num == 1 {
		y[0] = start
		return y
	}
	div := float64(num - 1)
	delta := stop - start
	step := delta / div
	for i := range y {
		if step == 0 {
			y[i] = float64(i)/div*delta + start
		} else {
			y[i] = float64(i)*step + start
		}
	}
	y[num-1] = stop
	return y
}
