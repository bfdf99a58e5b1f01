// Package learners registers every learner family of Modelbench with the
// model registry; import it (for its side effect) wherever the registry or
// model.Unmarshal is used:
//
//	import _ "modelbench/workflow/model/learners"
//
// This file registers the core families (baseline, linear and logistic
// regression, k-nearest neighbours, naive Bayes); trees.go registers the
// tree families. The package has no API of its own and is safe to import
// from several goroutines' code, as registration happens once at init.
package learners

import (
	_ "modelbench/workflow/model"        // the baseline
	_ "modelbench/workflow/model/bayes"  // "naive_bayes"
	_ "modelbench/workflow/model/knn"    // "knn"
	_ "modelbench/workflow/model/linear" // "linear", "logistic"
)
