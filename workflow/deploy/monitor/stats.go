package monitor

import (
	"errors"
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
)

// The sentinel errors of the statistics; returned errors wrap them.
var (
	ErrEmptySample = errors.New("the sample is empty")
	ErrNaN         = errors.New("the value is NaN")
	ErrLengths     = errors.New("the two distributions have different lengths")
	ErrNegative    = errors.New("a count or share is negative or not finite")
	ErrZeroTotal   = errors.New("the counts add up to zero")
	ErrSums        = errors.New("observed and expected counts do not add up to the same total")
)

// PSIEpsilon replaces a bin share of zero in the population stability index,
// whose terms are undefined there (ln 0). 1e-4 (0.01 %) is the usual choice;
// a bin empty on one side then adds about (share)·ln(share/1e-4).
const PSIEpsilon = 1e-4

// The conventional reading of the population stability index: below
// PSIModerate the distribution has not changed much, from PSIModerate to
// PSISignificant it has changed moderately, and from PSISignificant on it
// has changed significantly (Siddiqi, "Credit Risk Scorecards", 2006).
const (
	PSIModerate    = 0.1
	PSISignificant = 0.25
)

// PSI is the population stability index of actual against expected, two
// lists of counts (or shares) over the same bins:
// PSI = Σ_i (a_i − e_i) · ln(a_i / e_i), where a_i and e_i are the bins'
// shares of their totals and a zero share is replaced by PSIEpsilon
// (without renormalising). It is symmetric in its arguments, ≥ 0, and 0
// exactly when the shares agree. Lengths that differ, an empty list,
// negative or non-finite counts, or a zero total are errors.
func PSI(expected, actual []float64) (float64, error) {
	e, err := shares("expected", expected)
	if err != nil {
		return 0, err
	}
	a, err := shares("actual", actual)
	if err != nil {
		return 0, err
	}
	if len(e) != len(a) {
		return 0, fmt.Errorf("PSI over %d and %d bins: %w", len(e), len(a), ErrLengths)
	}
	psi := 0.0
	for i := range e {
		ei, ai := max(e[i], 0), max(a[i], 0)
		if ei == 0 {
			ei = PSIEpsilon
		}
		if ai == 0 {
			ai = PSIEpsilon
		}
		psi += (ai - ei) * math.Log(ai/ei)
	}
	return psi, nil
}

// shares divides counts by their total; it rejects an empty list, negative
// or non-finite counts and a zero total.
func shares(what string, counts []float64) ([]float64, error) {
	if len(counts) == 0 {
		return nil, fmt.Errorf("%s: %w", what, ErrEmptySample)
	}
	total := 0.0
	for i, c := range counts {
		if c < 0 || math.IsNaN(c) || math.IsInf(c, 0) {
			return nil, fmt.Errorf("%s, entry %d (%v): %w", what, i+1, c, ErrNegative)
		}
		total += c
	}
	if total == 0 {
		return nil, fmt.Errorf("%s: %w", what, ErrZeroTotal)
	}
	out := make([]float64, len(counts))
	for i, c := range counts {
		out[i] = c / total
	}
	return out, nil
}

// Wasserstein is the first Wasserstein (earth mover's) distance between the
// empirical distributions of u and v, ∫ |U(x) − V(x)| dx over the real line,
// where U and V are their distribution functions; it is
// scipy.stats.wasserstein_distance(u, v) without weights, in the units of
// the data. The inputs are not modified. Empty samples and NaN are errors.
func Wasserstein(u, v []float64) (float64, error) {
	if err := checkSample("first sample", u); err != nil {
		return 0, err
	}
	if err := checkSample("second sample", v); err != nil {
		return 0, err
	}
	su, sv := slices.Clone(u), slices.Clone(v)
	slices.Sort(su)
	slices.Sort(sv)
	return wassersteinSorted(su, sv), nil
}

// wassersteinSorted integrates |U − V| between consecutive values of the
// merged sorted samples, where both distribution functions are constant.
func wassersteinSorted(u, v []float64) float64 {
	nu, nv := float64(len(u)), float64(len(v))
	var i, j int
	sum := 0.0
	prev := math.Min(u[0], v[0])
	for i < len(u) || j < len(v) {
		var x float64
		if j == len(v) || i < len(u) && u[i] <= v[j] {
			x = u[i]
		} else {
			x = v[j]
		}
		if x > prev {
			sum += math.Abs(float64(i)/nu-float64(j)/nv) * (x - prev)
		}
		for i < len(u) && u[i] <= x {
			i++
		}
		for j < len(v) && v[j] <= x {
			j++
		}
		prev = x
	}
	return sum
}

// WassersteinStdFloor is the smallest reference standard deviation that
// NormalizedWasserstein divides by, so that a (nearly) constant reference
// does not blow the distance up; it is Evidently's floor.
const WassersteinStdFloor = 0.001

