// Package prep owns Modelbench's Prepare step: a recorded, leakage-safe,
// serialisable preprocessing pipeline, and the train/validation/test
// splits and cross-validation folds it is fitted within.
//
// A Step is configuration: a kind from the registry (Kinds) and parameter
// values described by param.Specs, so the UI builds its forms from the same
// description that validates saved files. Fitting a step on training rows
// gives a Transform that only applies (fitted state: means, levels, bin
// edges, ...). A Pipeline is an ordered list of StepConfig values (kind,
// params, the user's reason, on/off); Pipeline.Fit fits the enabled steps
// in order on the training rows only, each seeing the previous steps'
// output, and returns a *Fitted that applies unchanged to validation, test
// and new data. Because every statistic is learnt inside Fit from the rows
// it is given, fitting on the training part of a Split can never leak
// validation or test rows into the preparation.
//
// Row-changing steps (filter_rows, remove_duplicates, rebalance) act on
// the training rows while fitting and are the identity when applied:
// scoring returns one row per input row. target_encode computes each
// training row's value out of fold while fitting (FitTransform returns
// those rows) and uses the full-training encoding on new data.
//
// Pipeline and Fitted marshal to versioned JSON ({"format":
// "modelbench.pipeline", "version": 1, ...}); a fitted pipeline read back
// applies bit for bit as the original. Numeric statistics follow NumPy
// and scikit-learn 1.2 definitions (see the tests' fixtures).
//
// Fitted.Export describes a fitted pipeline for exporters (ONNX, PMML,
// scikit-learn) as plain typed values, a PipelineExport: the input columns
// and the conversions Apply makes first, one typed description per step
// (ImputeExport, OneHotExport, DeriveExport with its expression's tree,
// ...) whose doc comment states exactly what Apply does with it, and the
// output column order. Fitted.Inputs lists the input columns. Yes/no
// values are labelled in their column's spelling ("Yes", "y", "TRUE") and
// matched to the labels a step learnt by truth value (YesNoMatch), so a
// pipeline fitted on Yes/No applies to new data spelled y/n. A test
// re-implements Apply from the descriptions alone and compares.
//
// Error contract: problems that depend on the user's data or settings are
// returned as errors: a *StepError names the step (1-based position and
// kind) and wraps a *ColumnError naming the column (and row when it
// applies); sentinel errors (ErrNoRows, ErrNoFeatures, ErrUnknownKind,
// ErrNotFitted, ErrVersion, ErrNotReady, ErrNotExportable) can be tested
// with errors.Is. Fit and Apply return ctx.Err() when the context is
// cancelled. Panics mean a broken internal invariant only.
//
// Concurrency: Pipelines are values (editing returns a copy); Steps,
// Transforms and Fitted pipelines are immutable and safe for concurrent
// use; so is Export, and the PipelineExport it returns is the caller's.
// Fit and Apply may use several goroutines internally (column by column)
// and report progress from the calling goroutine; they do not assume
// which goroutine that is.
package prep
