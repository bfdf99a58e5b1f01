package tree_test

import (
	"testing"

	"modelbench/workflow/model/modeltest"
	_ "modelbench/workflow/model/tree"
	"modelbench/workflow/param"
	"modelbench/workflow/model"
)

func TestTree_Conformance(t *testing.T) { modeltest.RunAll(t, "tree") }

func TestTree_ConformancePruned(t *testing.T) {
	modeltest.Run(t, "tree", model.Classification, param.Values{"ccp_alpha": 0.01, "criterion": "entropy", "max_features": "sqrt"})
}

func FuzzTreeDecode(f *testing.F) { modeltest.FuzzDecode(f, "tree") }
