// Package linear holds the linear learners of the registry: "linear"
// (least squares, ridge, lasso and elastic net regression) and "logistic"
// (binary and multinomial logistic regression with L2, L1 or no penalty).
// Both produce a *Fitted model, which shows its weights (Coefficienter),
// explains a row as weight × value terms (Explainer) and saves as JSON
// (model type "linear", version 1).
//
// Objectives follow scikit-learn's, so alpha and C mean what they mean
// there. Plain least squares uses Householder QR with column pivoting and a
// rank cutoff, so rank-deficient designs (a full one-hot encoding,
// duplicated columns) give finite weights, with 0 for the aliased columns.
//
// Error contract: Fit returns the model package's sentinel errors (wrapped)
// for bad data: ErrMissingValues or ErrInfiniteFeatures (features must be
// imputed first), ErrNonFiniteTarget, ErrOneClass, ErrWrongTask, ErrNoRows;
// ctx.Err() when cancelled. Predict returns ErrSchemaMismatch or
// ErrMissingValues with the column and row.
//
// Concurrency: learners are values and fitted models immutable; both are
// safe for concurrent use. Logistic regression's loss and gradient run on
// all cores over fixed row chunks, so results do not depend on the core
// count.
package linear
