package plots

import (
	"errors"
	"fmt"
	"testing"
)

// evalBuilders are the Evaluate figures fed from one dirty column; they
// join TestFigures_DirtyInput through init.
var evalBuilders = map[string]func(v []float64) (*Figure, error){
	"ROC": func(v []float64) (*Figure, error) { return ROC([]Curve{{Name: "m", X: v, Y: v}}, CurveOptions{}) },
	"PrecisionRecall": func(v []float64) (*Figure, error) {
		return PrecisionRecall([]Curve{{Name: "m", X: v, Y: v}}, CurveOptions{PositiveRate: 0.3})
	},
	"Gain": func(v []float64) (*Figure, error) {
		return Gain([]Curve{{Name: "m", X: v, Y: v}}, CurveOptions{PositiveRate: 0.3})
	},
	"Lift": func(v []float64) (*Figure, error) { return Lift([]Curve{{Name: "m", X: v, Y: v}}, CurveOptions{}) },
	"PartialDependence": func(v []float64) (*Figure, error) {
		return PartialDependence([]Curve{{Name: "f", X: v, Y: v}}, CurveOptions{})
	},
	"Calibration": func(v []float64) (*Figure, error) {
		return Calibration([]CalibrationSeries{{Name: "m", Lo: v, Hi: v, MeanPredicted: v, FractionPositive: v, Count: v}}, CurveOptions{})
	},
	"ConfusionMatrix": func(v []float64) (*Figure, error) {
		if len(v) == 0 {
			return ConfusionMatrix(nil, nil, ConfusionOptions{})
		}
		return ConfusionMatrix([]string{"a"}, [][]float64{{v[0]}}, ConfusionOptions{Normalize: true})
	},
	"PermutationImportance": func(v []float64) (*Figure, error) {
		return PermutationImportance([]string{"a", "b"}, [][]float64{v, v}, ImportanceOptions{})
	},
	"LearningCurve": func(v []float64) (*Figure, error) {
		return LearningCurve([]ScoreSeries{{Name: "m", X: v, Mean: v, Std: v}}, LearningOptions{LogX: true})
	},
	"Leaderboard": func(v []float64) (*Figure, error) {
		scores := make([]Score, len(v))
		for i, x := range v {
			scores[i] = Score{Name: fmt.Sprint(i), Mean: x, Std: x, Baseline: i == 0}
		}
		return Leaderboard(scores, LeaderboardOptions{})
	},
	"PredictedVsActual":    func(v []float64) (*Figure, error) { return PredictedVsActual(v, v, RegressionOptions{}) },
	"ResidualsVsPredicted": func(v []float64) (*Figure, error) { return ResidualsVsPredicted(v, v, RegressionOptions{}) },
	"ResidualHistogram":    func(v []float64) (*Figure, error) { return ResidualHistogram(v, v, RegressionOptions{}) },
	"QQPlot":               func(v []float64) (*Figure, error) { return QQPlot(v, RegressionOptions{}) },
}

func init() {
	for k, b := range evalBuilders {
		figureBuilders[k] = b
	}
}

// TestTree_EmptyAndDeep checks the tree's contract: an empty root is
// refused, a deep tree is cut at MaxDepth with a note.
func TestTree_EmptyAndDeep(t *testing.T) {
	if _, err := Tree(TreeNode{}, TreeOptions{}); !errors.Is(err, ErrNothingToDraw) {
		t.Errorf("empty tree: %v, want ErrNothingToDraw", err)
	}
	deep := TreeNode{Value: "leaf"}
	for i := range 30 {
		deep = TreeNode{Label: fmt.Sprint("x <= ", i), Children: []TreeNode{deep, {Value: "leaf"}}}
	}
	f, err := Tree(deep, TreeOptions{MaxDepth: 3})
	if err != nil {
		t.Fatal(err)
	}
	if want := "1 subtree below depth 3 drawn as …"; len(f.Notes) == 0 || f.Notes[0] != want {
		t.Errorf("notes %q, want %q first", f.Notes, want)
	}
	if _, err := PNG(f, 300, 200); err != nil {
		t.Error(err)
	}
}
