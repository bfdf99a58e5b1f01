package eda

import (
	"context"
	"math"

	"modelbench/workflow/data"
)

// Tasks as written in Report.Task.
const (
	TaskClassification = "classification"
	TaskRegression     = "regression"
)

// Association measures as written in ColumnStats.AssociationMeasure.
const (
	MeasurePearson          = "abs_pearson"
	MeasureCorrelationRatio = "correlation_ratio"
	MeasureCramersV         = "cramers_v"
)

// targetClasses returns the classes of a target that holds classes:
// categorical and boolean targets, and whole-number targets with 2 to
// MaxClasses distinct values; false for a target that holds amounts (or
// text, or dates).
func targetClasses(c data.Column) (catVec, bool) {
	if n, ok := c.(*data.NumericColumn); ok {
		if !n.IsInteger() || n.Missing() == n.Len() {
			return catVec{}, false
		}
		cv := numAsCat(n)
		return cv, cv.k >= 2 && cv.k <= MaxClasses
	}
	return asCat(c)
}

// targetAssociation scores every other column against the target on one
// scale from 0 to 1 that works for both kinds of feature and both tasks:
//   - numeric feature, numeric target (regression): |Pearson r|;
//   - numeric feature, class target: the correlation ratio η of the
//     feature grouped by class;
//   - categorical feature, numeric target: η of the target grouped by the
//     feature's levels;
//   - categorical feature, class target: Cramér's V (uncorrected).
//
// η equals |r| for two groups and, like |r| and V, is 1 only when the
// feature alone fixes the target. Text and datetime columns, and
// categorical ones with more than MaxCramerLevels levels, get no score.
// classes is nil unless the target holds classes.
func targetAssociation(ctx context.Context, rep *Report, work []colWork, classes *catVec) error {
	ti := -1
	for i := range work {
		if work[i].st.Name == rep.Target {
			ti = i
		}
	}
	if ti < 0 || rep.Task == "" || work[ti].st.Count == 0 {
		return nil
	}
	var tcat catVec
	var tvals []float64
	if classes != nil {
		tcat = *classes
	} else {
		tvals = work[ti].col.(*data.NumericColumn).Values()
	}
	for i := range work {
		if err := ctx.Err(); err != nil {
			return err
		}
		if i == ti {
			continue
		}
		score, measure := associate(&work[i], rep, tcat, tvals)
		if p := num(score); p != nil {
			work[i].st.TargetAssociation, work[i].st.AssociationMeasure = p, measure
		}
	}
	return nil
}

func associate(w *colWork, rep *Report, tcat catVec, tvals []float64) (float64, string) {
	if c, ok := w.col.(*data.NumericColumn); ok {
		if tvals == nil {
			return correlationRatio(c.Values(), tcat), MeasureCorrelationRatio
		}
		return math.Abs(pearsonFromReport(rep, c.Name(), c.Values(), tvals)), MeasurePearson
	}
	fc, ok := asCat(w.col)
	if !ok || w.st.Unique > MaxCramerLevels {
		return math.NaN(), ""
	}
	if tvals == nil {
		return cramersV(fc, tcat), MeasureCramersV
	}
	return correlationRatio(tvals, fc), MeasureCorrelationRatio
}

// pearsonFromReport reads r from the correlation matrix when both columns
// are in it, and computes it over the shared rows otherwise.
func pearsonFromReport(rep *Report, name string, x, y []float64) float64 {
	if m := rep.Correlations; m != nil {
		i, j := indexOf(m.Pearson.Columns, name), indexOf(m.Pearson.Columns, rep.Target)
		if i >= 0 && j >= 0 {
			return m.Pearson.At(i, j)
		}
	}
	var xs, ys []float64
	for i, a := range x {
		if b := y[i]; a == a && b == b {
			xs, ys = append(xs, a), append(ys, b)
		}
	}
	if len(xs) == 0 {
		return math.NaN()
	}
	return pearson(xs, ys)
}

func indexOf(names []string, name string) int {
	for i, n := range names {
		if n == name {
			return i
		}
	}
	return -1
}
