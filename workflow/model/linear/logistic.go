package linear

import (
	"context"
	"fmt"
	"math"
	"slices"

	"modelbench/workflow/model"
	"modelbench/workflow/model/internal/par"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// Logistic is logistic regression for two classes (one score, the log-odds
// of the second class) or more (multinomial: one score per class,
// probabilities by softmax). It minimises scikit-learn's objective, so C
// means the same thing there:
//
//	l2:   C·Σ_i loss_i + ½·||W||²
//	l1:   C·Σ_i loss_i + ||W||₁
//	none: Σ_i loss_i
//
// where loss_i is the log loss (cross-entropy) of row i; intercepts are not
// penalised. L2 and none use L-BFGS, L1 uses OWL-QN. Internally the
// features are centred and scaled to unit variance, which is an exact
// change of variables (the penalty is rewritten to match), so the solution
// is the one of the stated objective on the raw features but the optimiser
// converges in far fewer iterations. Classes absent from the training rows
// get probability 0. The zero value is L2 with C = 1, 100 iterations,
// tolerance 1e-4.
type Logistic struct {
	Penalty string  // PenaltyL2 (or ""), PenaltyL1 or PenaltyNone
	C       float64 // inverse penalty strength; 0 means 1
	MaxIter int     // optimiser iterations; 0 means 100
	Tol     float64 // largest gradient entry at convergence (of the mean loss); 0 means 1e-4
}

// Name returns "logistic".
func (Logistic) Name() string { return "logistic" }

// Supports reports true for classification only.
func (Logistic) Supports(t model.Task) bool { return t == model.Classification }

// Params describes the parameters.
func (Logistic) Params() []param.Spec { return logisticSpecs }

func newLogistic(_ model.Task, v param.Values) (model.Learner, error) {
	return Logistic{Penalty: v.String("penalty"), C: v.Float("C"), MaxIter: v.Int("max_iter"), Tol: v.Float("tol")}, nil
}

// Fit trains the model. Missing or infinite feature values give
// model.ErrMissingValues / model.ErrInfiniteFeatures.
func (l Logistic) Fit(ctx context.Context, d *model.Dataset, report progress.Func) (model.Model, error) {
	if err := model.CheckFit(ctx, l, d, false); err != nil {
		return nil, err
	}
	C, maxIter, tol := l.C, l.MaxIter, l.Tol
	if C == 0 {
		C = 1
	}
	if maxIter <= 0 {
		maxIter = 100
	}
	if tol <= 0 {
		tol = 1e-4
	}
	if C < 0 || math.IsNaN(C) || math.IsInf(C, 0) {
		return nil, fmt.Errorf("logistic: C must be a positive number, not %v", C)
	}
	if l.Penalty != "" && l.Penalty != PenaltyL2 && l.Penalty != PenaltyL1 && l.Penalty != PenaltyNone {
		return nil, fmt.Errorf("logistic: unknown penalty %q", l.Penalty)
	}
	p := newProblem(d, l.Penalty, C)
	x := make([]float64, p.k*(p.p+1))
	res, err := minimise(ctx, p.eval, x, p.l1, maxIter, tol, report)
	if err != nil {
		return nil, err
	}
	w, b := p.weights(res.x)
	report.Send(1, "logistic regression fitted")
	return p.fitted(d, w, b, Info{Iterations: res.iterations, Converged: res.converged}), nil
}

// problem is the logistic objective on one dataset, in the standardised
// variables v (weights times the feature's standard deviation) and c (the
// intercept at the feature means), laid out output by output.
type problem struct {
	X       [][]float64
	y       []int32 // index into present
	present []int   // class indices that occur, ascending
	n, p, k int     // rows, features, outputs (1 for binary)
	mean    []float64
	sd      []float64 // 1 for constant features
	fixed   []bool    // constant features keep weight 0
	l2      float64   // ½·l2·Σ(v/sd)² is the L2 term of the mean objective
	l1      []float64 // per-variable L1 weights for OWL-QN, nil for smooth problems
	z       []float64 // k×n scores, then residuals
	part    []float64 // per-chunk partial sums: loss and raw gradients
}

func newProblem(d *model.Dataset, penalty string, C float64) *problem {
	counts := model.ClassCounts(d.Y, len(d.Classes))
	pr := &problem{X: d.X, n: d.Rows(), p: len(d.X)}
	index := make([]int32, len(d.Classes))
	for c, cnt := range counts {
		if cnt > 0 {
			index[c] = int32(len(pr.present))
			pr.present = append(pr.present, c)
		}
	}
	pr.y = make([]int32, pr.n)
	for i, v := range d.Y {
		pr.y[i] = index[int(v)]
	}
	pr.k = len(pr.present)
	if pr.k == 2 {
		pr.k = 1
	}
	pr.mean, pr.sd, pr.fixed = make([]float64, pr.p), make([]float64, pr.p), make([]bool, pr.p)
	for j, col := range d.X {
		pr.mean[j] = mean(col)
		ss := 0.0
		for _, v := range col {
			ss += (v - pr.mean[j]) * (v - pr.mean[j])
		}
		pr.sd[j] = math.Sqrt(ss / float64(pr.n))
		if pr.sd[j] == 0 || slices.Min(col) == slices.Max(col) {
			pr.sd[j], pr.fixed[j] = 1, true
		}
	}
	scale := 1 / (C * float64(pr.n))
	switch penalty {
	case PenaltyL1:
		pr.l1 = make([]float64, pr.k*(pr.p+1))
		for o := 0; o < pr.k; o++ {
			for j := 0; j < pr.p; j++ {
				if !pr.fixed[j] {
					pr.l1[o*(pr.p+1)+j] = scale / pr.sd[j]
				}
			}
		}
	case PenaltyNone:
	default:
		pr.l2 = scale
	}
	pr.z = make([]float64, pr.k*pr.n)
	pr.part = make([]float64, par.NumChunks(pr.n)*(1+pr.k*(pr.p+1)))
	return pr
}

// weights converts standardised variables to raw weights and intercepts.
func (pr *problem) weights(x []float64) ([][]float64, []float64) {
	w, b := make([][]float64, pr.k), make([]float64, pr.k)
	for o := range w {
		v := x[o*(pr.p+1) : (o+1)*(pr.p+1)]
		w[o] = make([]float64, pr.p)
		b[o] = v[pr.p]
		for j := 0; j < pr.p; j++ {
			if !pr.fixed[j] {
				w[o][j] = v[j] / pr.sd[j]
				b[o] -= w[o][j] * pr.mean[j]
			}
		}
	}
	return w, b
}
