package linear

import (
	"context"
	"math"

	"modelbench/workflow/model/internal/par"
)

// leastSquares solves min ||(y − ym) − Σ_j w_j·(x_j − xm_j)||² (plus
// ridge·||w||² when ridge > 0) for the column-major X without copying it
// whole. It is a tall-skinny QR (Demmel et al., "Communication-optimal
// parallel and sequential QR and LU factorizations", SIAM J. Sci. Comput.
// 2012): every fixed chunk of rows, centred and scaled to unit column
// length, is reduced by Householder QR to a small triangle on its own core;
// the triangles, stacked in chunk order (with √ridge rows for ridge), then
// go through the pivoted, rank-revealing QR of lstsq. Since Q is
// orthogonal this is the same problem, and the chunks depend only on the
// row count, so the result does not depend on the number of cores. rtol is
// lstsq's rank tolerance. It returns the weights and the numerical rank.
func leastSquares(ctx context.Context, X [][]float64, y, xm []float64, ym, ridge, rtol float64) ([]float64, int, error) {
	scale := columnScales(X, xm)
	tri := chunkTriangles(ctx, X, y, xm, ym, scale)
	if err := ctx.Err(); err != nil {
		return nil, 0, err
	}
	A, b := stackTriangles(tri, scale, ridge)
	v, rank, err := lstsq(ctx, A, b, rtol)
	if err != nil {
		return nil, 0, err
	}
	for j := range v {
		if scale[j] > 0 {
			v[j] /= scale[j]
		}
	}
	return v, rank, nil
}

// columnScales returns each centred column's Euclidean length (0 for a
// constant column).
func columnScales(X [][]float64, xm []float64) []float64 {
	scale := make([]float64, len(X))
	for j, col := range X {
		ss := 0.0
		for _, v := range col {
			ss += (v - xm[j]) * (v - xm[j])
		}
		scale[j] = math.Sqrt(ss)
	}
	return scale
}

// chunkTriangles centres and scales every fixed chunk of rows, the target
// riding along as the last column, and reduces each to its R triangle on
// its own core. It stops early, leaving triangles nil, once ctx is done.
func chunkTriangles(ctx context.Context, X [][]float64, y, xm []float64, ym float64, scale []float64) [][][]float64 {
	n, p := len(y), len(X)
	tri := make([][][]float64, par.NumChunks(n))
	par.Chunks(n, func(c, lo, hi int) {
		if ctx.Err() != nil {
			return
		}
		B := make([][]float64, p+1)
		for j := 0; j < p; j++ {
			B[j] = make([]float64, hi-lo)
			if scale[j] > 0 {
				for i, v := range X[j][lo:hi] {
					B[j][i] = (v - xm[j]) / scale[j]
				}
			}
		}
		B[p] = make([]float64, hi-lo)
		for i, v := range y[lo:hi] {
			B[p][i] = v - ym
		}
		tri[c] = triangle(B)
	})
	return tri
}

// stackTriangles stacks the chunks' triangles in chunk order into the
// column-major A and the right-hand side b, adding the √ridge rows (on
// the scaled columns) when ridge > 0.
func stackTriangles(tri [][][]float64, scale []float64, ridge float64) ([][]float64, []float64) {
	p := len(scale)
	rows := 0
	for _, t := range tri {
		rows += len(t[0])
	}
	if ridge > 0 {
		rows += p
	}
	A := make([][]float64, p)
	for j := range A {
		A[j] = make([]float64, 0, rows)
		for _, t := range tri {
			A[j] = append(A[j], t[j]...)
		}
	}
	b := make([]float64, 0, rows)
	for _, t := range tri {
		b = append(b, t[p]...)
	}
	if ridge > 0 {
		for j := range A {
			extra := make([]float64, p)
			if scale[j] > 0 {
				extra[j] = math.Sqrt(ridge) / scale[j]
			}
			A[j] = append(A[j], extra...)
		}
		b = append(b, make([]float64, p)...)
	}
	return A, b
}

// triangle reduces the column-major B (r rows) by Householder QR without
// pivoting and returns the top min(r, columns) rows of the result, column
// by column: the R factor, whose last column is Qᵀ applied to the last
// column of B.
func triangle(B [][]float64) [][]float64 {
	r, m := len(B[0]), len(B)
	steps := min(r, m)
	for k := 0; k < steps && k < m-1; k++ {
		v := B[k][k:]
		norm := math.Sqrt(dot(v, v))
		if norm == 0 {
			continue
		}
		alpha := -math.Copysign(norm, v[0])
		v[0] -= alpha
		vv := dot(v, v)
		for q := k + 1; q < m; q++ {
			c := B[q][k:]
			f := 2 * dot(v, c) / vv
			for i := range c {
				c[i] -= f * v[i]
			}
		}
		v[0] = alpha
		clear(v[1:])
	}
	out := make([][]float64, m)
	for q := range out {
		out[q] = B[q][:steps]
	}
	return out
}
