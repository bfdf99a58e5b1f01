package plots

import (
	"fmt"
	"image/color"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg/draw"
)

// ConfusionOptions configures ConfusionMatrix.
type ConfusionOptions struct {
	Title string
	// Normalize colours and labels each cell by its share of the actual
	// class (row), writing the count below; otherwise counts are shown
	// and coloured against the largest count.
	Normalize bool
	Style     Style
}

// ConfusionMatrix draws counts[actual][predicted] for the classes, actual
// classes down the rows, predicted across, every cell annotated when there
// are at most 12 classes. It returns an error when the matrix is not
// len(classes) square or holds a negative or non-finite count, and
// ErrNothingToDraw when it is empty.
func ConfusionMatrix(classes []string, counts [][]float64, opt ConfusionOptions) (*Figure, error) {
	k := len(classes)
	if k == 0 {
		return nil, fmt.Errorf("confusion matrix: %w (no classes)", ErrNothingToDraw)
	}
	if len(counts) != k {
		return nil, fmt.Errorf("confusion matrix: %d rows for %d classes", len(counts), k)
	}
	rowSum, top := make([]float64, k), 0.0
	for i, row := range counts {
		if len(row) != k {
			return nil, fmt.Errorf("confusion matrix: row %q has %d cells, want %d", classes[i], len(row), k)
		}
		for j, c := range row {
			if !(c >= 0) || math.IsInf(c, 0) {
				return nil, fmt.Errorf("confusion matrix: cell (%q, %q) is %v", classes[i], classes[j], c)
			}
			rowSum[i] += c
			top = math.Max(top, c)
		}
	}
	s := opt.Style.norm()
	shade := func(i, j int) float64 {
		if opt.Normalize {
			return safeDiv(counts[i][j], rowSum[i])
		}
		return safeDiv(counts[i][j], top)
	}
	vals := make([][]float64, k)
	for i := range vals {
		vals[i] = make([]float64, k)
		for j := range vals[i] {
			vals[i][j] = shade(i, j)
		}
	}
	cells := &cellPlotter{vals: vals, color: func(v float64) color.Color { return s.sequential(v) }, missing: s.Missing, style: s}
	if k <= maxAnnotated {
		cells.label = func(i, j int) string {
			if opt.Normalize {
				return fmt.Sprintf("%.2f\n%s", vals[i][j], thousands(int(counts[i][j])))
			}
			return thousands(int(counts[i][j]))
		}
	}
	p := matrixPlot(cells, classes, classes, orDefault(opt.Title, "Confusion matrix"), "predicted", "actual", s)
	f := single(p, s)
	if opt.Normalize {
		f.Note("cells show the share of each actual class and the row count")
	}
	return f, nil
}

func safeDiv(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}

// CalibrationSeries is one model's reliability diagram: per non-empty
// probability bin Lo..Hi, the mean predicted probability, the fraction of
// positive rows and the number of rows (as eval's calibration curve gives
// them).
type CalibrationSeries struct {
	Name                            string
	Lo, Hi                          []float64
	MeanPredicted, FractionPositive []float64
	Count                           []float64
}

// Calibration draws reliability diagrams (mean predicted probability
// against the fraction of positives, with the diagonal of perfect
// calibration) above a histogram of how many rows fall in each bin.
// It returns an error for series of unequal lengths and ErrNothingToDraw
// when no series has a finite point.
func Calibration(series []CalibrationSeries, opt CurveOptions) (*Figure, error) {
	s := opt.Style.norm()
	curves := make([]Curve, len(series))
	for i, c := range series {
		n := len(c.MeanPredicted)
		if len(c.FractionPositive) != n || len(c.Count) != n || len(c.Lo) != n || len(c.Hi) != n {
			return nil, fmt.Errorf("calibration of %q: bins, predictions, fractions and counts differ in length", c.Name)
		}
		curves[i] = Curve{Name: c.Name, X: c.MeanPredicted, Y: c.FractionPositive}
	}
	f, top, err := linesFigure(curves, orDefault(opt.Title, "Calibration"), "", "fraction of positives", s,
		func(i int, _ plotter.XYs) string { return series[i].Name })
	if err != nil {
		return nil, err
	}
	addCurveDots(top, curves, s)
	refLine(top, "perfectly calibrated", s, plotter.XY{X: 0, Y: 0}, plotter.XY{X: 1, Y: 1})
	unitSquare(top)
	top.Legend.Top = true
	top.Legend.Left = true
	bottom := s.newPlot("", "mean predicted probability", "rows")
	for i, c := range series {
		var bins []plotter.HistogramBin
		for b := range c.Count {
			if isFinite(c.Lo[b]) && isFinite(c.Hi[b]) && c.Hi[b] > c.Lo[b] && c.Count[b] >= 0 {
				bins = append(bins, plotter.HistogramBin{Min: c.Lo[b], Max: c.Hi[b], Weight: c.Count[b]})
			}
		}
		if len(bins) > 0 {
			bottom.Add(&plotter.Histogram{Bins: bins, FillColor: withAlpha(s.Color(i), 0x70), LineStyle: line(s.Color(i), 1)})
		}
	}
	bottom.X.Min, bottom.X.Max = 0, 1
	headroom(bottom)
	f.Grid, f.Plot = [][]*plot.Plot{{top}, {bottom}}, nil
	f.Title, top.Title.Text = top.Title.Text, ""
	f.Heights = []float64{3, 1.3}
	return f, nil
}

// addCurveDots marks the points of each curve with a small dot.
func addCurveDots(p *plot.Plot, curves []Curve, s Style) {
	for i, c := range curves {
		pts, _, _ := cleanCurve(c)
		if len(pts) == 0 {
			continue
		}
		sc, _ := plotter.NewScatter(pts)
		sc.GlyphStyle.Color = s.Color(i)
		sc.GlyphStyle.Radius = s.FontSize / 4
		sc.GlyphStyle.Shape = draw.CircleGlyph{}
		p.Add(sc)
	}
}
