package learners

import (
	_ "modelbench/workflow/model/tree" // decision tree, random forest, gradient-boosted trees
)
