package monitor

import (
	"fmt"
	"math"
	"slices"
)

// KSExactMax is the largest sample size for which KS2Samp computes the exact
// p-value; above it the asymptotic form is used. It is scipy's MAX_AUTO_N
// (scipy.stats.ks_2samp with method="auto").
const KSExactMax = 10000

// KSResult is the outcome of a two-sample Kolmogorov–Smirnov test.
type KSResult struct {
	// Statistic is D = sup_x |F1(x) − F2(x)|, the largest distance between
	// the two empirical distribution functions, in [0, 1].
	Statistic float64
	// PValue is the two-sided p-value: the chance of a D at least this
	// large when both samples come from one continuous distribution.
	PValue float64
	// Exact reports whether PValue is the exact distribution (true) or the
	// asymptotic Kolmogorov distribution (false).
	Exact bool
}

// KS2Samp runs the two-sided two-sample Kolmogorov–Smirnov test on a and b,
// which are not modified and need not be sorted. It follows
// scipy.stats.ks_2samp(a, b, method="auto") (scipy 1.10):
//
//   - D is computed from the empirical distribution functions, ties
//     included (each function jumps at the last of equal values);
//   - when both samples have at most KSExactMax values the p-value is
//     exact: the share of monotone lattice paths from (0, 0) to (n1, n2)
//     that leave the band |i/n1 − j/n2| < D (Hodges 1957, "The significance
//     probability of the Smirnov two-sample test", Arkiv för Matematik 3),
//     counted with a recurrence scaled by the binomial coefficients so that
//     it neither overflows nor loses small p-values;
//   - otherwise the p-value is the limiting Kolmogorov distribution,
//     Q(√(n1·n2/(n1+n2))·D), which is scipy's kstwobign.sf. scipy's auto
//     mode uses kstwo.sf(D, round(n1·n2/(n1+n2))) here instead, the exact
//     one-sample distribution at the effective size; the two differ by
//     O(1/√n), so for samples above KSExactMax the p-value is the textbook
//     asymptotic one and not scipy's to 1e-6. The monitor never gets there:
//     it runs the KS test only on windows of at most SmallWindow rows
//     against a baseline sample of at most MaxSample values.
//
// The exact p-value assumes no ties; with ties it is conservative (too
// large), as in scipy. NaN values are an error, as is an empty sample.
func KS2Samp(a, b []float64) (KSResult, error) {
	if err := checkSample("first sample", a); err != nil {
		return KSResult{}, err
	}
	if err := checkSample("second sample", b); err != nil {
		return KSResult{}, err
	}
	sa, sb := slices.Clone(a), slices.Clone(b)
	slices.Sort(sa)
	slices.Sort(sb)
	return ksSorted(sa, sb), nil
}

func checkSample(what string, x []float64) error {
	if len(x) == 0 {
		return fmt.Errorf("%s: %w", what, ErrEmptySample)
	}
	for i, v := range x {
		if math.IsNaN(v) {
			return fmt.Errorf("%s, value %d: %w", what, i+1, ErrNaN)
		}
	}
	return nil
}

// ksSorted is KS2Samp on sorted samples without NaN, both non-empty.
func ksSorted(a, b []float64) KSResult {
	n1, n2 := len(a), len(b)
	g := gcd(n1, n2)
	// In units of 1/lcm(n1, n2) the distance after i values of a and j of
	// b is i·n2/g − j·n1/g, an exact integer.
	n1g, n2g := int64(n1/g), int64(n2/g)
	lcm := n1g * int64(n2)
	h := ksMaxDistance(a, b, n1g, n2g)
	d := float64(h) / float64(lcm)
	if h == 0 {
		return KSResult{Statistic: 0, PValue: 1, Exact: true}
	}
	if max(n1, n2) <= KSExactMax {
		p := ksOutside(int64(n1), int64(n2), n1g, n2g, h)
		return KSResult{Statistic: d, PValue: clamp01(p), Exact: true}
	}
	en := float64(n1) * float64(n2) / float64(n1+n2)
	return KSResult{Statistic: d, PValue: clamp01(KolmogorovSF(math.Sqrt(en) * d))}
}

