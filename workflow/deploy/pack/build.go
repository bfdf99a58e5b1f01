package pack

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/contract"
	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/model"
	"modelbench/workflow/progress"
)

// writer writes one package into root.
type writer struct {
	in     *Input
	opt    Options
	root   string
	bins   map[Target]string
	report progress.Func

	m        *Manifest
	contract *contract.Contract
	check    *data.Frame
	example  mapping
	response []byte
}

func (w *writer) write(ctx context.Context) (*Manifest, error) {
	in, a := w.in, w.in.Artifact
	name := slug(in.Name)
	title := strings.TrimSpace(in.Title)
	if title == "" {
		title = strings.TrimSpace(in.Name)
	}
	if title == "" {
		title = name
	}
	w.m = &Manifest{Format: ManifestFormat, Version: ManifestVersion, Created: w.opt.Now.UTC(), AppVersion: in.AppVersion,
		Name: name, Title: title, Learner: a.Learner, Task: a.Task.String(), Target: a.Target, Classes: a.Classes,
		LeftOut: slices.Clone(in.LeftOut)}
	steps := []step{
		{0, "writing the model", w.writeModel},
		{0.05, "writing the input contract", w.writeContract},
		{0.15, "profiling the training rows for drift", w.writeBaseline},
		{0.3, "writing the metrics", w.writeMetrics},
		{0.32, "copying the servers", w.copyServers},
		{0.45, "writing the example request", w.writeExample},
		{0.5, "running the server to measure it and check its predictions", w.measure},
		{0.85, "writing the other exports", w.writeExtras},
		{0.9, "writing the OpenAPI description, Docker and Kubernetes files and the README", w.writeDocs},
		{0.95, "listing the files", w.writeManifest},
	}
	if err := w.run(ctx, steps); err != nil {
		return nil, err
	}
	return w.m, nil
}

// step is one part of writing a package: where progress stands when it
// starts, what it says, and the work.
type step struct {
	at   float64
	what string
	do   func(context.Context) error
}

// run runs the steps in order, reporting each, and stops at the first
// error or when ctx ends.
func (w *writer) run(ctx context.Context, steps []step) error {
	for _, s := range steps {
		if err := ctx.Err(); err != nil {
			return err
		}
		w.report.Send(s.at, s.what)
		if err := s.do(ctx); err != nil {
			return err
		}
	}
	return nil
}

// checkInput refuses an input without a model or training rows, and an
// empty output path; what is the export ("a package", "the deployment")
// as the messages name it.
func checkInput(in *Input, out, exporting, what string) error {
	if in == nil || in.Artifact == nil {
		return fmt.Errorf("%w: choose a model in the Train step before %s", ErrNoModel, exporting)
	}
	if in.Train == nil || in.Train.NumRows() == 0 {
		return fmt.Errorf("%s needs the rows the model learnt from (for its contract and drift baseline)", what)
	}
	if out == "" {
		return errors.New("no output folder given")
	}
	return nil
}

func (w *writer) path(rel string) string { return filepath.Join(w.root, filepath.FromSlash(rel)) }

func (w *writer) writeModel(ctx context.Context) error {
	p, err := w.in.Artifact.Save(w.root)
	if err != nil {
		return fmt.Errorf("writing %s: %w", serve.ModelFile, err)
	}
	raw, err := os.ReadFile(p)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(raw)
	w.m.ModelVersion = hex.EncodeToString(sum[:])[:12]
	w.m.Resources.ModelBytes = int64(len(raw))
	return nil
}

func (w *writer) writeContract(ctx context.Context) error {
	c, err := contract.FromArtifact(ctx, w.in.Artifact, w.in.Train)
	if err != nil {
		return fmt.Errorf("the input contract: %w", err)
	}
	w.contract = c
	return writeJSONFile(w.path(serve.SchemaFile), c)
}

