package main

import "modelbench/workflow/param"

// The decision tree, the random forest (100 trees) and histogram gradient
// boosting on the 100k × 20 classification file, against scikit-learn's
// DecisionTreeClassifier, RandomForestClassifier (n_jobs=2) and
// HistGradientBoostingClassifier in ref_model_trees.py, each with default
// parameters and seed 0 on both sides. Both sides use the numeric features
// f0..f19 (cat_a and cat_b are left out), train on the first 80% of the
// rows and test on the last 20% (see loadSplit). Reading and splitting is
// the setup; fit and predict are the work, and the note gives the test
// accuracy.
func init() {
	modelTask("model/tree-100k", "model_trees", "clf100k", "tree", nil, true)
	modelTask("model/forest-100k", "model_trees", "clf100k", "forest", param.Values{"n_estimators": 100}, true)
	modelTask("model/gbt-100k", "model_trees", "clf100k", "gbt", nil, true)
}
