package eda

import (
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/stat"
)

// numFacts are what the alerts need from a numeric column's sorted values,
// kept so the values themselves can be dropped.
type numFacts struct {
	minPositive float64 // smallest value > 0, NaN if none
	sentinels   map[float64]int
	topShare    float64 // share of the most frequent value
	topValue    float64
	dateLike    bool // every value reads as a yyyymmdd date
	// separates is true when, in value order, each class of the target
	// forms one unbroken run with no value shared by two classes.
	separates bool
	// mean feeds the correlation stage.
	mean float64
}

// describeNumeric fills the numeric statistics of st from c and returns the
// average ranks of the rows (NaN for missing rows) for Spearman. classes,
// when not nil, are the target's classes, checked for separation.
func describeNumeric(c *data.NumericColumn, st *ColumnStats, classes *catVec) ([]float32, numFacts) {
	vals := c.Values()
	sorted, idx := sortedPresent(vals, true)
	n := len(sorted)
	st.Integer = c.IsInteger() && n > 0
	f := numFacts{minPositive: math.NaN(), topShare: 0}
	if n == 0 {
		return nil, f
	}
	ranks, runs := rankRuns(sorted, idx, len(vals))
	f.minPositive = runs.minPositive
	st.Unique = runs.unique
	st.Zeros, st.Negatives = intp(runs.zeros), intp(runs.negatives)
	st.Min, st.Max = num(sorted[0]), num(sorted[n-1])
	st.P05, st.Q1 = num(stat.QuantileSorted(sorted, 0.05)), num(stat.QuantileSorted(sorted, 0.25))
	st.Median = num(stat.QuantileSorted(sorted, 0.5))
	st.Q3, st.P95 = num(stat.QuantileSorted(sorted, 0.75)), num(stat.QuantileSorted(sorted, 0.95))
	m := moments(sorted)
	st.Mean, st.Std = num(m.mean), num(m.std)
	st.Skew, st.Kurtosis = num(m.skew), num(m.kurt)
	f.mean = m.mean
	st.Top = runs.top.result(n, data.FormatFloat)
	if len(st.Top) > 0 && st.Top[0].Count == 1 {
		st.Top = nil // nothing repeats: a list of ones says nothing
	}
	top := runs.top.best()
	f.topValue, f.topShare = top.v, float64(top.n)/float64(n)
	st.Outliers = outliers(sorted)
	st.Histogram = histogram(finite(sorted), stat.QuantileSorted(sorted, 0.75)-stat.QuantileSorted(sorted, 0.25))
	f.sentinels = sentinelCounts(sorted)
	f.dateLike = st.Integer && datesLike(sorted)
	if classes != nil {
		f.separates = separatesClasses(sorted, idx, *classes)
	}
	return ranks, f
}

// runStats is what one pass over the runs of equal sorted values finds.
type runStats struct {
	unique, zeros, negatives int
	minPositive              float64 // NaN when no value is positive
	top                      *topK   // the most frequent values
}

// rankRuns gives the rows of each run of equal values in sorted (idx maps
// sorted positions to rows) the run's average 1-based rank, as pandas'
// rank(method="average"), and NaN to the other rows of the column's rows;
// it also counts the distinct, zero and negative values.
func rankRuns(sorted []float64, idx []uint32, rows int) ([]float32, runStats) {
	ranks := make([]float32, rows)
	for i := range ranks {
		ranks[i] = float32(math.NaN())
	}
	rs := runStats{minPositive: math.NaN(), top: newTopK(MaxTopValues)}
	for i, n := 0, len(sorted); i < n; {
		j := i + 1
		for j < n && sorted[j] == sorted[i] {
			j++
		}
		r := float32(float64(i+1+j) / 2)
		for k := i; k < j; k++ {
			ranks[idx[k]] = r
		}
		v := sorted[i]
		rs.unique++
		switch {
		case v == 0:
			rs.zeros += j - i
		case v < 0:
			rs.negatives += j - i
		case math.IsNaN(rs.minPositive):
			rs.minPositive = v
		}
		rs.top.offer(v, j-i)
		i = j
	}
	return ranks, rs
}

// moms are the moment statistics of a column in pandas' conventions.
type moms struct{ mean, std, skew, kurt float64 }

// moments computes the mean, the sample standard deviation (n−1), and
// pandas' bias-corrected skewness G1 and excess kurtosis G2 (nanops.nanskew
// and nankurt: central sums m2, m3, m4 over the values; sums below 1e-14
// are treated as zero; zero variance gives 0). Two passes: the mean with
// Neumaier-compensated summation, then the central sums.
func moments(vals []float64) moms {
	n := float64(len(vals))
	out := moms{mean: math.NaN(), std: math.NaN(), skew: math.NaN(), kurt: math.NaN()}
	if len(vals) == 0 {
		return out
	}
	out.mean = stat.CompensatedSum(vals) / n
	var m2, m3, m4 float64
	for _, v := range vals {
		d := v - out.mean
		d2 := d * d
		m2 += d2
		m3 += d2 * d
		m4 += d2 * d2
	}
	if n >= 2 {
		out.std = math.Sqrt(m2 / (n - 1))
	}
	m2, m3 = zeroFPErr(m2), zeroFPErr(m3)
	if n >= 3 {
		if m2 == 0 {
			out.skew = 0
		} else {
			out.skew = (n * math.Sqrt(n-1) / (n - 2)) * (m3 / math.Pow(m2, 1.5))
		}
	}
	if n >= 4 {
		adj := 3 * (n - 1) * (n - 1) / ((n - 2) * (n - 3))
		num := zeroFPErr(n * (n + 1) * (n - 1) * m4)
		den := zeroFPErr((n - 2) * (n - 3) * m2 * m2)
		if den == 0 {
			out.kurt = 0
		} else {
			out.kurt = num/den - adj
		}
	}
	return out
}

