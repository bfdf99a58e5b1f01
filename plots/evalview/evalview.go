package evalview

import (
	"fmt"
	"sort"

	"modelbench/plots"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
)

// Kinds lists the figures that apply to an assessment, in display order;
// Draw accepts each.
func Kinds(as *eval.Assessment) []string {
	if as.Task == model.Regression {
		return []string{"Predicted against actual", "Residuals", "Residual histogram", "Q–Q plot of residuals", "Permutation importance", "Partial dependence"}
	}
	out := []string{"Confusion matrix", "Confusion matrix (shares)"}
	if as.ROC != nil {
		out = append(out, "ROC curve", "Precision–recall curve")
	}
	if as.Calibration != nil {
		out = append(out, "Calibration", "Cumulative gain", "Lift")
	}
	return append(out, "Permutation importance", "Partial dependence")
}

// Draw makes the figure of the given kind (one of Kinds).
func Draw(as *eval.Assessment, kind string, s plots.Style) (*plots.Figure, error) {
	p := as.Predictions
	reg := plots.RegressionOptions{Style: s}
	switch kind {
	case "Confusion matrix", "Confusion matrix (shares)":
		return confusion(as, kind != "Confusion matrix", s)
	case "ROC curve":
		return plots.ROC(rocCurves(as), plots.CurveOptions{Style: s})
	case "Precision–recall curve":
		return plots.PrecisionRecall(prCurves(as), plots.CurveOptions{PositiveRate: positiveRate(as), Style: s})
	case "Calibration":
		return calibration(as, s)
	case "Cumulative gain", "Lift":
		return gain(as, kind == "Lift", s)
	case "Predicted against actual":
		return plots.PredictedVsActual(p.Truth, p.Pred, reg)
	case "Residuals":
		return plots.ResidualsVsPredicted(p.Truth, p.Pred, reg)
	case "Residual histogram":
		return plots.ResidualHistogram(p.Truth, p.Pred, reg)
	case "Q–Q plot of residuals":
		r := make([]float64, len(p.Truth))
		for i := range r {
			r[i] = p.Truth[i] - p.Pred[i]
		}
		return plots.QQPlot(r, reg)
	case "Permutation importance":
		return importance(as, s)
	case "Partial dependence":
		return dependence(as, s)
	}
	return nil, fmt.Errorf("%w: no figure called %q", plots.ErrNothingToDraw, kind)
}

func confusion(as *eval.Assessment, shares bool, s plots.Style) (*plots.Figure, error) {
	if as.Confusion == nil {
		return nil, fmt.Errorf("%w: no confusion matrix for regression", plots.ErrNothingToDraw)
	}
	counts := as.Confusion.Counts()
	m := make([][]float64, len(counts))
	for i, row := range counts {
		m[i] = make([]float64, len(row))
		for j, c := range row {
			m[i][j] = float64(c)
		}
	}
	title := fmt.Sprintf("Confusion matrix (%d rows)", as.Confusion.Total())
	if shares {
		title = "Confusion matrix: share of each true class"
	}
	return plots.ConfusionMatrix(as.Predictions.Classes, m, plots.ConfusionOptions{Title: title, Normalize: shares, Style: s})
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func rocCurves(as *eval.Assessment) []plots.Curve {
	var out []plots.Curve
	for _, c := range sortedKeys(as.ROC) {
		out = append(out, plots.Curve{Name: c, X: as.ROC[c].FPR, Y: as.ROC[c].TPR})
	}
	return out
}

func prCurves(as *eval.Assessment) []plots.Curve {
	var out []plots.Curve
	for _, c := range sortedKeys(as.PR) {
		out = append(out, plots.Curve{Name: c, X: as.PR[c].Recall, Y: as.PR[c].Precision})
	}
	return out
}

// positiveRate is the share of the positive class (binary only), the
// precision of a model that guesses.
func positiveRate(as *eval.Assessment) float64 {
	if as.Gain != nil {
		return as.Gain.Rate
	}
	return 0
}

func calibration(as *eval.Assessment, s plots.Style) (*plots.Figure, error) {
	if len(as.Calibration) == 0 {
		return nil, fmt.Errorf("%w: calibration needs a binary classifier with probabilities", plots.ErrNothingToDraw)
	}
	var cs plots.CalibrationSeries
	cs.Name = as.Learner
	for _, b := range as.Calibration {
		cs.Lo, cs.Hi = append(cs.Lo, b.Lo), append(cs.Hi, b.Hi)
		cs.MeanPredicted = append(cs.MeanPredicted, b.MeanPredicted)
		cs.FractionPositive = append(cs.FractionPositive, b.FractionPositive)
		cs.Count = append(cs.Count, float64(b.Count))
	}
	return plots.Calibration([]plots.CalibrationSeries{cs}, plots.CurveOptions{Title: "Calibration of the probabilities", Style: s})
}

func gain(as *eval.Assessment, lift bool, s plots.Style) (*plots.Figure, error) {
	if as.Gain == nil {
		return nil, fmt.Errorf("%w: gain needs a binary classifier with probabilities", plots.ErrNothingToDraw)
	}
	c := plots.Curve{Name: as.Learner}
	for _, pt := range as.Gain.Points {
		c.X = append(c.X, pt.Fraction)
		if lift {
			c.Y = append(c.Y, pt.Lift)
		} else {
			c.Y = append(c.Y, pt.Gain)
		}
	}
	opt := plots.CurveOptions{PositiveRate: as.Gain.Rate, Style: s}
	if lift {
		return plots.Lift([]plots.Curve{c}, opt)
	}
	return plots.Gain([]plots.Curve{c}, opt)
}

func importance(as *eval.Assessment, s plots.Style) (*plots.Figure, error) {
	if as.Importance == nil || len(as.Importance.Features) == 0 {
		return nil, fmt.Errorf("%w: no permutation importance", plots.ErrNothingToDraw)
	}
	names := make([]string, len(as.Importance.Features))
	reps := make([][]float64, len(as.Importance.Features))
	for i, f := range as.Importance.Features {
		names[i], reps[i] = f.Column, f.Values
	}
	return plots.PermutationImportance(names, reps, plots.ImportanceOptions{Title: "How much the score drops when a column is shuffled",
		Metric: as.Importance.Metric, Style: s})
}

func dependence(as *eval.Assessment, s plots.Style) (*plots.Figure, error) {
	var curves []plots.Curve
	for _, d := range as.Dependence {
		if d.Grid == nil || len(d.Average) == 0 {
			continue // categorical dependence is listed in the report's table
		}
		k := len(d.Average) - 1 // binary: the positive class; regression: the prediction
		curves = append(curves, plots.Curve{Name: d.Column + " → " + d.Outputs[k], X: d.Grid, Y: d.Average[k]})
	}
	if len(curves) == 0 {
		return nil, fmt.Errorf("%w: no numeric column among the most important ones", plots.ErrNothingToDraw)
	}
	return plots.PartialDependence(curves, plots.CurveOptions{Title: "Partial dependence on the most important columns", Style: s})
}

// MetricLabel returns a metric's label for people ("Balanced accuracy").
func MetricLabel(name string) string {
	if sc, err := metrics.Lookup(name); err == nil && sc.Label != "" {
		return sc.Label
	}
	return name
}
