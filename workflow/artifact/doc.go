// Package artifact is the fitted model Modelbench saves and re-uses: a
// fitted preparation pipeline and a fitted model, together with what is
// needed to trust and reproduce them (format and app version, data hash,
// seed, creation time, input schema, learner and parameters, fit time). It
// is what `modelbench train` writes as model.json, what `predict` and
// `evaluate` read, what the Train step carries forward, and what
// cross-validation fits inside every fold: Prepare fits a pipeline on some
// rows once, Prepared.Fit trains any number of learners on the result, and
// Fit does both for a registered learner. Predict, Design, PredictMatrix
// and Score turn raw rows into predictions (Score pairs them with the
// truth, for evaluation). Class labels follow model.ClassLabels and the
// frame-to-matrix conversion is model.Matrix, so training, saving and
// evaluation read a target and a prepared frame the same way.
//
// The package sits below eval: it imports data, prep and model only.
//
// Error contract: data-dependent failures (missing columns, unseen target
// values, a file of another format or a newer version) are returned as
// errors naming the column, row or file; target problems wrap ErrTarget,
// missing input columns model.ErrSchemaMismatch. A cancelled context
// returns ctx.Err(). Panics mean broken invariants.
//
// Concurrency: an Artifact and a Prepared are immutable once built and
// safe for concurrent use; functions keep no state between calls.
package artifact
