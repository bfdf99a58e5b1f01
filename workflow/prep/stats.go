package prep

import (
	"math"
	"math/bits"
	"sort"
)

// The statistics below follow NumPy's definitions (numpy 1.24) so that
// fitted values agree with scikit-learn's: quantiles use the "linear"
// method (virtual index q*(n-1), numpy's _lerp), the median averages the
// two middle values, variance divides by n.

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
	x := presentValues(v)
	out := make([]float64, len(qs))
	n := len(x)
	if n == 0 {
		for i := range out {
			out[i] = math.NaN()
		}
		return out
	}
	idx := make([]int, 0, 2*len(qs))
	for _, q := range qs {
		lo, _ := virtualIndex(q, n)
		idx = append(idx, lo, min(lo+1, n-1))
	}
	stats := orderStats(x, idx)
	for i, q := range qs {
		lo, gamma := virtualIndex(q, n)
		out[i] = lerp(stats[lo], stats[min(lo+1, n-1)], gamma)
	}
	return out
}

// virtualIndex splits numpy's linear virtual index q*(n-1) into its floor
// (clamped to the data) and the fraction above it.
func virtualIndex(q float64, n int) (int, float64) {
	vi := q * float64(n-1)
	lo := math.Floor(vi)
	if lo < 0 {
		return 0, 0
	}
	if int(lo) >= n-1 {
		return n - 1, 0
	}
	return int(lo), vi - lo
}

// lerp is numpy's _lerp: a + (b-a)*t, computed from b when t >= 0.5.
func lerp(a, b, t float64) float64 {
	d := b - a
	if t >= 0.5 {
		return b - d*(1-t)
	}
	return a + d*t
}

// median returns the median of the present values of v (NaN if none), as
// np.nanmedian: the mean of the two middle values for an even count.
func median(v []float64) float64 {
	x := presentValues(v)
	n := len(x)
	if n == 0 {
		return math.NaN()
	}
	ks := []int{(n - 1) / 2, n / 2}
	s := orderStats(x, ks)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[(n-1)/2] + s[n/2]) / 2
}

// orderStats reorders x and returns the k-th smallest values for the given
// positions ks (0-based, each < len(x)), by repeated selection, or by
// sorting when many are asked.
func orderStats(x []float64, ks []int) map[int]float64 {
	uniq := append([]int(nil), ks...)
	sort.Ints(uniq)
	out := make(map[int]float64, len(uniq))
	if len(uniq) > 8 || len(x) < 64 {
		sort.Float64s(x)
		for _, k := range uniq {
			out[k] = x[k]
		}
		return out
	}
	start := 0
	for _, k := range uniq {
		if _, done := out[k]; done {
			continue
		}
		if k < start { // already in place after an earlier selection
			out[k] = x[k]
			continue
		}
		selectK(x[start:], k-start)
		out[k] = x[k]
		start = k + 1
	}
	return out
}

// selectK reorders x so that x[k] holds the value it would hold if x were
// sorted, with no larger value before it and no smaller one after it
// (Hoare's selection with a median-of-three pivot; it falls back to
// sorting when partitions shrink too slowly).
func selectK(x []float64, k int) {
	lo, hi := 0, len(x)-1
	budget := 2*bits.Len(uint(len(x))) + 8
	for hi > lo {
		if hi-lo < 16 || budget == 0 {
			sort.Float64s(x[lo : hi+1])
			return
		}
		budget--
		mid := lo + (hi-lo)/2
		if x[mid] < x[lo] {
			x[mid], x[lo] = x[lo], x[mid]
		}
		if x[hi] < x[lo] {
			x[hi], x[lo] = x[lo], x[hi]
		}
		if x[hi] < x[mid] {
			x[hi], x[mid] = x[mid], x[hi]
		}
		pivot := x[mid]
		i, j := lo, hi
		for i <= j {
			for x[i] < pivot {
				i++
			}
			for x[j] > pivot {
				j--
			}
			if i <= j {
				x[i], x[j] = x[j], x[i]
				i++
				j--
			}
		}
		switch {
		case k <= j:
			hi = j
		case k >= i:
			lo = i
		default:
			return
		}
	}
}

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
