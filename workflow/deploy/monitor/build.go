package monitor

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// PredictionName is the name of the predictions' profile.
const PredictionName = "prediction"

// Predictions are a model's predictions on the training rows, one per row:
// Labels (the predicted class; "" means none) for classification, Values
// (NaN means none) for regression.
type Predictions struct {
	Task   Task
	Labels []string
	Values []float64
}

// NewBaseline profiles the raw input columns of inputs (as the scoring
// service receives them, before any preparation) and the model's
// predictions on the same rows. Every column of inputs becomes a feature
// profile, in order. Datetime columns are profiled as numbers, in Unix
// seconds, so that their drift is measured like any number's.
//
// inputs must have at least one row and one column; the predictions must
// match its rows and the task. ctx is checked between columns; report
// (which may be nil) hears after each one. The frame is not modified.
func NewBaseline(ctx context.Context, inputs *data.Frame, pred Predictions, report progress.Func) (*Baseline, error) {
	if inputs == nil || inputs.NumCols() == 0 || inputs.NumRows() == 0 {
		return nil, fmt.Errorf("baseline: the training inputs have no rows or no columns")
	}
	rows := inputs.NumRows()
	b := &Baseline{Format: BaselineFormat, Version: BaselineVersion, Task: pred.Task, Rows: rows}
	var err error
	switch pred.Task {
	case Classification:
		if len(pred.Labels) != rows {
			return nil, fmt.Errorf("baseline: %d predicted labels for %d rows", len(pred.Labels), rows)
		}
		b.Prediction = levelsOfStrings(PredictionName, data.Categorical, pred.Labels)
	case Regression:
		if len(pred.Values) != rows {
			return nil, fmt.Errorf("baseline: %d predicted values for %d rows", len(pred.Values), rows)
		}
		b.Prediction = numericOf(PredictionName, data.Numeric, "", pred.Values)
	default:
		return nil, fmt.Errorf("baseline: unknown task %q (want %q or %q)", pred.Task, Classification, Regression)
	}
	for j := 0; j < inputs.NumCols(); j++ {
		if err = ctx.Err(); err != nil {
			return nil, err
		}
		p, err := profileColumn(inputs.Col(j))
		if err != nil {
			return nil, fmt.Errorf("baseline, column %q: %w", inputs.Col(j).Name(), err)
		}
		b.Features = append(b.Features, p)
		report.Send(float64(j+1)/float64(inputs.NumCols()), "profiling "+inputs.Col(j).Name())
	}
	// Values near the float64 limits can overflow the mean or spread; the
	// check names the column.
	if err := b.Validate(); err != nil {
		return nil, fmt.Errorf("baseline: %w (values too large to summarise?)", err)
	}
	return b, nil
}

func profileColumn(c data.Column) (Profile, error) {
	n := c.Len()
	switch col := c.(type) {
	case *data.NumericColumn:
		return numericOf(c.Name(), data.Numeric, "", col.Values()), nil
	case *data.DatetimeColumn:
		vals := make([]float64, n)
		for i, ns := range col.UnixNanos() {
			vals[i] = math.NaN()
			if !col.IsMissing(i) {
				vals[i] = float64(ns) / 1e9
			}
		}
		return numericOf(c.Name(), data.Datetime, col.Layout(), vals), nil
	case *data.CategoricalColumn:
		counts := make([]int, len(col.Levels()))
		missing := 0
		for _, k := range col.Codes() {
			if k < 0 {
				missing++
			} else {
				counts[k]++
			}
		}
		m := make(map[string]int, len(counts))
		for k, cnt := range counts {
			if cnt > 0 {
				m[col.Levels()[k]] += cnt
			}
		}
		return levelsOf(c.Name(), data.Categorical, n, missing, m), nil
	case *data.BooleanColumn, *data.TextColumn:
		vals := make([]string, n)
		for i := range vals {
			vals[i] = c.Format(i) // "" when missing
		}
		return levelsOfStrings(c.Name(), c.Kind(), vals), nil
	}
	return Profile{}, fmt.Errorf("columns of kind %s cannot be profiled", c.Kind())
}

