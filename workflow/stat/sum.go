package stat

import "math"

// CompensatedSum adds vals with Neumaier's improved Kahan summation
// (Neumaier 1974), whose error does not grow with the number of values, so
// means of long columns agree with pandas and numpy. An empty slice sums
// to 0; any NaN or infinite value gives NaN (callers keep finite values).
// vals is not changed.
func CompensatedSum(vals []float64) float64 {
	var s, c float64
	for _, v := range vals {
		t := s + v
		if math.Abs(s) >= math.Abs(v) {
			c += (s - t) + v
		} else {
			c += (v - t) + s
		}
		s = t
	}
	return s + c
}
