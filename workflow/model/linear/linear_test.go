package linear

import (
	"testing"

	"modelbench/workflow/model"
	"modelbench/workflow/model/modeltest"
	"modelbench/workflow/param"
)

func TestLinear_Conformance(t *testing.T) {
	for _, pen := range []string{PenaltyNone, PenaltyL2, PenaltyL1, PenaltyElasticNet} {
		t.Run(pen, func(t *testing.T) {
			modeltest.Run(t, "linear", model.Regression, param.Values{"penalty": pen, "alpha": 0.1})
		})
	}
}

func TestLogistic_Conformance(t *testing.T) {
	for _, pen := range []string{PenaltyL2, PenaltyL1, PenaltyNone} {
		t.Run(pen, func(t *testing.T) {
			modeltest.Run(t, "logistic", model.Classification, param.Values{"penalty": pen, "max_iter": 200})
		})
	}
}

func FuzzDecodeLinear(f *testing.F)   { modeltest.FuzzDecode(f, "linear") }
func FuzzDecodeLogistic(f *testing.F) { modeltest.FuzzDecode(f, "logistic") }
