package metrics

import "modelbench/workflow/model"

// The registered scorers. Each computes from Predictions through the
// functions of this package, so a scorer equals its function's value.
func init() {
	confusion := func(f func(c *Confusion) float64) func(s *scoring) (float64, error) {
		return func(s *scoring) (float64, error) {
			c, err := s.confusion()
			if err != nil {
				return 0, err
			}
			return f(c), nil
		}
	}
	clf := func(name, label, help string, f func(c *Confusion) float64, classes int) {
		register(Scorer{Name: name, Label: label, Help: help, Task: model.Classification,
			HigherIsBetter: true, Classes: classes, score: confusion(f)})
	}
	clf("accuracy", "Accuracy", "Share of rows predicted correctly.", (*Confusion).Accuracy, 0)
	clf("balanced_accuracy", "Balanced accuracy", "Mean recall over the classes; 1/k for a model that always predicts one class.", (*Confusion).BalancedAccuracy, 0)
	clf("mcc", "Matthews correlation", "Correlation between truth and prediction, −1 to 1; 0 is no better than chance.", (*Confusion).MCC, 0)
	clf("kappa", "Cohen's kappa", "Agreement beyond chance, −1 to 1.", (*Confusion).Kappa, 0)
	clf("precision", "Precision", "Share of rows predicted positive (class 1) that are.", func(c *Confusion) float64 { return c.Precision(1) }, 2)
	clf("recall", "Recall", "Share of positive rows (class 1) that were found.", func(c *Confusion) float64 { return c.Recall(1) }, 2)
	clf("f1", "F1", "Harmonic mean of precision and recall of class 1.", func(c *Confusion) float64 { return c.F1(1) }, 2)
	for _, avg := range []Average{Macro, Weighted} {
		sfx, lbl := "_"+avg.String(), " ("+avg.String()+")"
		how := map[Average]string{Macro: "unweighted mean over classes", Weighted: "mean over classes weighted by their size"}[avg]
		clf("precision"+sfx, "Precision"+lbl, "Precision, "+how+".", func(c *Confusion) float64 { return c.Averaged(avg).Precision }, 0)
		clf("recall"+sfx, "Recall"+lbl, "Recall, "+how+".", func(c *Confusion) float64 { return c.Averaged(avg).Recall }, 0)
		clf("f1"+sfx, "F1"+lbl, "F1, "+how+".", func(c *Confusion) float64 { return c.Averaged(avg).F1 }, 0)
	}
	registerProba()
	registerRegression()
}

func registerProba() {
	proba := func(name, label, help string, higher bool, classes int, f func(s *scoring) (float64, error)) {
		register(Scorer{Name: name, Label: label, Help: help, Task: model.Classification,
			HigherIsBetter: higher, NeedsProba: true, Classes: classes, score: f})
	}
	proba("log_loss", "Log loss", "Mean negative log-probability of the true class; punishes confident mistakes.", false, 0,
		func(s *scoring) (float64, error) { yt, _ := s.labels(); return LogLoss(yt, s.p.Proba) })
	proba("roc_auc", "ROC AUC", "Chance that a positive row scores above a negative one (one-vs-rest macro mean for 3+ classes).", true, 0,
		func(s *scoring) (float64, error) {
			if len(s.p.Classes) != 2 {
				yt, _ := s.labels()
				return ROCAUCOvR(yt, s.p.Proba, Macro)
			}
			r, err := s.ranking()
			if err == nil {
				err = r.needBoth("ROC AUC")
			}
			if err != nil {
				return 0, err
			}
			return r.auc(), nil
		})
	proba("average_precision", "Average precision", "Area under the precision–recall curve of class 1, step-wise.", true, 2,
		func(s *scoring) (float64, error) {
			r, err := s.ranking()
			if err != nil {
				return 0, err
			}
			return r.ap(), nil
		})
	proba("brier", "Brier score", "Mean squared error of the probability of class 1.", false, 2,
		func(s *scoring) (float64, error) { yt, _ := s.labels(); return Brier(ClassScores(yt, s.p.Proba, 1)) })
	proba("brier_multiclass", "Brier score (multiclass)", "Sum over classes of the squared error of each probability, averaged over rows (0 to 2).", false, -3,
		func(s *scoring) (float64, error) { yt, _ := s.labels(); return BrierMulticlass(yt, s.p.Proba) })
}

func registerRegression() {
	reg := func(name, label, help string, higher bool, f func(a, b []float64) (float64, error)) {
		register(Scorer{Name: name, Label: label, Help: help, Task: model.Regression, HigherIsBetter: higher,
			score: func(s *scoring) (float64, error) { return f(s.p.Truth, s.p.Pred) }})
	}
	reg("r2", "R²", "Share of the target's variance explained; 0 is predicting the mean, negative is worse.", true, R2)
	reg("rmse", "RMSE", "Root mean squared error, in the target's unit.", false, RMSE)
	reg("mse", "MSE", "Mean squared error.", false, MSE)
	reg("mae", "MAE", "Mean absolute error, in the target's unit.", false, MAE)
	reg("mape", "MAPE", "Mean absolute percentage error, as a fraction; explodes near zero targets.", false, MAPE)
	reg("median_ae", "Median absolute error", "Median of the absolute errors; robust to a few wild rows.", false, MedianAE)
	reg("explained_variance", "Explained variance", "Like R² but ignores a constant bias.", true, ExplainedVariance)
	reg("max_error", "Max error", "Largest absolute error.", false, MaxError)
}
