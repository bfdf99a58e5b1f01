package plots_test

import (
	"errors"
	"fmt"
	"math"

	"modelbench/plots"
)

// A histogram of a column with missing values: they are left out and the
// figure says so under the chart.
func ExampleHistogram() {
	ages := []float64{22, 38, 26, 35, math.NaN(), 54, 2, 27, 14, math.NaN(), 58, 20}
	f, err := plots.Histogram(ages, plots.HistOptions{Title: "Age", XLabel: "age", KDE: true, Bandwidth: plots.Silverman})
	if err != nil {
		panic(err)
	}
	img, err := plots.Image(f, 640, 400)
	if err != nil {
		panic(err)
	}
	fmt.Println(img.Bounds().Dx(), img.Bounds().Dy())
	fmt.Println(f.Notes)
	// Output:
	// 640 400
	// [2 missing values not shown]
}

// A column with no finite value gives ErrNothingToDraw rather than an empty
// or broken chart.
func ExampleHistogram_nothingToDraw() {
	_, err := plots.Histogram([]float64{math.NaN(), math.Inf(1)}, plots.HistOptions{XLabel: "income"})
	fmt.Println(errors.Is(err, plots.ErrNothingToDraw))
	fmt.Println(err)
	// Output:
	// true
	// histogram of "income": nothing to draw (1 missing value and 1 infinite value not shown)
}

// A scatter coloured by class, from codes as a categorical column holds
// them (-1 is missing), in the dark style, saved as SVG bytes.
func ExampleScatter() {
	x := []float64{1, 2, 3, 4, 5, 6}
	y := []float64{2, 1, 4, 3, 6, math.NaN()}
	class := []int32{0, 0, 1, 1, -1, 1}
	f, err := plots.Scatter(x, y, plots.ScatterOptions{
		XLabel: "x", YLabel: "y", Class: class, ClassNames: []string{"no", "yes"}, Style: plots.Dark(),
	})
	if err != nil {
		panic(err)
	}
	svg, err := plots.SVG(f, 480, 320)
	if err != nil {
		panic(err)
	}
	fmt.Println(string(svg[:5]), f.Notes)
	// Output:
	// <?xml [1 point with a missing or infinite coordinate not shown]
}

// ROC curves of two models with their AUC in the legend; the points come
// from the evaluation step (false and true positive rates).
func ExampleROC() {
	f, err := plots.ROC([]plots.Curve{
		{Name: "forest", X: []float64{0, 0.1, 0.3, 1}, Y: []float64{0, 0.7, 0.95, 1}},
		{Name: "logistic", X: []float64{0, 0.2, 0.5, 1}, Y: []float64{0, 0.6, 0.85, 1}},
	}, plots.CurveOptions{})
	if err != nil {
		panic(err)
	}
	b, err := plots.PNG(f, 500, 400)
	fmt.Println(err == nil && len(b) > 0)
	// Output:
	// true
}
