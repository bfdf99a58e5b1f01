package eval_test

import (
	"context"
	"fmt"

	"modelbench/workflow/data"
	"modelbench/workflow/eval"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"

	_ "modelbench/workflow/model/learners"
)

// exampleFrame is a tiny table: the class follows x, with a little noise.
func exampleFrame() *data.Frame {
	var x []float64
	var y []string
	for i := 0; i < 60; i++ {
		v := float64(i%30) - 14.5
		x = append(x, v)
		y = append(y, map[bool]string{true: "high", false: "low"}[(v > 0) != (i%10 == 0)])
	}
	f, _ := data.NewFrame(data.NewNumeric("x", x, nil), data.NewCategoricalFromStrings("y", y, nil))
	return f
}

// CrossValidate fits the preparation inside every fold, so the scaler
// never sees the rows it is scored on.
func ExampleCrossValidate() {
	pipe := prep.NewPipeline(prep.Configure("scale", param.Values{"method": "standard"}, "put x on a common scale"))
	learner, _ := model.New("logistic", model.Classification, nil)
	res, err := eval.CrossValidate(context.Background(), exampleFrame(), "y", pipe, learner,
		eval.CVOptions{Folds: prep.FoldSpec{K: 5, Seed: 1}, Metrics: []string{"accuracy"}}, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	acc := res.Metrics["accuracy"]
	fmt.Printf("%d folds, accuracy %.2f ± %.2f\n", len(res.Folds), acc.Mean, acc.Std)
	fmt.Printf("%d out-of-fold predictions\n", len(res.OOF.Pred))
	// Output:
	// 5 folds, accuracy 0.85 ± 0.08
	// 60 out-of-fold predictions
}

// The corrected t-test is more careful than a plain paired t-test,
// because the folds' training rows overlap: on these scores the plain test
// (scipy.stats.ttest_rel) gives p = 0.035 and would call the difference
// real; the corrected one (same values as scipy on the formula) does not.
func ExampleCorrectedTTest() {
	forest := []float64{0.91, 0.93, 0.90, 0.92, 0.94}
	tree := []float64{0.89, 0.92, 0.88, 0.92, 0.91}
	r, _ := eval.CorrectedTTest(forest, tree, 1.0/4) // 5 folds: 1/4 as many test rows as training rows
	fmt.Printf("mean difference %.3f, t = %.2f, p = %.3f\n", r.MeanDiff, r.T, r.P)
	// Output:
	// mean difference 0.016, t = 2.09, p = 0.105
}

// Scoring a second model on the locked test set raises a warning.
func ExampleTestSetLog() {
	var log eval.TestSetLog
	log, _ = log.Record("random forest")
	_, warnings := log.Record("boosted trees")
	fmt.Println(warnings[0].Level)
	// Output:
	// warning
}
