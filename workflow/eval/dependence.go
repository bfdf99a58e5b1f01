package eval

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"slices"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/progress"
)

// The grids of PartialDependence for numeric columns.
const (
	// QuantileGrid puts the points at evenly spaced quantiles between the
	// two percentiles (numpy's linear percentile), so that they follow
	// the data: dense where rows are many, none in empty stretches.
	QuantileGrid = "quantile"
	// UniformGrid spaces the points evenly between the two percentiles
	// (scipy's mquantiles), as scikit-learn's partial_dependence does.
	UniformGrid = "uniform"
)

// ErrDependence means a partial dependence cannot be computed as asked.
var ErrDependence = errors.New("the partial dependence cannot be computed")

// DependenceOptions says how to compute a partial dependence. The zero
// value uses a 20-point quantile grid between the 5th and 95th
// percentiles and draws 50 rows for ICE lines with seed 0.
type DependenceOptions struct {
	Grid        string     // QuantileGrid ("") or UniformGrid
	Resolution  int        // grid points; 0 means 20. A column with fewer distinct values uses them all.
	Percentiles [2]float64 // the grid's range; {0, 0} means {0.05, 0.95}
	ICERows     []int      // rows of f to draw ICE lines for; nil means a sample of ICESample rows
	ICESample   int        // 0 means 50
	Seed        uint64     // the ICE sample
}

// Dependence is the partial dependence of a model's output on one raw
// column (Friedman 2001): for every grid value, the column is set to that
// value in every row and the outputs are averaged. ICE lines (Goldstein et
// al. 2015) are the same curves for single rows before averaging; lines
// that cross show interactions the average hides.
type Dependence struct {
	Column      string    `json:"column"`
	Categorical bool      `json:"categorical"`
	Values      []string  `json:"values"`         // the grid, as shown
	Grid        []float64 `json:"grid,omitempty"` // the numeric grid; nil for categories
	// Outputs name what is averaged: "prediction" for regression, the
	// probability of the positive class (a binary classifier) or of every
	// class.
	Outputs []string      `json:"outputs"`
	Average [][]float64   `json:"average"` // [output][grid point]
	ICE     [][][]float64 `json:"ice"`     // [output][ICE row][grid point]
	ICERows []int         `json:"ice_rows"`
}

// PartialDependence computes the partial dependence and ICE lines of a's
// output on column over the rows of f. A classifier needs probabilities.
// The grid follows opt; categories and yes/no columns use their values.
func PartialDependence(ctx context.Context, a *artifact.Artifact, f *data.Frame, column string, opt DependenceOptions, report progress.Func) (*Dependence, error) {
	col, ok := f.Lookup(column)
	if !ok || column == a.Target {
		return nil, fmt.Errorf("column %q is not an input column of these rows: %w", column, ErrDependence)
	}
	dep := &Dependence{Column: column}
	settings, err := dep.grid(col, opt)
	if err != nil {
		return nil, err
	}
	dep.ICERows, err = iceRows(f.NumRows(), opt)
	if err != nil {
		return nil, err
	}
	for g, set := range settings {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		frame, err := f.With(set)
		if err != nil {
			return nil, err
		}
		out, err := a.Predict(ctx, frame)
		if err != nil {
			return nil, err
		}
		if err := dep.add(out, g, len(settings)); err != nil {
			return nil, err
		}
		report.Send(float64(g+1)/float64(len(settings)), fmt.Sprintf("%s = %s", column, dep.Values[g]))
	}
	return dep, nil
}

// add records the outputs of grid point g.
func (d *Dependence) add(out *artifact.Predictions, g, points int) error {
	var cols [][]float64 // per output, per row
	switch {
	case out.Task == model.Regression:
		cols, d.Outputs = [][]float64{out.Index}, []string{"prediction"}
	case out.Proba == nil:
		return fmt.Errorf("the model gives no probabilities to average: %w", ErrDependence)
	default:
		classes := out.Classes
		first := 0
		if len(classes) == 2 {
			first = 1 // the positive class only, as scikit-learn
		}
		d.Outputs = nil
		for c := first; c < len(classes); c++ {
			d.Outputs = append(d.Outputs, "P("+classes[c]+")")
			col := make([]float64, len(out.Proba))
			for i, row := range out.Proba {
				col[i] = row[c]
			}
			cols = append(cols, col)
		}
	}
	if d.Average == nil {
		d.Average = make([][]float64, len(cols))
		d.ICE = make([][][]float64, len(cols))
		for o := range cols {
			d.Average[o] = make([]float64, points)
			d.ICE[o] = make([][]float64, len(d.ICERows))
			for i := range d.ICE[o] {
				d.ICE[o][i] = make([]float64, points)
			}
		}
	}
	for o, col := range cols {
		d.Average[o][g] = meanOf(col)
		for i, r := range d.ICERows {
			d.ICE[o][i][g] = col[r]
		}
	}
	return nil
}

// iceRows returns the rows to draw ICE lines for, sorted.
func iceRows(n int, opt DependenceOptions) ([]int, error) {
	if opt.ICERows != nil {
		for _, r := range opt.ICERows {
			if r < 0 || r >= n {
				return nil, fmt.Errorf("ICE row %d is outside the %d rows: %w", r, n, ErrDependence)
			}
		}
		return opt.ICERows, nil
	}
	k := opt.ICESample
	if k <= 0 {
		k = 50
	}
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	if k >= n {
		return all, nil
	}
	shuffle(rand.New(rand.NewPCG(opt.Seed, 0x696365)), all)
	out := all[:k]
	slices.Sort(out)
	return out, nil
}

