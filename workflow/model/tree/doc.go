// Package tree owns Modelbench's tree learners: a CART decision tree
// ("tree"), a random forest of CART trees ("forest") and histogram-based
// gradient-boosted trees ("gbt"). It registers them with the model registry
// from its init function, so importing modelbench/workflow/model/learners is
// enough to find them.
//
// Algorithms and sources:
//   - DecisionTree follows CART (Breiman, Friedman, Olshen and Stone,
//     "Classification and Regression Trees", 1984): binary splits on one
//     feature at a time, chosen by the largest decrease of Gini impurity,
//     entropy or squared error, thresholds half-way between neighbouring
//     distinct values, and minimal cost-complexity pruning (chapter 3.3).
//     Each feature is sorted once per fit; nodes partition the sorted index
//     lists, so no node sorts again.
//   - RandomForest follows Breiman, "Random Forests" (Machine Learning 45,
//     2001): each tree sees a bootstrap sample of the rows and a random
//     subset of the features at every split; class probabilities (or values)
//     are averaged; rows left out of a tree's sample give the out-of-bag score.
//   - GradientBoosting follows Friedman, "Greedy Function Approximation: a
//     Gradient Boosting Machine" (2001) with second-order leaf values and the
//     histogram technique of LightGBM (Ke et al., NIPS 2017) as in
//     scikit-learn's HistGradientBoosting: features are binned once into at
//     most 255 quantile bins plus one bin for missing values, trees grow
//     best-first, a child's histogram is its parent's minus its sibling's.
//
// Missing values: all three learners accept NaN in X. At every split they
// learn which side missing values go to (the side that lowers the loss
// most, measured on the training rows that had the value missing); when no
// training row at that node had the value missing, missing values follow
// the child that received more training rows. No learner here returns
// model.ErrMissingValues.
//
// Error contract: Fit returns errors wrapping the sentinel errors of package
// model (model.ErrNoRows, model.ErrOneClass, model.ErrNonFiniteTarget,
// model.ErrWrongTask, ...) for unusable data, a plain error naming the
// parameter for an invalid configuration, and ctx.Err() when cancelled.
// Predict returns model.ErrSchemaMismatch when X has the wrong number of
// columns or ragged columns. Panics mean a broken internal invariant.
//
// Concurrency: learners are plain configuration values and fitted models are
// immutable; both are safe for use from several goroutines. Fit and Predict
// use up to runtime.GOMAXPROCS(0) goroutines of their own (boosting keeps
// its helpers for the whole fit, spinning briefly between its many short
// parallel steps), and their results do not depend on how those goroutines
// are scheduled: every random draw comes from a PCG stream derived from the
// Seed and the tree's index, and every parallel sum is split into fixed
// blocks added in a fixed order.
//
// Saving: version 2 of the saved form packs the trees into base64 (see
// packed.go: implicit left children, leaf class counts, small feature
// indices), about a seventh of version 1's JSON; MarshalReadableJSON
// writes them as JSON arrays instead, and version 1 files still load. A
// forest keeps of its trees only the values (and for classification the
// bootstrap weights, which its class counts imply), a boosted model only
// the values: their importances are computed at fit time and saved.
//
// Inspection: TreeModel.Nodes, ForestModel.Tree and BoostingModel.Tree give
// the trees as plain Node values for drawing; all three implement
// model.TreeEnsembler (and TreeModel model.TreeSampler) for exporters; TreeModel.Path gives the
// nodes one row visits and TreeModel.PruningPath the cost-complexity
// pruning path; all three models implement model.Importancer and
// model.Explainer (the decision path for a tree, path contributions summed
// per feature for the ensembles).
package tree