// ksMaxDistance walks both sorted samples and returns max |i·n2g − j·n1g|
// over the distinct values, where i and j count the values ≤ that value.
func ksMaxDistance(a, b []float64, n1g, n2g int64) int64 {
	var i, j int
	var h int64
	for i < len(a) || j < len(b) {
		var v float64
		switch {
		case j == len(b) || i < len(a) && a[i] <= b[j]:
			v = a[i]
		default:
			v = b[j]
		}
		for i < len(a) && a[i] <= v {
			i++
		}
		for j < len(b) && b[j] <= v {
			j++
		}
		diff := int64(i)*n2g - int64(j)*n1g
		if diff < 0 {
			diff = -diff
		}
		h = max(h, diff)
	}
	return h
}

// ksOutside returns the probability that a uniformly random monotone
// lattice path from (0, 0) to (n1, n2) leaves the band
// |i·n2g − j·n1g| < h. O(i, j) is the number of paths to (i, j) that have
// left it, over C(i+j, i), so O is 1 outside the band and inside it
// O(i, j) = (i·O(i−1, j) + j·O(i, j−1)) / (i + j), O(0, 0) = 0. Counting
// the paths that leave, rather than one minus those that stay, keeps small
// p-values accurate.
func ksOutside(n1, n2, n1g, n2g, h int64) float64 {
	col := make([]float64, n2+1)
	for j := range col {
		col[j] = 1
	}
	lo, hi := ksBand(0, n2, n1g, n2g, h)
	for j := lo; j <= hi; j++ {
		col[j] = 0
	}
	for i := int64(1); i <= n1; i++ {
		prevLo := lo
		lo, hi = ksBand(i, n2, n1g, n2g, h)
		if lo > hi {
			return 1
		}
		for j := prevLo; j < lo; j++ {
			col[j] = 1
		}
		fi := float64(i)
		for j := lo; j <= hi; j++ {
			left := 0.0
			if j > 0 {
				left = col[j-1]
			}
			fj := float64(j)
			col[j] = (fi*col[j] + fj*left) / (fi + fj)
		}
	}
	return col[n2]
}

// ksBand returns the range of j allowed in column i: the j in [0, n2] with
// |i·n2g − j·n1g| < h.
func ksBand(i, n2, n1g, n2g, h int64) (lo, hi int64) {
	x := i * n2g
	lo = floorDiv(x-h, n1g) + 1
	hi = ceilDiv(x+h, n1g) - 1
	return max(lo, 0), min(hi, n2)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && (a < 0) != (b < 0) {
		q--
	}
	return q
}

func ceilDiv(a, b int64) int64 { return -floorDiv(-a, b) }

func gcd(a, b int) int {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}

func clamp01(p float64) float64 { return min(max(p, 0), 1) }

// KolmogorovSF is the survival function of the Kolmogorov distribution,
// Q(λ) = 2 Σ_{k≥1} (−1)^(k−1) exp(−2k²λ²), the limit of √n·D (scipy's
// kstwobign.sf). For small λ it uses the equivalent Jacobi-theta form
// 1 − (√(2π)/λ) Σ_{k≥1} exp(−(2k−1)²π²/(8λ²)), which converges fast there.
// It is 1 for λ ≤ 0 and NaN for NaN.
func KolmogorovSF(lambda float64) float64 {
	switch {
	case math.IsNaN(lambda):
		return math.NaN()
	case lambda <= 0:
		return 1
	case lambda < 1:
		s := 0.0
		for k := 1; k <= 20; k++ {
			m := float64(2*k - 1)
			s += math.Exp(-m * m * math.Pi * math.Pi / (8 * lambda * lambda))
		}
		return clamp01(1 - math.Sqrt(2*math.Pi)/lambda*s)
	}
	s, sign := 0.0, 1.0
	for k := 1; k <= 100; k++ {
		fk := float64(k)
		t := math.Exp(-2 * fk * fk * lambda * lambda)
		s += sign * t
		if t < 1e-17 {
			break
		}
		sign = -sign
	}
	return clamp01(2 * s)
}
