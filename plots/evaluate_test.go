package plots

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"gonum.org/v1/plot/plotter"
)

// Reference curves and Q–Q numbers: scikit-learn 1.2.1 and scipy 1.10 via
// testdata/ref_plots.py (see reference_test.go for the command).
type refCurves struct {
	Curves []struct {
		Name         string    `json:"name"`
		FPR          []float64 `json:"fpr"`
		TPR          []float64 `json:"tpr"`
		AUC          float64   `json:"auc"`
		Precision    []float64 `json:"precision"`
		Recall       []float64 `json:"recall"`
		AP           float64   `json:"ap"`
		PositiveRate float64   `json:"positive_rate"`
	} `json:"curves"`
	QQ struct {
		refSource
		OSM       []float64 `json:"osm"`
		Slope     float64   `json:"slope"`
		Intercept float64   `json:"intercept"`
		R         float64   `json:"r"`
	} `json:"qq"`
}

func loadCurves(t *testing.T) refCurves {
	t.Helper()
	b, err := os.ReadFile("testdata/ref_plots.json")
	if err != nil {
		t.Fatal(err)
	}
	var r refCurves
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatal(err)
	}
	return r
}

func xys(x, y []float64) plotter.XYs {
	pts := make(plotter.XYs, len(x))
	for i := range x {
		pts[i] = plotter.XY{X: x[i], Y: y[i]}
	}
	return pts
}

// TestCurveScores_MatchSklearn checks the AUC and AP written in the legends
// against roc_auc_score and average_precision_score.
func TestCurveScores_MatchSklearn(t *testing.T) {
	for i, c := range loadCurves(t).Curves {
		if got := trapezoid(xys(c.FPR, c.TPR)); !near(got, c.AUC, 1e-12) {
			t.Errorf("%d %s: AUC %v, scikit-learn %v", i, c.Name, got, c.AUC)
		}
		if got := averagePrecision(xys(c.Recall, c.Precision)); !near(got, c.AP, 1e-12) {
			t.Errorf("%d %s: AP %v, scikit-learn %v", i, c.Name, got, c.AP)
		}
	}
}

// TestQQ_MatchesScipy checks the theoretical quantiles and the fitted line
// against scipy.stats.probplot.
func TestQQ_MatchesScipy(t *testing.T) {
	q := loadCurves(t).QQ
	v := q.sample(t)
	slices.Sort(v)
	osm, slope, icept, r := normalQuantiles(v)
	for i := range osm {
		if !near(osm[i], q.OSM[i], 1e-9) {
			t.Fatalf("quantile %d: %v, scipy %v", i, osm[i], q.OSM[i])
		}
	}
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"slope", slope, q.Slope}, {"intercept", icept, q.Intercept}, {"r", r, q.R}} {
		if !near(c.got, c.want, 1e-9) {
			t.Errorf("%s %v, scipy %v", c.name, c.got, c.want)
		}
	}
}

