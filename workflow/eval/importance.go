package eval

import (
	"cmp"
	"context"
	"fmt"
	"math/rand/v2"
	"slices"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/progress"
)

// ImportanceOptions says how to measure permutation importance.
type ImportanceOptions struct {
	Metric  string   // Scorer name; "" is the task's default
	Repeats int      // shuffles per column; 0 means 5
	Seed    uint64   // the shuffles
	Columns []string // raw columns to shuffle; nil means every input column of the pipeline
	Workers int      // columns shuffled at once; 0 means GOMAXPROCS
}

// FeatureImportance is how much the score suffers when one column is
// shuffled: the drop of a higher-is-better metric, or the rise of a loss,
// so that a larger number always means a more important column. It can be
// slightly negative for a useless column, by chance.
type FeatureImportance struct {
	Column string    `json:"column"`
	Mean   float64   `json:"mean"`
	Std    float64   `json:"std"` // population standard deviation over the repeats, as scikit-learn's importances_std
	Values []float64 `json:"values"`
}

// Importance is the permutation importance of every column, most
// important first.
type Importance struct {
	Metric   string              `json:"metric"`
	Baseline float64             `json:"baseline"` // the score with no column shuffled
	Features []FeatureImportance `json:"features"`
}

// PermutationImportance measures how much a relies on each raw column of
// f (Breiman 2001; scikit-learn's permutation_importance): the rows of one
// column are shuffled, breaking its link with the target, and the model
// is scored again; Repeats shuffles per column give a mean and a spread.
// f holds rows the model did not train on (a validation or test part) with
// the target; rows without a target are left out. Shuffling happens
// before the fitted pipeline, so a column that the pipeline turns into
// several (one-hot) counts once. The result depends only on Seed.
func PermutationImportance(ctx context.Context, a *artifact.Artifact, f *data.Frame, opt ImportanceOptions, report progress.Func) (*Importance, error) {
	metric := opt.Metric
	if metric == "" {
		metric = metrics.DefaultScorer(a.Task)
	}
	sc, err := metrics.Lookup(metric)
	if err != nil {
		return nil, err
	}
	out, err := a.Score(ctx, f)
	if err != nil {
		return nil, err
	}
	p := toMetrics(out)
	base, err := sc.Score(p)
	if err != nil {
		return nil, err
	}
	sub := f.Take(out.Rows)
	cols, err := importanceColumns(a, sub, opt.Columns)
	if err != nil {
		return nil, err
	}
	repeats := max(opt.Repeats, 1)
	if opt.Repeats == 0 {
		repeats = 5
	}
	imp := &Importance{Metric: metric, Baseline: base, Features: make([]FeatureImportance, len(cols))}
	workers := opt.Workers
	if workers <= 0 {
		workers = CVOptions{}.workers()
	}
	err = runParallel(ctx, len(cols), workers, report, func(ctx context.Context, j int, rep progress.Func) error {
		fi, err := shuffleColumn(ctx, a, sub, p, sc, base, cols[j], j, repeats, opt.Seed, rep)
		imp.Features[j] = fi
		return err
	})
	if err != nil {
		return nil, err
	}
	slices.SortStableFunc(imp.Features, func(x, y FeatureImportance) int { return cmp.Compare(y.Mean, x.Mean) })
	return imp, nil
}

// importanceColumns resolves the columns to shuffle: the requested ones,
// or every input column of the pipeline that f has.
func importanceColumns(a *artifact.Artifact, f *data.Frame, cols []string) ([]string, error) {
	if cols == nil {
		for _, in := range a.Input {
			if f.Index(in.Name) >= 0 {
				cols = append(cols, in.Name)
			}
		}
		return cols, nil
	}
	for _, n := range cols {
		if f.Index(n) < 0 {
			return nil, fmt.Errorf("column %q is not in the rows to evaluate", n)
		}
		if n == a.Target {
			return nil, fmt.Errorf("column %q is the target; shuffling it measures nothing", n)
		}
	}
	return cols, nil
}

// shuffleColumn scores the model repeats times with column name shuffled.
// Column j's shuffles come from their own stream, so the result does not
// depend on which columns run at once.
func shuffleColumn(ctx context.Context, a *artifact.Artifact, f *data.Frame, p *metrics.Predictions, sc metrics.Scorer,
	base float64, name string, j, repeats int, seed uint64, report progress.Func) (FeatureImportance, error) {
	fi := FeatureImportance{Column: name, Values: make([]float64, repeats)}
	col, _ := f.Lookup(name)
	r := rand.New(rand.NewPCG(seed, uint64(j)))
	perm := make([]int, f.NumRows())
	for k := 0; k < repeats; k++ {
		if err := ctx.Err(); err != nil {
			return fi, err
		}
		for i := range perm {
			perm[i] = i
		}
		shuffle(r, perm)
		g, err := f.With(col.Take(perm))
		if err != nil {
			return fi, err
		}
		out, err := a.Predict(ctx, g)
		if err != nil {
			return fi, err
		}
		v, err := sc.Score(&metrics.Predictions{Task: p.Task, Classes: p.Classes, Truth: p.Truth, Pred: out.Index, Proba: out.Proba})
		if err != nil {
			return fi, err
		}
		fi.Values[k] = base - v
		if !sc.HigherIsBetter {
			fi.Values[k] = v - base
		}
		report.Send(float64(k+1)/float64(repeats), "shuffled "+name)
	}
	fi.Mean, fi.Std = meanStd(fi.Values)
	return fi, nil
}
