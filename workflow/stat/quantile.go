package stat

import (
	"math"
	"math/bits"
	"slices"
)

// The quantile helpers below are the one implementation of numpy 1.24's
// "linear" method (Hyndman and Fan's type 7) in Modelbench: eda's column
// statistics, prep's fitted steps and the plots' box and histogram
// summaries all use them, so a quartile is the same number everywhere.
// numpy computes the virtual index (n−1)·q, takes the order statistics on
// either side of it, and interpolates with its _lerp, which works from the
// upper end when the fraction is at least one half; following it to the
// letter makes results agree with numpy and pandas to the last bit.

// QuantileSorted returns the q-quantile (q in [0, 1]) of ascending values
// by numpy's linear method. sorted must be in ascending order and hold no
// NaN; an empty slice gives NaN. sorted is not changed.
func QuantileSorted(sorted []float64, q float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	k, g := virtualIndex(q, n)
	if k == n-1 {
		return sorted[k]
	}
	return lerp(sorted[k], sorted[k+1], g)
}

// Quantiles returns the qs-quantiles of v (each q in [0, 1], in any order),
// equal to QuantileSorted on a sorted copy of v, without sorting all of
// it: v is reordered in place by selection, which costs O(n) per quantile
// where a sort costs O(n log n). v must hold no NaN (filter them first);
// an empty v gives NaN for every q. Many quantiles (more than 8) or a
// short v (under 64 values) are served by sorting v instead.
func Quantiles(v []float64, qs ...float64) []float64 {
	out := make([]float64, len(qs))
	n := len(v)
	switch {
	case n == 0:
		for i := range out {
			out[i] = math.NaN()
		}
		return out
	case len(qs) > 8 || n < 64:
		slices.Sort(v)
		for i, q := range qs {
			out[i] = QuantileSorted(v, q)
		}
		return out
	}
	order := make([]int, len(qs))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(a, b int) int { return cmpFloat(qs[a], qs[b]) })
	lo := 0 // v[:lo] holds no value above v[lo]
	for _, i := range order {
		k, g := virtualIndex(qs[i], n)
		k = max(k, lo)
		selectK(v[lo:], k-lo)
		if k == n-1 {
			out[i] = v[k]
		} else {
			out[i] = lerp(v[k], slices.Min(v[k+1:]), g)
		}
		lo = k
	}
	return out
}

// Median returns the median of v as numpy's median computes it: the middle
// value, or the mean of the two middle values for an even count. v must
// hold no NaN; an empty v gives NaN. v is reordered in place.
func Median(v []float64) float64 {
	n := len(v)
	if n == 0 {
		return math.NaN()
	}
	selectK(v, n/2)
	if n%2 == 1 {
		return v[n/2]
	}
	return (slices.Max(v[:n/2]) + v[n/2]) / 2
}

// virtualIndex splits numpy's linear virtual index (n−1)·q into its floor,
// clamped to [0, n−1], and the fraction above it (0 when clamped).
func virtualIndex(q float64, n int) (int, float64) {
	vi := float64(n-1) * q
	lo := math.Floor(vi)
	switch {
	case !(lo >= 0): // also a NaN q
		return 0, 0
	case lo >= float64(n-1):
		return n - 1, 0
	}
	return int(lo), vi - lo
}

// lerp is numpy's _lerp: a + (b−a)·t, computed from b when t >= 0.5.
func lerp(a, b, t float64) float64 {
	d := b - a
	if t >= 0.5 {
		return b - d*(1-t)
	}
	return a + d*t
}

// cmpFloat orders floats ascending, NaN first (for sorting quantile
// requests; a NaN q is treated as 0 by virtualIndex).
func cmpFloat(a, b float64) int {
	switch {
	case a < b || math.IsNaN(a) && !math.IsNaN(b):
		return -1
	case a > b || math.IsNaN(b) && !math.IsNaN(a):
		return 1
	}
	return 0
}

// selectK reorders x so that x[k] holds the value a sort would put there,
// with no larger value before it and no smaller one after it (Hoare's
// selection with a median-of-three pivot). It sorts the remaining range
// when it is short or when partitions shrink too slowly, so adversarial
// input costs O(n log n) rather than O(n²).
func selectK(x []float64, k int) {
	lo, hi := 0, len(x)-1
	budget := 2*bits.Len(uint(len(x))) + 8
	for hi > lo {
		if hi-lo < 16 || budget == 0 {
			slices.Sort(x[lo : hi+1])
			return
		}
		budget--
		i, j := partition(x, lo, hi)
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

// partition splits x[lo..hi] around the median of its first, middle and
// last values, Hoare's way: afterwards x[lo..j] <= pivot <= x[i..hi] and
// every value between j and i equals the pivot.
func partition(x []float64, lo, hi int) (i, j int) {
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
	i, j = lo, hi
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
	return i, j
}
