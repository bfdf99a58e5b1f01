package main

import (
	"context"
	"fmt"
	"strings"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/model/modeltest"
	"modelbench/workflow/param"

	_ "modelbench/workflow/model/learners"
)

// Engineer A's model tasks: logistic regression, k-nearest neighbours and
// Gaussian naive Bayes on the 100k × 20 classification file, linear
// regression on the 100k regression file, against scikit-learn in
// ref_model_linear.py. Both sides use the numeric features f0..f19 as they
// are (no scaling; cat_a and cat_b are left out), the first 80% of the
// rows for training and the last 20% for testing (the generated rows are
// independent draws, so this is a random split that both sides reproduce
// exactly). The harness times the whole Run, reading included on both
// sides; each note gives the fit+predict time alone and the test score.
func init() {
	modelTask("model/logistic-100k", "clf100k", "logistic", param.Values{"C": 1.0})
	modelTask("model/knn-100k", "clf100k", "knn", param.Values{"k": 5})
	modelTask("model/naive-bayes-100k", "clf100k", "naive_bayes", nil)
	modelTask("model/linear-reg100k", "reg100k", "linear", nil)
}

func modelTask(name, dataKey, learner string, v param.Values) {
	register(Task{Name: name, Area: "model_linear", Data: dataKey, Run: func(ctx context.Context, path string) (string, error) {
		task := model.Classification
		if strings.HasPrefix(dataKey, "reg") {
			task = model.Regression
		}
		train, test, err := loadSplit(ctx, path, task)
		if err != nil {
			return "", err
		}
		l, err := model.New(learner, task, v)
		if err != nil {
			return "", err
		}
		start := time.Now()
		m, err := l.Fit(ctx, train, nil)
		if err != nil {
			return "", err
		}
		score, err := modeltest.Score(m, test)
		if err != nil {
			return "", err
		}
		metric := "accuracy"
		if task == model.Regression {
			metric = "R2"
		}
		return fmt.Sprintf("fit+predict %.3f s; %s %.4f", time.Since(start).Seconds(), metric, score), nil
	}})
}

// loadSplit reads the generated file and cuts it 80/20 in file order into
// Datasets of f0..f19 and y.
func loadSplit(ctx context.Context, path string, task model.Task) (train, test *model.Dataset, err error) {
	t, err := data.LoadCSV(ctx, path, data.CSVOptions{}, nil)
	if err != nil {
		return nil, nil, err
	}
	var X [][]float64
	var names []string
	for j := 0; j < 20; j++ {
		name := fmt.Sprintf("f%d", j)
		x, err := numeric(t.Frame, name)
		if err != nil {
			return nil, nil, err
		}
		X, names = append(X, x), append(names, name)
	}
	y, err := numeric(t.Frame, "y")
	if err != nil {
		return nil, nil, err
	}
	var classes []string
	if task == model.Classification {
		classes = []string{"0", "1"}
	}
	cut := len(y) * 8 / 10
	part := func(lo, hi int) *model.Dataset {
		d := &model.Dataset{Task: task, Features: names, Y: y[lo:hi], Classes: classes, X: make([][]float64, len(X))}
		for j := range X {
			d.X[j] = X[j][lo:hi]
		}
		return d
	}
	return part(0, cut), part(cut, len(y)), nil
}

func numeric(f *data.Frame, name string) ([]float64, error) {
	c, ok := f.Lookup(name)
	if !ok {
		return nil, fmt.Errorf("column %q is missing", name)
	}
	nc, ok := c.(*data.NumericColumn)
	if !ok {
		return nil, fmt.Errorf("column %q is not numeric", name)
	}
	return nc.Values(), nil
}
