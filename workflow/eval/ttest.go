package eval

import (
	"errors"
	"fmt"
	"math"
)

// SignificanceLevel is the p-value below which Compare calls a difference
// "likely real". 0.05 is the usual convention; it still means one
// comparison in twenty between equally good models looks real by chance.
const SignificanceLevel = 0.05

// ErrFolds means two sets of fold scores cannot be compared.
var ErrFolds = errors.New("the fold scores cannot be compared")

// TTest is the outcome of a corrected resampled t-test.
type TTest struct {
	MeanDiff float64 `json:"mean_diff"` // mean over folds of a − b
	StdDiff  float64 `json:"std_diff"`  // sample standard deviation of a − b
	T        float64 `json:"t"`         // the corrected statistic; ±Inf when every fold differs by the same amount
	P        float64 `json:"p"`         // two-sided p-value
	DF       int     `json:"df"`        // degrees of freedom: folds − 1
	Folds    int     `json:"folds"`
}

// CorrectedTTest compares two models' scores on the same folds with the
// corrected resampled t-test of Nadeau & Bengio (2003, "Inference for the
// generalization error", Machine Learning 52), in the form of Bouckaert &
// Frank (2004) for (repeated) k-fold cross-validation. The plain paired
// t-test is far too confident here because the training sets of the
// folds overlap; the correction inflates the variance of the mean
// difference from σ²/J to (1/J + n_test/n_train)·σ². testTrainRatio is
// n_test/n_train (1/(k−1) for k-fold). a[j] and b[j] must come from the
// same fold j; at least two folds are needed.
func CorrectedTTest(a, b []float64, testTrainRatio float64) (TTest, error) {
	if len(a) != len(b) {
		return TTest{}, fmt.Errorf("%d fold scores against %d: %w", len(a), len(b), ErrFolds)
	}
	j := len(a)
	if j < 2 {
		return TTest{}, fmt.Errorf("at least two folds are needed, got %d: %w", j, ErrFolds)
	}
	if !(testTrainRatio > 0) || math.IsInf(testTrainRatio, 0) {
		return TTest{}, fmt.Errorf("test/train size ratio %v must be positive: %w", testTrainRatio, ErrFolds)
	}
	return pairedTTest(a, b, testTrainRatio)
}

// pairedTTest is the paired t-test of CorrectedTTest with the variance
// inflated by (1/J + ratio); ratio 0 is the plain paired t-test, right when
// no model learnt from any of the scored parts.
func pairedTTest(a, b []float64, testTrainRatio float64) (TTest, error) {
	if len(a) != len(b) || len(a) < 2 {
		return TTest{}, fmt.Errorf("%d scores against %d, at least two each: %w", len(a), len(b), ErrFolds)
	}
	j := len(a)
	d := make([]float64, j)
	for i := range a {
		d[i] = a[i] - b[i]
		if math.IsNaN(d[i]) || math.IsInf(d[i], 0) {
			return TTest{}, fmt.Errorf("fold %d has no finite score: %w", i+1, ErrFolds)
		}
	}
	mean := meanOf(d)
	var ss float64
	for _, x := range d {
		ss += (x - mean) * (x - mean)
	}
	v := ss / float64(j-1)
	r := TTest{MeanDiff: mean, StdDiff: math.Sqrt(v), DF: j - 1, Folds: j}
	switch {
	case v == 0 && mean == 0:
		r.T, r.P = 0, 1
	case v == 0:
		r.T, r.P = math.Copysign(math.Inf(1), mean), 0
	default:
		r.T = mean / math.Sqrt((1/float64(j)+testTrainRatio)*v)
		r.P = 2 * studentTTail(r.T, float64(r.DF))
	}
	return r, nil
}

func meanOf(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += x
	}
	return s / float64(len(v))
}
