package plots

import (
	"fmt"
	"math"
	"slices"
)

// finite returns the finite values of v (a new slice) and how many were
// dropped as NaN (missing) or infinite.
func finite(v []float64) (out []float64, nan, inf int) {
	out = make([]float64, 0, len(v))
	for _, x := range v {
		switch {
		case math.IsNaN(x):
			nan++
		case math.IsInf(x, 0):
			inf++
		default:
			out = append(out, x)
		}
	}
	return out, nan, inf
}

// dropNote describes dropped values, or returns "" when none were dropped.
func dropNote(nan, inf int) string {
	switch {
	case nan > 0 && inf > 0:
		return fmt.Sprintf("%s and %s not shown", plural(nan, "missing value"), plural(inf, "infinite value"))
	case nan > 0:
		return plural(nan, "missing value") + " not shown"
	case inf > 0:
		return plural(inf, "infinite value") + " not shown"
	}
	return ""
}

// plural writes "1 value" or "12 values", with thousands separated.
func plural(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return thousands(n) + " " + noun + "s"
}

// thousands formats n with commas between groups of three digits.
func thousands(n int) string {
	s := fmt.Sprint(n)
	neg := n < 0
	if neg {
		s = s[1:]
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	if neg {
		return "-" + s
	}
	return s
}

// span returns the minimum and maximum of finite v; v must not be empty.
func span(v []float64) (lo, hi float64) {
	lo, hi = v[0], v[0]
	for _, x := range v[1:] {
		lo = min(lo, x)
		hi = max(hi, x)
	}
	return lo, hi
}

// widen returns a range around lo..hi that is never empty: a constant gets
// ±0.5 (or ±5% of its magnitude when that is larger).
func widen(lo, hi float64) (float64, float64) {
	if hi > lo {
		return lo, hi
	}
	d := math.Max(0.5, math.Abs(lo)*0.05)
	return lo - d, hi + d
}

// meanStd returns the mean and the sample standard deviation (ddof 1) of v,
// using a shifted two-pass sum for accuracy.
func meanStd(v []float64) (mean, std float64) {
	if len(v) == 0 {
		return math.NaN(), math.NaN()
	}
	var sum float64
	for _, x := range v {
		sum += x
	}
	mean = sum / float64(len(v))
	if len(v) < 2 {
		return mean, 0
	}
	var ss, comp float64
	for _, x := range v {
		d := x - mean
		ss += d * d
		comp += d
	}
	ss -= comp * comp / float64(len(v))
	return mean, math.Sqrt(math.Max(ss, 0) / float64(len(v)-1))
}

// lengthsMatch returns an error naming the inputs when their lengths differ.
func lengthsMatch(what string, a, b int) error {
	if a != b {
		return fmt.Errorf("%s: %d values against %d", what, a, b)
	}
	return nil
}

// sortByDesc sorts idx by key, largest first, ties kept in order.
func sortByDesc(idx []int, key func(int) float64) {
	slices.SortStableFunc(idx, func(a, b int) int {
		ka, kb := key(a), key(b)
		switch {
		case ka > kb:
			return -1
		case ka < kb:
			return 1
		}
		return 0
	})
}
