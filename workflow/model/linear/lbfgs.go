package linear

import (
	"context"
	"fmt"
	"math"

	"modelbench/workflow/progress"
)

// objective evaluates a smooth function at x, writes its gradient into g
// and returns its value.
type objective func(x, g []float64) float64

// optResult is what minimise found.
type optResult struct {
	x          []float64
	iterations int
	converged  bool
}

const (
	lbfgsMemory = 10     // correction pairs kept
	armijoC1    = 1e-4   // sufficient-decrease constant
	ftolRel     = 2.2e-9 // relative decrease that counts as converged (scipy's L-BFGS-B default factr·eps)
)

// minimise minimises f(x) + Σ_j l1[j]·|x_j| from x0 (modified) with
// limited-memory BFGS (Nocedal & Wright, Numerical Optimization, 2nd ed.,
// Alg. 7.4, with a backtracking Armijo line search), or, when l1 is not
// nil, with its orthant-wise variant OWL-QN (Andrew & Gao, "Scalable
// training of L1-regularized log-linear models", ICML 2007), which steps
// along the pseudo-gradient and keeps each weight in its orthant. It stops
// when the largest (pseudo-)gradient entry is at most tol, when an
// iteration lowers the objective by less than ftolRel relatively, or after
// maxIter iterations. It checks ctx every iteration.
func minimise(ctx context.Context, f objective, x []float64, l1 []float64, maxIter int, tol float64, report progress.Func) (optResult, error) {
	n := len(x)
	g, pg, d := make([]float64, n), make([]float64, n), make([]float64, n)
	xNew, gNew := make([]float64, n), make([]float64, n)
	var S, Y [][]float64
	var rho []float64
	fx := f(x, g) + penalty(x, l1)
	for it := 1; it <= maxIter; it++ {
		if err := ctx.Err(); err != nil {
			return optResult{}, err
		}
		pseudoGradient(pg, x, g, l1)
		if maxAbs(pg) <= tol {
			return optResult{x, it - 1, true}, nil
		}
		direction(d, pg, S, Y, rho)
		if l1 != nil {
			for j := range d { // keep only the components that descend
				if d[j]*pg[j] >= 0 {
					d[j] = 0
				}
			}
		}
		step := 1.0
		if it == 1 {
			step = 1 / math.Max(1, norm2(pg))
		}
		fNew, ok := lineSearch(f, x, d, pg, l1, fx, step, xNew, gNew)
		if !ok {
			return optResult{x, it, false}, nil // no progress possible along d
		}
		s, y := make([]float64, n), make([]float64, n)
		for j := range s {
			s[j], y[j] = xNew[j]-x[j], gNew[j]-g[j]
		}
		if sy := dotp(s, y); sy > 1e-12*norm2(s)*norm2(y) {
			S, Y, rho = append(S, s), append(Y, y), append(rho, 1/sy)
			if len(S) > lbfgsMemory {
				S, Y, rho = S[1:], Y[1:], rho[1:]
			}
		}
		copy(x, xNew)
		copy(g, gNew)
		decrease := fx - fNew
		fx = fNew
		report.Send(float64(it)/float64(maxIter), fmt.Sprintf("iteration %d, loss %.6g", it, fx))
		if decrease <= ftolRel*math.Max(math.Max(math.Abs(fx), math.Abs(fx+decrease)), 1) {
			return optResult{x, it, true}, nil
		}
	}
	pseudoGradient(pg, x, g, l1)
	return optResult{x, maxIter, maxAbs(pg) <= tol}, nil
}

// lineSearch backtracks from step until the Armijo condition holds,
// projecting onto the current orthant for OWL-QN. It returns the new
// objective, with the point in xNew and its smooth gradient in gNew.
func lineSearch(f objective, x, d, pg, l1 []float64, fx, step float64, xNew, gNew []float64) (float64, bool) {
	for try := 0; try < 60; try++ {
		for j := range x {
			xNew[j] = x[j] + step*d[j]
			if l1 != nil && l1[j] > 0 {
				orthant := math.Copysign(1, x[j])
				if x[j] == 0 {
					orthant = -math.Copysign(1, pg[j])
				}
				if xNew[j]*orthant <= 0 {
					xNew[j] = 0
				}
			}
		}
		fNew := f(xNew, gNew) + penalty(xNew, l1)
		descent := 0.0
		for j := range x {
			descent += pg[j] * (xNew[j] - x[j])
		}
		if descent >= 0 {
			return fx, false
		}
		if fNew <= fx+armijoC1*descent {
			return fNew, true
		}
		step /= 2
	}
	return fx, false
}

// direction writes −H·pg into d by the L-BFGS two-loop recursion.
func direction(d, pg []float64, S, Y [][]float64, rho []float64) {
	for j := range d {
		d[j] = -pg[j]
	}
	alpha := make([]float64, len(S))
	for k := len(S) - 1; k >= 0; k-- {
		alpha[k] = rho[k] * dotp(S[k], d)
		for j := range d {
			d[j] -= alpha[k] * Y[k][j]
		}
	}
	if k := len(S) - 1; k >= 0 {
		gamma := dotp(S[k], Y[k]) / dotp(Y[k], Y[k])
		for j := range d {
			d[j] *= gamma
		}
	}
	for k := range S {
		beta := rho[k] * dotp(Y[k], d)
		for j := range d {
			d[j] += (alpha[k] - beta) * S[k][j]
		}
	}
}

// pseudoGradient is the gradient for smooth problems and, with an L1 term,
// the minimum-norm subgradient of f + Σ l1_j·|x_j|.
func pseudoGradient(pg, x, g, l1 []float64) {
	for j := range x {
		lj := 0.0
		if l1 != nil {
			lj = l1[j]
		}
		switch {
		case lj == 0:
			pg[j] = g[j]
		case x[j] > 0:
			pg[j] = g[j] + lj
		case x[j] < 0:
			pg[j] = g[j] - lj
		case g[j]+lj < 0:
			pg[j] = g[j] + lj
		case g[j]-lj > 0:
			pg[j] = g[j] - lj
		default:
			pg[j] = 0
		}
	}
}

func penalty(x, l1 []float64) float64 {
	s := 0.0
	for j := range l1 {
		s += l1[j] * math.Abs(x[j])
	}
	return s
}

func dotp(a, b []float64) float64 { return dot(a, b) }

func norm2(a []float64) float64 { return math.Sqrt(dot(a, a)) }

func maxAbs(a []float64) float64 {
	m := 0.0
	for _, v := range a {
		m = math.Max(m, math.Abs(v))
	}
	return m
}
