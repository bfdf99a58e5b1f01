package monitor

import (
	"encoding/json"
	"math"
)

// The choice of test and the thresholds, as Evidently's defaults: a window
// of at most SmallWindow rows is tested for a change in distribution
// (Kolmogorov–Smirnov for numbers, chi-square for levels, drift when
// p < PValueThreshold); a larger one, where any tiny change would be
// "significant", by how far the distribution moved (the normalised
// Wasserstein distance for numbers, drift from WassersteinThreshold; the
// Jensen–Shannon distance for levels, drift from JSThreshold).
const (
	SmallWindow          = 1000
	PValueThreshold      = 0.05
	WassersteinThreshold = 0.1
	JSThreshold          = 0.1
	// MinExpected is the smallest expected count a chi-square category may
	// have (Cochran's rule); smaller ones are pooled.
	MinExpected = 5
	// MissingShiftThreshold is the change in the share of missing values
	// (either way, 0.1 = ten percentage points) reported as a shift.
	MissingShiftThreshold = 0.1
)

// Test names a drift test.
type Test string

// The drift tests; TestNone means no test could be run (Result.Summary says
// why).
const (
	TestKS            Test = "ks"
	TestWasserstein   Test = "wasserstein_norm"
	TestChiSquare     Test = "chi_square"
	TestJensenShannon Test = "jensen_shannon"
	TestNone          Test = "none"
)

// Result is the verdict of one drift test on one column.
type Result struct {
	Test Test
	// Statistic is the test's statistic: D for KS, the distance in
	// reference standard deviations for wasserstein_norm, χ² (+Inf when a
	// level the training data never had appeared) for chi_square, the
	// distance (natural log) for jensen_shannon.
	Statistic float64
	// PValue is the p-value of KS and chi-square; NaN for the distances.
	PValue float64
	// Threshold is the p-value below which (KS, chi-square), or the
	// distance from which (the distances), the column has drifted.
	Threshold float64
	Drifted   bool
	// Score ranks columns by drift on one scale for every test: 1 is the
	// threshold, larger is more drift. For p-values it is
	// log(p)/log(Threshold), for distances Statistic/Threshold; 0 when no
	// test ran.
	Score float64
	// Summary says in plain words what the result means and what to do.
	Summary string
}

// resultJSON is Result on the wire: non-finite numbers are null.
type resultJSON struct {
	Test      Test     `json:"test"`
	Statistic *float64 `json:"statistic"`
	PValue    *float64 `json:"p_value"`
	Threshold float64  `json:"threshold"`
	Drifted   bool     `json:"drifted"`
	Score     float64  `json:"score"`
	Summary   string   `json:"summary"`
}

// MarshalJSON writes the result with snake_case keys; a statistic or
// p-value that is not a finite number (an infinite χ², no p-value) is null.
func (r Result) MarshalJSON() ([]byte, error) {
	return json.Marshal(resultJSON{r.Test, finitePtr(r.Statistic), finitePtr(r.PValue), r.Threshold, r.Drifted, finiteOr0(r.Score), r.Summary})
}

// UnmarshalJSON reads what MarshalJSON writes; a null p-value becomes NaN
// and a null statistic +Inf for chi_square, else NaN.
func (r *Result) UnmarshalJSON(b []byte) error {
	var w resultJSON
	if err := json.Unmarshal(b, &w); err != nil {
		return err
	}
	*r = Result{Test: w.Test, Statistic: math.NaN(), PValue: math.NaN(), Threshold: w.Threshold, Drifted: w.Drifted, Score: w.Score, Summary: w.Summary}
	if w.Statistic != nil {
		r.Statistic = *w.Statistic
	} else if w.Test == TestChiSquare {
		r.Statistic = math.Inf(1)
	}
	if w.PValue != nil {
		r.PValue = *w.PValue
	}
	return nil
}

func finitePtr(v float64) *float64 {
	if !finite(v) {
		return nil
	}
	return &v
}

func finiteOr0(v float64) float64 {
	if !finite(v) {
		return 0
	}
	return v
}

// pScore is log(p)/log(threshold), with p floored so that p = 0 ranks above
// every positive p without being infinite.
func pScore(p float64) float64 {
	return math.Log(max(p, 1e-300)) / math.Log(PValueThreshold)
}

