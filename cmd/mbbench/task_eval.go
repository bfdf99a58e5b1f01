package main

import (
	"context"
	"fmt"
	"math"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// The evaluation tasks, against scikit-learn in ref_eval.py. Reading the
// file is the setup (and, for permutation importance, fitting the model);
// each note gives a result both sides should agree on.
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
	register(task("eval/metrics-1m", "eval", "clf1m", false, loadTable, evalMetrics))
	register(task("eval/cv5-logistic-100k", "eval", "clf100k", false, loadTable, evalCV))
	register(task("eval/permutation-100k", "eval", "clf100k", false, fitForImportance, evalPermutation))
}

var evalPipe = prep.NewPipeline(
	prep.Configure("scale", param.Values{"method": "standard"}, ""),
	prep.Configure("one_hot", param.Values{"columns": []string{"cat_a", "cat_b"}}, ""),
)

func evalMetrics(_ context.Context, t *data.Table) (string, error) {
	f0, err := numeric(t.Frame, "f0")
	if err != nil {
		return "", err
	}
	f1, _ := numeric(t.Frame, "f1")
	y, err := numeric(t.Frame, "y")
	if err != nil {
		return "", err
	}
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
	return fmt.Sprintf("auc %.4f ap %.4f logloss %.4f; %d roc, %d pr points, %d bins",
		m.Metrics["roc_auc"], m.Metrics["average_precision"], m.Metrics["log_loss"], len(roc.FPR), len(pr.Recall), len(cal)), nil
}

func evalCV(ctx context.Context, t *data.Table) (string, error) {
	l, err := model.New("logistic", model.Classification, param.Values{"C": 1.0})
	if err != nil {
		return "", err
	}
	res, err := eval.CrossValidate(ctx, t.Frame, "y", evalPipe, l,
		eval.CVOptions{Folds: prep.FoldSpec{K: 5}, Metrics: []string{"accuracy", "roc_auc", "log_loss"}}, nil)
	if err != nil {
		return "", err
	}
	a := res.Metrics["accuracy"]
	return fmt.Sprintf("accuracy %.4f ± %.4f, auc %.4f", a.Mean, a.Std, res.Metrics["roc_auc"].Mean), nil
}

// fitted80 is a model trained on the first 80% of a file, and the rest.
type fitted80 struct {
	a    *artifact.Artifact
	test *data.Frame
}

func fitForImportance(ctx context.Context, path string) (fitted80, error) {
	t, err := loadTable(ctx, path)
	if err != nil {
		return fitted80{}, err
	}
	n := t.Frame.NumRows()
	rows := func(lo, hi int) []int {
		out := make([]int, hi-lo)
		for i := range out {
			out[i] = lo + i
		}
		return out
	}
	a, err := artifact.Fit(ctx, t.Frame.Take(rows(0, n*8/10)), artifact.Spec{Target: "y", Task: model.Classification,
		Pipeline: evalPipe, Learner: "logistic", Params: param.Values{"C": 1.0}}, nil)
	return fitted80{a, t.Frame.Take(rows(n*8/10, n))}, err
}

func evalPermutation(ctx context.Context, f fitted80) (string, error) {
	imp, err := eval.PermutationImportance(ctx, f.a, f.test, eval.ImportanceOptions{Metric: "accuracy", Repeats: 5}, nil)
	if err != nil {
		return "", err
	}
	top := imp.Features[0]
	return fmt.Sprintf("top %s %.4f ± %.4f", top.Column, top.Mean, top.Std), nil
}
