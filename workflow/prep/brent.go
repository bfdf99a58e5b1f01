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
	const zeps = 1e-11
	fx := f(x)
	s := brentState{lo: math.Min(a, c), hi: math.Max(a, c), x: x, w: x, v: x, fx: fx, fw: fx, fv: fx}
	for iter := 0; iter < 500; iter++ {
		xm := 0.5 * (s.lo + s.hi)
		tol1 := tol*math.Abs(s.x) + zeps
		tol2 := 2 * tol1
		if math.Abs(s.x-xm) <= tol2-0.5*(s.hi-s.lo) {
			break
		}
		s.propose(xm, tol1, tol2)
		u := s.x + s.d
		if math.Abs(s.d) < tol1 {
			u = s.x + math.Copysign(tol1, s.d)
		}
		s.accept(u, f(u))
	}
	return s.x
}

// brentState is Brent's search: the bracket [lo, hi], the best point x,
// the second and third best w and v with their values, the last step d
// and the step before it e.
type brentState struct {
	lo, hi     float64
	x, w, v    float64
	fx, fw, fv float64
	d, e       float64
}

// propose sets the next step d: the parabola through x, w and v when its
// minimum is inside the bracket and the step shrinks fast enough, else a
// golden-section step into the larger part of the bracket.
func (s *brentState) propose(xm, tol1, tol2 float64) {
	const cgold = 0.3819660112501051
	if math.Abs(s.e) > tol1 {
		r := (s.x - s.w) * (s.fx - s.fv)
		q := (s.x - s.v) * (s.fx - s.fw)
		p := (s.x-s.v)*q - (s.x-s.w)*r
		q = 2 * (q - r)
		if q > 0 {
			p = -p
		}
		q = math.Abs(q)
		etemp := s.e
		s.e = s.d
		if math.Abs(p) < math.Abs(0.5*q*etemp) && p > q*(s.lo-s.x) && p < q*(s.hi-s.x) {
			s.d = p / q
			if u := s.x + s.d; u-s.lo < tol2 || s.hi-u < tol2 {
				s.d = math.Copysign(tol1, xm-s.x)
			}
			return
		}
	}
	if s.x >= xm {
		s.e = s.lo - s.x
	} else {
		s.e = s.hi - s.x
	}
	s.d = cgold * s.e
}

// accept narrows the bracket with the new point u and its value fu and
// updates the three best points.
func (s *brentState) accept(u, fu float64) {
	if fu <= s.fx {
		if u >= s.x {
			s.lo = s.x
		} else {
			s.hi = s.x
		}
		s.v, s.w, s.x = s.w, s.x, u
		s.fv, s.fw, s.fx = s.fw, s.fx, fu
		return
	}
	if u < s.x {
		s.lo = u
	} else {
		s.hi = u
	}
	if fu <= s.fw || s.w == s.x {
		s.v, s.w = s.w, u
		s.fv, s.fw = s.fw, fu
	} else if fu <= s.fv || s.v == s.x || s.v == s.w {
		s.v, s.fv = u, fu
	}
}
