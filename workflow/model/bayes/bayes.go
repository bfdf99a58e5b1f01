package bayes

import (
	"context"
	"errors"
	"fmt"
	"math"
	"slices"

	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// ErrBadCode is returned (wrapped, with the column and row) when a
// categorical feature holds a value that is not a whole number >= 0.
var ErrBadCode = errors.New("a categorical feature must hold whole-number codes 0, 1, 2 and so on")

// NaiveBayes is the naive Bayes classifier. The zero value is Gaussian naive
// Bayes with scikit-learn's defaults (var_smoothing 1e-9; alpha 1 for
// categorical features).
type NaiveBayes struct {
	// VarSmoothing adds this share of the largest feature variance to every
	// variance, for stability (scikit-learn's var_smoothing); 0 means 1e-9.
	VarSmoothing float64
	// Alpha is the Laplace smoothing count added to every category of a
	// categorical feature; 0 means 1.
	Alpha float64
	// Categorical names the features holding category codes; nil means none.
	Categorical []string
}

// Name returns "naive_bayes".
func (NaiveBayes) Name() string { return "naive_bayes" }

// Supports reports true for classification only.
func (NaiveBayes) Supports(t model.Task) bool { return t == model.Classification }

// Params describes the parameters.
func (NaiveBayes) Params() []param.Spec { return specs }

func init() {
	model.Register(model.Entry{Name: "naive_bayes", Label: "Naive Bayes", Help: help,
		Tasks: []model.Task{model.Classification}, Params: specs,
		New: func(_ model.Task, v param.Values) (model.Learner, error) {
			return NaiveBayes{VarSmoothing: v.Float("var_smoothing"), Alpha: v.Float("alpha"), Categorical: v.Strings("categorical")}, nil
		}})
	model.RegisterDecoder("naive_bayes", decode)
}

// Fit estimates class priors and per-class likelihoods. Missing values give
// model.ErrMissingValues.
func (l NaiveBayes) Fit(ctx context.Context, d *model.Dataset, report progress.Func) (model.Model, error) {
	if err := model.CheckFit(ctx, l, d, false); err != nil {
		return nil, err
	}
	smooth, alpha := l.VarSmoothing, l.Alpha
	if smooth == 0 {
		smooth = 1e-9
	}
	if alpha == 0 {
		alpha = 1
	}
	if smooth < 0 || alpha < 0 {
		return nil, fmt.Errorf("naive_bayes: var_smoothing and alpha must not be negative")
	}
	m := &Fitted{features: slices.Clone(d.Features), classes: slices.Clone(d.Classes)}
	isCat := make([]bool, len(d.X))
	for _, name := range l.Categorical {
		j := slices.Index(d.Features, name)
		if j < 0 {
			return nil, fmt.Errorf("naive_bayes: categorical feature %q is not among the features", name)
		}
		isCat[j] = true
	}
	counts := model.ClassCounts(d.Y, len(d.Classes))
	m.logPrior = make([]float64, len(counts))
	for c, n := range counts {
		m.logPrior[c] = math.Log(float64(n) / float64(d.Rows()))
	}
	for j := range d.X {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if isCat[j] {
			f, err := fitCategorical(d, j, counts, alpha)
			if err != nil {
				return nil, err
			}
			m.cat = append(m.cat, f)
		} else {
			m.gauss = append(m.gauss, fitGaussian(d, j, counts))
		}
	}
	m.epsilon = smooth * maxVariance(d, isCat)
	if m.epsilon == 0 { // every numeric feature is constant: keep variances positive
		m.epsilon = smooth
	}
	m.init()
	report.Send(1, "naive Bayes fitted")
	return m, nil
}

// fitGaussian computes per-class means and (population) variances of
// feature j by two passes.
func fitGaussian(d *model.Dataset, j int, counts []int) gaussian {
	k := len(counts)
	g := gaussian{Feature: j, Mean: make([]float64, k), Var: make([]float64, k)}
	x := d.X[j]
	for i, y := range d.Y {
		g.Mean[int(y)] += x[i]
	}
	for c := range g.Mean {
		if counts[c] > 0 {
			g.Mean[c] /= float64(counts[c])
		}
	}
	for i, y := range d.Y {
		dv := x[i] - g.Mean[int(y)]
		g.Var[int(y)] += dv * dv
	}
	for c := range g.Var {
		if counts[c] > 0 {
			g.Var[c] /= float64(counts[c])
		}
	}
	return g
}

// maxVariance is the largest variance of a Gaussian feature over all rows
// (the scale of scikit-learn's epsilon).
func maxVariance(d *model.Dataset, isCat []bool) float64 {
	mx := 0.0
	for j, x := range d.X {
		if isCat[j] {
			continue
		}
		mean := 0.0
		for _, v := range x {
			mean += v
		}
		mean /= float64(len(x))
		ss := 0.0
		for _, v := range x {
			ss += (v - mean) * (v - mean)
		}
		mx = math.Max(mx, ss/float64(len(x)))
	}
	return mx
}

// fitCategorical counts the codes of feature j per class and stores
// smoothed log probabilities.
func fitCategorical(d *model.Dataset, j int, counts []int, alpha float64) (categorical, error) {
	x := d.X[j]
	levels := 0
	for i, v := range x {
		if v < 0 || v != math.Trunc(v) || v > 1<<24 {
			return categorical{}, fmt.Errorf("%w (column %q, row %d: %v)", ErrBadCode, d.Features[j], i+1, v)
		}
		levels = max(levels, int(v)+1)
	}
	k := len(counts)
	n := make([][]float64, k)
	for c := range n {
		n[c] = make([]float64, levels)
	}
	for i, y := range d.Y {
		n[int(y)][int(x[i])]++
	}
	f := categorical{Feature: j, LogProb: make([][]float64, k), LogUnseen: make([]float64, k)}
	for c := range n {
		den := math.Log(float64(counts[c]) + alpha*float64(levels))
		f.LogProb[c] = make([]float64, levels)
		for v, cnt := range n[c] {
			f.LogProb[c][v] = math.Log(cnt+alpha) - den
		}
		f.LogUnseen[c] = math.Log(alpha) - den
	}
	return f, nil
}
