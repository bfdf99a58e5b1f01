package learners

import (
	_ "modelbench/workflow/model"        // the baseline
	_ "modelbench/workflow/model/bayes"  // "naive_bayes"
	_ "modelbench/workflow/model/knn"    // "knn"
	_ "modelbench/workflow/model/linear" // "linear", "logistic"
)