func TestEvaluate_Golden(t *testing.T) {
	ref := loadCurves(t)
	var roc, pr []Curve
	for _, c := range ref.Curves {
		roc = append(roc, Curve{Name: c.Name, X: c.FPR, Y: c.TPR})
		pr = append(pr, Curve{Name: c.Name, X: c.Recall, Y: c.Precision})
	}
	rate := ref.Curves[0].PositiveRate
	build := map[string]func() (*Figure, error){
		"roc": func() (*Figure, error) { return ROC(roc, CurveOptions{}) },
		"pr":  func() (*Figure, error) { return PrecisionRecall(pr, CurveOptions{PositiveRate: rate}) },
		"roc_dark": func() (*Figure, error) {
			return ROC(roc, CurveOptions{Style: Dark()})
		},
		"gain": func() (*Figure, error) {
			return Gain([]Curve{{Name: "model", X: []float64{0, 0.1, 0.2, 0.4, 0.7, 1}, Y: []float64{0, 0.35, 0.6, 0.85, 0.97, 1}}}, CurveOptions{PositiveRate: 0.3})
		},
		"lift": func() (*Figure, error) {
			return Lift([]Curve{{Name: "model", X: []float64{0.1, 0.2, 0.4, 0.7, 1}, Y: []float64{3.5, 3, 2.125, 1.386, 1}}}, CurveOptions{})
		},
		"confusion": func() (*Figure, error) {
			return ConfusionMatrix([]string{"Adelie", "Chinstrap", "Gentoo"}, [][]float64{{140, 10, 2}, {5, 62, 1}, {0, 1, 123}}, ConfusionOptions{Normalize: true})
		},
		"calibration": func() (*Figure, error) {
			return Calibration([]CalibrationSeries{
				{Name: "forest", Lo: []float64{0, .2, .4, .6, .8}, Hi: []float64{.2, .4, .6, .8, 1}, MeanPredicted: []float64{.08, .31, .5, .7, .9}, FractionPositive: []float64{.05, .22, .48, .78, .95}, Count: []float64{400, 120, 80, 110, 290}},
				{Name: "naive Bayes", Lo: []float64{0, .2, .4, .6, .8}, Hi: []float64{.2, .4, .6, .8, 1}, MeanPredicted: []float64{.03, .3, .5, .72, .97}, FractionPositive: []float64{.12, .4, .52, .6, .85}, Count: []float64{520, 40, 30, 50, 360}},
			}, CurveOptions{})
		},
		"importance": func() (*Figure, error) {
			return PermutationImportance([]string{"petal width", "petal length", "sepal length", "sepal width"},
				[][]float64{{.30, .33, .28, .31}, {.20, .24, .22, .18}, {.01, .02, 0, .015}, {0, -.01, .005, .002}}, ImportanceOptions{Metric: "accuracy"})
		},
		"pdp": func() (*Figure, error) {
			return PartialDependence([]Curve{
				{Name: "bmi", X: []float64{-.09, -.05, 0, .05, .1, .17}, Y: []float64{110, 125, 150, 175, 200, 240}},
				{Name: "s5", X: []float64{-.1, -.05, 0, .05, .1}, Y: []float64{100, 130, 150, 180, 210}},
				{Name: "bp", X: []float64{-.1, 0, .1}, Y: []float64{140, 150, 165}},
				{Name: "age", X: []float64{-.1, 0, .1}, Y: []float64{150, 151, 152}},
			}, CurveOptions{})
		},
		"learning": func() (*Figure, error) {
			x := []float64{50, 100, 200, 400, 800}
			return LearningCurve([]ScoreSeries{
				{Name: "training", X: x, Mean: []float64{1, .99, .98, .97, .965}, Std: []float64{0, .005, .01, .008, .006}},
				{Name: "validation", X: x, Mean: []float64{.8, .86, .9, .93, .945}, Std: []float64{.05, .04, .03, .02, .015}},
			}, LearningOptions{XLabel: "training rows", Metric: "accuracy", LogX: true})
		},
		"leaderboard": func() (*Figure, error) {
			return Leaderboard([]Score{{Name: "logistic", Mean: .951, Std: .012}, {Name: "majority class", Mean: .627, Baseline: true},
				{Name: "random forest", Mean: .962, Std: .015}, {Name: "k-NN", Mean: .93, Std: .02}}, LeaderboardOptions{Metric: "accuracy"})
		},
		"tree":      func() (*Figure, error) { return Tree(irisTree(), TreeOptions{MaxDepth: 2}) },
		"tree_full": func() (*Figure, error) { return Tree(irisTree(), TreeOptions{Style: Dark()}) },
	}
	for name, b := range build {
		f, err := b()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkGolden(t, name, f, goldenW, goldenH)
	}
}

// irisTree is a small classification tree in the shape scikit-learn fits
// on iris.
func irisTree() TreeNode {
	leaf := func(v string, n int) TreeNode { return TreeNode{Value: v, Samples: n} }
	return TreeNode{Label: "petal length <= 2.45", Value: "setosa", Samples: 150, Children: []TreeNode{
		leaf("setosa", 50),
		{Label: "petal width <= 1.75", Value: "versicolor", Samples: 100, Children: []TreeNode{
			{Label: "petal length <= 4.95", Value: "versicolor", Samples: 54, Children: []TreeNode{leaf("versicolor", 48), leaf("virginica", 6)}},
			{Label: "petal length <= 4.85", Value: "virginica", Samples: 46, Children: []TreeNode{leaf("virginica", 3), leaf("virginica", 43)}},
		}},
	}}
}

func TestRegression_Golden(t *testing.T) {
	y, _ := column(t, "sk_diabetes.csv", "target")
	x, _ := column(t, "sk_diabetes.csv", "bmi")
	pred := make([]float64, len(y))
	for i := range y {
		pred[i] = 152 + 950*x[i] // a least-squares line on bmi, rounded
	}
	opt := RegressionOptions{Target: "disease progression"}
	for name, b := range map[string]func() (*Figure, error){
		"reg_pred_actual": func() (*Figure, error) { return PredictedVsActual(y, pred, opt) },
		"reg_residuals":   func() (*Figure, error) { return ResidualsVsPredicted(y, pred, opt) },
		"reg_residual_hist": func() (*Figure, error) {
			return ResidualHistogram(y, pred, opt)
		},
		"reg_qq": func() (*Figure, error) {
			r, _ := residuals(y, pred)
			return QQPlot(r, RegressionOptions{Target: "residual"})
		},
	} {
		f, err := b()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		checkGolden(t, name, f, goldenW, goldenH)
	}
}
