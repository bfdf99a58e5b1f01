package metrics

import (
	"math"
	"slices"
)

// MAPEEpsilon is the smallest denominator MAPE divides by: scikit-learn
// uses the float64 machine epsilon, so a true value of 0 gives a huge but
// finite percentage error.
const MAPEEpsilon = 0x1p-52

// checkRegression validates a pair of value slices.
func checkRegression(what string, yTrue, yPred []float64) error {
	if err := checkLen(what, len(yTrue), len(yPred)); err != nil {
		return err
	}
	if err := checkFinite(what+": true values", yTrue); err != nil {
		return err
	}
	return checkFinite(what+": predictions", yPred)
}

// MAE returns the mean absolute error.
func MAE(yTrue, yPred []float64) (float64, error) {
	if err := checkRegression("MAE", yTrue, yPred); err != nil {
		return 0, err
	}
	var s float64
	for i, y := range yTrue {
		s += math.Abs(y - yPred[i])
	}
	return s / float64(len(yTrue)), nil
}

// MSE returns the mean squared error.
func MSE(yTrue, yPred []float64) (float64, error) {
	if err := checkRegression("MSE", yTrue, yPred); err != nil {
		return 0, err
	}
	var s float64
	for i, y := range yTrue {
		d := y - yPred[i]
		s += d * d
	}
	return s / float64(len(yTrue)), nil
}

// RMSE returns the root mean squared error, in the target's unit.
func RMSE(yTrue, yPred []float64) (float64, error) {
	mse, err := MSE(yTrue, yPred)
	return math.Sqrt(mse), err
}

// R2 returns the coefficient of determination, 1 − SSres/SStot, as
// scikit-learn's r2_score (force_finite=True): 1 for perfect predictions
// even of a constant truth, 0 for imperfect predictions of a constant
// truth, and NaN for a single row, where it is not defined. It is negative
// when the predictions are worse than the mean of the truth.
func R2(yTrue, yPred []float64) (float64, error) {
	if err := checkRegression("R²", yTrue, yPred); err != nil {
		return 0, err
	}
	if len(yTrue) < 2 {
		return math.NaN(), nil
	}
	mean := meanOf(yTrue)
	var res, tot float64
	for i, y := range yTrue {
		d := y - yPred[i]
		res += d * d
		tot += (y - mean) * (y - mean)
	}
	return finiteScore(res, tot), nil
}

// ExplainedVariance returns 1 − Var(y − ŷ)/Var(y), as scikit-learn's
// explained_variance_score (force_finite=True). Unlike R² it ignores a
// constant bias in the predictions.
func ExplainedVariance(yTrue, yPred []float64) (float64, error) {
	if err := checkRegression("explained variance", yTrue, yPred); err != nil {
		return 0, err
	}
	diff := make([]float64, len(yTrue))
	for i, y := range yTrue {
		diff[i] = y - yPred[i]
	}
	return finiteScore(variance(diff), variance(yTrue)), nil
}

// finiteScore is 1 − num/den with scikit-learn's force_finite rules.
func finiteScore(num, den float64) float64 {
	switch {
	case num == 0:
		return 1
	case den == 0:
		return 0
	}
	return 1 - num/den
}

func meanOf(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}

// variance is the population variance (divided by n).
func variance(v []float64) float64 {
	m := meanOf(v)
	var s float64
	for _, x := range v {
		s += (x - m) * (x - m)
	}
	return s / float64(len(v))
}

// MAPE returns the mean absolute percentage error as a fraction (0.1 means
// 10 %), each error divided by max(|y|, MAPEEpsilon) as in scikit-learn.
// It explodes when true values are near 0; prefer MAE then.
func MAPE(yTrue, yPred []float64) (float64, error) {
	if err := checkRegression("MAPE", yTrue, yPred); err != nil {
		return 0, err
	}
	var s float64
	for i, y := range yTrue {
		s += math.Abs(yPred[i]-y) / math.Max(math.Abs(y), MAPEEpsilon)
	}
	return s / float64(len(yTrue)), nil
}

// MedianAE returns the median absolute error (the mean of the two middle
// errors for an even count), robust to a few wild predictions.
func MedianAE(yTrue, yPred []float64) (float64, error) {
	abs, err := AbsErrors(yTrue, yPred)
	if err != nil {
		return 0, err
	}
	slices.Sort(abs)
	n := len(abs)
	if n%2 == 1 {
		return abs[n/2], nil
	}
	return (abs[n/2-1] + abs[n/2]) / 2, nil
}

// MaxError returns the largest absolute error.
func MaxError(yTrue, yPred []float64) (float64, error) {
	abs, err := AbsErrors(yTrue, yPred)
	if err != nil {
		return 0, err
	}
	return slices.Max(abs), nil
}

// AbsErrors returns |y − ŷ| per row, for error analysis.
func AbsErrors(yTrue, yPred []float64) ([]float64, error) {
	if err := checkRegression("absolute error", yTrue, yPred); err != nil {
		return nil, err
	}
	out := make([]float64, len(yTrue))
	for i, y := range yTrue {
		out[i] = math.Abs(y - yPred[i])
	}
	return out, nil
}
