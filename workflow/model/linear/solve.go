package linear

import (
	"context"
	"math"
)

// rankTol is the relative size below which a pivot of the QR factorisation
// counts as zero: a column (after scaling every column to unit length) that
// is a linear combination of the columns already chosen, up to this
// tolerance, gets weight 0. It is the default tolerance of R's lm (LINPACK
// dqrdc2), which treats such columns as aliased the same way.
const rankTol = 1e-7

// lstsq solves min ||y − A·w||² for the column-major matrix A (n rows, p
// columns) by Householder QR with column pivoting (Golub & Van Loan,
// Matrix Computations, 4th ed., §5.4.2). A and y are overwritten. Columns
// are first scaled to unit length so that the rank decision does not
// depend on units; columns whose remaining norm falls below rtol are
// dropped and get weight 0 (the "basic" solution, as R's lm reports aliased
// coefficients). It returns the weights and the numerical rank.
func lstsq(ctx context.Context, A [][]float64, y []float64, rtol float64) ([]float64, int, error) {
	p := len(A)
	n := len(y)
	w := make([]float64, p)
	scale := make([]float64, p)
	perm := make([]int, 0, p)
	for j, col := range A {
		s := math.Sqrt(dot(col, col))
		if s > 0 {
			scale[j] = s
			for i := range col {
				col[i] /= s
			}
			perm = append(perm, j)
		}
	}
	rank := 0
	rdiag := make([]float64, 0, p)
	for k := 0; k < len(perm) && k < n; k++ {
		if err := ctx.Err(); err != nil {
			return nil, 0, err
		}
		best, bestNorm := k, -1.0
		for q := k; q < len(perm); q++ {
			c := A[perm[q]][k:]
			if nrm := dot(c, c); nrm > bestNorm {
				best, bestNorm = q, nrm
			}
		}
		if math.Sqrt(bestNorm) <= rtol || bestNorm == 0 {
			break
		}
		perm[k], perm[best] = perm[best], perm[k]
		rdiag = append(rdiag, householder(A, perm, k, y))
		rank++
	}
	// Back substitution on R[0:rank, 0:rank]; R[k][q] is A[perm[q]][k].
	z := make([]float64, rank)
	for k := rank - 1; k >= 0; k-- {
		s := y[k]
		for q := k + 1; q < rank; q++ {
			s -= A[perm[q]][k] * z[q]
		}
		z[k] = s / rdiag[k]
	}
	for k := 0; k < rank; k++ {
		w[perm[k]] = z[k] / scale[perm[k]]
	}
	return w, rank, nil
}

// householder reflects rows k.. of column perm[k] onto its first entry,
// applies the same reflection to the later columns and to y, and returns
// the diagonal entry R[k][k].
func householder(A [][]float64, perm []int, k int, y []float64) float64 {
	v := A[perm[k]][k:]
	norm := math.Sqrt(dot(v, v))
	alpha := -math.Copysign(norm, v[0])
	v[0] -= alpha
	vv := dot(v, v)
	if vv == 0 {
		return alpha
	}
	reflect := func(c []float64) {
		f := 2 * dot(v, c) / vv
		for i := range c {
			c[i] -= f * v[i]
		}
	}
	for q := k + 1; q < len(perm); q++ {
		reflect(A[perm[q]][k:])
	}
	reflect(y[k:])
	return alpha
}

// dot is the inner product of two equally long vectors, with four partial
// sums for speed.
func dot(a, b []float64) float64 {
	b = b[:len(a)]
	var s0, s1, s2, s3 float64
	i := 0
	for ; i+4 <= len(a); i += 4 {
		s0 += a[i] * b[i]
		s1 += a[i+1] * b[i+1]
		s2 += a[i+2] * b[i+2]
		s3 += a[i+3] * b[i+3]
	}
	for ; i < len(a); i++ {
		s0 += a[i] * b[i]
	}
	return (s0 + s1) + (s2 + s3)
}

// centred returns a copy of the columns and of y, minus their means when
// centre is true, and the means (zeros otherwise). extra rows of zeros are
// appended to every copy (room for ridge's augmented rows).
func centred(X [][]float64, y []float64, centre bool, extra int) (A [][]float64, yc []float64, xm []float64, ym float64) {
	n := len(y)
	A = make([][]float64, len(X))
	xm = make([]float64, len(X))
	for j, col := range X {
		c := make([]float64, n+extra)
		copy(c, col)
		if centre {
			xm[j] = mean(col)
			for i := 0; i < n; i++ {
				c[i] -= xm[j]
			}
		}
		A[j] = c
	}
	yc = make([]float64, n+extra)
	copy(yc, y)
	if centre {
		ym = mean(y)
		for i := 0; i < n; i++ {
			yc[i] -= ym
		}
	}
	return A, yc, xm, ym
}

// means returns the column means and the target mean, or zeros when
// centre is false.
func means(X [][]float64, y []float64, centre bool) ([]float64, float64) {
	xm := make([]float64, len(X))
	if !centre {
		return xm, 0
	}
	for j, col := range X {
		xm[j] = mean(col)
	}
	return xm, mean(y)
}

func mean(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s / float64(len(x))
}
