package main

import (
	"context"
	"fmt"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/param"

	_ "modelbench/workflow/model/learners"
)

// Engineer B's model tasks: the decision tree, the random forest (100 trees)
// and histogram gradient boosting on the 100k × 20 classification file,
// against scikit-learn's DecisionTreeClassifier, RandomForestClassifier
// (n_jobs=2) and HistGradientBoostingClassifier in ref_model_trees.py,
// each with default parameters and seed 0 on both sides. Both sides use the
// numeric features f0..f19 (cat_a and cat_b are left out), train on the
// first 80% of the rows and test on the last 20% (the generated rows are
// independent draws, so this is a random split both sides reproduce
// exactly). The harness times the whole Run, reading included on both
// sides; the note gives the fit+predict time alone and the test accuracy.
func init() {
	treeTask("model/tree-100k", "tree", nil)
	treeTask("model/forest-100k", "forest", param.Values{"n_estimators": 100})
	treeTask("model/gbt-100k", "gbt", nil)
}

func treeTask(name, learner string, v param.Values) {
	register(Task{Name: name, Area: "model_trees", Data: "clf100k", Run: func(ctx context.Context, path string) (string, error) {
		train, test, err := treeSplit(ctx, path)
		if err != nil {
			return "", err
		}
		l, err := model.New(learner, model.Classification, v)
		if err != nil {
			return "", err
		}
		start := time.Now()
		m, err := l.Fit(ctx, train, nil)
		if err != nil {
			return "", err
		}
		pred, err := m.Predict(test.X)
		if err != nil {
			return "", err
		}
		took := time.Since(start).Seconds()
		hits := 0
		for i, p := range pred {
			if p == test.Y[i] {
				hits++
			}
		}
		return fmt.Sprintf("fit+predict %.3f s; accuracy %.4f", took, float64(hits)/float64(len(pred))), nil
	}})
}

// treeSplit reads the generated file and cuts it 80/20 in file order into
// Datasets of f0..f19 and the class y.
func treeSplit(ctx context.Context, path string) (train, test *model.Dataset, err error) {
	t, err := data.LoadCSV(ctx, path, data.CSVOptions{}, nil)
	if err != nil {
		return nil, nil, err
	}
	cols := make([][]float64, 21)
	names := make([]string, 20)
	for j := range cols {
		name := "y"
		if j < 20 {
			name = fmt.Sprintf("f%d", j)
			names[j] = name
		}
		c, ok := t.Frame.Lookup(name)
		if !ok {
			return nil, nil, fmt.Errorf("%s: column %q is missing", path, name)
		}
		nc, ok := c.(*data.NumericColumn)
		if !ok {
			return nil, nil, fmt.Errorf("%s: column %q is not numeric", path, name)
		}
		cols[j] = nc.Values()
	}
	y := cols[20]
	cut := len(y) * 8 / 10
	part := func(lo, hi int) *model.Dataset {
		d := &model.Dataset{Task: model.Classification, Features: names, Y: y[lo:hi], Classes: []string{"0", "1"},
			X: make([][]float64, 20)}
		for j := range d.X {
			d.X[j] = cols[j][lo:hi]
		}
		return d
	}
	return part(0, cut), part(cut, len(y)), nil
}
