// Package model defines what a learner is and what a fitted model is, the
// Dataset they work on, the registry of learners, the versioned JSON form of
// fitted models, and the baseline learner. The conformance suite every
// learner passes is in modeltest; the learner families live in
// sub-packages and are registered by importing model/learners.
//
// A Learner is configuration (exported fields, zero-value-safe defaults, an
// explicit Seed where randomness is involved); Fit returns a separate Model
// and never mutates the learner or its input. Optional capabilities
// (ProbPredictor, Importancer, Coefficienter, Explainer, Sizer,
// TreeEnsembler and TreeSampler) are small interfaces found by type
// assertion. TreeEnsemble is the view of a tree model that exporters
// (ONNX, PMML, scikit-learn) read: every node, how the trees' leaves
// combine into scores and how scores become probabilities, precisely
// enough to reproduce Predict and PredictProba bit for bit.
//
// Registry: Register (from init functions), Lookup, Entries (teaching
// order, baseline first) and New, which resolves parameter values against
// the entry's param.Specs before building the learner.
//
// Saving: Marshal writes {"type", "version", "model"}; Unmarshal finds the
// decoder registered with RegisterDecoder for the type. Floats survive the
// round trip bit for bit (Floats handles NaN and infinities). A model may
// also write a form made for reading (MarshalReadable) and tell its saved
// size without saving (Sizer, SavedSize). SplitMember cuts a large member
// out of a JSON object without encoding/json's byte-by-byte scan, which
// is what makes loading a large packed model fast.
//
// Error contract: data-dependent failures are returned as errors wrapping
// the sentinel errors of this package (ErrNoRows, ErrNoFeatures,
// ErrNoTarget, ErrMissingValues, ErrInfiniteFeatures, ErrNonFiniteTarget,
// ErrOneClass, ErrWrongTask, ErrSchemaMismatch, ErrUnknownLearner,
// ErrNotSaveable, ErrUnknownModelType, ErrBadModelFile), with the column and
// row where it applies; CheckFit and CheckPredict implement the common
// checks in a fixed order. Panics mean a broken internal invariant or a
// programming error at registration.
//
// Concurrency: the registry is safe for concurrent use; Learners and fitted
// Models are safe to use from several goroutines; Fit may use several
// goroutines itself.
package model
