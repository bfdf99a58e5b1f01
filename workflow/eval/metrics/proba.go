package metrics

import (
	"fmt"
	"math"
)

// LogLossEpsilon is where LogLoss clips probabilities: scikit-learn's
// eps="auto" for float64, the machine epsilon 2⁻⁵².
const LogLossEpsilon = 0x1p-52

// LogLoss returns the mean negative log-likelihood of the true classes
// under proba ([row][class], k columns), as scikit-learn's log_loss with
// labels=0..k-1: each probability is clipped to [ε, 1−ε], each row is
// renormalised to sum to 1, and a probability of 0 for the true class
// therefore costs about −ln ε ≈ 36. k must be at least 2.
func LogLoss(yTrue []int, proba [][]float64) (float64, error) {
	k, err := checkScored("log loss", yTrue, proba)
	if err != nil {
		return 0, err
	}
	if k < 2 {
		return 0, fmt.Errorf("log loss needs at least 2 classes, got %d: %w", k, ErrUndefined)
	}
	var sum float64
	for i, row := range proba {
		var rs float64
		for _, p := range row {
			rs += clip(p)
		}
		sum -= math.Log(clip(row[yTrue[i]]) / rs)
	}
	return sum / float64(len(yTrue)), nil
}

// RowLogLoss returns each row's contribution to LogLoss (same clipping),
// for finding the rows a classifier gets most confidently wrong.
func RowLogLoss(yTrue []int, proba [][]float64) ([]float64, error) {
	if _, err := checkScored("log loss", yTrue, proba); err != nil {
		return nil, err
	}
	out := make([]float64, len(yTrue))
	for i, row := range proba {
		var rs float64
		for _, p := range row {
			rs += clip(p)
		}
		out[i] = -math.Log(clip(row[yTrue[i]]) / rs)
	}
	return out, nil
}

func clip(p float64) float64 { return math.Min(math.Max(p, LogLossEpsilon), 1-LogLossEpsilon) }

// checkScored validates labels against a probability matrix and returns k.
func checkScored(what string, yTrue []int, proba [][]float64) (int, error) {
	if err := checkLen(what, len(yTrue), len(proba)); err != nil {
		return 0, err
	}
	k := len(proba[0])
	if err := checkProba(what, proba, k); err != nil {
		return 0, err
	}
	return k, checkClasses(what, yTrue, k)
}

// Brier returns the binary Brier score: the mean squared difference between
// the probability of the positive class and the outcome (1 for positive),
// as scikit-learn's brier_score_loss. Probabilities must lie in [0, 1].
func Brier(positive []bool, prob []float64) (float64, error) {
	if err := checkLen("Brier score", len(positive), len(prob)); err != nil {
		return 0, err
	}
	if err := checkUnit("Brier score", prob); err != nil {
		return 0, err
	}
	var sum float64
	for i, p := range prob {
		d := p
		if positive[i] {
			d = 1 - p
		}
		sum += d * d
	}
	return sum / float64(len(prob)), nil
}

// BrierMulticlass returns Brier's original multiclass score (Brier 1950):
// per row, the sum over classes of the squared difference between the
// probability and the indicator of the true class, averaged over rows. It
// ranges from 0 to 2; for two classes it is twice Brier (scikit-learn 1.2
// has no multiclass form; the tests use numpy on the definition).
func BrierMulticlass(yTrue []int, proba [][]float64) (float64, error) {
	if _, err := checkScored("Brier score", yTrue, proba); err != nil {
		return 0, err
	}
	var sum float64
	for i, row := range proba {
		if err := checkUnit("Brier score", row); err != nil {
			return 0, fmt.Errorf("row %d: %w", i+1, err)
		}
		for c, p := range row {
			if c == yTrue[i] {
				p = 1 - p
			}
			sum += p * p
		}
	}
	return sum / float64(len(yTrue)), nil
}

// checkUnit fails when a probability is outside [0, 1] or not finite.
func checkUnit(what string, prob []float64) error {
	for i, p := range prob {
		if !(p >= 0 && p <= 1) {
			return fmt.Errorf("%s: value %d is %v, not a probability in [0, 1]: %w", what, i+1, p, ErrProbability)
		}
	}
	return nil
}
