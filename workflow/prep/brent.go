package prep

import (
	"errors"
	"math"
)

// errNoMinimum means the bracket search ran away: the function kept
// falling in one direction.
var errNoMinimum = errors.New("the optimisation did not find a best value")

// minimize finds a local minimum of f starting from the interval [a, b]:
// it first walks downhill with golden-ratio steps until the minimum is
// bracketed, then runs Brent's method (golden-section search with
// parabolic interpolation; R. P. Brent, "Algorithms for Minimization
// without Derivatives", 1973, ch. 5), to a relative tolerance tol. This is
// what scipy.optimize.brent(f, brack=(a, b)) computes.
func minimize(f func(float64) float64, a, b, tol float64) (float64, error) {
	lo, mid, hi, err := bracketMin(f, a, b)
	if err != nil {
		return 0, err
	}
	return brentMin(f, lo, mid, hi, tol), nil
}

const golden = 1.618033988749895

// bracketMin returns lo < mid < hi (in some order) with f(mid) below both
// ends, expanding from a and b in the downhill direction.
func bracketMin(f func(float64) float64, a, b float64) (float64, float64, float64, error) {
	fa, fb := f(a), f(b)
	if fb > fa { // walk from the higher end towards the lower
		a, b, fb = b, a, fa
	}
	c := b + golden*(b-a)
	fc := f(c)
	for i := 0; fc < fb; i++ {
		if i > 60 || math.IsInf(c, 0) {
			return 0, 0, 0, errNoMinimum
		}
		a, b, fb = b, c, fc
		c = b + golden*(b-a)
		fc = f(c)
	}
	return a, b, c, nil
}

// brentMin is Brent's minimisation on a bracket (a, x, c) where f(x) is
// below f(a) and f(c).
func brentMin(f func(float64) float64, a, x, c, tol float64) float64 {
	const cgold = 0.3819660112501051
	const zeps = 1e-11
	lo, hi := math.Min(a, c), math.Max(a, c)
	w, v := x, x
	fx := f(x)
	fw, fv := fx, fx
	var d, e float64
	for iter := 0; iter < 500; iter++ {
		xm := 0.5 * (lo + hi)
		tol1 := tol*math.Abs(x) + zeps
		tol2 := 2 * tol1
		if math.Abs(x-xm) <= tol2-0.5*(hi-lo) {
			break
		}
		golden := true
		if math.Abs(e) > tol1 {
			r := (x - w) * (fx - fv)
			q := (x - v) * (fx - fw)
			p := (x-v)*q - (x-w)*r
			q = 2 * (q - r)
			if q > 0 {
				p = -p
			}
			q = math.Abs(q)
			etemp := e
			e = d
			if math.Abs(p) < math.Abs(0.5*q*etemp) && p > q*(lo-x) && p < q*(hi-x) {
				d = p / q
				if u := x + d; u-lo < tol2 || hi-u < tol2 {
					d = math.Copysign(tol1, xm-x)
				}
				golden = false
			}
		}
		if golden {
			if x >= xm {
				e = lo - x
			} else {
				e = hi - x
			}
			d = cgold * e
		}
		u := x + d
		if math.Abs(d) < tol1 {
			u = x + math.Copysign(tol1, d)
		}
		fu := f(u)
		if fu <= fx {
			if u >= x {
				lo = x
			} else {
				hi = x
			}
			v, w, x = w, x, u
			fv, fw, fx = fw, fx, fu
			continue
		}
		if u < x {
			lo = u
		} else {
			hi = u
		}
		if fu <= fw || w == x {
			v, w = w, u
			fv, fw = fw, fu
		} else if fu <= fv || v == x || v == w {
			v, fv = u, fu
		}
	}
	return x
}
