// Package servetest builds deployment directories from the bundled
// samples for the tests of the scoring service (and of anything that
// reads a deployment directory), the way the package exporter writes
// them: model.json (artifact.Save), schema.json (contract.FromArtifact),
// baseline.json (monitor.NewBaseline on the training rows and the
// model's predictions on them) and metrics.json (workflow/eval/metrics on
// validation and test rows held out from training).
//
// It is test support: it never runs in the server. Build is safe to call
// from several goroutines on different directories.
package servetest

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"modelbench/assets"
	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/contract"
	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners" // every learner
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// Spec says what to build.
type Spec struct {
	Sample string // a bundled sample's id
	// Data is delimited text to use instead of a sample (Sample then only
	// names it).
	Data []byte
	// Target is the column to predict ("" = the sample's target) and Task
	// what that is.
	Target string
	Task   model.Task
	// Learner and Params choose the model (registry name, e.g. "forest").
	Learner string
	Params  param.Values
	// Drop lists columns to remove before training: the model never sees
	// them and the contract does not list them.
	Drop []string
	// Rows keeps only the first Rows rows of the sample (0: all).
	Rows int
	// Pipeline is the preparation (nil: prep.Default with scaling). An
	// empty pipeline makes every input required for learners that cannot
	// score missing values.
	Pipeline *prep.Pipeline
}

// Fixture is a built deployment directory and the rows it was built from.
// Every fifth row (rows 0, 5, 10, …) is a test row, every fifth row
// after it (1, 6, 11, …) a validation row; the model learnt from the
// rest.
type Fixture struct {
	Dir      string
	Artifact *artifact.Artifact
	Contract *contract.Contract
	Baseline *monitor.Baseline
	Metrics  map[string]map[string]float64 // "validation" and "test"
	Metric   string
	// Train and Test are the training and test rows (every column,
	// the target included).
	Train, Test *data.Frame
	// TestCSV is the test rows as CSV, each field as the sample file
	// writes it, with the header; TestNoTarget the same without the
	// target column.
	TestCSV, TestNoTarget []byte
}

// Build writes the deployment directory dir (creating it) from s.
func Build(ctx context.Context, dir string, s Spec) (*Fixture, error) {
	raw := s.Data
	if raw == nil {
		sample, err := assets.LookupSample(s.Sample)
		if err != nil {
			return nil, err
		}
		if s.Target == "" {
			s.Target = sample.Target
		}
		if raw, err = readSample(sample); err != nil {
			return nil, err
		}
	}
	tb, err := data.ReadCSV(ctx, bytes.NewReader(raw), int64(len(raw)), s.Sample+".csv", data.CSVOptions{}, nil)
	if err != nil {
		return nil, err
	}
	keep := make([]int, 0, tb.Frame.NumRows())
	for i := range tb.Frame.NumRows() {
		if s.Rows == 0 || i < s.Rows {
			keep = append(keep, i)
		}
	}
	var trainRows, validRows, testRows []int
	for _, i := range keep {
		switch i % 5 {
		case 0:
			testRows = append(testRows, i)
		case 1:
			validRows = append(validRows, i)
		default:
			trainRows = append(trainRows, i)
		}
	}
	frame := tb.Frame.Drop(s.Drop...)
	schema, err := schemaOf(tb.Schema, frame, s.Target)
	if err != nil {
		return nil, err
	}
	f := &Fixture{Dir: dir, Train: frame.Take(trainRows), Test: frame.Take(testRows)}
	pl := prep.Default(schema, f.Train, true)
	if s.Pipeline != nil {
		pl = *s.Pipeline
	}
	a, err := artifact.Fit(ctx, f.Train, artifact.Spec{Target: s.Target, Task: s.Task, Pipeline: pl,
		Learner: s.Learner, Params: s.Params, Seed: 7}, nil)
	if err != nil {
		return nil, fmt.Errorf("fitting %s on %s: %w", s.Learner, s.Sample, err)
	}
	a.DataSource = "sample " + s.Sample
	f.Artifact = a
	if _, err := a.Save(dir); err != nil {
		return nil, err
	}
	if f.Contract, err = contract.FromArtifact(ctx, a, f.Train); err != nil {
		return nil, err
	}
	if err := writeJSON(filepath.Join(dir, contract.FileName), f.Contract); err != nil {
		return nil, err
	}
	if f.Baseline, err = baseline(ctx, a, f.Train); err != nil {
		return nil, err
	}
	if err := f.Baseline.Save(filepath.Join(dir, "baseline.json")); err != nil {
		return nil, err
	}
	if err := f.writeMetrics(ctx, frame.Take(validRows)); err != nil {
		return nil, err
	}
	if f.TestCSV, err = rowsAsWritten(raw, tb, testRows, nil); err != nil {
		return nil, err
	}
	if f.TestNoTarget, err = rowsAsWritten(raw, tb, testRows, append([]string{s.Target}, s.Drop...)); err != nil {
		return nil, err
	}
	return f, nil
}

