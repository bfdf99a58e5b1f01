package linear

import (
	"context"
	"fmt"
	"math"

	"modelbench/workflow/progress"
)

// useGram says whether coordinate descent should work on the Gram matrix
// (p×p, "covariance updates" in Friedman et al. 2010, §2.2): each
// coordinate step then costs O(p) instead of O(n), which wins when rows
// far outnumber features.
func useGram(n, p int) bool { return p <= 1000 && n >= 2*p }

// enetGram solves the same problem as enet with covariance updates: it
// keeps q = Aᵀr = Aᵀy − G·w up to date instead of the residual r.
func enetGram(ctx context.Context, A [][]float64, y []float64, l1, l2 float64, maxIter int, tol float64, report progress.Func) ([]float64, int, error) {
	n, p := float64(len(y)), len(A)
	G := make([][]float64, p)
	q := make([]float64, p)
	for a := range A {
		G[a] = make([]float64, p)
		q[a] = dot(A[a], y)
	}
	for a := range A {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		for b := a; b < p; b++ {
			G[a][b] = dot(A[a], A[b])
			G[b][a] = G[a][b]
		}
	}
	xty := append([]float64(nil), q...)
	yy := dot(y, y)
	w := make([]float64, p)
	for it := 1; it <= maxIter; it++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		maxW, maxStep := 0.0, 0.0
		for j := range A {
			sq := G[j][j] / n
			if sq == 0 {
				continue
			}
			old := w[j]
			nw := softThreshold(q[j]/n+sq*old, l1) / (sq + l2)
			if nw != old {
				delta := nw - old
				for a, g := range G[j] {
					q[a] -= delta * g
				}
				w[j] = nw
			}
			maxStep = math.Max(maxStep, math.Abs(nw-old))
			maxW = math.Max(maxW, math.Abs(nw))
		}
		if it%10 == 0 {
			report.Send(float64(it)/float64(maxIter), fmt.Sprintf("coordinate descent, sweep %d", it))
		}
		if maxW == 0 || maxStep/maxW < tol {
			if gramGap(G, q, xty, w, yy, n, l1, l2) <= tol*yy/n {
				return w, it, nil
			}
		}
	}
	return w, maxIter, nil
}

// gramGap is dualityGap computed from the Gram matrix: rᵀr = yᵀy − 2wᵀAᵀy +
// wᵀGw and rᵀy = yᵀy − wᵀAᵀy.
func gramGap(G [][]float64, q, xty, w []float64, yy, n, l1, l2 float64) float64 {
	dualNorm, wXty, wGw := 0.0, 0.0, 0.0
	for j := range w {
		dualNorm = math.Max(dualNorm, math.Abs(q[j]/n-l2*w[j]))
		wXty += w[j] * xty[j]
		wGw += w[j] * (xty[j] - q[j]) // (G·w)_j = xty_j − q_j
	}
	rr := (yy - 2*wXty + wGw) / n
	ry := (yy - wXty) / n
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
	return gap + l1*l1n - scale*ry + 0.5*l2*(1+scale*scale)*l2n
}
