package plots

import (
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
)

// Curve is one named line: points (X[i], Y[i]) in drawing order. Points
// with a NaN or infinite coordinate are skipped.
type Curve struct {
	Name string
	X, Y []float64
}

// CurveOptions configures the curve figures (ROC, PrecisionRecall, Gain,
// Lift, PartialDependence). The zero value is usable.
type CurveOptions struct {
	Title string
	// PositiveRate is the share of positive rows: it draws the chance line
	// of PrecisionRecall and the perfect model of Gain; 0 leaves them out.
	PositiveRate float64
	Style        Style
}

// cleanCurve returns the finite points of c and how many were dropped.
func cleanCurve(c Curve) (plotter.XYs, int, error) {
	if len(c.X) != len(c.Y) {
		return nil, 0, fmt.Errorf("curve %q: %d x values against %d y values", c.Name, len(c.X), len(c.Y))
	}
	pts := make(plotter.XYs, 0, len(c.X))
	for i := range c.X {
		if isFinite(c.X[i]) && isFinite(c.Y[i]) {
			pts = append(pts, plotter.XY{X: c.X[i], Y: c.Y[i]})
		}
	}
	return pts, len(c.X) - len(pts), nil
}

// linesFigure draws curves as lines, one palette colour each, with
// legend names from label(i, points); it fails on a malformed curve and
// when no curve has a point.
func linesFigure(curves []Curve, title, xl, yl string, s Style, label func(i int, pts plotter.XYs) string) (*Figure, *plot.Plot, error) {
	p := s.newPlot(title, xl, yl)
	f := single(p, s)
	drawn := 0
	for i, c := range curves {
		pts, dropped, err := cleanCurve(c)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", title, err)
		}
		if dropped > 0 {
			f.Note("%s: %s not shown", c.Name, plural(dropped, "non-finite point"))
		}
		if len(pts) == 0 {
			f.Note("%s: nothing to draw", c.Name)
			continue
		}
		l := &plotter.Line{XYs: pts, LineStyle: line(s.Color(i), 2)}
		p.Add(l)
		p.Legend.Add(label(i, pts), l)
		drawn++
	}
	if drawn == 0 {
		return nil, nil, fmt.Errorf("%s: %w", title, ErrNothingToDraw)
	}
	return f, p, nil
}

// refLine adds a dashed reference line through the points, named in the
// legend.
func refLine(p *plot.Plot, name string, s Style, pts ...plotter.XY) {
	l := &plotter.Line{XYs: plotter.XYs(pts), LineStyle: dashed(s.Muted, 1.2)}
	p.Add(l)
	if name != "" {
		p.Legend.Add(name, l)
	}
}

// trapezoid returns the area under the points by the trapezoidal rule, in
// their order (scikit-learn's auc for a monotone curve).
func trapezoid(pts plotter.XYs) float64 {
	var a float64
	for i := 1; i < len(pts); i++ {
		a += (pts[i].X - pts[i-1].X) * (pts[i].Y + pts[i-1].Y) / 2
	}
	return math.Abs(a)
}

// averagePrecision returns Σ (R_n − R_{n−1}) P_n over the points of a
// precision–recall curve (X recall, Y precision), in whichever direction
// recall runs: scikit-learn's average_precision_score for its own curve.
func averagePrecision(pts plotter.XYs) float64 {
	var ap float64
	for i := 1; i < len(pts); i++ {
		dr := pts[i].X - pts[i-1].X
		if dr > 0 {
			ap += dr * pts[i].Y
		} else {
			ap += -dr * pts[i-1].Y
		}
	}
	return ap
}

// ROC draws receiver operating characteristic curves (X false positive
// rate, Y true positive rate), several models overlaid, each named with
// its area under the curve (trapezoidal), and the chance diagonal.
func ROC(curves []Curve, opt CurveOptions) (*Figure, error) {
	s := opt.Style.norm()
	f, p, err := linesFigure(curves, orDefault(opt.Title, "ROC curve"), "false positive rate", "true positive rate", s,
		func(i int, pts plotter.XYs) string {
			return fmt.Sprintf("%s (AUC %.3f)", curves[i].Name, trapezoid(pts))
		})
	if err != nil {
		return nil, err
	}
	refLine(p, "chance", s, plotter.XY{X: 0, Y: 0}, plotter.XY{X: 1, Y: 1})
	unitSquare(p)
	p.Legend.Top = false
	return f, nil
}

// PrecisionRecall draws precision–recall curves (X recall, Y precision),
// each named with its average precision, and the chance level at
// opt.PositiveRate when it is set.
func PrecisionRecall(curves []Curve, opt CurveOptions) (*Figure, error) {
	s := opt.Style.norm()
	f, p, err := linesFigure(curves, orDefault(opt.Title, "Precision–recall curve"), "recall", "precision", s,
		func(i int, pts plotter.XYs) string {
			return fmt.Sprintf("%s (AP %.3f)", curves[i].Name, averagePrecision(pts))
		})
	if err != nil {
		return nil, err
	}
	if r := opt.PositiveRate; r > 0 && r <= 1 {
		refLine(p, fmt.Sprintf("chance (%.3f)", r), s, plotter.XY{X: 0, Y: r}, plotter.XY{X: 1, Y: r})
	}
	unitSquare(p)
	p.Legend.Left = true
	p.Legend.Top = false
	return f, nil
}

// Gain draws cumulative gain curves (X share of rows selected by score,
// Y share of positives found), the random baseline and, when
// opt.PositiveRate is set, the perfect model.
func Gain(curves []Curve, opt CurveOptions) (*Figure, error) {
	s := opt.Style.norm()
	f, p, err := linesFigure(curves, orDefault(opt.Title, "Cumulative gain"), "share of rows selected", "share of positives found", s,
		func(i int, _ plotter.XYs) string { return curves[i].Name })
	if err != nil {
		return nil, err
	}
	refLine(p, "random", s, plotter.XY{X: 0, Y: 0}, plotter.XY{X: 1, Y: 1})
	if r := opt.PositiveRate; r > 0 && r <= 1 {
		l := &plotter.Line{XYs: plotter.XYs{{X: 0, Y: 0}, {X: r, Y: 1}, {X: 1, Y: 1}}, LineStyle: dashed(s.Foreground, 1)}
		p.Add(l)
		p.Legend.Add("perfect", l)
	}
	unitSquare(p)
	p.Legend.Top = false
	return f, nil
}

// Lift draws lift curves (X share of rows selected, Y lift = gain / share)
// with the baseline lift of 1.
func Lift(curves []Curve, opt CurveOptions) (*Figure, error) {
	s := opt.Style.norm()
	f, p, err := linesFigure(curves, orDefault(opt.Title, "Lift"), "share of rows selected", "lift", s,
		func(i int, _ plotter.XYs) string { return curves[i].Name })
	if err != nil {
		return nil, err
	}
	refLine(p, "random", s, plotter.XY{X: 0, Y: 1}, plotter.XY{X: 1, Y: 1})
	p.X.Min, p.X.Max = 0, 1
	p.Y.Min = math.Min(p.Y.Min, 0)
	headroom(p)
	return f, nil
}

// unitSquare fixes both axes to 0..1 with a little room.
func unitSquare(p *plot.Plot) {
	p.X.Min, p.X.Max = 0, 1
	p.Y.Min, p.Y.Max = 0, 1.02
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}
