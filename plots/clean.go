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

// widen returns a range around lo..hi that is never empty: a constant (or
// a range too narrow to draw, see degenerate) gets ±0.5 around its middle,
// or ±5% of its magnitude when that is larger.
func widen(lo, hi float64) (float64, float64) {
	if !degenerate(lo, hi) {
		return lo, hi
	}
	mid := lo/2 + hi/2
	d := math.Max(0.5, math.Abs(mid)*0.05)
	return mid - d, mid + d
}

// degenerate reports whether lo..hi is too narrow to draw: empty, or below
// 1e-12 of its magnitude, or so small (subnormal) that dividing by it
// overflows.
func degenerate(lo, hi float64) bool {
	w := hi - lo
	return !(w > 1e-12*math.Max(math.Abs(lo), math.Abs(hi))) || w < 1e-280
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

// unitPos returns where v lies between lo and hi as a share in [0, 1],
// computed on halves so that ranges near ±MaxFloat64 do not overflow; an
// empty or non-finite range gives 0.5.
func unitPos(v, lo, hi float64) float64 {
	t := (v/2 - lo/2) / (hi/2 - lo/2)
	if math.IsNaN(t) || math.IsInf(t, 0) {
		return 0.5
	}
	return math.Max(0, math.Min(1, t))
}

// lerp returns lo + t·(hi − lo) without overflowing for extreme lo, hi.
func lerp(lo, hi, t float64) float64 { return lo*(1-t) + hi*t }
