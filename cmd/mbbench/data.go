package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/synth"
)

// datasets are the generated files tasks can read, by key.
var datasets = map[string]synth.Spec{
	"clf1m":   {Rows: 1_000_000, Task: synth.Classification, Seed: 42},
	"clf100k": {Rows: 100_000, Task: synth.Classification, Seed: 42},
	"reg100k": {Rows: 100_000, Task: synth.Regression, Seed: 42},
}

// ensureData writes the generated file for key into dir unless it is there.
func ensureData(dir, key string) (string, error) {
	spec, ok := datasets[key]
	if !ok {
		return "", fmt.Errorf("unknown dataset %q", key)
	}
	path := filepath.Join(dir, fmt.Sprintf("synth_%s_seed%d.csv", key, spec.Seed))
	if _, err := os.Stat(path); err == nil {
		return path, nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	fmt.Printf("generating %s ...\n", path)
	tmp := path + ".tmp"
	if err := synth.WriteFile(tmp, spec); err != nil {
		return "", err
	}
	return path, os.Rename(tmp, path)
}

// task builds a Task from a typed setup and run, so that each task file
// states what its setup hands over.
func task[T any](name, area, dataKey string, headline bool,
	setup func(ctx context.Context, path string) (T, error), run func(ctx context.Context, in T) (string, error)) Task {
	return Task{Name: name, Area: area, Data: dataKey, Headline: headline,
		Setup: func(ctx context.Context, path string) (any, error) { return setup(ctx, path) },
		Run:   func(ctx context.Context, in any) (string, error) { return run(ctx, in.(T)) }}
}

// loadTable reads a generated file (an untimed setup for most tasks).
func loadTable(ctx context.Context, path string) (*data.Table, error) {
	return data.LoadCSV(ctx, path, data.CSVOptions{}, nil)
}

// numeric returns the values of a numeric column.
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

// split is a generated file cut for the model tasks.
type split struct{ train, test *model.Dataset }

// loadSplit reads the generated file and cuts it 80/20 in file order into
// Datasets of the numeric features f0..f19 (cat_a and cat_b are left out,
// unscaled) and y. The generated rows are independent draws, so this is a
// random split that the reference scripts reproduce exactly.
func loadSplit(ctx context.Context, path string, task model.Task) (split, error) {
	t, err := loadTable(ctx, path)
	if err != nil {
		return split{}, err
	}
	var X [][]float64
	var names []string
	for j := 0; j < 20; j++ {
		name := fmt.Sprintf("f%d", j)
		x, err := numeric(t.Frame, name)
		if err != nil {
			return split{}, fmt.Errorf("%s: %w", path, err)
		}
		X, names = append(X, x), append(names, name)
	}
	y, err := numeric(t.Frame, "y")
	if err != nil {
		return split{}, fmt.Errorf("%s: %w", path, err)
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
	return split{part(0, cut), part(cut, len(y))}, nil
}
