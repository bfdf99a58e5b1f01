package serve

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/contract"
	"modelbench/workflow/deploy/monitor"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners" // decoders for every model type
)

// The files of a deployment directory.
const (
	ModelFile    = artifact.FileName // model.json: the fitted pipeline and model
	SchemaFile   = contract.FileName // schema.json: the input contract
	BaselineFile = "baseline.json"   // the training profile, for drift
	MetricsFile  = "metrics.json"    // validation and test results (optional)
)

// Deployment is a loaded deployment directory: the model, its input
// contract, its training baseline and, when the directory has one, its
// validation and test metrics. It is immutable and safe for concurrent
// use.
type Deployment struct {
	Dir      string
	Artifact *artifact.Artifact
	Contract *contract.Contract
	Baseline *monitor.Baseline
	// Metrics are metrics.json's numbers; nil when the file is absent.
	Metrics *Metrics
	// ModelVersion identifies the model: the first 12 hexadecimal digits
	// of the SHA-256 of model.json's bytes, so that the same file always
	// has the same version and any change to it gives another.
	ModelVersion string
	// kinds are the input columns' kinds, by contract field.
	kinds []data.Kind
	// layouts are the datetime fields' layouts.
	layouts []string
	// levels are the closed category fields' levels as sets (nil for
	// other fields), built once for every request's check.
	levels []map[string]bool
	// hasProba says the model gives class probabilities.
	hasProba bool
	// classOrder lists the class indices in the classes' sorted order
	// (how JSON objects of probabilities are written).
	classOrder []int
}

// Metrics is metrics.json: the model's scores on the validation rows
// (cross-validation) and on the test rows, by metric name as
// workflow/eval/metrics names them ("accuracy", "f1_macro", "r2", …), and
// the metric the model was chosen by. Either map may be empty. The
// dashboard shows them beside the live metrics.
//
//	{"validation": {"accuracy": 0.81}, "test": {"accuracy": 0.79}, "metric": "accuracy"}
type Metrics struct {
	Validation map[string]float64 `json:"validation"`
	Test       map[string]float64 `json:"test"`
	Metric     string             `json:"metric"`
}

// DecodeMetrics reads metrics.json. Values must be finite numbers.
func DecodeMetrics(b []byte) (*Metrics, error) {
	var m Metrics
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("not a metrics file: %w", err)
	}
	for _, set := range []map[string]float64{m.Validation, m.Test} {
		for k, v := range set {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, fmt.Errorf("the metric %q is not a finite number", k)
			}
		}
	}
	return &m, nil
}

// VersionOf is the model version of a model.json's bytes, as
// Deployment.ModelVersion and the prediction log name it: the first 12
// hexadecimal digits of their SHA-256.
func VersionOf(modelJSON []byte) string {
	sum := sha256.Sum256(modelJSON)
	return hex.EncodeToString(sum[:])[:12]
}

// LoadDir reads the deployment directory dir: model.json, schema.json,
// baseline.json and, when present, metrics.json. Errors name the file
// that is missing or wrong, and say what is wrong: a missing file, a file
// of another format, or files that do not belong together (a contract
// whose fields are not the model's inputs, a baseline of another task).
func LoadDir(dir string) (*Deployment, error) {
	if st, err := os.Stat(dir); err != nil {
		return nil, fmt.Errorf("the deployment directory %s: %w", dir, err)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("%s is not a directory (a deployment directory holds %s, %s and %s)", dir, ModelFile, SchemaFile, BaselineFile)
	}
	read := func(name string) ([]byte, error) {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%s has no %s (a deployment directory holds %s, %s, %s and optionally %s)", dir, name, ModelFile, SchemaFile, BaselineFile, MetricsFile)
		}
		return b, err
	}
	d := &Deployment{Dir: dir}
	raw, err := read(ModelFile)
	if err != nil {
		return nil, err
	}
	d.ModelVersion = VersionOf(raw)
	var a artifact.Artifact
	if err := json.Unmarshal(raw, &a); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, ModelFile), err)
	}
	d.Artifact = &a
	if raw, err = read(SchemaFile); err != nil {
		return nil, err
	}
	if d.Contract, err = contract.Decode(raw); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, SchemaFile), err)
	}
	if raw, err = read(BaselineFile); err != nil {
		return nil, err
	}
	if d.Baseline, err = monitor.DecodeBaseline(raw); err != nil {
		return nil, fmt.Errorf("%s: %w", filepath.Join(dir, BaselineFile), err)
	}
	if raw, err = os.ReadFile(filepath.Join(dir, MetricsFile)); err == nil {
		if d.Metrics, err = DecodeMetrics(raw); err != nil {
			return nil, fmt.Errorf("%s: %w", filepath.Join(dir, MetricsFile), err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return nil, err
	}
	if err := d.check(); err != nil {
		return nil, err
	}
	return d, nil
}

// check verifies that the files belong together.
func (d *Deployment) check() error {
	a, c, b := d.Artifact, d.Contract, d.Baseline
	schema := filepath.Join(d.Dir, SchemaFile)
	if c.Task != a.Task || c.Target != a.Target {
		return fmt.Errorf("%s is the contract of a %s model of %q, but %s predicts %q (%s)", schema, c.Task, c.Target, ModelFile, a.Target, a.Task)
	}
	if len(c.Fields) != len(a.Input) {
		return fmt.Errorf("%s lists %d fields, but the model takes %d input columns", schema, len(c.Fields), len(a.Input))
	}
	d.kinds = make([]data.Kind, len(c.Fields))
	d.layouts = make([]string, len(c.Fields))
	d.levels = make([]map[string]bool, len(c.Fields))
	for i, f := range c.Fields {
		if f.Type == contract.TypeCategory && !f.MoreLevels {
			d.levels[i] = make(map[string]bool, len(f.Levels))
			for _, l := range f.Levels {
				d.levels[i][l] = true
			}
		}
		in := a.Input[i]
		if in.Name != f.Name {
			return fmt.Errorf("%s: field %d is %q, but the model's input column %d is %q", schema, i+1, f.Name, i+1, in.Name)
		}
		d.kinds[i] = in.Kind
		d.layouts[i] = f.Layout
	}
	d.classOrder = sortedOrder(a.Classes)
	_, d.hasProba = a.Model.(model.ProbPredictor)
	d.hasProba = d.hasProba && a.Task == model.Classification
	want := monitor.Classification
	if a.Task == model.Regression {
		want = monitor.Regression
	}
	if b.Task != want {
		return fmt.Errorf("%s profiles a %s model, but the model does %s", filepath.Join(d.Dir, BaselineFile), b.Task, want)
	}
	return nil
}

// sortedOrder returns the indices of names in sorted order of the names.
func sortedOrder(names []string) []int {
	order := make([]int, len(names))
	for k := range order {
		order[k] = k
	}
	slices.SortFunc(order, func(x, y int) int { return strings.Compare(names[x], names[y]) })
	return order
}

// Classification reports whether the model predicts classes.
func (d *Deployment) Classification() bool { return d.Artifact.Task == model.Classification }