func readSample(s assets.Sample) ([]byte, error) {
	r, _, err := s.Open()
	if err != nil {
		return nil, err
	}
	return io.ReadAll(r)
}

// schemaOf is the loaded schema of the kept columns with target as the
// target.
func schemaOf(s data.Schema, f *data.Frame, target string) (data.Schema, error) {
	var out data.Schema
	for _, fl := range s.Fields {
		if f.Index(fl.Name) >= 0 {
			if fl.Role == data.Target {
				fl.Role = data.Feature
			}
			out.Fields = append(out.Fields, fl)
		}
	}
	return out.WithRole(target, data.Target)
}

// baseline profiles the model's raw inputs on the training rows and its
// predictions on them.
func baseline(ctx context.Context, a *artifact.Artifact, train *data.Frame) (*monitor.Baseline, error) {
	names := make([]string, len(a.Input))
	for i, in := range a.Input {
		names[i] = in.Name
	}
	inputs, err := train.Select(names...)
	if err != nil {
		return nil, err
	}
	p, err := a.Predict(ctx, inputs)
	if err != nil {
		return nil, err
	}
	pred := monitor.Predictions{Task: monitor.Regression, Values: p.Index}
	if a.Task == model.Classification {
		labels, err := model.Labels(p.Index, p.Classes)
		if err != nil {
			return nil, err
		}
		pred = monitor.Predictions{Task: monitor.Classification, Labels: labels}
	}
	return monitor.NewBaseline(ctx, inputs, pred, nil)
}

// writeMetrics scores the validation and test rows into metrics.json.
func (f *Fixture) writeMetrics(ctx context.Context, valid *data.Frame) error {
	f.Metric = metrics.DefaultScorer(f.Artifact.Task)
	f.Metrics = map[string]map[string]float64{}
	for name, rows := range map[string]*data.Frame{"validation": valid, "test": f.Test} {
		p, err := f.Artifact.Score(ctx, rows)
		if err != nil {
			return err
		}
		m, err := metrics.Evaluate(&metrics.Predictions{Task: p.Task, Classes: p.Classes, Truth: p.Truth, Pred: p.Index, Proba: p.Proba})
		if err != nil {
			return err
		}
		f.Metrics[name] = m.Metrics
	}
	return writeJSON(filepath.Join(f.Dir, "metrics.json"), map[string]any{"validation": f.Metrics["validation"], "test": f.Metrics["test"], "metric": f.Metric})
}

func writeJSON(path string, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	return os.WriteFile(path, b, 0o644)
}

// rowsAsWritten returns the header and the given data rows of the sample
// text, each field as the file writes it, without the columns in drop.
func rowsAsWritten(raw []byte, tb *data.Table, rows []int, drop []string) ([]byte, error) {
	if tb.Text == nil {
		return nil, errors.New("servetest: the sample was not read as delimited text")
	}
	rr, err := data.NewRecordReader(bytes.NewReader(raw), *tb.Text)
	if err != nil {
		return nil, err
	}
	header, err := rr.Read()
	if err != nil {
		return nil, err
	}
	var keepCols []int
	for j, h := range header {
		if !slices.Contains(drop, h) {
			keepCols = append(keepCols, j)
		}
	}
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	pick := func(rec []string) []string {
		out := make([]string, len(keepCols))
		for k, j := range keepCols {
			out[k] = rec[j]
		}
		return out
	}
	if err := w.Write(pick(header)); err != nil {
		return nil, err
	}
	want := map[int]bool{}
	for _, r := range rows {
		want[r] = true
	}
	for i := 0; ; i++ {
		rec, err := rr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if want[i] {
			if err := w.Write(pick(rec)); err != nil {
				return nil, err
			}
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}
