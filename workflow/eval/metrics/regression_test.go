package metrics

import (
	"errors"
	"math"
	"testing"
)

// TestRegression_MatchesScikitLearn checks the regression metrics against
// scikit-learn 1.2.1's mean_absolute_error, mean_squared_error (also with
// squared=False), r2_score, mean_absolute_percentage_error,
// median_absolute_error, explained_variance_score and max_error.
func TestRegression_MatchesScikitLearn(t *testing.T) {
	funcs := map[string]func(a, b []float64) (float64, error){
		"mae": MAE, "mse": MSE, "rmse": RMSE, "r2": R2, "mape": MAPE,
		"median_ae": MedianAE, "explained_variance": ExplainedVariance, "max_error": MaxError,
	}
	for _, c := range loadFixtures(t).Regression {
		t.Run(c.Name, func(t *testing.T) {
			for name, f := range funcs {
				v, err := f(c.YTrue, c.YPred)
				checkScalar(t, name, c.Want[name], v, err)
			}
		})
	}
}

func nan() float64 { return math.NaN() }

func TestRegression_RejectsBadInput(t *testing.T) {
	if _, err := MAE(nil, nil); !errors.Is(err, ErrEmpty) {
		t.Errorf("empty: %v", err)
	}
	if _, err := R2([]float64{1, 2}, []float64{1}); !errors.Is(err, ErrLength) {
		t.Errorf("lengths: %v", err)
	}
	if _, err := RMSE([]float64{1, 2}, []float64{1, math.Inf(1)}); !errors.Is(err, ErrNotFinite) {
		t.Errorf("infinite prediction: %v", err)
	}
	if _, err := MedianAE([]float64{nan()}, []float64{1}); !errors.Is(err, ErrNotFinite) {
		t.Errorf("NaN truth: %v", err)
	}
}