// numericOf profiles values; NaN and ±Inf count as missing.
func numericOf(name string, kind data.Kind, layout string, values []float64) Profile {
	present := make([]float64, 0, len(values))
	for _, v := range values {
		if finite(v) {
			present = append(present, v)
		}
	}
	slices.Sort(present)
	p := Profile{Name: name, Kind: kind, Layout: layout, Count: len(values), Missing: len(values) - len(present)}
	p.MissingShare = float64(p.Missing) / float64(p.Count)
	p.Numeric = numericProfile(present)
	return p
}

// numericProfile summarises sorted finite values.
func numericProfile(sorted []float64) *NumericProfile {
	n := len(sorted)
	np := &NumericProfile{Edges: []float64{}, Bins: []int{0}, Sample: []float64{}}
	if n == 0 {
		return np
	}
	np.Min, np.Max = sorted[0], sorted[n-1]
	mean := 0.0
	for k, v := range sorted {
		mean += (v - mean) / float64(k+1) // running mean: no overflow of the sum
	}
	ss := 0.0
	for _, v := range sorted {
		ss += (v - mean) * (v - mean)
	}
	np.Mean = mean
	if n > 1 {
		np.Std = math.Sqrt(ss / float64(n-1))
	}
	for k := 1; k < Deciles; k++ {
		e := quantileSorted(sorted, float64(k)/Deciles)
		if len(np.Edges) == 0 || e > np.Edges[len(np.Edges)-1] {
			np.Edges = append(np.Edges, e)
		}
	}
	np.Bins = make([]int, len(np.Edges)+1)
	for _, v := range sorted {
		np.Bins[binOf(np.Edges, v)]++
	}
	if n <= MaxSample {
		np.Sample = slices.Clone(sorted)
	} else {
		np.Sample = make([]float64, MaxSample)
		for k := range np.Sample {
			np.Sample[k] = sorted[int((float64(k)+0.5)*float64(n)/MaxSample)]
		}
	}
	return np
}

// binOf is the PSI bin of a present value: the number of edges below it.
func binOf(edges []float64, v float64) int { return sort.SearchFloat64s(edges, v) }

// quantileSorted is numpy's default (linear) quantile of sorted values:
// position h = (n−1)·q, interpolated between its neighbours.
func quantileSorted(sorted []float64, q float64) float64 {
	h := float64(len(sorted)-1) * q
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func levelsOfStrings(name string, kind data.Kind, vals []string) Profile {
	m := make(map[string]int)
	missing := 0
	for _, v := range vals {
		if v == "" {
			missing++
		} else {
			m[v]++
		}
	}
	return levelsOf(name, kind, len(vals), missing, m)
}

// levelsOf builds a level profile from level counts.
func levelsOf(name string, kind data.Kind, rows, missing int, counts map[string]int) Profile {
	all := make([]LevelCount, 0, len(counts))
	for l, c := range counts {
		all = append(all, LevelCount{Level: l, Count: c})
	}
	sortLevels(all)
	lp := &LevelProfile{Levels: all[:min(len(all), MaxLevels)]}
	rest := all[len(lp.Levels):]
	for _, lc := range rest {
		lp.Other += lc.Count
	}
	lp.OtherLevels = len(rest)
	if len(rest) <= MaxOtherNames {
		for _, lc := range rest {
			lp.OtherNames = append(lp.OtherNames, lc.Level)
		}
		slices.Sort(lp.OtherNames)
	}
	lp.Levels = slices.Clip(lp.Levels)
	return Profile{Name: name, Kind: kind, Count: rows, Missing: missing, MissingShare: float64(missing) / float64(rows), Levels: lp}
}

// sortLevels orders levels most frequent first, ties by name.
func sortLevels(l []LevelCount) {
	slices.SortFunc(l, func(a, b LevelCount) int {
		if c := cmp.Compare(b.Count, a.Count); c != 0 {
			return c
		}
		return cmp.Compare(a.Level, b.Level)
	})
}

// formatBool is how booleans are named as levels.
func formatBool(v bool) string { return strconv.FormatBool(v) }
