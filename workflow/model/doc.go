// Package model defines what a learner is and what a fitted model is, the
// Dataset they work on, the registry of learners, the versioned JSON form of
// fitted models, and a conformance suite every learner passes.
//
// A Learner is configuration (exported fields, zero-value-safe defaults, an
// explicit Seed); Fit returns a separate Model and never mutates the learner
// or its input. Optional capabilities (ProbPredictor, Importancer, ...) are
// small interfaces found by type assertion.
//
// Error contract: data-dependent failures (no rows, one class, missing
// values, a column mismatch) are returned as errors wrapping the sentinel
// errors of this package; panics mean a broken internal invariant.
//
// Concurrency: Learners and fitted Models are safe to use from several
// goroutines; Fit may use several goroutines itself.
package model
