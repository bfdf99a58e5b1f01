package plots

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"
)

var nan, inf = math.NaN(), math.Inf(1)

// dirtyInputs are the inputs every figure must survive: it returns a
// figure that renders, or a clear error, and never panics.
var dirtyInputs = []struct {
	name string
	v    []float64
	// drawable says whether a figure is expected (some finite value).
	drawable bool
}{
	{"nil", nil, false},
	{"empty", []float64{}, false},
	{"all NaN", []float64{nan, nan, nan}, false},
	{"all Inf", []float64{inf, -inf}, false},
	{"NaN and Inf", []float64{nan, inf, -inf}, false},
	{"single value", []float64{3}, true},
	{"constant", []float64{2, 2, 2, 2}, true},
	{"constant with NaN", []float64{2, nan, 2, inf}, true},
	{"mixed", []float64{1, nan, 2, 5, -inf, 3, 1e300, -1e300}, true},
	{"huge and tiny", []float64{1e-300, 2e-300, 1e300}, true},
	{"zeros", []float64{0, 0, 0}, true},
}

// figureBuilders builds each figure from one numeric column (and, where a
// figure needs more, from copies and codes derived from it).
var figureBuilders = map[string]func(v []float64) (*Figure, error){
	"Histogram": func(v []float64) (*Figure, error) {
		return Histogram(v, HistOptions{KDE: true, MeanMedian: true})
	},
	"BoxPlot": func(v []float64) (*Figure, error) {
		return BoxPlot([]Group{{Name: "a", Values: v}, {Name: "b", Values: v}}, BoxOptions{})
	},
	"Scatter": func(v []float64) (*Figure, error) {
		return Scatter(v, v, ScatterOptions{Trend: true, Diagonal: true, Class: codesFor(v), ClassNames: []string{"x", "y"}})
	},
	"ScatterValue": func(v []float64) (*Figure, error) { return Scatter(v, v, ScatterOptions{Value: v}) },
	"ClassHistograms": func(v []float64) (*Figure, error) {
		return ClassHistograms([]Group{{Name: "a", Values: v}, {Name: "b"}}, HistOptions{})
	},
	"BoxByClass": func(v []float64) (*Figure, error) { return BoxByClass(v, codesFor(v), nil, BoxOptions{}) },
	"PairPlot": func(v []float64) (*Figure, error) {
		return PairPlot([]string{"a", "b"}, [][]float64{v, v}, PairOptions{Class: codesFor(v)})
	},
	"CorrelationHeatmap": func(v []float64) (*Figure, error) {
		if len(v) == 0 {
			return CorrelationHeatmap(nil, nil, HeatmapOptions{})
		}
		return CorrelationHeatmap([]string{"a"}, [][]float64{{clamp1(v[0])}}, HeatmapOptions{})
	},
	"LevelBars": func(v []float64) (*Figure, error) {
		return LevelBars(namesFor(v), v, BarOptions{})
	},
	"MissingBars": func(v []float64) (*Figure, error) {
		m := make([]int, len(v))
		return MissingBars(namesFor(v), m, len(v), MissingOptions{})
	},
	"MissingMatrix": func(v []float64) (*Figure, error) {
		return MissingMatrix(namesFor(v), len(v), func(c, r int) bool { return math.IsNaN(v[r]) }, MissingOptions{})
	},
	"HistogramBins": func(v []float64) (*Figure, error) {
		edges := make([]float64, len(v)+1)
		for i := range edges {
			edges[i] = float64(i)
		}
		return HistogramBins(edges, v, HistOptions{KDE: true})
	},
	"ClassShares": func(v []float64) (*Figure, error) {
		c := codesFor(v)
		return ClassShares(c, []string{"x", "y"}, c, nil, ShareOptions{})
	},
}

// codesFor derives category codes from values: -1 for non-finite, else 0
// or 1 by sign.
func codesFor(v []float64) []int32 {
	c := make([]int32, len(v))
	for i, x := range v {
		switch {
		case !isFinite(x):
			c[i] = -1
		case x > 2:
			c[i] = 1
		}
	}
	return c
}