// grid returns one column per grid point, the column set to that value
// in every row, and fills Values, Grid and Categorical.
func (d *Dependence) grid(col data.Column, opt DependenceOptions) ([]data.Column, error) {
	n := col.Len()
	switch c := col.(type) {
	case *data.NumericColumn:
		grid, err := numericGrid(c, opt)
		if err != nil {
			return nil, err
		}
		d.Grid = grid
		out := make([]data.Column, len(grid))
		for g, v := range grid {
			vals := make([]float64, n)
			for i := range vals {
				vals[i] = v
			}
			out[g] = data.NewNumeric(c.Name(), vals, nil)
			d.Values = append(d.Values, data.FormatFloat(v))
		}
		return out, nil
	case *data.CategoricalColumn:
		d.Categorical = true
		return levelGrid(c, d)
	case *data.BooleanColumn:
		d.Categorical = true
		var out []data.Column
		for _, v := range []bool{false, true} {
			vals := make([]bool, n)
			for i := range vals {
				vals[i] = v
			}
			out = append(out, data.NewBoolean(c.Name(), vals, nil).Spelled(c.Spelling()))
			d.Values = append(d.Values, c.Spelling().Text(v))
		}
		return out, nil
	}
	return nil, fmt.Errorf("column %q holds %s values; partial dependence needs numbers, categories or yes/no values: %w", col.Name(), col.Kind(), ErrDependence)
}

// levelGrid sets a categorical column to each level that occurs, in
// sorted order (numpy's unique, as scikit-learn).
func levelGrid(c *data.CategoricalColumn, d *Dependence) ([]data.Column, error) {
	used := map[int32]bool{}
	for _, k := range c.Codes() {
		if k >= 0 {
			used[k] = true
		}
	}
	var codes []int32
	for k := range used {
		codes = append(codes, k)
	}
	levels := c.Levels()
	slices.SortFunc(codes, func(a, b int32) int { return cmp.Compare(levels[a], levels[b]) })
	if len(codes) == 0 {
		return nil, fmt.Errorf("column %q has no values: %w", c.Name(), ErrDependence)
	}
	out := make([]data.Column, len(codes))
	for g, k := range codes {
		vals := make([]int32, c.Len())
		for i := range vals {
			vals[i] = k
		}
		out[g] = data.NewCategorical(c.Name(), vals, levels)
		d.Values = append(d.Values, levels[k])
	}
	return out, nil
}

// numericGrid returns the grid of a numeric column.
func numericGrid(c *data.NumericColumn, opt DependenceOptions) ([]float64, error) {
	var x []float64
	for _, v := range c.Values() {
		if !math.IsNaN(v) {
			x = append(x, v)
		}
	}
	if len(x) == 0 {
		return nil, fmt.Errorf("column %q has no values: %w", c.Name(), ErrDependence)
	}
	slices.Sort(x)
	res := opt.Resolution
	if res == 0 {
		res = 20
	}
	if res < 2 {
		return nil, fmt.Errorf("a grid needs at least 2 points, not %d: %w", res, ErrDependence)
	}
	unique := slices.Compact(slices.Clone(x))
	if len(unique) < res {
		return unique, nil
	}
	p := opt.Percentiles
	if p == [2]float64{} {
		p = [2]float64{0.05, 0.95}
	}
	if !(0 <= p[0] && p[0] < p[1] && p[1] <= 1) {
		return nil, fmt.Errorf("percentiles %v must satisfy 0 ≤ low < high ≤ 1: %w", p, ErrDependence)
	}
	switch opt.Grid {
	case UniformGrid:
		lo, hi := mquantile(x, p[0]), mquantile(x, p[1])
		if hi-lo <= 1e-8+1e-5*math.Abs(hi) {
			return nil, fmt.Errorf("column %q: the percentiles are too close to build a grid: %w", c.Name(), ErrDependence)
		}
		return linspace(lo, hi, res), nil
	case QuantileGrid, "":
		var out []float64
		for _, q := range linspace(p[0], p[1], res) {
			out = append(out, quantileLinear(x, q))
		}
		return slices.Compact(out), nil
	}
	return nil, fmt.Errorf("unknown grid %q (want quantile or uniform): %w", opt.Grid, ErrDependence)
}

// linspace is numpy's linspace with the endpoint.
func linspace(lo, hi float64, n int) []float64 {
	if n == 1 {
		return []float64{lo}
	}
	step := (hi - lo) / float64(n-1)
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(i)*step + lo
	}
	out[n-1] = hi
	return out
}

// mquantile is scipy.stats.mstats.mquantiles with its default plotting
// positions alphap = betap = 0.4, on sorted x.
func mquantile(x []float64, p float64) float64 {
	n := float64(len(x))
	m := 0.4 + p*(1-0.4-0.4)
	aleph := n*p + m
	k := math.Floor(math.Min(math.Max(aleph, 1), n-1))
	g := math.Min(math.Max(aleph-k, 0), 1)
	return (1-g)*x[int(k)-1] + g*x[int(k)]
}

// quantileLinear is numpy's default (linear) quantile of sorted x.
func quantileLinear(x []float64, q float64) float64 {
	v := float64(len(x)-1) * q
	lo := math.Floor(v)
	if int(lo) >= len(x)-1 {
		return x[len(x)-1]
	}
	g := v - lo
	return x[int(lo)] + g*(x[int(lo)+1]-x[int(lo)])
}