// numericDrift tests sorted window values against a numeric profile's
// sample; rows is the window's row count, which picks the test.
func numericDrift(name string, ref *NumericProfile, window []float64, rows int) Result {
	if len(ref.Sample) == 0 {
		return skipped(name, "the training data has no values for it")
	}
	if len(window) == 0 {
		return skipped(name, "this window has no values for it")
	}
	if rows <= SmallWindow {
		ks := ksSorted(ref.Sample, window)
		r := Result{Test: TestKS, Statistic: ks.Statistic, PValue: ks.PValue, Threshold: PValueThreshold, Drifted: ks.PValue < PValueThreshold, Score: pScore(ks.PValue)}
		r.Summary = ksSentence(name, r, len(window))
		return r
	}
	w := wassersteinSorted(ref.Sample, window) / max(popStd(ref.Sample), WassersteinStdFloor)
	r := Result{Test: TestWasserstein, Statistic: w, PValue: math.NaN(), Threshold: WassersteinThreshold, Drifted: w >= WassersteinThreshold, Score: w / WassersteinThreshold}
	r.Summary = wassersteinSentence(name, r, len(window))
	return r
}

// levelDrift tests window counts over a level profile's categories (its
// levels, then "other") against the training counts ref; rows picks the
// test.
func levelDrift(name string, ref, obs []float64, rows int) Result {
	refTotal, n := sum(ref), sum(obs)
	if refTotal == 0 {
		return skipped(name, "the training data has no values for it")
	}
	if n == 0 {
		return skipped(name, "this window has no values for it")
	}
	if rows > SmallWindow {
		js, err := JensenShannon(ref, obs)
		if err != nil {
			panic("monitor: Jensen–Shannon on checked counts: " + err.Error())
		}
		r := Result{Test: TestJensenShannon, Statistic: js, PValue: math.NaN(), Threshold: JSThreshold, Drifted: js >= JSThreshold, Score: js / JSThreshold}
		r.Summary = jsSentence(name, r)
		return r
	}
	o, e := pooled(ref, obs, refTotal, n)
	if len(o) < 2 {
		return skipped(name, "the window is too small for a chi-square test (fewer than two groups of levels expect 5 rows or more)")
	}
	cs, err := ChiSquare(o, e)
	if err != nil {
		panic("monitor: chi-square on pooled counts: " + err.Error())
	}
	r := Result{Test: TestChiSquare, Statistic: cs.Statistic, PValue: cs.PValue, Threshold: PValueThreshold, Drifted: cs.PValue < PValueThreshold, Score: pScore(cs.PValue)}
	r.Summary = chiSquareSentence(name, r, cs.DF)
	return r
}

// pooled turns training counts into expected counts for n window values and
// pools the categories whose expected count is below MinExpected. A
// category with no training rows but window rows is kept apart (it makes
// the statistic infinite); one empty on both sides is dropped. When the
// pool itself expects fewer than MinExpected rows it joins the smallest
// remaining category.
func pooled(ref, obs []float64, refTotal, n float64) (o, e []float64) {
	var po, pe float64
	pooledAny := false
	for k := range ref {
		ek := ref[k] / refTotal * n
		switch {
		case ek == 0 && obs[k] == 0:
		case ek == 0 || ek >= MinExpected:
			o, e = append(o, obs[k]), append(e, ek)
		default:
			po, pe, pooledAny = po+obs[k], pe+ek, true
		}
	}
	if !pooledAny {
		return o, e
	}
	if pe < MinExpected {
		small := -1
		for k := range e {
			if e[k] > 0 && (small < 0 || e[k] < e[small]) {
				small = k
			}
		}
		if small >= 0 {
			o[small] += po
			e[small] += pe
			return o, e
		}
	}
	return append(o, po), append(e, pe)
}

func skipped(name, why string) Result {
	return Result{Test: TestNone, Statistic: math.NaN(), PValue: math.NaN(), Summary: "No drift test for " + quote(name) + ": " + why + "."}
}

func sum(x []float64) float64 {
	s := 0.0
	for _, v := range x {
		s += v
	}
	return s
}