// NormalizedWasserstein is Wasserstein(reference, current) divided by the
// reference's population standard deviation (numpy's np.std, ddof 0), or by
// WassersteinStdFloor when that is smaller: the distance the distribution
// moved, in reference standard deviations. This is Evidently's
// "wasserstein" drift method. Errors are Wasserstein's.
func NormalizedWasserstein(reference, current []float64) (float64, error) {
	w, err := Wasserstein(reference, current)
	if err != nil {
		return 0, err
	}
	return w / max(popStd(reference), WassersteinStdFloor), nil
}

// popStd is the population standard deviation (divided by n), two-pass.
func popStd(x []float64) float64 {
	mean := 0.0
	for _, v := range x {
		mean += v
	}
	mean /= float64(len(x))
	ss := 0.0
	for _, v := range x {
		ss += (v - mean) * (v - mean)
	}
	return math.Sqrt(ss / float64(len(x)))
}

// ChiSquareResult is the outcome of Pearson's chi-square goodness-of-fit
// test.
type ChiSquareResult struct {
	Statistic float64 // Σ (observed − expected)² / expected
	PValue    float64 // P(χ²(DF) ≥ Statistic)
	DF        int     // categories − 1
}

// ChiSquare is Pearson's chi-square goodness-of-fit test of observed counts
// against expected counts over the same categories, as
// scipy.stats.chisquare(observed, expected): the statistic
// Σ (o − e)² / e and its p-value from the chi-square distribution with
// k − 1 degrees of freedom. As in scipy 1.10 the two totals must agree to a
// relative 1e-8. A category with e = 0 and o > 0 makes the statistic +Inf
// and the p-value 0 (what was observed is impossible under the expected
// shares); one with e = 0 and o = 0 adds nothing (scipy gives NaN there).
// Fewer than two categories, lengths that differ, and negative or
// non-finite counts are errors. The approximation is poor when expected
// counts are small (below about 5); callers pool those first, as Report
// does.
func ChiSquare(observed, expected []float64) (ChiSquareResult, error) {
	if len(observed) != len(expected) {
		return ChiSquareResult{}, fmt.Errorf("chi-square over %d and %d categories: %w", len(observed), len(expected), ErrLengths)
	}
	if len(observed) < 2 {
		return ChiSquareResult{}, fmt.Errorf("chi-square needs at least 2 categories, got %d: %w", len(observed), ErrEmptySample)
	}
	so, se := 0.0, 0.0
	for i := range observed {
		o, e := observed[i], expected[i]
		if o < 0 || e < 0 || math.IsNaN(o+e) || math.IsInf(o+e, 0) {
			return ChiSquareResult{}, fmt.Errorf("category %d (observed %v, expected %v): %w", i+1, o, e, ErrNegative)
		}
		so += o
		se += e
	}
	if math.Abs(so-se) > 1e-8*math.Max(so, se) {
		return ChiSquareResult{}, fmt.Errorf("observed %v, expected %v: %w", so, se, ErrSums)
	}
	stat := 0.0
	for i := range observed {
		o, e := observed[i], expected[i]
		switch {
		case e > 0:
			stat += (o - e) * (o - e) / e
		case o > 0:
			stat = math.Inf(1)
		}
	}
	df := len(observed) - 1
	p := 0.0
	if !math.IsInf(stat, 1) {
		p = distuv.ChiSquared{K: float64(df)}.Survival(stat)
	}
	return ChiSquareResult{Statistic: stat, PValue: p, DF: df}, nil
}

// JSMaxDistance is the largest Jensen–Shannon distance with natural
// logarithms, √(ln 2), reached by distributions with no category in common.
var JSMaxDistance = math.Sqrt(math.Ln2)

// JensenShannon is the Jensen–Shannon distance between two distributions
// over the same categories, given as counts or shares (each is divided by
// its total), with natural logarithms: √((KL(p‖m) + KL(q‖m)) / 2) where
// m = (p + q) / 2 and KL is the Kullback–Leibler divergence. This is
// scipy.spatial.distance.jensenshannon(p, q) with its default base e; the
// distance lies in [0, JSMaxDistance] (divide by JSMaxDistance for base 2,
// where the maximum is 1). Errors are those of PSI.
func JensenShannon(p, q []float64) (float64, error) {
	ps, err := shares("first distribution", p)
	if err != nil {
		return 0, err
	}
	qs, err := shares("second distribution", q)
	if err != nil {
		return 0, err
	}
	if len(ps) != len(qs) {
		return 0, fmt.Errorf("Jensen–Shannon over %d and %d categories: %w", len(ps), len(qs), ErrLengths)
	}
	js := 0.0
	for i := range ps {
		m := (ps[i] + qs[i]) / 2
		js += relEntr(ps[i], m) + relEntr(qs[i], m)
	}
	return math.Sqrt(max(js, 0) / 2), nil
}

// relEntr is scipy.special.rel_entr for x ≥ 0, y ≥ x/2 > 0 or x = 0.
func relEntr(x, y float64) float64 {
	if x == 0 {
		return 0
	}
	return x * math.Log(x/y)
}
