package eval

import (
	"encoding/json"
	"errors"
	"math"
	"os"
	"testing"
)

// The reference values in testdata/fixtures.json come from scipy 1.10 and
// numpy 1.24 (Debian), written by testdata/make_fixtures.py:
//
//	cd workflow/eval/testdata && /usr/bin/python3 make_fixtures.py > fixtures.json
type evalFixtures struct {
	TCDF []struct {
		T, DF, CDF, SF float64
	} `json:"t_cdf"`
	TTest []struct {
		A, B     []float64
		Ratio    float64
		MeanDiff float64 `json:"mean_diff"`
		StdDiff  float64 `json:"std_diff"`
		T, P     float64
		DF       int
	} `json:"ttest"`
}

func loadEvalFixtures(t *testing.T) evalFixtures {
	t.Helper()
	b, err := os.ReadFile("testdata/fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var f evalFixtures
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

func relClose(got, want, rel float64) bool {
	return math.Abs(got-want) <= rel*math.Max(math.Abs(want), 1e-300)
}

// TestStudentT_MatchesScipy checks the CDF and the upper tail against
// scipy.stats.t.cdf and scipy.stats.t.sf: to 1e-11 (relative) up to 1000
// degrees of freedom, the range the t-test uses (folds − 1), and to 1e-9
// beyond, where the continued fraction converges slowly.
func TestStudentT_MatchesScipy(t *testing.T) {
	for _, c := range loadEvalFixtures(t).TCDF {
		rel := 1e-11
		if c.DF > 1000 {
			rel = 1e-9
		}
		if got := studentTCDF(c.T, c.DF); !relClose(got, c.CDF, rel) {
			t.Errorf("CDF(t=%v, df=%v) = %.17g, scipy %.17g", c.T, c.DF, got, c.CDF)
		}
		sf := studentTTail(c.T, c.DF)
		if c.T < 0 {
			sf = 1 - sf
		}
		if !relClose(sf, c.SF, rel) {
			t.Errorf("SF(t=%v, df=%v) = %.17g, scipy %.17g", c.T, c.DF, sf, c.SF)
		}
	}
}

// TestCorrectedTTest_MatchesScipy compares the statistic and p-value with
// the formula evaluated by numpy and scipy.stats.t.sf.
func TestCorrectedTTest_MatchesScipy(t *testing.T) {
	for i, c := range loadEvalFixtures(t).TTest {
		r, err := CorrectedTTest(c.A, c.B, c.Ratio)
		if err != nil {
			t.Fatal(err)
		}
		if !relClose(r.T, c.T, 1e-9) || !relClose(r.P, c.P, 1e-9) || r.DF != c.DF ||
			!relClose(r.MeanDiff, c.MeanDiff, 1e-9) || !relClose(r.StdDiff, c.StdDiff, 1e-9) {
			t.Errorf("case %d: got %+v, reference t=%v p=%v df=%d mean=%v std=%v", i, r, c.T, c.P, c.DF, c.MeanDiff, c.StdDiff)
		}
	}
}

func TestCorrectedTTest_EdgeCases(t *testing.T) {
	same := []float64{0.5, 0.75, 0.625} // dyadic, so differences are exact
	r, err := CorrectedTTest(same, same, 0.5)
	if err != nil || r.T != 0 || r.P != 1 {
		t.Errorf("identical scores: %+v %v; want t=0 p=1", r, err)
	}
	r, err = CorrectedTTest([]float64{0.625, 0.875, 0.75}, same, 0.5)
	if err != nil || !math.IsInf(r.T, 1) || r.P != 0 {
		t.Errorf("constant difference: %+v %v; want t=+Inf p=0", r, err)
	}
	for _, bad := range []struct{ a, b []float64 }{{[]float64{1}, []float64{1}}, {same, same[:2]}, {[]float64{1, math.NaN()}, []float64{1, 1}}} {
		if _, err := CorrectedTTest(bad.a, bad.b, 0.25); !errors.Is(err, ErrFolds) {
			t.Errorf("%v vs %v: %v, want ErrFolds", bad.a, bad.b, err)
		}
	}
}
