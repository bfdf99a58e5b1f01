package plots

import (
	"encoding/json"
	"math"
	"os"
	"slices"
	"testing"
)

// Reference numbers come from numpy 1.24, scipy 1.10 and matplotlib 3.6
// (Debian), made by
// testdata/ref_plots.py:
//
//	cd plots/testdata && /usr/bin/python3 ref_plots.py > ref_plots.json

type refSource struct {
	Name   string    `json:"name"`
	File   string    `json:"file"`
	Column string    `json:"column"`
	Values []float64 `json:"values"`
}

// sample returns the case's values: stored, or read from the real
// dataset with missing values dropped (as pandas' dropna does).
func (r refSource) sample(t *testing.T) []float64 {
	if r.Values != nil {
		return r.Values
	}
	v, _ := column(t, r.File, r.Column)
	out, _, _ := finite(v)
	return out
}

type refFile struct {
	Histograms []struct {
		refSource
		Edges  []float64 `json:"edges"`
		Counts []float64 `json:"counts"`
	} `json:"histograms"`
	KDEs []struct {
		refSource
		Method    string    `json:"method"`
		Bandwidth float64   `json:"bandwidth"`
		X         []float64 `json:"x"`
		Density   []float64 `json:"density"`
	} `json:"kdes"`
	Boxes []struct {
		refSource
		Q1          float64 `json:"q1"`
		Median      float64 `json:"median"`
		Q3          float64 `json:"q3"`
		LowWhisker  float64 `json:"low_whisker"`
		HighWhisker float64 `json:"high_whisker"`
		Outliers    int     `json:"outliers"`
	} `json:"boxes"`
}

// sortedCopy returns a sorted copy of v.
func sortedCopy(v []float64) []float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s
}

func loadRef(t *testing.T) refFile {
	t.Helper()
	b, err := os.ReadFile("testdata/ref_plots.json")
	if err != nil {
		t.Fatal(err)
	}
	var r refFile
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func near(a, b, tol float64) bool {
	return math.Abs(a-b) <= tol*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// TestHistogram_BinsMatchNumpy checks the automatic bins and counts against
// numpy.histogram(bins="auto").
func TestHistogram_BinsMatchNumpy(t *testing.T) {
	for i, c := range loadRef(t).Histograms {
		v := c.sample(t)
		edges := autoEdges(sortedCopy(v), 0)
		if len(edges) != len(c.Edges) {
			t.Errorf("%d %s: %d edges, numpy %d", i, c.Name, len(edges), len(c.Edges))
			continue
		}
		for k := range edges {
			if !near(edges[k], c.Edges[k], 1e-12) {
				t.Errorf("%d %s: edge %d = %v, numpy %v", i, c.Name, k, edges[k], c.Edges[k])
			}
		}
		counts := countBins(v, c.Edges)
		for k := range counts {
			if counts[k] != c.Counts[k] {
				t.Errorf("%d %s: bin %d count %v, numpy %v", i, c.Name, k, counts[k], c.Counts[k])
			}
		}
	}
}

// TestKDE_MatchesScipy checks the bandwidth rules and the density, exact
// for small samples and binned for large ones, against
// scipy.stats.gaussian_kde.
func TestKDE_MatchesScipy(t *testing.T) {
	for i, c := range loadRef(t).KDEs {
		v := c.sample(t)
		bw := Scott
		if c.Method == "silverman" {
			bw = Silverman
		}
		_, std := meanStd(v)
		h := bw.width(float64(len(v)), std)
		if !near(h, c.Bandwidth, 1e-9) {
			t.Errorf("%d %s %s: bandwidth %v, scipy %v", i, c.Name, c.Method, h, c.Bandwidth)
		}
		peak := 0.0
		for _, d := range c.Density {
			peak = math.Max(peak, d)
		}
		exact := kdeExact(v, nil, h, c.X)
		lo, hi := span(v)
		gx, gy := kdeBinned(v, nil, h, lo-3*h, hi+3*h)
		for k, x := range c.X {
			if math.Abs(exact[k]-c.Density[k]) > 1e-9*peak {
				t.Errorf("%d %s %s: exact density at %v = %v, scipy %v", i, c.Name, c.Method, x, exact[k], c.Density[k])
			}
			if b := interp(gx, gy, x); math.Abs(b-c.Density[k]) > 2e-3*peak {
				t.Errorf("%d %s %s: binned density at %v = %v, scipy %v", i, c.Name, c.Method, x, b, c.Density[k])
			}
		}
	}
}

// interp evaluates the piecewise-linear curve xs, ys at x (0 outside).
func interp(xs, ys []float64, x float64) float64 {
	if x < xs[0] || x > xs[len(xs)-1] {
		return 0
	}
	for k := 1; k < len(xs); k++ {
		if x <= xs[k] {
			t := (x - xs[k-1]) / (xs[k] - xs[k-1])
			return ys[k-1]*(1-t) + ys[k]*t
		}
	}
	return ys[len(ys)-1]
}

// TestBoxStats_MatchMatplotlib checks quartiles, whiskers and the outlier count
// against matplotlib.cbook.boxplot_stats (whis=1.5).
func TestBoxStats_MatchMatplotlib(t *testing.T) {
	for i, c := range loadRef(t).Boxes {
		b := newBoxStats(sortedCopy(c.sample(t)), 10)
		got := []float64{b.q1, b.median, b.q3, b.lowWhisk, b.highWhisk}
		want := []float64{c.Q1, c.Median, c.Q3, c.LowWhisker, c.HighWhisker}
		for k := range got {
			if !near(got[k], want[k], 1e-12) {
				t.Errorf("%d %s: statistic %d = %v, numpy %v", i, c.Name, k, got[k], want[k])
			}
		}
		if b.nOutliers != c.Outliers {
			t.Errorf("%d %s: %d outliers, numpy %d", i, c.Name, b.nOutliers, c.Outliers)
		}
		if len(b.outliers) > 10 {
			t.Errorf("%d %s: %d outliers drawn, cap 10", i, c.Name, len(b.outliers))
		}
	}
}
