package eval

import (
	"context"
	"fmt"
	"math"
	"sort"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/progress"
)

// Bounds of an assessment, so that a wide table still assesses quickly.
const (
	// AssessTopDependence is how many of the most important columns get a
	// partial-dependence curve.
	AssessTopDependence = 3
	// AssessMaxSliceLevels is the most levels a column may have to be
	// sliced by default.
	AssessMaxSliceLevels = 12
	// AssessWorstRows is how many worst-predicted rows are listed.
	AssessWorstRows = 20
)

// AssessOptions says what to compute besides the metrics. The zero value
// computes everything with defaults.
type AssessOptions struct {
	Metric       string   // the Scorer for importance and slices; "" is the task's default
	SliceColumns []string // nil: categorical and yes/no columns with 2..AssessMaxSliceLevels levels
	Repeats      int      // permutation repeats; 0 means 5
	Seed         uint64
	Costs        metrics.Costs // for the binary threshold explorer
}

// Assessment is everything the Evaluate step shows about a model on a
// labelled part of the data (normally the locked test part): predictions,
// metrics, curves, what the model relies on, how groups fare and its worst
// mistakes. Fields that do not apply to the task are nil.
type Assessment struct {
	Learner     string
	Task        model.Task
	Metric      string
	Predictions *metrics.Predictions
	Rows        []int // the rows of the frame that were scored (target present)
	Metrics     *metrics.Metrics
	Confusion   *metrics.Confusion
	Positive    int                        // binary: the class index treated as positive (the second class)
	ROC         map[string]*metrics.ROC    // per class (one-vs-rest); binary: the positive class only
	PR          map[string]*metrics.PR     // likewise
	Calibration []metrics.CalibrationBin   // binary
	Gain        *metrics.Gain              // binary
	Threshold   *metrics.ThresholdExplorer // binary with probabilities
	Importance  *Importance
	Dependence  []*Dependence
	Slices      []*SliceReport
	Worst       *WorstRows
	Issues      []data.Issue
}

// Assess scores a fitted artifact on f (which must hold the target) and
// computes every view of the Evaluate step. Progress: predictions and
// metrics first, then importance (the slow part), dependence and slices.
func Assess(ctx context.Context, a *artifact.Artifact, f *data.Frame, opt AssessOptions, report progress.Func) (*Assessment, error) {
	s, err := Score(ctx, a, f)
	if err != nil {
		return nil, err
	}
	as := &Assessment{Learner: a.Learner, Task: a.Task, Metric: opt.Metric, Predictions: s.Predictions, Rows: s.Rows, Metrics: s.Metrics}
	if as.Metric == "" {
		as.Metric = metrics.DefaultScorer(a.Task)
	}
	as.Issues = append(as.Issues, as.Metrics.Issues...)
	if a.Task == model.Classification {
		if err := as.classification(opt.Costs); err != nil {
			return nil, err
		}
	}
	report.Send(0.1, "metrics")
	scored := f.Take(s.Rows)
	if err := as.understand(ctx, a, scored, opt, report.Scale(0.1, 1)); err != nil {
		return nil, err
	}
	return as, nil
}

// classification fills the confusion matrix and the curves.
func (as *Assessment) classification(costs metrics.Costs) error {
	p := as.Predictions
	k := len(p.Classes)
	truth, pred := toInts(p.Truth), toInts(p.Pred)
	var err error
	if as.Confusion, err = metrics.NewConfusion(truth, pred, k); err != nil {
		return err
	}
	if p.Proba == nil {
		as.Issues = append(as.Issues, data.Issue{Level: "info", Text: "this model gives no probabilities, so there are no ROC, precision-recall or calibration curves"})
		return nil
	}
	as.ROC, as.PR = map[string]*metrics.ROC{}, map[string]*metrics.PR{}
	classes := p.Classes
	if k == 2 {
		as.Positive = 1
		classes = classes[1:]
	}
	for _, c := range classes {
		ci := labelIndex(p.Classes, c)
		pos, score := oneVsRest(p, ci)
		if roc, err := metrics.ROCCurve(pos, score, true); err == nil {
			as.ROC[c] = roc
		}
		if pr, err := metrics.PRCurve(pos, score); err == nil {
			as.PR[c] = pr
		}
	}
	if k == 2 {
		pos, score := oneVsRest(p, 1)
		as.Calibration, _ = metrics.CalibrationCurve(pos, score, 10, metrics.Uniform)
		as.Gain, _ = metrics.CumulativeGain(pos, score)
		as.Threshold, _ = metrics.NewThresholdExplorer(pos, score, costs)
	}
	return nil
}

