package tree

import (
	"context"
	"fmt"

	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// GradientBoosting is the configuration of histogram-based gradient-boosted
// trees (registry name "gbt"). Each iteration fits one small tree (one per
// class for more than two classes) to the gradients of the loss and adds
// it, scaled by the learning rate. Zero values of the fields mean the
// defaults named below, which are scikit-learn's.
type GradientBoosting struct {
	LearningRate float64 // step per tree; 0 means 0.1
	MaxIter      int     // iterations; 0 means 100
	MaxLeafNodes int     // leaves per tree; 0 means 31, negative means no limit
	MaxDepth     int     // 0 means no limit
	MinLeaf      int     // rows per leaf; 0 means 20
	L2           float64 // L2 penalty on leaf values; 0 means none
	MaxBins      int     // value bins per feature, 2..255; 0 means 255
	// EarlyStopping is "auto" (or ""; on when there are more than 10,000
	// rows), "on" or "off". When on, ValidationFraction of the rows
	// (stratified by class) are set aside, and fitting stops when the loss
	// on them has not improved by more than Tol for NIterNoChange
	// iterations.
	EarlyStopping      string
	ValidationFraction float64 // 0 means 0.1
	NIterNoChange      int     // 0 means 10
	Tol                float64 // 0 means 1e-7; negative means 0 (any decrease counts)
	// Seed fixes the validation split and the row sample the bins are
	// computed from (for more than 200,000 rows).
	Seed uint64
}

// Name returns "gbt".
func (GradientBoosting) Name() string { return "gbt" }

// Supports reports true for classification and regression.
func (GradientBoosting) Supports(model.Task) bool { return true }

// Params describes the parameters (the registry entry's Params).
func (GradientBoosting) Params() []param.Spec { return gbtParams() }

// settings is a GradientBoosting with its defaults filled in.
type settings struct {
	GradientBoosting
	early bool
}

func (l GradientBoosting) resolve(rows int) (settings, error) {
	def := func(v *int, d int) {
		if *v == 0 {
			*v = d
		}
	}
	defF := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	defF(&l.LearningRate, 0.1)
	def(&l.MaxIter, 100)
	def(&l.MaxLeafNodes, 31)
	def(&l.MinLeaf, 20)
	def(&l.MaxBins, 255)
	defF(&l.ValidationFraction, 0.1)
	def(&l.NIterNoChange, 10)
	defF(&l.Tol, 1e-7)
	l.Tol = max(l.Tol, 0)
	s := settings{GradientBoosting: l}
	switch {
	case l.LearningRate < 0 || l.MaxIter < 0 || l.MinLeaf < 0 || l.L2 < 0 || l.NIterNoChange < 0:
		return s, fmt.Errorf("gbt: learning rate, iterations, rows per leaf, L2 and patience must not be negative")
	case l.MaxBins < 2 || l.MaxBins > 255:
		return s, fmt.Errorf("gbt: max_bins %d must be between 2 and 255", l.MaxBins)
	case l.MaxLeafNodes == 1:
		return s, fmt.Errorf("gbt: a tree needs at least 2 leaves (max_leaf_nodes 0 means no limit)")
	case !(l.ValidationFraction > 0 && l.ValidationFraction < 1):
		return s, fmt.Errorf("gbt: validation_fraction %v must be between 0 and 1", l.ValidationFraction)
	}
	switch l.EarlyStopping {
	case "", "auto":
		s.early = rows > 10_000
	case "on":
		s.early = true
	case "off":
	default:
		return s, fmt.Errorf("gbt: early_stopping %q: use auto, on or off", l.EarlyStopping)
	}
	return s, nil
}

// Fit boosts trees on d. Missing feature values are allowed: they get a bin
// of their own and every split learns where they go.
func (l GradientBoosting) Fit(ctx context.Context, d *model.Dataset, report progress.Func) (model.Model, error) {
	if err := model.CheckFit(ctx, l, d, true); err != nil {
		return nil, err
	}
	s, err := l.resolve(d.Rows())
	if err != nil {
		return nil, err
	}
	report.Send(0, "binning the features")
	b, err := newBoostFit(ctx, s, d)
	if err != nil {
		return nil, err
	}
	if err := b.run(ctx, report.Scale(0.05, 1)); err != nil {
		return nil, err
	}
	m := b.model()
	report.Send(1, fmt.Sprintf("%d iterations", m.nIter))
	return m, nil
}
