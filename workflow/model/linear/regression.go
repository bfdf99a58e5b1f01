package linear

import (
	"context"
	"fmt"
	"math"

	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// The penalties of Regression and Logistic.
const (
	PenaltyNone       = "none"
	PenaltyL2         = "l2"
	PenaltyL1         = "l1"
	PenaltyElasticNet = "elasticnet"
)

// Regression is linear regression: plain least squares, ridge (L2), lasso
// (L1) or elastic net, with scikit-learn's objectives so that alpha means
// the same thing there:
//
//	none:       ||y − Xw − b||²                                   (LinearRegression)
//	l2:         ||y − Xw − b||² + Alpha·||w||²                     (Ridge)
//	l1:         (1/2n)·||y − Xw − b||² + Alpha·||w||₁              (Lasso)
//	elasticnet: (1/2n)·||y − Xw − b||² + Alpha·L1Ratio·||w||₁
//	            + (Alpha·(1 − L1Ratio)/2)·||w||²                   (ElasticNet)
//
// The intercept b is never penalised. Plain least squares (and ridge with
// Alpha 0) use a rank-revealing QR factorisation with column pivoting, so
// rank-deficient designs (full one-hot encodings, duplicated columns) give
// finite weights: a column that is a combination of others gets weight 0.
// Ridge solves the same QR on the design augmented with √Alpha·I; lasso and
// elastic net use coordinate descent (on the Gram matrix when rows far
// outnumber features). The zero value is plain least squares
// with an intercept.
type Regression struct {
	Penalty     string  // PenaltyNone (or ""), PenaltyL2, PenaltyL1 or PenaltyElasticNet
	Alpha       float64 // penalty strength, >= 0
	L1Ratio     float64 // elastic net's share of L1 in [0, 1]
	NoIntercept bool    // fit through the origin (fit_intercept=false)
	MaxIter     int     // coordinate descent sweeps; 0 means 1000
	Tol         float64 // coordinate descent tolerance; 0 means 1e-4
}

// Name returns "linear".
func (Regression) Name() string { return "linear" }

// Supports reports true for regression only.
func (Regression) Supports(t model.Task) bool { return t == model.Regression }

// Params describes the parameters.
func (Regression) Params() []param.Spec { return regressionSpecs }

func newRegression(_ model.Task, v param.Values) (model.Learner, error) {
	return Regression{Penalty: v.String("penalty"), Alpha: v.Float("alpha"), L1Ratio: v.Float("l1_ratio"),
		NoIntercept: !v.Bool("fit_intercept"), MaxIter: v.Int("max_iter"), Tol: v.Float("tol")}, nil
}

// Fit solves the least-squares problem. Missing or infinite feature values
// give model.ErrMissingValues / model.ErrInfiniteFeatures.
func (l Regression) Fit(ctx context.Context, d *model.Dataset, report progress.Func) (model.Model, error) {
	if err := model.CheckFit(ctx, l, d, false); err != nil {
		return nil, err
	}
	if l.Alpha < 0 || math.IsNaN(l.Alpha) || l.L1Ratio < 0 || l.L1Ratio > 1 {
		return nil, fmt.Errorf("linear: alpha must be >= 0 and l1_ratio in [0, 1], not %v and %v", l.Alpha, l.L1Ratio)
	}
	maxIter, tol := l.MaxIter, l.Tol
	if maxIter <= 0 {
		maxIter = 1000
	}
	if tol <= 0 {
		tol = 1e-4
	}
	n, p := d.Rows(), len(d.X)
	var (
		w    []float64
		info = Info{Converged: true}
		ym   float64
		xm   []float64
		err  error
	)
	switch pen := l.Penalty; {
	case pen == "" || pen == PenaltyNone || (pen == PenaltyL2 && l.Alpha == 0):
		xm, ym = means(d.X, d.Y, !l.NoIntercept)
		w, info.Rank, err = leastSquares(ctx, d.X, d.Y, xm, ym, 0, rankTol)
	case pen == PenaltyL2:
		xm, ym = means(d.X, d.Y, !l.NoIntercept)
		w, _, err = leastSquares(ctx, d.X, d.Y, xm, ym, l.Alpha, 0)
	case pen == PenaltyL1 || pen == PenaltyElasticNet:
		ratio := 1.0
		if pen == PenaltyElasticNet {
			ratio = l.L1Ratio
		}
		var A [][]float64
		var yc []float64
		A, yc, xm, ym = centred(d.X, d.Y, !l.NoIntercept, 0)
		solve := enet
		if useGram(n, p) {
			solve = enetGram
		}
		w, info.Iterations, err = solve(ctx, A, yc, l.Alpha*ratio, l.Alpha*(1-ratio), maxIter, tol, report)
		info.Converged = info.Iterations < maxIter
	default:
		return nil, fmt.Errorf("linear: unknown penalty %q", pen)
	}
	if err != nil {
		return nil, err
	}
	b := ym
	for j := range w {
		b -= w[j] * xm[j]
	}
	report.Send(1, "linear regression fitted")
	return newFitted(d, Identity, [][]float64{w}, []float64{b}, info), nil
}
