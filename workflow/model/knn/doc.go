// Package knn holds the k-nearest-neighbours learner of the registry
// ("knn") for classification and regression, with euclidean or manhattan
// distance and uniform or distance weights.
//
// Neighbour search is exact. For euclidean distance the rows are first
// turned onto their principal axes (distances do not change; flat axes are
// dropped). When the rows spread in at most MaxTreeSpread directions a k-d
// tree with bounding boxes prunes the training rows; otherwise every
// training row is scanned. Both use partial distance sums that stop as soon as a row
// cannot enter the current k best, and rank equal distances by training
// row, so they return the same neighbours. Predictions run in parallel over
// query rows on all cores; each row's result is independent of scheduling.
//
// Error contract: Fit returns the model package's sentinel errors (wrapped)
// for bad data (ErrMissingValues: impute first; ErrNonFiniteTarget,
// ErrOneClass, ErrNoRows), ctx.Err() when cancelled; Predict returns
// ErrSchemaMismatch or ErrMissingValues with the column and row.
//
// Concurrency: learners are values and fitted models immutable (the search
// uses per-call scratch space); both are safe for concurrent use.
package knn
