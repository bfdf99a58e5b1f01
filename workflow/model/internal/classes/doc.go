// Package classes turns per-class scores into the class predictions and
// probabilities of the model packages, so that every classifier breaks
// ties and normalises scores the same way.
//
// Scores are class-major: scores[c][i] is class c's score for row i, the
// layout in which the linear models and naive Bayes compute them.
//
// Error contract: nothing here returns an error; callers pass at least one
// class with equal-length score columns (a violation panics, as a broken
// internal invariant).
//
// Concurrency: the functions keep no state and only read their inputs;
// they are safe for concurrent use.
package classes