func zeroFPErr(v float64) float64 {
	if math.Abs(v) < 1e-14 {
		return 0
	}
	return v
}

// outliers counts the values outside Tukey's fences and those whose robust
// z-score exceeds RobustZLimit, from ascending values. It returns nil when
// infinite values make the fences undefined.
func outliers(sorted []float64) *Outliers {
	n := len(sorted)
	q1, q3 := stat.QuantileSorted(sorted, 0.25), stat.QuantileSorted(sorted, 0.75)
	iqr := q3 - q1
	o := &Outliers{LowerFence: q1 - IQRFactor*iqr, UpperFence: q3 + IQRFactor*iqr}
	for i := 0; i < n && sorted[i] < o.LowerFence; i++ {
		o.IQRCount++
		o.Below = num(sorted[i])
	}
	for i := n - 1; i >= 0 && sorted[i] > o.UpperFence; i-- {
		o.IQRCount++
		o.Above = num(sorted[i])
	}
	med := stat.QuantileSorted(sorted, 0.5)
	o.MAD = medianAbsDev(sorted, med)
	if num(o.LowerFence) == nil || num(o.UpperFence) == nil || num(o.MAD) == nil {
		return nil
	}
	if o.MAD > 0 {
		lim := RobustZLimit * madScale * o.MAD
		for i := 0; i < n && med-sorted[i] > lim; i++ {
			o.RobustZCount++
		}
		for i := n - 1; i >= 0 && sorted[i]-med > lim; i-- {
			o.RobustZCount++
		}
	}
	return o
}

// madScale makes the MAD a consistent estimate of the standard deviation
// of normal data (1/Φ⁻¹(3/4)).
const madScale = 1.482602218505602

// medianAbsDev returns the median of |x − med| over ascending values by
// merging the two sorted runs of deviations (left of the median going
// down, right going up) up to the middle, in O(n).
func medianAbsDev(sorted []float64, med float64) float64 {
	n := len(sorted)
	if n == 0 {
		return math.NaN()
	}
	split := 0
	for split < n && sorted[split] < med {
		split++
	}
	l, r := split-1, split
	next := func() float64 {
		if r >= n || (l >= 0 && med-sorted[l] <= sorted[r]-med) {
			l--
			return med - sorted[l+1]
		}
		r++
		return sorted[r-1] - med
	}
	var prev float64
	for k := 0; k < n/2; k++ {
		prev = next()
	}
	cur := next()
	if n%2 == 1 {
		return cur
	}
	return prev + (cur-prev)/2
}

// finite returns the finite part of ascending values (infinities sit at
// the ends).
func finite(sorted []float64) []float64 {
	lo, hi := 0, len(sorted)
	for lo < hi && math.IsInf(sorted[lo], -1) {
		lo++
	}
	for hi > lo && math.IsInf(sorted[hi-1], 1) {
		hi--
	}
	return sorted[lo:hi]
}

// histogram bins ascending values into equal-width bins over [min, max],
// bin edges and assignment computed as numpy.histogram does. The number of
// bins is the larger of Sturges' and Freedman–Diaconis' rules (numpy's
// "auto"), capped at HistogramMaxBins. It returns nil when there are no
// finite values or their range overflows float64.
func histogram(sorted []float64, iqr float64) *Histogram {
	n := len(sorted)
	if n == 0 || math.IsInf(sorted[n-1]-sorted[0], 0) {
		return nil
	}
	lo, hi := sorted[0], sorted[n-1]
	k := histogramBins(n, lo, hi, iqr)
	if lo == hi {
		lo, hi = lo-0.5, hi+0.5
		if lo == hi { // too large for ±0.5 to change it
			return &Histogram{Edges: []float64{lo, hi}, Counts: []int{n}}
		}
	}
	edges := make([]float64, k+1)
	step := (hi - lo) / float64(k)
	for i := range edges {
		edges[i] = lo + float64(i)*step
	}
	edges[k] = hi
	counts := make([]int, k)
	width, fk := hi-lo, float64(k)
	for _, v := range sorted {
		b := int((v - lo) / width * fk)
		if b == k {
			b--
		}
		if v < edges[b] {
			b--
		} else if b != k-1 && v >= edges[b+1] {
			b++
		}
		counts[b]++
	}
	return &Histogram{Edges: edges, Counts: counts}
}

func histogramBins(n int, lo, hi, iqr float64) int {
	if hi == lo {
		return 1
	}
	k := int(math.Ceil(math.Log2(float64(n)))) + 1
	if iqr > 0 {
		h := 2 * iqr * math.Pow(float64(n), -1.0/3)
		if fd := int(math.Ceil((hi - lo) / h)); fd > k {
			k = fd
		}
	}
	return min(max(k, 1), HistogramMaxBins)
}
