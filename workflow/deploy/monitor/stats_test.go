package monitor

import (
	"errors"
	"math"
	"slices"
	"testing"
)

func TestKS2Samp_Scipy(t *testing.T) {
	f := loadFixtures(t)
	if len(f.KS) < 8 {
		t.Fatalf("only %d KS cases", len(f.KS))
	}
	for _, c := range f.KS {
		a0 := slices.Clone(c.A)
		got, err := KS2Samp(c.A, c.B)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if !near(got.Statistic, c.Statistic, 1e-12) || math.Abs(got.PValue-c.PValue) > 1e-6 || !got.Exact {
			t.Errorf("%s: D %v p %v (exact %v), scipy D %v p %v", c.Name, got.Statistic, got.PValue, got.Exact, c.Statistic, c.PValue)
		}
		// Tiny p-values agree in relative terms too.
		if c.PValue < 1e-6 && math.Abs(got.PValue/c.PValue-1) > 1e-6 {
			t.Errorf("%s: p %v, scipy %v", c.Name, got.PValue, c.PValue)
		}
		if !slices.Equal(a0, c.A) {
			t.Errorf("%s: KS2Samp modified its input", c.Name)
		}
		// The test is symmetric.
		back, _ := KS2Samp(c.B, c.A)
		if back.Statistic != got.Statistic || math.Abs(back.PValue-got.PValue) > 1e-12 {
			t.Errorf("%s: swapped samples give D %v p %v", c.Name, back.Statistic, back.PValue)
		}
	}
}

func TestKS2Samp_Asymptotic(t *testing.T) {
	c := loadFixtures(t).KSAsymptotic
	got, err := KS2Samp(c.A, c.B)
	if err != nil {
		t.Fatal(err)
	}
	if got.Exact || !near(got.Statistic, c.Statistic, 1e-12) || math.Abs(got.PValue-c.KstwobignP) > 1e-9 {
		t.Errorf("D %v p %v exact %v, want D %v and kstwobign p %v", got.Statistic, got.PValue, got.Exact, c.Statistic, c.KstwobignP)
	}
	// The documented difference from scipy's auto mode (kstwo at the
	// effective size) is small but not 1e-6.
	if d := math.Abs(got.PValue - c.ScipyAutoP); d > 0.05 {
		t.Errorf("asymptotic p %v is %v away from scipy's %v", got.PValue, d, c.ScipyAutoP)
	}
}

func TestKolmogorovSF_Scipy(t *testing.T) {
	for _, c := range loadFixtures(t).Kolmogorov {
		if got := KolmogorovSF(c.Lambda); math.Abs(got-c.SF) > 1e-12 {
			t.Errorf("Q(%v) = %v, kstwobign.sf %v", c.Lambda, got, c.SF)
		}
	}
	if KolmogorovSF(0) != 1 || KolmogorovSF(-1) != 1 || !math.IsNaN(KolmogorovSF(math.NaN())) {
		t.Error("edge values of KolmogorovSF")
	}
}

func TestKS2Samp_Errors(t *testing.T) {
	if _, err := KS2Samp(nil, []float64{1}); !errors.Is(err, ErrEmptySample) {
		t.Errorf("empty sample: %v", err)
	}
	if _, err := KS2Samp([]float64{1, math.NaN()}, []float64{1}); !errors.Is(err, ErrNaN) {
		t.Errorf("NaN: %v", err)
	}
	r, err := KS2Samp([]float64{1, 2, 3}, []float64{1, 2, 3})
	if err != nil || r.Statistic != 0 || r.PValue != 1 {
		t.Errorf("identical samples: %+v %v", r, err)
	}
}

func TestWasserstein_Scipy(t *testing.T) {
	for _, c := range loadFixtures(t).Wasserstein {
		w, err := Wasserstein(c.U, c.V)
		if err != nil || !near(w, c.Distance, 1e-10) {
			t.Errorf("%s: W = %v (%v), scipy %v", c.Name, w, err, c.Distance)
		}
		n, err := NormalizedWasserstein(c.U, c.V)
		if err != nil || !near(n, c.Normalized, 1e-10) {
			t.Errorf("%s: normalised W = %v (%v), want %v", c.Name, n, err, c.Normalized)
		}
	}
	if _, err := Wasserstein([]float64{1}, nil); !errors.Is(err, ErrEmptySample) {
		t.Errorf("empty: %v", err)
	}
}

