package workflow

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/progress"
)

// Defaults of RetrainOptions.
const (
	DefaultRetrainHoldOut = 0.3 // share of the new rows kept aside to compare the models
	DefaultRetrainChunks  = 5   // chunks of those rows for the paired test
)

// RetrainOptions say how to retrain the chosen model on new labelled rows.
type RetrainOptions struct {
	// New holds the new labelled rows: the model's input columns and the
	// target (more columns are ignored). Rows without a target are left
	// out.
	New *data.Frame
	// Source says where they came from (a file, a query, the service's
	// feedback), for the journal and the model card.
	Source string
	// Replace learns from the new rows only; otherwise they are added to
	// the rows the current model learnt from.
	Replace bool
	// HoldOut is the share of the new rows kept aside, never learnt from,
	// on which the current and the retrained model are compared (0 means
	// DefaultRetrainHoldOut).
	HoldOut float64
	// Chunks cut the held-out rows for the paired test (0 means
	// DefaultRetrainChunks).
	Chunks int
}

// RetrainResult is a retrained model and how it compares with the current
// one on the same held-out new rows. Nothing in the project changes until
// AcceptRetrain.
type RetrainResult struct {
	Current, Retrained *artifact.Artifact
	Source             string
	Replace            bool
	LearnRows          int // rows the retrained model learnt from
	CompareRows        int // held-out new rows both models were scored on
	Metric             string
	// CurrentMetrics and RetrainedMetrics are every metric on the held-out
	// rows.
	CurrentMetrics, RetrainedMetrics map[string]float64
	// Comparison is the paired test of Metric over chunks of the held-out
	// rows (A is "retrained", B "current").
	Comparison *eval.Comparison
	// Better says the retrained model scores better and the difference is
	// likely real.
	Better bool
	// Learnt holds the rows the retrained model learnt from (its input
	// columns and the target, before the preparation), for the baseline
	// and contract of its deployment (ExportVersion). The project does
	// not keep them once the result is dropped.
	Learnt *data.Frame
}

// Retrain refits the chosen model's recorded preparation and learner, with
// its recorded parameters and seed, on new labelled rows (added to the
// rows it learnt from, or replacing them), and scores the current and the
// retrained model on the same held-out share of the new rows, which
// neither learnt from, with the paired comparison of Train. It changes
// nothing in the project: AcceptRetrain records the new model. The new
// rows must hold the model's input columns and the target, with no class
// the current model never saw (that needs a new training).
func (p *Project) Retrain(ctx context.Context, opt RetrainOptions, report progress.Func) (*RetrainResult, error) {
	tr := p.Training()
	if tr == nil || tr.Chosen == nil {
		return nil, errors.New("choose a model in the Train step before retraining it")
	}
	if opt.New == nil {
		return nil, errors.New("retrain: no new rows")
	}
	cur := tr.Chosen
	opt = retrainDefaults(opt)
	newRows, err := labelledRows(cur, opt.New)
	if err != nil {
		return nil, err
	}
	learn, held := splitNew(newRows, opt.HoldOut, cur.Seed)
	if len(held) < 2*opt.Chunks || len(learn) == 0 {
		return nil, fmt.Errorf("retrain: %d new labelled rows are too few to learn from and compare on (need at least %d)", len(newRows), 2*opt.Chunks+1)
	}
	cols := append(inputNames(cur), cur.Target)
	newF, err := opt.New.Select(cols...)
	if err != nil {
		return nil, fmt.Errorf("retrain: the new rows: %w", err)
	}
	train := newF.Take(learn)
	if !opt.Replace {
		old, err := p.Table().Frame.Take(tr.DevRows).Select(cols...)
		if err != nil {
			return nil, err
		}
		if train, err = data.Concat(old, train); err != nil {
			return nil, fmt.Errorf("retrain: %w", err)
		}
	}
	next, err := artifact.Fit(ctx, train, artifact.Spec{Target: cur.Target, Task: cur.Task, Classes: cur.Classes,
		Pipeline: cur.Pipeline.Pipeline(), Learner: cur.Learner, Params: cur.Params, Seed: cur.Seed}, report.Scale(0, 0.8))
	if err != nil {
		return nil, fmt.Errorf("retrain: %w", err)
	}
	next.DataSource, next.AppVersion, next.Split = opt.Source, AppVersion, nil
	compare := newF.Take(held)
	po, err := cur.Score(ctx, compare)
	if err != nil {
		return nil, fmt.Errorf("scoring the current model on the new rows: %w", err)
	}
	pn, err := next.Score(ctx, compare)
	if err != nil {
		return nil, fmt.Errorf("scoring the retrained model on the new rows: %w", err)
	}
	res := &RetrainResult{Current: cur, Retrained: next, Source: opt.Source, Replace: opt.Replace, LearnRows: len(next.Rows),
		CompareRows: len(po.Truth), Metric: tr.Board.Metric, CurrentMetrics: allMetrics(po), RetrainedMetrics: allMetrics(pn), Learnt: train}
	if res.Comparison, err = eval.CompareOnRows("retrained", pn, "current", po, res.Metric, opt.Chunks, cur.Seed); err != nil {
		return nil, fmt.Errorf("comparing the models: %w", err)
	}
	res.Better = res.Comparison.Better == "retrained" && res.Comparison.Likely
	report.Send(1, "retrained and compared")
	return res, nil
}

func retrainDefaults(o RetrainOptions) RetrainOptions {
	if o.HoldOut <= 0 || o.HoldOut >= 1 {
		o.HoldOut = DefaultRetrainHoldOut
	}
	if o.Chunks < 2 {
		o.Chunks = DefaultRetrainChunks
	}
	return o
}

// splitNew keeps a seeded random share of rows aside; both parts are in
// row order.
func splitNew(rows []int, share float64, seed uint64) (learn, held []int) {
	perm := rand.New(rand.NewPCG(seed, 0xb5ad4eceda1ce2a9)).Perm(len(rows))
	k := int(share*float64(len(rows)) + 0.5)
	for i, j := range perm {
		if i < k {
			held = append(held, rows[j])
		} else {
			learn = append(learn, rows[j])
		}
	}
	slices.Sort(learn)
	slices.Sort(held)
	return learn, held
}

func inputNames(a *artifact.Artifact) []string {
	out := make([]string, 0, len(a.Input))
	for _, f := range a.Input {
		if f.Name != a.Target {
			out = append(out, f.Name)
		}
	}
	return out
}

func allMetrics(p *artifact.Predictions) map[string]float64 {
	m, err := metrics.Evaluate(&metrics.Predictions{Task: p.Task, Classes: p.Classes, Truth: p.Truth, Pred: p.Index, Proba: p.Proba})
	if err != nil {
		return nil
	}
	return m.Metrics
}

// labelledRows returns the rows of f whose target is present; a class the
// model never saw is an error naming the row.
func labelledRows(a *artifact.Artifact, f *data.Frame) ([]int, error) {
	truth, err := a.Truth(f)
	if err != nil {
		return nil, fmt.Errorf("retrain: %w", err)
	}
	tc, _ := f.Lookup(a.Target)
	var rows []int
	for i, v := range truth {
		switch {
		case tc.IsMissing(i):
		case v != v: // NaN: a class the model does not know
			return nil, fmt.Errorf("retrain: row %d has the class %q, which the current model never saw; train again in the Train step to learn new classes", i+1, tc.Format(i))
		default:
			rows = append(rows, i)
		}
	}
	return rows, nil
}
