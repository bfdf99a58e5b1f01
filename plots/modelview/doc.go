// Package modelview draws what the Train step shows about models: the
// leaderboard, a decision tree, the coefficients of a linear model and the
// feature importances of a tree ensemble. It adapts the workflow's result
// types to the figures of package plots.
//
// Error contract: functions return errors, wrapping plots.ErrNothingToDraw
// where a model has nothing of that kind; they do not panic on user data.
//
// Concurrency: functions only read their inputs and are safe for
// concurrent use.
package modelview
