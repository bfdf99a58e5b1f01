package plots

import (
	"math"
	"slices"
)

// quantiles returns the p-quantiles of finite, non-empty v for ascending
// ps, by linear interpolation between closest ranks (numpy's default,
// Hyndman–Fan type 7). It reorders v in place: quickselect costs O(n) per
// quantile where sorting a million values costs ten times more.
func quantiles(v []float64, ps ...float64) []float64 {
	n := len(v)
	out := make([]float64, len(ps))
	lo := 0
	for i, p := range ps {
		h := p * float64(n-1)
		k := min(max(int(math.Floor(h)), lo), n-1)
		nthElement(v[lo:], k-lo)
		a, b := v[k], v[k]
		if k+1 < n && h > float64(k) {
			b = slices.Min(v[k+1:])
		}
		out[i] = a + (h-float64(k))*(b-a)
		lo = k
	}
	return out
}

// nthElement reorders v so that v[k] is the value a sort would put there,
// with no larger value before it and no smaller one after (Hoare's
// quickselect with a median-of-three pivot).
func nthElement(v []float64, k int) {
	lo, hi := 0, len(v)-1
	for hi > lo {
		if hi-lo < 16 {
			slices.Sort(v[lo : hi+1])
			return
		}
		mid := lo + (hi-lo)/2
		if v[mid] < v[lo] {
			v[mid], v[lo] = v[lo], v[mid]
		}
		if v[hi] < v[lo] {
			v[hi], v[lo] = v[lo], v[hi]
		}
		if v[hi] < v[mid] {
			v[hi], v[mid] = v[mid], v[hi]
		}
		pivot := v[mid]
		i, j := lo, hi
		for i <= j {
			for v[i] < pivot {
				i++
			}
			for v[j] > pivot {
				j--
			}
			if i <= j {
				v[i], v[j] = v[j], v[i]
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
