// Package eval is where Modelbench checks how good a model really is:
// leakage-free hold-out and k-fold cross-validation (the preparation
// pipeline is fitted inside each fold on that fold's training rows only),
// grid and random hyperparameter search scored by cross-validation, the
// leaderboard with the baseline always present, the corrected resampled
// t-test for comparing two models on the same folds, model understanding
// (permutation importance, partial dependence and ICE lines, per-row
// explanations), metrics per slice of the data, the worst-predicted rows,
// and the discipline warnings that keep a user from fooling themselves
// (scores on training rows, model selection on the test set). The metrics,
// curves and the threshold explorer live in the sub-package metrics.
//
// A fitted pipeline and model is always an *artifact.Artifact: each fold
// prepares its training rows once (artifact.Prepare) and fits every
// learner on them; Holdout, PermutationImportance, PartialDependence,
// ExplainRow, Score and Assess take or return artifacts, the same type
// `modelbench train` saves. Class labels and the frame-to-matrix
// conversion are model.ClassLabels, model.TargetValues and model.Matrix;
// what stays here is evaluation-specific: the truth of every row read once
// for all folds, the folds themselves (prep.FoldSpec, or the caller's) and
// the scores.
//
// Error contract: problems that depend on the user's data or choices (a
// missing target column, too few rows of a class for the folds, an unknown
// metric or parameter) are returned as errors that name the column, fold
// or parameter and wrap the sentinel errors of this package, of metrics, of
// prep or of model. Long operations take a context.Context, report progress
// through a progress.Func and return ctx.Err() promptly once it is
// cancelled. Panics mean a broken internal invariant.
//
// Concurrency: functions do not keep state between calls and may be
// called from any goroutine. Cross-validation and search run folds on
// several goroutines (at most CVOptions.Workers); progress callbacks may
// therefore arrive from several goroutines. Results are plain values,
// safe to read concurrently once returned.
package eval
