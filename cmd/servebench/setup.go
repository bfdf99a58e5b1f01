package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/serve/servetest"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/synth"
)

// fixture is the benchmark's deployment and rows.
type fixture struct {
	*servetest.Fixture
	features []string
	trainCSV string   // the training rows, for scikit-learn
	bodies   [][]byte // single-record JSON bodies from the test rows
	modelMB  float64
}

func setup(ctx context.Context, dir string, opt options) (*fixture, error) {
	var csv bytes.Buffer
	if err := synth.Write(&csv, synth.Spec{Rows: opt.rows, Task: synth.Classification, Seed: 42}); err != nil {
		return nil, err
	}
	start := time.Now()
	f, err := servetest.Build(ctx, dir, servetest.Spec{Sample: "synth", Data: csv.Bytes(), Target: "y", Task: model.Classification,
		Learner: "forest", Params: param.Values{"n_estimators": opt.trees}, Drop: []string{"cat_a", "cat_b"}})
	if err != nil {
		return nil, err
	}
	fx := &fixture{Fixture: f}
	for _, in := range f.Artifact.Input {
		fx.features = append(fx.features, in.Name)
	}
	st, err := os.Stat(filepath.Join(dir, "model.json"))
	if err != nil {
		return nil, err
	}
	fx.modelMB = float64(st.Size()) / (1 << 20)
	fmt.Printf("setup: the forest learnt from %d rows in %.1f s; model.json %.1f MB\n", f.Train.NumRows(), time.Since(start).Seconds(), fx.modelMB)
	fx.trainCSV = filepath.Join(filepath.Dir(dir), "train.csv")
	var tb bytes.Buffer
	if err := data.WriteCSV(&tb, f.Train); err != nil {
		return nil, err
	}
	if err := os.WriteFile(fx.trainCSV, tb.Bytes(), 0o644); err != nil {
		return nil, err
	}
	for r := range min(f.Test.NumRows(), 500) {
		rec := map[string]any{}
		for _, name := range fx.features {
			c, _ := f.Test.Lookup(name)
			rec[name] = c.(*data.NumericColumn).At(r)
		}
		b, err := json.Marshal(rec)
		if err != nil {
			return nil, err
		}
		fx.bodies = append(fx.bodies, b)
	}
	return fx, nil
}

func (fx *fixture) featureList() string { return strings.Join(fx.features, ",") }
