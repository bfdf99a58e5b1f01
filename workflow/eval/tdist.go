package eval

import "math"

// studentTTail returns P(T > |t|) for Student's t distribution with df
// degrees of freedom, the one-sided tail beyond |t|:
// ½·I_{df/(df+t²)}(df/2, ½), with I the regularised incomplete beta
// function (Abramowitz & Stegun 26.7.1). It is 0.5 at t = 0 and 0 for
// infinite t. df must be positive.
func studentTTail(t, df float64) float64 {
	if math.IsInf(t, 0) {
		return 0
	}
	if t == 0 {
		return 0.5
	}
	t2 := t * t
	// x = df/(df+t²) and y = 1−x, each computed without cancellation.
	x, y := df/(df+t2), t2/(df+t2)
	lx, ly := -math.Log1p(t2/df), math.Log(y)
	return 0.5 * regIncBeta(df/2, 0.5, x, y, lx, ly)
}

// studentTCDF returns P(T ≤ t) for Student's t distribution with df
// degrees of freedom.
func studentTCDF(t, df float64) float64 {
	tail := studentTTail(t, df)
	if t > 0 {
		return 1 - tail
	}
	return tail
}

// regIncBeta is the regularised incomplete beta function I_x(a, b) for
// a, b > 0 and 0 < x < 1, given x, y = 1−x and their logarithms (so that
// callers can supply them without cancellation). It evaluates the
// continued fraction of DLMF 8.17.22 with the modified Lentz method, using
// I_x(a, b) = 1 − I_y(b, a) where the fraction converges slowly.
func regIncBeta(a, b, x, y, lx, ly float64) float64 {
	if x > (a+1)/(a+b+2) {
		return 1 - regIncBeta(b, a, y, x, ly, lx)
	}
	front := math.Exp(a*lx + b*ly - lnBeta(a, b))
	return front * betaFraction(a, b, x) / a
}

// lnBeta returns ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a+b). When one
// argument is large, ln Γ(big+small) − ln Γ(big) is taken from Stirling's
// series instead of subtracting two huge, nearly equal numbers.
func lnBeta(a, b float64) float64 {
	big, small := math.Max(a, b), math.Min(a, b)
	ls, _ := math.Lgamma(small)
	if big < 10 {
		lb, _ := math.Lgamma(big)
		lab, _ := math.Lgamma(a + b)
		return ls + lb - lab
	}
	return ls - lnGammaRatio(big, small)
}

// lnGammaRatio returns ln Γ(z+s) − ln Γ(z) for z ≥ 10 by Stirling's series:
// (z+s−½)·ln(1+s/z) + s·ln z − s + c(z+s) − c(z), with
// c(w) = 1/(12w) − 1/(360w³) + 1/(1260w⁵) − 1/(1680w⁷).
func lnGammaRatio(z, s float64) float64 {
	c := func(w float64) float64 {
		w2 := w * w
		return (1.0/12 - (1.0/360-(1.0/1260-1.0/(1680*w2))/w2)/w2) / w
	}
	return (z+s-0.5)*math.Log1p(s/z) + s*math.Log(z) - s + (c(z+s) - c(z))
}

// betaFraction evaluates 1/(1+ d1/(1+ d2/(1+ ...))) where
// d_{2m+1} = −(a+m)(a+b+m)x / ((a+2m)(a+2m+1)) and
// d_{2m} = m(b−m)x / ((a+2m−1)(a+2m)), by Lentz's method on
// 1 + 1/(1+ d1/(1+ ...)) minus 1.
func betaFraction(a, b, x float64) float64 {
	const (
		tiny    = 1e-300
		epsilon = 1e-16
		maxIter = 10000
	)
	f, c, d := 1.0, 1.0, 0.0
	for i := 0; i <= maxIter; i++ {
		var num float64
		switch m := float64(i / 2); {
		case i == 0:
			num = 1
		case i%2 == 0:
			num = m * (b - m) * x / ((a + 2*m - 1) * (a + 2*m))
		default:
			num = -(a + m) * (a + b + m) * x / ((a + 2*m) * (a + 2*m + 1))
		}
		d = 1 + num*d
		if math.Abs(d) < tiny {
			d = tiny
		}
		d = 1 / d
		c = 1 + num/c
		if math.Abs(c) < tiny {
			c = tiny
		}
		cd := c * d
		f *= cd
		if math.Abs(1-cd) < epsilon {
			break
		}
	}
	return f - 1
}
