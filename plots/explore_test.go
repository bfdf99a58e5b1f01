package plots

import (
	"math"
	"testing"
)

func TestBoxPlot_Golden(t *testing.T) {
	v, _ := column(t, "penguins.csv", "body_mass_g")
	_, sp := column(t, "penguins.csv", "species")
	c, levels := codes(sp)
	groups, err := GroupBy(v, c, levels)
	if err != nil {
		t.Fatal(err)
	}
	f, err := BoxPlot(groups, BoxOptions{Title: "Body mass by species", Label: "body_mass_g", GroupLabel: "species"})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "boxplot", f, goldenW, goldenH)
}

func TestLevelBars_Golden(t *testing.T) {
	_, s := column(t, "weka_soybean.csv", "class")
	c, levels := codes(s)
	counts, missing := CountLevels(c, len(levels))
	f, err := LevelBars(levels, counts, BarOptions{Title: "Soybean classes", Label: "class", TopN: 12, Missing: missing})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "levelbars", f, goldenW, goldenH)
	_, s = column(t, "penguins.csv", "island")
	c, levels = codes(s)
	counts, missing = CountLevels(c, len(levels))
	f, err = LevelBars(levels, counts, BarOptions{Title: "Islands", Label: "island", Missing: missing, Style: Dark()})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "levelbars_dark", f, goldenW, goldenH)
}

func TestScatter_Golden(t *testing.T) {
	x, _ := column(t, "penguins.csv", "bill_length_mm")
	y, _ := column(t, "penguins.csv", "bill_depth_mm")
	_, sp := column(t, "penguins.csv", "species")
	c, levels := codes(sp)
	f, err := Scatter(x, y, ScatterOptions{Title: "Bills", XLabel: "bill_length_mm", YLabel: "bill_depth_mm", Class: c, ClassNames: levels})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "scatter_class", f, goldenW, goldenH)
	m, _ := column(t, "penguins.csv", "body_mass_g")
	f, err = Scatter(x, y, ScatterOptions{Title: "Bills", XLabel: "bill_length_mm", YLabel: "bill_depth_mm", Value: m, ValueLabel: "body_mass_g", Trend: true, Style: Dark()})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "scatter_value_dark", f, goldenW, goldenH)
}

func TestCorrelationHeatmap_Golden(t *testing.T) {
	names := []string{"bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g"}
	cols := make([][]float64, len(names))
	for j, n := range names {
		cols[j], _ = column(t, "penguins.csv", n)
	}
	corr := pearsonMatrix(cols)
	corr[1][3], corr[3][1] = math.NaN(), math.NaN() // shows the missing cell
	f, err := CorrelationHeatmap(names, corr, HeatmapOptions{Title: "Correlations"})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "heatmap", f, goldenW, goldenH)
	f, err = CorrelationHeatmap(names, corr, HeatmapOptions{Title: "Correlations", Style: Dark()})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "heatmap_dark", f, goldenW, goldenH)
}

// pearsonMatrix is a pairwise-complete Pearson correlation for fixtures.
func pearsonMatrix(cols [][]float64) [][]float64 {
	out := make([][]float64, len(cols))
	for i := range cols {
		out[i] = make([]float64, len(cols))
		for j := range cols {
			var x, y []float64
			for r := range cols[i] {
				if !math.IsNaN(cols[i][r]) && !math.IsNaN(cols[j][r]) {
					x, y = append(x, cols[i][r]), append(y, cols[j][r])
				}
			}
			mx, sx := meanStd(x)
			my, sy := meanStd(y)
			var sxy float64
			for r := range x {
				sxy += (x[r] - mx) * (y[r] - my)
			}
			out[i][j] = sxy / float64(len(x)-1) / (sx * sy)
		}
	}
	return out
}

func TestMissing_Golden(t *testing.T) {
	names := []string{"sex", "bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "island", "species"}
	cols := make([][]string, len(names))
	miss := make([]int, len(names))
	for j, n := range names {
		_, cols[j] = column(t, "penguins.csv", n)
		for _, v := range cols[j] {
			if v == "" {
				miss[j]++
			}
		}
	}
	f, err := MissingBars(names, miss, len(cols[0]), MissingOptions{Title: "Missing values"})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "missing_bars", f, goldenW, goldenH)
	f, err = MissingMatrix(names, len(cols[0]), func(c, r int) bool { return cols[c][r] == "" }, MissingOptions{Title: "Where values are missing"})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "missing_matrix", f, goldenW, goldenH)
}

func TestPairPlot_Golden(t *testing.T) {
	names := []string{"sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"}
	cols := make([][]float64, len(names))
	for j, n := range names {
		cols[j], _ = column(t, "sk_iris.csv", n)
	}
	_, sp := column(t, "sk_iris.csv", "target_name")
	c, levels := codes(sp)
	f, err := PairPlot(names, cols, PairOptions{Title: "Iris", Class: c, ClassNames: levels})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "pairplot", f, 800, 800)
}

func TestTargetViews_Golden(t *testing.T) {
	v, _ := column(t, "penguins.csv", "flipper_length_mm")
	_, sp := column(t, "penguins.csv", "species")
	c, levels := codes(sp)
	f, err := BoxByClass(v, c, levels, BoxOptions{Title: "flipper_length_mm by species", Label: "flipper_length_mm", GroupLabel: "species"})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "target_box", f, goldenW, goldenH)
	groups, _ := GroupBy(v, c, levels)
	f, err = ClassHistograms(groups, HistOptions{Title: "flipper_length_mm by species", XLabel: "flipper_length_mm"})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "target_hist", f, goldenW, goldenH)
	_, is := column(t, "penguins.csv", "island")
	ic, ilevels := codes(is)
	f, err = ClassShares(ic, ilevels, c, levels, ShareOptions{Title: "species by island", Label: "island", ClassLabel: "species"})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "target_shares", f, goldenW, goldenH)
	x, _ := column(t, "sk_diabetes.csv", "bmi")
	y, _ := column(t, "sk_diabetes.csv", "target")
	f, err = Scatter(x, y, ScatterOptions{Title: "target against bmi", XLabel: "bmi", YLabel: "target", Trend: true})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "target_scatter", f, goldenW, goldenH)
}

func TestHistogramBins_Golden(t *testing.T) {
	// bins of diamonds' price as an eda summary would hand them over
	edges := []float64{0, 2000, 4000, 6000, 8000, 10000, 12000, 14000, 16000, 18000, 20000}
	counts := []float64{24780, 9470, 7870, 3820, 2660, 1770, 1200, 1010, 920, 440}
	f, err := HistogramBins(edges, counts, HistOptions{Title: "price", XLabel: "price (USD)", KDE: true, Markers: []Marker{{Name: "median 2401", X: 2401}}})
	if err != nil {
		t.Fatal(err)
	}
	checkGolden(t, "histogram_bins", f, goldenW, goldenH)
}

func TestMissingMatrix_LargeGolden(t *testing.T) {
	const rows = 200_000
	names := []string{"always", "every 10th", "first half", "never"}
	f, err := MissingMatrix(names, rows, func(c, r int) bool {
		switch c {
		case 0:
			return true
		case 1:
			return r%10 == 0
		case 2:
			return r < rows/2
		}
		return false
	}, MissingOptions{Title: "200,000 rows", Style: Dark()})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Notes) != 2 {
		t.Errorf("notes %q, want the sampling note", f.Notes)
	}
	checkGolden(t, "missing_matrix_large", f, goldenW, goldenH)
}
