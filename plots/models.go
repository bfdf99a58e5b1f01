package plots

import (
	"fmt"
	"image/color"
	"math"
	"slices"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// ImportanceOptions configures PermutationImportance.
type ImportanceOptions struct {
	Title string
	// Metric names the score whose drop is measured ("accuracy").
	Metric string
	// TopN keeps the most important features; 0 means 15.
	TopN  int
	Style Style
}

// PermutationImportance draws, per feature, the mean drop in score over
// repeated shuffles (repeats[j] for features[j]) as a horizontal bar with
// ± one standard deviation, the most important on top. Non-finite repeats
// are left out and noted; features with none left are noted. It returns
// an error for unequal lengths and ErrNothingToDraw when no feature has a
// value.
func PermutationImportance(features []string, repeats [][]float64, opt ImportanceOptions) (*Figure, error) {
	if err := lengthsMatch("permutation importance", len(features), len(repeats)); err != nil {
		return nil, err
	}
	type feat struct {
		name      string
		mean, std float64
	}
	var fs []feat
	var notes []string
	dropped := 0
	for j, r := range repeats {
		v, nan, inf := finite(r)
		dropped += nan + inf
		if len(v) == 0 {
			notes = append(notes, fmt.Sprintf("%q has no finite repeat", features[j]))
			continue
		}
		m, sd := meanStd(v)
		fs = append(fs, feat{features[j], m, sd})
	}
	if len(fs) == 0 {
		return nil, fmt.Errorf("permutation importance: %w", ErrNothingToDraw)
	}
	idx := make([]int, len(fs))
	for i := range idx {
		idx[i] = i
	}
	sortByDesc(idx, func(i int) float64 { return fs[i].mean })
	top := opt.TopN
	if top <= 0 {
		top = 15
	}
	idx = idx[:min(top, len(idx))]
	s := opt.Style.norm()
	n := len(idx)
	vals, errs, names := make([]float64, n), make([]float64, n), make([]string, n)
	for k, i := range idx { // most important on top: fill from the end
		vals[n-1-k], errs[n-1-k], names[n-1-k] = fs[i].mean, fs[i].std, fs[i].name
	}
	p := s.newPlot(orDefault(opt.Title, "Permutation importance"), "drop in "+orDefault(opt.Metric, "score")+" when shuffled", "")
	p.Add(&barSeries{vals: vals, err: errs, fill: s.Color(0), edge: line(s.Foreground, 0.8), horizontal: true})
	p.NominalY(names...)
	p.X.Max += 0.05 * (p.X.Max - p.X.Min)
	f := single(p, s)
	f.Notes = notes
	f.Note("bars: mean over repeats; whiskers: ± one standard deviation")
	if dropped > 0 {
		f.Note("%s not shown", plural(dropped, "non-finite repeat"))
	}
	if len(fs) > n {
		f.Note("%d less important features not shown", len(fs)-n)
	}
	return f, nil
}

// PartialDependence draws one small panel per feature (curves[i].X the
// feature's grid, Y the average prediction), up to three panels a row.
// It returns ErrNothingToDraw when no curve has a point.
func PartialDependence(curves []Curve, opt CurveOptions) (*Figure, error) {
	s := opt.Style.norm()
	if len(curves) == 0 {
		return nil, fmt.Errorf("partial dependence: %w (no features)", ErrNothingToDraw)
	}
	cols := min(3, len(curves))
	rows := (len(curves) + cols - 1) / cols
	f := &Figure{Title: orDefault(opt.Title, "Partial dependence"), Style: s, Grid: make([][]*plot.Plot, rows)}
	for r := range f.Grid {
		f.Grid[r] = make([]*plot.Plot, cols)
	}
	drawn := 0
	for i, c := range curves {
		pts, dropped, err := cleanCurve(c)
		if err != nil {
			return nil, fmt.Errorf("partial dependence: %w", err)
		}
		yl := ""
		if i%cols == 0 {
			yl = "average prediction"
		}
		p := s.newPlot("", c.Name, yl)
		if len(pts) > 0 {
			p.Add(&plotter.Line{XYs: pts, LineStyle: line(s.Color(0), 2)})
			drawn++
		}
		if dropped > 0 || len(pts) == 0 {
			f.Note("%s: %s not shown", c.Name, plural(dropped, "non-finite point"))
		}
		f.Grid[i/cols][i%cols] = p
	}
	if drawn == 0 {
		return nil, fmt.Errorf("partial dependence: %w", ErrNothingToDraw)
	}
	return f, nil
}

// ScoreSeries is a score measured at several settings (a parameter's
// values or training sizes): the mean and standard deviation over folds.
// Std may be nil.
type ScoreSeries struct {
	Name         string
	X, Mean, Std []float64
}

// LearningOptions configures LearningCurve.
type LearningOptions struct {
	Title string
	// XLabel names the setting ("training rows", "max_depth"); Metric the
	// score.
	XLabel, Metric string
	// LogX draws the setting on a log scale (all X must be positive).
	LogX  bool
	Style Style
}

// LearningCurve draws learning or validation curves: each series' mean
// score as a line with a translucent ± one standard deviation band. It
// returns an error for series of unequal lengths and ErrNothingToDraw when
// no series has a finite point.
func LearningCurve(series []ScoreSeries, opt LearningOptions) (*Figure, error) {
	s := opt.Style.norm()
	curves := make([]Curve, len(series))
	for i, sr := range series {
		if len(sr.Mean) != len(sr.X) || sr.Std != nil && len(sr.Std) != len(sr.X) {
			return nil, fmt.Errorf("learning curve %q: settings, means and deviations differ in length", sr.Name)
		}
		curves[i] = Curve{Name: sr.Name, X: sr.X, Y: sr.Mean}
	}
	f, p, err := linesFigure(curves, orDefault(opt.Title, "Learning curve"), orDefault(opt.XLabel, "setting"), orDefault(opt.Metric, "score"), s,
		func(i int, _ plotter.XYs) string { return series[i].Name })
	if err != nil {
		return nil, err
	}
	for i, sr := range series {
		if band := stdBand(sr); band != nil {
			band.Color = withAlpha(s.Color(i), 0x40)
			band.LineStyle.Width = 0
			p.Add(band)
		}
	}
	addCurveDots(p, curves, s)
	if opt.LogX && allPositive(series) {
		p.X.Scale = plot.LogScale{}
		var xs []float64
		for _, sr := range series {
			xs = append(xs, sr.X...)
		}
		slices.Sort(xs)
		xs = slices.Compact(xs)
		if len(xs) <= 12 {
			p.X.Tick.Marker = valueTicks(xs)
		} else {
			p.X.Tick.Marker = plot.LogTicks{Prec: -1}
		}
	}
	p.Legend.Top = false
	return f, nil
}

// stdBand returns the polygon mean ± std of a series, or nil.
func stdBand(sr ScoreSeries) *plotter.Polygon {
	if sr.Std == nil {
		return nil
	}
	var upper, lower plotter.XYs
	for i := range sr.X {
		if isFinite(sr.X[i]) && isFinite(sr.Mean[i]) && isFinite(sr.Std[i]) {
			upper = append(upper, plotter.XY{X: sr.X[i], Y: sr.Mean[i] + sr.Std[i]})
			lower = append(lower, plotter.XY{X: sr.X[i], Y: sr.Mean[i] - sr.Std[i]})
		}
	}
	if len(upper) < 2 {
		return nil
	}
	for i := len(lower) - 1; i >= 0; i-- {
		upper = append(upper, lower[i])
	}
	poly, err := plotter.NewPolygon(upper)
	if err != nil {
		return nil
	}
	return poly
}

// Score is one model's cross-validated score on the leaderboard.
type Score struct {
	Name      string
	Mean, Std float64
	// Baseline marks the reference model (a majority-class or mean
	// predictor): drawn in grey with a dashed line across the chart.
	Baseline bool
}

// LeaderboardOptions configures Leaderboard.
type LeaderboardOptions struct {
	Title  string
	Metric string
	// LowerIsBetter ranks ascending (errors such as RMSE).
	LowerIsBetter bool
	// Axis labels the score axis; "" is Metric + " (mean ± std)".
	Axis string
	// Reference names the baseline's dashed line in the legend; "" is
	// "baseline".
	Reference string
	Style     Style
}

// Leaderboard draws each model's mean score ± one standard deviation as a
// horizontal bar, the best on top, with the baseline's score marked. Models
// with a non-finite mean are noted and left out. It returns
// ErrNothingToDraw when no model has a score.
func Leaderboard(scores []Score, opt LeaderboardOptions) (*Figure, error) {
	var keep []Score
	var notes []string
	for _, sc := range scores {
		if !isFinite(sc.Mean) {
			notes = append(notes, fmt.Sprintf("%q has no score", sc.Name))
			continue
		}
		if !isFinite(sc.Std) || sc.Std < 0 {
			sc.Std = 0
		}
		keep = append(keep, sc)
	}
	if len(keep) == 0 {
		return nil, fmt.Errorf("leaderboard: %w", ErrNothingToDraw)
	}
	idx := make([]int, len(keep))
	for i := range idx {
		idx[i] = i
	}
	sign := 1.0
	if opt.LowerIsBetter {
		sign = -1
	}
	sortByDesc(idx, func(i int) float64 { return sign * keep[i].Mean })
	s := opt.Style.norm()
	p := s.newPlot(orDefault(opt.Title, "Leaderboard"), orDefault(opt.Axis, orDefault(opt.Metric, "score")+" (mean ± std)"), "")
	n := len(idx)
	names, vals, errs, labels := make([]string, n), make([]float64, n), make([]float64, n), make([]string, n)
	fills := make([]color.Color, n)
	for k, i := range idx {
		sc, pos := keep[i], n-1-k // best on top
		names[pos], vals[pos], errs[pos], labels[pos] = sc.Name, sc.Mean, sc.Std, fmtNum(sc.Mean)
		if sc.Baseline {
			fills[pos] = s.Missing
			l := &vline{x: sc.Mean, style: dashed(s.Muted, 1.2)}
			p.Add(l)
			p.Legend.Add(orDefault(opt.Reference, "baseline")+" "+fmtNum(sc.Mean), l)
		}
	}
	p.Add(&barSeries{vals: vals, err: errs, fill: s.Color(0), fills: fills, edge: line(s.Foreground, 0.8), horizontal: true,
		labels: labels, text: textStyle(s, 0.85, s.Foreground)})
	p.NominalY(names...)
	p.X.Max += 0.12 * (p.X.Max - p.X.Min) // room for the value labels
	p.Legend.Top = false
	f := single(p, s)
	f.Notes = notes
	return f, nil
}

// allPositive reports whether every finite setting is positive and they
// span a range, so that a log axis can show them.
func allPositive(series []ScoreSeries) bool {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, sr := range series {
		for _, x := range sr.X {
			if isFinite(x) {
				lo, hi = math.Min(lo, x), math.Max(hi, x)
			}
		}
	}
	return lo > 0 && hi > lo && !degenerate(math.Log(lo), math.Log(hi))
}
