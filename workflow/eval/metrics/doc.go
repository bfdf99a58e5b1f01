// Package metrics scores predictions the way scikit-learn does: the
// classification metrics (accuracy, balanced accuracy, precision, recall,
// F1, Matthews correlation, Cohen's kappa, log loss, ROC AUC, average
// precision, Brier score), the confusion matrix and classification report,
// the regression metrics (MAE, RMSE, R², MAPE, median absolute error,
// explained variance), the curves as data (ROC, precision–recall,
// calibration, cumulative gain and lift), a threshold explorer for binary
// classifiers, the Scorer registry that the leaderboard and the search pick
// metrics from by name, and the Metrics object written by
// `modelbench evaluate --json`.
//
// Every number equals scikit-learn 1.2.1's on the same input (see
// testdata/make_fixtures.py); where this package deliberately differs, the
// function's doc comment says so and why.
//
// Conventions: classes are indices 0..k-1 ([]int); a binary problem's
// positive class is index 1, and the binary ranking functions take the
// truth as []bool (true = positive) with one score per row, higher meaning
// more likely positive. Probabilities are row-major: proba[row][class].
//
// Error contract: inputs that cannot be scored (no rows, lengths that
// differ, a class index out of range, NaN or infinite scores) and metrics
// that scikit-learn refuses to compute (ROC AUC when y_true holds a single
// class) return errors wrapping the sentinel errors below, with the row or
// class named. Where scikit-learn returns a value with a warning (precision
// with no predicted positive is 0), the same value is returned; where it
// returns NaN (Cohen's kappa when both raters use one class, R² of a single
// row), NaN is returned and the doc comment says so.
//
// Concurrency: functions are pure; the types built here (Confusion,
// ThresholdExplorer, curves) are immutable after construction and safe to
// read from several goroutines. The Scorer registry is filled at init and
// read-only afterwards.
package metrics
