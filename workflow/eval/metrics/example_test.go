package metrics_test

import (
	"fmt"

	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
)

// The values agree with scikit-learn: accuracy_score, balanced_accuracy_score,
// f1_score, roc_auc_score and log_loss on the same rows.
func ExampleEvaluate() {
	p := &metrics.Predictions{
		Task:    model.Classification,
		Classes: []string{"no", "yes"},
		Truth:   []float64{0, 0, 1, 1, 1},
		Pred:    []float64{0, 1, 1, 1, 0},
		Proba:   [][]float64{{0.9, 0.1}, {0.4, 0.6}, {0.2, 0.8}, {0.3, 0.7}, {0.6, 0.4}},
	}
	m, err := metrics.Evaluate(p)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, k := range []string{"accuracy", "balanced_accuracy", "f1", "roc_auc", "log_loss"} {
		fmt.Printf("%s %.4f\n", k, m.Metrics[k])
	}
	// Output:
	// accuracy 0.6000
	// balanced_accuracy 0.5833
	// f1 0.6667
	// roc_auc 0.8333
	// log_loss 0.5036
}

func ExampleThresholdExplorer() {
	positive := []bool{false, false, true, false, true, true}
	score := []float64{0.1, 0.3, 0.35, 0.6, 0.7, 0.9}
	e, err := metrics.NewThresholdExplorer(positive, score, metrics.Costs{FalsePositive: 1, FalseNegative: 4})
	if err != nil {
		fmt.Println(err)
		return
	}
	at := e.At(0.5)
	fmt.Printf("at 0.5: tp=%d fp=%d fn=%d precision=%.2f recall=%.2f\n", at.TP, at.FP, at.FN, at.Precision, at.Recall)
	best := e.BestF1()
	fmt.Printf("best F1 %.2f at %v\n", best.F1, best.Threshold)
	cheap := e.MinCost()
	fmt.Printf("lowest cost %v at %v\n", cheap.Cost, cheap.Threshold)
	// Output:
	// at 0.5: tp=2 fp=1 fn=1 precision=0.67 recall=0.67
	// best F1 0.86 at 0.35
	// lowest cost 1 at 0.35
}

func ExampleCumulativeGain() {
	positive := []bool{true, false, true, false, false, false, true, false, false, false}
	score := []float64{0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1, 0.05}
	g, err := metrics.CumulativeGain(positive, score)
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, r := range g.Table(5) {
		fmt.Printf("top %3.0f%%: gain %.2f, lift %.2f\n", 100*r.UpTo, r.Gain, r.CumulativeLift)
	}
	// Output:
	// top  20%: gain 0.33, lift 1.67
	// top  40%: gain 0.67, lift 1.67
	// top  60%: gain 0.67, lift 1.11
	// top  80%: gain 1.00, lift 1.25
	// top 100%: gain 1.00, lift 1.00
}