// writeBaseline profiles the model's raw inputs on the rows it learnt
// from and its predictions on them.
func (w *writer) writeBaseline(ctx context.Context) error {
	a := w.in.Artifact
	names := make([]string, len(a.Input))
	for i, f := range a.Input {
		names[i] = f.Name
	}
	inputs, err := w.in.Train.Select(names...)
	if err != nil {
		return fmt.Errorf("the drift baseline: %w", err)
	}
	p, err := a.Predict(ctx, inputs)
	if err != nil {
		return fmt.Errorf("the drift baseline: predicting the training rows: %w", err)
	}
	if w.in.Profiled != nil {
		if inputs, err = w.in.Train.Select(w.in.Profiled...); err != nil {
			return fmt.Errorf("the drift baseline: %w", err)
		}
	}
	pred := monitor.Predictions{Task: monitor.Regression, Values: p.Index}
	if a.Task == model.Classification {
		labels, err := model.Labels(p.Index, p.Classes)
		if err != nil {
			return err
		}
		pred = monitor.Predictions{Task: monitor.Classification, Labels: labels}
	}
	b, err := monitor.NewBaseline(ctx, inputs, pred, nil)
	if err != nil {
		return fmt.Errorf("the drift baseline: %w", err)
	}
	return b.Save(w.path(serve.BaselineFile))
}

func (w *writer) writeMetrics(ctx context.Context) error {
	in := w.in
	if len(in.Validation) == 0 && len(in.Test) == 0 {
		w.m.LeftOut = append(w.m.LeftOut, serve.MetricsFile+" is not written: there are neither validation nor test scores, so the dashboard shows live metrics alone")
		return nil
	}
	mt := serve.Metrics{Validation: in.Validation, Test: in.Test, Metric: in.Metric}
	if mt.Validation == nil {
		mt.Validation = map[string]float64{}
	}
	if mt.Test == nil {
		mt.Test = map[string]float64{}
	}
	if err := writeJSONFile(w.path(serve.MetricsFile), mt); err != nil {
		return err
	}
	w.m.Metrics = MetricsEntry{Written: true, Metric: in.Metric, Validation: sortedKeys(in.Validation), Test: sortedKeys(in.Test)}
	return nil
}

func sortedKeys(mp map[string]float64) []string {
	out := make([]string, 0, len(mp))
	for k := range mp {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// copyServers copies each target's binary into bin/<os>_<arch>/.
func (w *writer) copyServers(ctx context.Context) error {
	for _, t := range w.opt.Targets {
		dst := w.path(t.Binary())
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		if err := copyFile(w.bins[t], dst, 0o755); err != nil {
			return fmt.Errorf("copying the %s server %s: %w", t, w.bins[t], err)
		}
		w.m.Targets = append(w.m.Targets, TargetEntry{Target: t.String(), Path: t.Binary()})
	}
	return nil
}

func copyFile(src, dst string, mode os.FileMode) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// writeExample writes example-request.json from the first check rows.
func (w *writer) writeExample(ctx context.Context) error {
	w.check = w.in.Check
	w.m.Resources.CheckedPart = w.in.CheckPart
	if w.m.Resources.CheckedPart == "" {
		w.m.Resources.CheckedPart = "test"
	}
	if w.check == nil || w.check.NumRows() == 0 {
		n := min(w.in.Train.NumRows(), 200)
		w.check = w.in.Train.Take(seq(n))
		w.m.Resources.CheckedPart = "training"
		w.m.LeftOut = append(w.m.LeftOut, "there are no test rows, so the predictions were checked on the first training rows and the example request holds training rows")
	}
	recs, err := records(w.contract, w.check, seq(min(exampleRows, w.check.NumRows())))
	if err != nil {
		return fmt.Errorf("the example request: %w", err)
	}
	w.example = predictBody(recs)
	return writeJSONFile(w.path(ExampleRequestFile), w.example)
}

func seq(n int) []int {
	out := make([]int, n)
	for i := range out {
		out[i] = i
	}
	return out
}

func (w *writer) writeExtras(ctx context.Context) error {
	es, err := writeExtras(ctx, w.opt.Extras, w.in.Artifact, w.root)
	w.m.Extras = es
	return err
}

func (w *writer) writeManifest(ctx context.Context) error {
	files, err := listFiles(w.root)
	if err != nil {
		return err
	}
	w.m.Files = files
	return writeJSONFile(w.path(ManifestFile), w.m)
}

// pretty indents a JSON answer for example-response.json.
func pretty(b []byte) ([]byte, error) {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return nil, err
	}
	out, err := json.MarshalIndent(v, "", "  ")
	return append(out, '\n'), err
}
