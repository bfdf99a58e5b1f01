// Package evalview draws the Evaluate step's figures from an
// eval.Assessment: the confusion matrix, ROC and precision–recall curves
// per class, calibration, cumulative gain and lift, the regression views
// (predicted against actual, residuals, their histogram and Q–Q plot),
// permutation importance and partial dependence.
//
// Error contract: a figure the task does not have returns
// plots.ErrNothingToDraw (wrapped); other errors come from package plots.
//
// Concurrency: functions only read their inputs and are safe for
// concurrent use.
package evalview
