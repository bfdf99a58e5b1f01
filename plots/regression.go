package plots

import (
	"fmt"
	"math"
	"slices"

	"gonum.org/v1/gonum/stat/distuv"
	"gonum.org/v1/plot/plotter"
)

// RegressionOptions configures the regression diagnostics. The zero value
// is usable.
type RegressionOptions struct {
	Title string
	// Target names the predicted quantity in axis labels ("price").
	Target string
	Style  Style
}

func (o RegressionOptions) target() string { return orDefault(o.Target, "target") }

// PredictedVsActual draws each row's prediction against its true value
// with the line y = x. Rows with a non-finite value are left out and noted.
func PredictedVsActual(actual, predicted []float64, opt RegressionOptions) (*Figure, error) {
	return Scatter(actual, predicted, ScatterOptions{
		Title:  orDefault(opt.Title, "Predicted against actual"),
		XLabel: "actual " + opt.target(), YLabel: "predicted " + opt.target(),
		Diagonal: true, Style: opt.Style,
	})
}

// residuals returns actual − predicted, or an error for unequal lengths.
func residuals(actual, predicted []float64) ([]float64, error) {
	if err := lengthsMatch("residuals", len(actual), len(predicted)); err != nil {
		return nil, err
	}
	r := make([]float64, len(actual))
	for i := range r {
		r[i] = actual[i] - predicted[i]
	}
	return r, nil
}

// ResidualsVsPredicted draws each row's residual (actual − predicted)
// against its prediction, with the zero line.
func ResidualsVsPredicted(actual, predicted []float64, opt RegressionOptions) (*Figure, error) {
	r, err := residuals(actual, predicted)
	if err != nil {
		return nil, err
	}
	f, err := Scatter(predicted, r, ScatterOptions{
		Title:  orDefault(opt.Title, "Residuals against predicted"),
		XLabel: "predicted " + opt.target(), YLabel: "residual (actual − predicted)", Style: opt.Style,
	})
	if err != nil {
		return nil, err
	}
	s := opt.Style.norm()
	lo, hi := f.Plot.X.Min, f.Plot.X.Max
	refLine(f.Plot, "", s, plotter.XY{X: lo, Y: 0}, plotter.XY{X: hi, Y: 0})
	return f, nil
}

// ResidualHistogram draws the distribution of residuals (actual −
// predicted) with a kernel density curve and the mean and median.
func ResidualHistogram(actual, predicted []float64, opt RegressionOptions) (*Figure, error) {
	r, err := residuals(actual, predicted)
	if err != nil {
		return nil, err
	}
	return Histogram(r, HistOptions{
		Title:  orDefault(opt.Title, "Residuals"),
		XLabel: "residual (actual − predicted)", KDE: true, MeanMedian: true, Style: opt.Style,
	})
}

// maxQQPoints is the most points a Q–Q plot draws; larger samples show
// evenly spaced order statistics, both extremes kept.
const maxQQPoints = 5000

// normalQuantiles returns, for sorted finite v, the theoretical standard
// normal quantiles of its order statistics (Filliben's estimate of their
// medians, as scipy.stats.probplot) and the least-squares line through
// (theoretical, ordered) points: slope, intercept and correlation r.
func normalQuantiles(sorted []float64) (osm []float64, slope, intercept, r float64) {
	n := len(sorted)
	osm = make([]float64, n)
	last := math.Pow(0.5, 1/float64(n))
	for i := range osm {
		var m float64
		switch i {
		case 0:
			m = 1 - last
		case n - 1:
			m = last
		default:
			m = (float64(i+1) - 0.3175) / (float64(n) + 0.365)
		}
		osm[i] = distuv.UnitNormal.Quantile(m)
	}
	mx, sx := meanStd(osm)
	my, sy := meanStd(sorted)
	var sxy float64
	for i := range osm {
		sxy += (osm[i] - mx) * (sorted[i] - my)
	}
	if n < 2 || sx == 0 {
		return osm, 0, my, math.NaN()
	}
	sxy /= float64(n - 1)
	slope = sxy / (sx * sx)
	return osm, slope, my - slope*mx, safeDiv(sxy, sx*sy)
}

// QQPlot draws a normal Q–Q plot of values (residuals, usually): ordered
// values against standard normal quantiles, with the least-squares line.
// NaN and ±Inf are left out and noted; above 5,000 values evenly spaced
// order statistics are drawn. It returns ErrNothingToDraw when fewer than
// two finite values remain.
func QQPlot(values []float64, opt RegressionOptions) (*Figure, error) {
	v, nan, inf := finite(values)
	if len(v) < 2 {
		return nil, fmt.Errorf("Q–Q plot of %q: %w (fewer than two finite values)", opt.target(), ErrNothingToDraw)
	}
	slices.Sort(v)
	osm, slope, icept, r := normalQuantiles(v)
	x, y := thinPairs(osm, v, maxQQPoints)
	f, err := Scatter(x, y, ScatterOptions{
		Title:  orDefault(opt.Title, "Normal Q–Q plot"),
		XLabel: "theoretical normal quantile", YLabel: "ordered " + opt.target(), Style: opt.Style,
	})
	if err != nil {
		return nil, err
	}
	s := opt.Style.norm()
	l := &plotter.Line{XYs: plotter.XYs{{X: osm[0], Y: icept + slope*osm[0]}, {X: osm[len(osm)-1], Y: icept + slope*osm[len(osm)-1]}}, LineStyle: line(s.Foreground, 1.4)}
	f.Plot.Add(l)
	f.Plot.Legend.Add(fmt.Sprintf("least squares (r = %.4f)", r), l)
	f.Plot.Legend.Left, f.Plot.Legend.Top = true, true
	f.Note("%s", dropNote(nan, inf))
	if len(x) < len(v) {
		f.Note("%s of %s order statistics shown", thousands(len(x)), thousands(len(v)))
	}
	return f, nil
}

// thinPairs keeps at most k evenly spaced pairs, both ends included.
func thinPairs(x, y []float64, k int) ([]float64, []float64) {
	n := len(x)
	if n <= k {
		return x, y
	}
	tx, ty := make([]float64, k), make([]float64, k)
	for i := range k {
		j := i * (n - 1) / (k - 1)
		tx[i], ty[i] = x[j], y[j]
	}
	return tx, ty
}
