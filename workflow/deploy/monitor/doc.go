// Package monitor is the one implementation of model monitoring that the
// scoring service, the desktop's Monitor screen and `modelbench monitor`
// share: the training baseline, the drift statistics, and the report on a
// window of logged requests with its live metrics, so that all three give
// the same numbers and the same verdicts.
//
// # Baseline
//
// NewBaseline profiles the raw input columns of the training rows (as the
// service receives them, before the preparation) and the model's
// predictions on them into a Baseline, written as baseline.json in the
// deployment package (Save, LoadBaseline, DecodeBaseline). Numeric columns
// keep their count, missing share, mean, standard deviation, range, PSI
// bins from the training deciles and a bounded sorted sample (MaxSample
// values) for the two-sample tests; categorical, boolean and text columns
// keep their MaxLevels most frequent levels and an "other" bucket;
// datetime columns are profiled as numbers in Unix seconds. The format is
// versioned; another format or version is an error.
//
// # Statistics
//
// Each is a function with its definition and source in its doc comment,
// tested against scipy 1.10 and numpy (testdata/make_fixtures.py): PSI,
// KS2Samp (scipy.stats.ks_2samp, method "auto"), Wasserstein and
// NormalizedWasserstein (scipy.stats.wasserstein_distance, Evidently's
// normalisation), ChiSquare (scipy.stats.chisquare) and JensenShannon
// (scipy.spatial.distance.jensenshannon, natural log).
//
// The test a column gets follows Evidently's defaults: a window of at most
// SmallWindow rows gets a significance test (KS for numbers, chi-square for
// levels; drift when p < PValueThreshold), a larger one a distance
// (normalised Wasserstein from WassersteinThreshold, Jensen–Shannon from
// JSThreshold). Every Result names its test, statistic, p-value (NaN for
// the distances), threshold and verdict, with a sentence for a learner.
//
// # Reports
//
// Summarise (records with inputs in maps) and SummariseFrame (inputs in a
// data.Frame) compare a window with the baseline: per-feature drift ranked
// by Result.Score, PSI, missing-value shift, levels never seen in
// training, prediction drift, latency percentiles, request and error
// counts, and live metrics (LiveMetrics) where feedback arrived. Each
// column carries its training and window distributions on common bins
// (Distribution) for figures, and the report its activity over time
// (ActivityPoint: requests, errors, latency and live metrics per step of
// ActivityStepFor the window's span). An Accumulator builds the same
// report one record at a time, for logs too large to hold as records.
// Trend reports per hour, day or week.
//
// # Errors
//
// Inputs that cannot be used (no rows, lengths that differ, NaN in a
// sample, a damaged baseline) are errors that wrap the sentinels of this
// package (ErrFormat, ErrVersion, ErrBaseline, ErrEmptySample, ErrNaN, …)
// and name the feature or entry. Values in a window that do not fit their
// column are not errors: they are counted (FeatureDrift.Invalid) and
// treated as missing. Cancellation returns ctx.Err(). Panics are kept for
// broken internal invariants.
//
// # Concurrency
//
// Functions are safe to call from any number of goroutines; they read
// their arguments and never modify them. A Baseline is not modified after
// NewBaseline or DecodeBaseline returns it. Summarise runs the per-column
// tests on one goroutine per core and waits for them. The progress
// callback is called from the calling goroutine only.
//
// The package builds without cgo and never imports Fyne, gonum/plot,
// gota, workflow/eda or workflow/source, so that the scoring service can
// link it (see workflow/imports_test.go).
package monitor
