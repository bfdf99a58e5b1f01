package knn

import (
	"math"
	"sort"
)

// rotation maps rows onto their principal axes: z = R·(x − centre), the
// axes ordered by decreasing variance. Axes along which the training rows
// vary by less than flatAxis of the largest variance (exactly redundant
// features, up to rounding) are left out: every training row has the same
// coordinate there (to within 1e-6 of the spread), so they add (almost) the
// same amount to every distance and cannot change the ranking of
// neighbours by more than that. Euclidean distances do not change
// under it (R is orthogonal), but the k-d tree then splits along the
// directions where the rows really spread, and partial distance sums grow
// fastest, so both prune far more on correlated features.
type rotation struct {
	centre []float64
	axes   [][]float64 // axes[a] is the a-th principal direction
	// spread is the participation ratio (Σλ)²/Σλ² of the covariance
	// eigenvalues: about the number of directions the rows really spread
	// in (p for round clouds, fewer for correlated features).
	spread float64
}

// newRotation computes the principal axes of the row-major matrix data
// (p columns) from its covariance matrix by cyclic Jacobi rotations
// (Golub & Van Loan, Matrix Computations, §8.5).
func newRotation(data []float64, p int) *rotation {
	n := len(data) / p
	r := &rotation{centre: make([]float64, p)}
	for i := 0; i < n; i++ {
		for j, v := range data[i*p : (i+1)*p] {
			r.centre[j] += v
		}
	}
	for j := range r.centre {
		r.centre[j] /= float64(n)
	}
	cov := make([][]float64, p)
	for a := range cov {
		cov[a] = make([]float64, p)
	}
	dv := make([]float64, p)
	for i := 0; i < n; i++ {
		for j, v := range data[i*p : (i+1)*p] {
			dv[j] = v - r.centre[j]
		}
		for a := 0; a < p; a++ {
			for b := a; b < p; b++ {
				cov[a][b] += dv[a] * dv[b]
			}
		}
	}
	for a := 0; a < p; a++ {
		for b := 0; b < a; b++ {
			cov[a][b] = cov[b][a]
		}
	}
	values, vectors := jacobiEigen(cov)
	order := make([]int, p)
	for a := range order {
		order[a] = a
	}
	sort.SliceStable(order, func(x, y int) bool { return values[order[x]] > values[order[y]] })
	var sum, sumSq float64
	for _, v := range values {
		if v > 0 {
			sum += v
			sumSq += v * v
		}
	}
	if sumSq > 0 {
		r.spread = sum * sum / sumSq
	}
	keep := 1
	for keep < p && values[order[keep]] > flatAxis*values[order[0]] {
		keep++
	}
	r.axes = make([][]float64, keep)
	for a, o := range order[:keep] {
		r.axes[a] = make([]float64, p)
		for j := 0; j < p; j++ {
			r.axes[a][j] = vectors[j][o]
		}
	}
	return r
}

// flatAxis is the relative variance below which a principal axis is left
// out of the search space.
const flatAxis = 1e-12

// apply writes the rotated form of x (its coordinates on the kept axes)
// into z.
func (r *rotation) apply(z, x []float64) {
	for a, ax := range r.axes {
		s := 0.0
		for j, v := range x {
			s += ax[j] * (v - r.centre[j])
		}
		z[a] = s
	}
}

// jacobiEigen returns the eigenvalues of the symmetric matrix A (destroyed)
// and the eigenvectors as the columns of V.
func jacobiEigen(A [][]float64) ([]float64, [][]float64) {
	p := len(A)
	V := make([][]float64, p)
	for i := range V {
		V[i] = make([]float64, p)
		V[i][i] = 1
	}
	for sweep := 0; sweep < 100; sweep++ {
		off, diag := 0.0, 0.0
		for i := 0; i < p; i++ {
			diag += A[i][i] * A[i][i]
			for j := i + 1; j < p; j++ {
				off += A[i][j] * A[i][j]
			}
		}
		if off <= 1e-30*diag || off == 0 {
			break
		}
		for i := 0; i < p; i++ {
			for j := i + 1; j < p; j++ {
				if A[i][j] != 0 {
					rotate(A, V, i, j)
				}
			}
		}
	}
	values := make([]float64, p)
	for i := range values {
		values[i] = A[i][i]
	}
	return values, V
}

// rotate applies the Jacobi rotation that zeroes A[i][j].
func rotate(A, V [][]float64, i, j int) {
	theta := (A[j][j] - A[i][i]) / (2 * A[i][j])
	t := math.Copysign(1, theta) / (math.Abs(theta) + math.Sqrt(theta*theta+1))
	c := 1 / math.Sqrt(t*t+1)
	s := t * c
	for k := range A {
		aki, akj := A[k][i], A[k][j]
		A[k][i], A[k][j] = c*aki-s*akj, s*aki+c*akj
	}
	for k := range A {
		aik, ajk := A[i][k], A[j][k]
		A[i][k], A[j][k] = c*aik-s*ajk, s*aik+c*ajk
	}
	for k := range V {
		vki, vkj := V[k][i], V[k][j]
		V[k][i], V[k][j] = c*vki-s*vkj, s*vki+c*vkj
	}
}
