package main

import (
	"context"
	"fmt"
	"math"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/model/linear"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// The evaluation tasks, against scikit-learn in ref_eval.py. As in the
// other areas, the harness times the whole Run, reading included on both
// sides; each note gives the evaluation time alone and a result that both
// sides should agree on.
//
//   - eval/metrics-1m: on the 1M-row file, score = sigmoid(f0 + f1) as
//     the probability of y = 1; ROC AUC, average precision, log loss,
//     Brier score, accuracy/F1/MCC at 0.5, the ROC and precision-recall
//     curves and a 10-bin calibration curve.
//   - eval/cv5-logistic-100k: 5-fold stratified cross-validation of
//     scaling + one-hot + logistic regression (C = 1), scoring accuracy,
//     ROC AUC and log loss, folds on both cores.
//   - eval/permutation-100k: the same pipeline and model trained on the
//     first 80 % of the rows, permutation importance of the 22 input
//     columns on the last 20 % (accuracy, 5 shuffles each).
func init() {
	register(Task{Name: "eval/metrics-1m", Area: "eval", Data: "clf1m", Run: evalMetrics})
	register(Task{Name: "eval/cv5-logistic-100k", Area: "eval", Data: "clf100k", Run: evalCV})
	register(Task{Name: "eval/permutation-100k", Area: "eval", Data: "clf100k", Run: evalPermutation})
}

var evalPipe = prep.NewPipeline(
	prep.Configure("scale", param.Values{"method": "standard"}, ""),
	prep.Configure("one_hot", param.Values{"columns": []string{"cat_a", "cat_b"}}, ""),
)

func numericCol(f *data.Frame, name string) ([]float64, error) {
	c, ok := f.Lookup(name)
	if nc, isNum := c.(*data.NumericColumn); ok && isNum {
		return nc.Values(), nil
	}
	return nil, fmt.Errorf("column %q is missing or not numeric", name)
}

func evalMetrics(ctx context.Context, path string) (string, error) {
	t, err := data.LoadCSV(ctx, path, data.CSVOptions{}, nil)
	if err != nil {
		return "", err
	}
	f0, err := numericCol(t.Frame, "f0")
	if err != nil {
		return "", err
	}
	f1, _ := numericCol(t.Frame, "f1")
	y, err := numericCol(t.Frame, "y")
	if err != nil {
		return "", err
	}
	start := time.Now()
	p := &metrics.Predictions{Task: model.Classification, Classes: []string{"0", "1"},
		Truth: y, Pred: make([]float64, len(y)), Proba: make([][]float64, len(y))}
	for i := range y {
		s := 1 / (1 + math.Exp(-(f0[i] + f1[i])))
		p.Proba[i] = []float64{1 - s, s}
		if s >= 0.5 {
			p.Pred[i] = 1
		}
	}
	m, err := metrics.Evaluate(p)
	if err != nil {
		return "", err
	}
	pos, score, _ := p.Binary()
	roc, err := metrics.ROCCurve(pos, score, true)
	if err != nil {
		return "", err
	}
	pr, _ := metrics.PRCurve(pos, score)
	cal, _ := metrics.CalibrationCurve(pos, score, 10, metrics.Uniform)
	return fmt.Sprintf("metrics %.3f s; auc %.4f ap %.4f logloss %.4f; %d roc, %d pr points, %d bins",
		time.Since(start).Seconds(), m.Metrics["roc_auc"], m.Metrics["average_precision"], m.Metrics["log_loss"],
		len(roc.FPR), len(pr.Recall), len(cal)), nil
}

func evalCV(ctx context.Context, path string) (string, error) {
	t, err := data.LoadCSV(ctx, path, data.CSVOptions{}, nil)
	if err != nil {
		return "", err
	}
	start := time.Now()
	res, err := eval.CrossValidate(ctx, t.Frame, "y", evalPipe, linear.Logistic{C: 1},
		eval.CVOptions{Folds: prep.FoldSpec{K: 5}, Metrics: []string{"accuracy", "roc_auc", "log_loss"}}, nil)
	if err != nil {
		return "", err
	}
	a := res.Metrics["accuracy"]
	return fmt.Sprintf("cv %.3f s; accuracy %.4f ± %.4f, auc %.4f", time.Since(start).Seconds(), a.Mean, a.Std,
		res.Metrics["roc_auc"].Mean), nil
}

func evalPermutation(ctx context.Context, path string) (string, error) {
	t, err := data.LoadCSV(ctx, path, data.CSVOptions{}, nil)
	if err != nil {
		return "", err
	}
	n := t.Frame.NumRows()
	rows := func(lo, hi int) []int {
		out := make([]int, hi-lo)
		for i := range out {
			out[i] = lo + i
		}
		return out
	}
	train, test := t.Frame.Take(rows(0, n*8/10)), t.Frame.Take(rows(n*8/10, n))
	tr, err := artifact.Fit(ctx, train, artifact.Spec{Target: "y", Task: model.Classification, Pipeline: evalPipe,
		Learner: "logistic", Params: param.Values{"C": 1.0}}, nil)
	if err != nil {
		return "", err
	}
	start := time.Now()
	imp, err := eval.PermutationImportance(ctx, tr, test, eval.ImportanceOptions{Metric: "accuracy", Repeats: 5}, nil)
	if err != nil {
		return "", err
	}
	top := imp.Features[0]
	return fmt.Sprintf("importance %.3f s; top %s %.4f ± %.4f", time.Since(start).Seconds(), top.Column, top.Mean, top.Std), nil
}
