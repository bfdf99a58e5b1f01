package tree_test

import (
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/modeltest"
	_ "modelbench/workflow/model/tree"
	"modelbench/workflow/param"
)

func TestTree_Conformance(t *testing.T) { modeltest.RunAll(t, "tree") }

func TestTree_ConformancePruned(t *testing.T) {
	modeltest.Run(t, "tree", model.Classification, param.Values{"ccp_alpha": 0.01, "criterion": "entropy", "max_features": "sqrt"})
}

func FuzzTreeDecode(f *testing.F) { modeltest.FuzzDecode(f, "tree") }

func TestForest_Conformance(t *testing.T) { modeltest.RunAll(t, "forest") }

func TestForest_ConformanceSmall(t *testing.T) {
	modeltest.Run(t, "forest", model.Regression, param.Values{"n_estimators": 7, "max_depth": 3, "max_features": "0.5", "seed": 3})
}

func FuzzForestDecode(f *testing.F) { modeltest.FuzzDecode(f, "forest") }

func TestGBT_Conformance(t *testing.T) { modeltest.RunAll(t, "gbt") }

func TestGBT_ConformanceEarlyStopping(t *testing.T) {
	modeltest.Run(t, "gbt", model.Classification, param.Values{"early_stopping": "on", "max_iter": 30, "max_leaf_nodes": 0, "max_depth": 3})
	modeltest.Run(t, "gbt", model.Regression, param.Values{"early_stopping": "on", "max_bins": 16, "l2_regularization": 1.0})
}

func FuzzGBTDecode(f *testing.F) { modeltest.FuzzDecode(f, "gbt") }
