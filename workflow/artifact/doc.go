// Package artifact is the fitted model Modelbench saves and re-uses: a
// fitted preparation pipeline and a fitted model, together with what is
// needed to trust and reproduce them (format and app version, data hash,
// seed, creation time, input schema, learner and parameters). It is what
// `modelbench train` writes as model.json, what `predict` and `evaluate`
// read, and what cross-validation fits inside every fold.
//
// Error contract: data-dependent failures (missing columns, unseen target
// values, a file of another format or a newer version) are returned as
// errors naming the column or file; panics mean broken invariants.
//
// Concurrency: an Artifact is immutable once built and safe for concurrent
// prediction.
package artifact