// understand computes importance, dependence of the top columns, slices
// and the worst rows.
func (as *Assessment) understand(ctx context.Context, a *artifact.Artifact, scored *data.Frame, opt AssessOptions, report progress.Func) error {
	imp, err := PermutationImportance(ctx, a, scored, ImportanceOptions{Metric: as.Metric, Repeats: opt.Repeats, Seed: opt.Seed}, report.Scale(0, 0.7))
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		as.Issues = append(as.Issues, data.Issue{Level: "warning", Text: "no permutation importance: " + err.Error()})
	}
	as.Importance = imp
	if imp != nil {
		for i := 0; i < len(imp.Features) && i < AssessTopDependence; i++ {
			d, err := PartialDependence(ctx, a, scored, imp.Features[i].Column, DependenceOptions{Seed: opt.Seed}, nil)
			if err == nil {
				as.Dependence = append(as.Dependence, d)
			} else if ctx.Err() != nil {
				return ctx.Err()
			}
		}
	}
	report.Send(0.9, "slices")
	for _, name := range sliceColumns(scored, a.Target, opt.SliceColumns) {
		if s, err := Slices(as.Predictions, mustColumn(scored, name), as.Metric); err == nil {
			as.Slices = append(as.Slices, s)
		}
	}
	as.Worst, _ = Worst(as.Predictions, scored, AssessWorstRows)
	report.Send(1, "done")
	return nil
}

// sliceColumns picks the columns to slice by: the requested ones that
// exist, or every categorical or yes/no column with a few levels.
func sliceColumns(f *data.Frame, target string, requested []string) []string {
	if requested != nil {
		var out []string
		for _, n := range requested {
			if f.Index(n) >= 0 {
				out = append(out, n)
			}
		}
		return out
	}
	var out []string
	for _, c := range f.Columns() {
		if c.Name() == target {
			continue
		}
		switch col := c.(type) {
		case *data.CategoricalColumn:
			if n := len(model.ClassLabels(col)); n >= 2 && n <= AssessMaxSliceLevels {
				out = append(out, c.Name())
			}
		case *data.BooleanColumn:
			out = append(out, c.Name())
		}
	}
	sort.Strings(out)
	return out
}

func mustColumn(f *data.Frame, name string) data.Column {
	c, _ := f.Lookup(name)
	return c
}

func oneVsRest(p *metrics.Predictions, class int) ([]bool, []float64) {
	pos := make([]bool, len(p.Truth))
	score := make([]float64, len(p.Truth))
	for i := range pos {
		pos[i] = int(p.Truth[i]) == class
		score[i] = p.Proba[i][class]
	}
	return pos, score
}

func toInts(v []float64) []int {
	out := make([]int, len(v))
	for i, x := range v {
		if math.IsNaN(x) {
			out[i] = -1
			continue
		}
		out[i] = int(x)
	}
	return out
}

func labelIndex(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// ExplainArtifactRow explains a fitted artifact's prediction for row
// (0-based) of f, which must hold the target column; see ExplainRow, which
// does the same without requiring the target.
func ExplainArtifactRow(ctx context.Context, a *artifact.Artifact, f *data.Frame, row int) (*RowExplanation, error) {
	if f.Index(a.Target) < 0 {
		return nil, fmt.Errorf("the data has no target column %q to score against: %w", a.Target, ErrTarget)
	}
	return ExplainRow(ctx, a, f, row)
}
