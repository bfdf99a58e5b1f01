package linear

import (
	"context"
	"fmt"
	"math"

	"modelbench/workflow/progress"
)

// enet minimises (1/2n)·||y − A·w||² + l1·||w||₁ + (l2/2)·||w||² over w by
// cyclic coordinate descent (Friedman, Hastie & Tibshirani, "Regularization
// paths for generalized linear models via coordinate descent", JSS 2010),
// on centred columns A and centred y (neither is modified). It stops when
// the duality gap falls below tol·||y||²/n, checked whenever a sweep moved
// no weight by more than tol times the largest weight, or after maxIter
// sweeps. It returns the weights and the sweeps used.
func enet(ctx context.Context, A [][]float64, y []float64, l1, l2 float64, maxIter int, tol float64, report progress.Func) ([]float64, int, error) {
	n, p := float64(len(y)), len(A)
	w := make([]float64, p)
	r := append([]float64(nil), y...)
	sq := make([]float64, p)
	for j, col := range A {
		sq[j] = dot(col, col) / n
	}
	ynorm := dot(y, y) / n
	for it := 1; it <= maxIter; it++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		maxW, maxStep := 0.0, 0.0
		for j, col := range A {
			if sq[j] == 0 {
				continue
			}
			old := w[j]
			rho := dot(col, r)/n + sq[j]*old
			nw := softThreshold(rho, l1) / (sq[j] + l2)
			if nw != old {
				axpy(r, old-nw, col)
				w[j] = nw
			}
			maxStep = math.Max(maxStep, math.Abs(nw-old))
			maxW = math.Max(maxW, math.Abs(nw))
		}
		if it%10 == 0 {
			report.Send(float64(it)/float64(maxIter), fmt.Sprintf("coordinate descent, sweep %d", it))
		}
		if maxW == 0 || maxStep/maxW < tol {
			if dualityGap(A, y, r, w, l1, l2) <= tol*ynorm {
				return w, it, nil
			}
		}
	}
	return w, maxIter, nil
}

func softThreshold(x, t float64) float64 {
	switch {
	case x > t:
		return x - t
	case x < -t:
		return x + t
	}
	return 0
}

// dualityGap bounds how far w is from the optimum of the elastic-net
// problem, divided by n: primal objective minus the objective of the dual
// point built from the residual r, rescaled to be feasible.
func dualityGap(A [][]float64, y, r, w []float64, l1, l2 float64) float64 {
	n := float64(len(y))
	dualNorm := 0.0
	for j, col := range A {
		dualNorm = math.Max(dualNorm, math.Abs(dot(col, r)/n-l2*w[j]))
	}
	rr := dot(r, r) / n
	scale, gap := 1.0, rr
	if dualNorm > l1 {
		scale = l1 / dualNorm
		gap = 0.5 * (rr + rr*scale*scale)
	}
	var l1n, l2n float64
	for _, v := range w {
		l1n += math.Abs(v)
		l2n += v * v
	}
	return gap + l1*l1n - scale*dot(r, y)/n + 0.5*l2*(1+scale*scale)*l2n
}