func namesFor(v []float64) []string {
	n := make([]string, len(v))
	for i := range n {
		n[i] = fmt.Sprint("level ", i)
	}
	return n
}

func clamp1(x float64) float64 {
	if math.IsNaN(x) {
		return x
	}
	return math.Max(-1, math.Min(1, x))
}

// TestFigures_DirtyInput runs every figure on every dirty input.
func TestFigures_DirtyInput(t *testing.T) {
	for fig, build := range figureBuilders {
		for _, in := range dirtyInputs {
			t.Run(fig+"/"+in.name, func(t *testing.T) {
				f, err := build(in.v)
				if err != nil {
					if f != nil {
						t.Errorf("a figure and an error %v", err)
					}
					if strings.TrimSpace(err.Error()) == "" {
						t.Error("an empty error message")
					}
					if in.drawable && errors.Is(err, ErrNothingToDraw) && !countsInput(fig) {
						t.Errorf("drawable input refused: %v", err)
					}
					return
				}
				if !in.drawable && !acceptsEmpty(fig) {
					t.Errorf("a figure for undrawable input")
				}
				if _, err := PNG(f, 320, 240); err != nil {
					t.Errorf("render: %v", err)
				}
			})
		}
	}
}

// countsInput names figures whose input is counts or bins, where the
// "drawable" samples (one value, zeros) can legitimately hold nothing to
// draw.
func countsInput(fig string) bool {
	switch fig {
	case "LevelBars", "HistogramBins", "MissingBars", "QQPlot", "Calibration", "ConfusionMatrix", "DriftNumeric", "DriftLevels":
		return true
	}
	return false
}

// acceptsEmpty names figures that draw something meaningful from inputs
// with no finite value (a missing-value matrix of an all-NaN column).
func acceptsEmpty(fig string) bool {
	return fig == "MissingMatrix" || fig == "MissingBars" || fig == "CorrelationHeatmap" || fig == "ClassShares" || fig == "ConfusionMatrix"
}

// TestFigures_NotesSayWhatWasDropped checks the note under a histogram.
func TestFigures_NotesSayWhatWasDropped(t *testing.T) {
	f, err := Histogram([]float64{1, 2, nan, 3, inf, nan}, HistOptions{})
	if err != nil {
		t.Fatal(err)
	}
	want := "2 missing values and 1 infinite value not shown"
	if len(f.Notes) != 1 || f.Notes[0] != want {
		t.Errorf("notes %q, want [%q]", f.Notes, want)
	}
	_, err = Histogram([]float64{nan}, HistOptions{XLabel: "age"})
	if !errors.Is(err, ErrNothingToDraw) || !strings.Contains(err.Error(), `"age"`) {
		t.Errorf("error %v, want ErrNothingToDraw naming the column", err)
	}
}

// TestFigures_LengthMismatch checks that unequal inputs are errors.
func TestFigures_LengthMismatch(t *testing.T) {
	if _, err := Scatter([]float64{1, 2}, []float64{1}, ScatterOptions{}); err == nil {
		t.Error("Scatter accepted x and y of different lengths")
	}
	if _, err := GroupBy([]float64{1, 2}, []int32{0}, nil); err == nil {
		t.Error("GroupBy accepted values and codes of different lengths")
	}
	if _, err := CorrelationHeatmap([]string{"a", "b"}, [][]float64{{1, 0}}, HeatmapOptions{}); err == nil {
		t.Error("CorrelationHeatmap accepted a matrix that is not square")
	}
	if _, err := CorrelationHeatmap([]string{"a"}, [][]float64{{2}}, HeatmapOptions{}); err == nil {
		t.Error("CorrelationHeatmap accepted a correlation of 2")
	}
	if _, err := HistogramBins([]float64{0, 1}, []float64{1, 2}, HistOptions{}); err == nil {
		t.Error("HistogramBins accepted 2 edges for 2 bins")
	}
	if _, err := PairPlot(make([]string, 7), make([][]float64, 7), PairOptions{}); err == nil {
		t.Error("PairPlot accepted 7 columns")
	}
}