func TestChiSquare_Scipy(t *testing.T) {
	for _, c := range loadFixtures(t).ChiSquare {
		r, err := ChiSquare(c.Observed, c.Expected)
		if err != nil {
			t.Fatalf("%s: %v", c.Name, err)
		}
		if !near(r.Statistic, c.Statistic, 1e-12) || math.Abs(r.PValue-c.PValue) > 1e-10 || r.DF != len(c.Observed)-1 {
			t.Errorf("%s: χ² %v p %v df %d, scipy %v p %v", c.Name, r.Statistic, r.PValue, r.DF, c.Statistic, c.PValue)
		}
		if c.PValue > 1e-300 && c.PValue < 1e-6 && math.Abs(r.PValue/c.PValue-1) > 1e-6 {
			t.Errorf("%s: small p %v, scipy %v", c.Name, r.PValue, c.PValue)
		}
	}
}

func TestChiSquare_Edges(t *testing.T) {
	r, err := ChiSquare([]float64{3, 2, 0}, []float64{4, 0, 1})
	if err != nil || !math.IsInf(r.Statistic, 1) || r.PValue != 0 {
		t.Errorf("a category expected never but observed: %+v %v", r, err)
	}
	r, err = ChiSquare([]float64{3, 0, 2}, []float64{3, 0, 2})
	if err != nil || r.Statistic != 0 || r.PValue != 1 {
		t.Errorf("a category empty on both sides: %+v %v", r, err)
	}
	for name, c := range map[string][2][]float64{
		"lengths":  {{1, 2}, {1, 2, 0}},
		"one":      {{3}, {3}},
		"negative": {{-1, 4}, {1, 2}},
		"sums":     {{1, 2}, {2, 2}},
	} {
		if _, err := ChiSquare(c[0], c[1]); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestJensenShannon_Scipy(t *testing.T) {
	for i, c := range loadFixtures(t).JensenShannon {
		d, err := JensenShannon(c.P, c.Q)
		if err != nil || !near(d, c.Distance, 1e-12) {
			t.Errorf("case %d: JS %v (%v), scipy %v", i, d, err, c.Distance)
		}
	}
	if d, _ := JensenShannon([]float64{1, 0}, []float64{0, 1}); math.Abs(d-JSMaxDistance) > 1e-15 {
		t.Errorf("disjoint distributions: %v, want √ln2", d)
	}
	if _, err := JensenShannon([]float64{0, 0}, []float64{1, 1}); !errors.Is(err, ErrZeroTotal) {
		t.Errorf("zero total: %v", err)
	}
}

func TestPSI_Numpy(t *testing.T) {
	f := loadFixtures(t)
	if f.PSIEpsilon != PSIEpsilon {
		t.Fatalf("fixture epsilon %v, package %v", f.PSIEpsilon, PSIEpsilon)
	}
	for _, c := range f.PSI {
		// The baseline's edges and bins are numpy's.
		ref := append(slices.Clone(c.Reference), nanN(c.ReferenceMissing)...)
		p := numericOf("x", 0, "", ref)
		if !floatsNear(p.Numeric.Edges, c.Edges, 1e-12) || !slices.Equal(p.Numeric.Bins, c.ReferenceBins) {
			t.Errorf("%s: edges %v bins %v, numpy %v %v", c.Name, p.Numeric.Edges, p.Numeric.Bins, c.Edges, c.ReferenceBins)
		}
		acc := newAcc(&p, 0)
		for _, v := range append(slices.Clone(c.Current), nanN(c.CurrentMissing)...) {
			acc.add(v)
		}
		for k, n := range c.CurrentBins {
			if acc.bins[k] != float64(n) {
				t.Errorf("%s: window bin %d holds %v, numpy %d", c.Name, k, acc.bins[k], n)
			}
		}
		fd := acc.drift(len(c.Current) + c.CurrentMissing)
		if fd.PSI == nil || !near(*fd.PSI, c.PSI, 1e-12) {
			t.Errorf("%s: PSI %v, numpy %v", c.Name, fd.PSI, c.PSI)
		}
	}
	if v, _ := PSI([]float64{1, 2, 3}, []float64{2, 4, 6}); v != 0 {
		t.Errorf("same shares: PSI %v", v)
	}
	if _, err := PSI([]float64{1, 2}, []float64{1, 2, 3}); !errors.Is(err, ErrLengths) {
		t.Errorf("lengths: %v", err)
	}
}

func nanN(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = math.NaN()
	}
	return out
}

func floatsNear(a, b []float64, tol float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if !near(a[i], b[i], tol) {
			return false
		}
	}
	return true
}
