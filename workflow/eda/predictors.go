package eda

import (
	"context"
	"fmt"
	"math"

	"modelbench/workflow/data"
)

// PredictorScreenRows is how many rows PerfectPredictors screens every
// feature on before it confirms the suspects on all the rows it was given:
// a copy of the answer predicts it on any subset, so the screen misses
// none of them, and the confirmation keeps a feature that only looked
// perfect on the subset.
const PredictorScreenRows = 5000

// Measures of a Predictor, besides MeasurePearson and
// MeasureCorrelationRatio.
const (
	// MeasureLambda is Goodman and Kruskal's λ(target | feature).
	MeasureLambda = "lambda"
	// MeasureSeparation says each class occupies its own range of the
	// feature's values (Score is then 1).
	MeasureSeparation = "separation"
)

// Predictor is a feature that alone predicts the target (almost)
// perfectly on the rows checked: a leakage suspect. It is what Explore's
// target-leakage alert measures, computed cheaply on chosen rows (the
// training rows, say) instead of on the whole table.
type Predictor struct {
	Column string `json:"column"`
	// Measure is MeasureLambda, MeasureSeparation, MeasurePearson (|r|)
	// or MeasureCorrelationRatio (η); Score is its value, at least
	// LeakageLimit.
	Measure string  `json:"measure"`
	Score   float64 `json:"score"`
	// Levels is how many distinct values the feature has on the rows.
	Levels int `json:"levels"`
	// Rows counts the rows checked where the target is present.
	Rows int `json:"rows"`
	// Evidence says in words how it was measured, with the number.
	Evidence string `json:"evidence"`
}

// PerfectPredictors returns the features (names in f, in the order given)
// that alone predict target on rows (positions in f; nil means every row)
// by the measures of the target-leakage alert: for a target holding
// classes (categorical, yes/no, or up to MaxClasses whole numbers),
// Goodman and Kruskal's λ for a feature with few values (and at least
// LeakageMinRowsPerLevel rows per value, so that identifiers do not
// count), else whether the classes occupy separate ranges of a numeric
// feature (with at least LeakageMinRowsPerLevel rows per class); for a numeric target, |Pearson r| of a numeric feature and the
// correlation ratio η of a categorical one. Scores at LeakageLimit or
// above count. Text and date columns are not judged. Features are first
// screened on at most PredictorScreenRows evenly spaced rows, and the
// suspects confirmed on every row given.
//
// It returns nil when the target is missing from f, has no values on the
// rows, or holds neither classes nor numbers; an error only when a named
// feature is not in f, or ctx is cancelled (ctx.Err()). f is only read.
func PerfectPredictors(ctx context.Context, f *data.Frame, target string, features []string, rows []int) ([]Predictor, error) {
	tc, ok := f.Lookup(target)
	if !ok {
		return nil, nil
	}
	cols := make([]data.Column, len(features))
	for i, name := range features {
		c, ok := f.Lookup(name)
		if !ok {
			return nil, fmt.Errorf("no column named %q", name)
		}
		cols[i] = c
	}
	if rows == nil {
		rows = make([]int, f.NumRows())
		for i := range rows {
			rows[i] = i
		}
	}
	screen := spaced(rows, PredictorScreenRows)
	var out []Predictor
	for i, c := range cols {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if c.Kind() == data.Text || c.Kind() == data.Datetime || c.Name() == target {
			continue
		}
		if _, ok := predicts(c.Take(screen), tc.Take(screen)); !ok {
			continue
		}
		sub := screen
		if len(screen) < len(rows) {
			sub = rows
		}
		if p, ok := predicts(c.Take(sub), tc.Take(sub)); ok {
			p.Column = features[i]
			out = append(out, p)
		}
	}
	return out, nil
}

// spaced returns at most n of rows, evenly spaced, in order.
func spaced(rows []int, n int) []int {
	if len(rows) <= n {
		return rows
	}
	out := make([]int, n)
	for i := range out {
		out[i] = rows[i*len(rows)/n]
	}
	return out
}

// predicts judges one feature against the target over the rows of both
// (equally long) columns where the target is present.
func predicts(feature, target data.Column) (Predictor, bool) {
	present := make([]int, 0, target.Len())
	for i := 0; i < target.Len(); i++ {
		if !target.IsMissing(i) {
			present = append(present, i)
		}
	}
	if len(present) == 0 || feature.Missing() == feature.Len() {
		return Predictor{}, false
	}
	feature, target = feature.Take(present), target.Take(present)
	if classes, ok := targetClasses(target); ok {
		return predictsClasses(feature, classes)
	}
	if num, ok := target.(*data.NumericColumn); ok {
		return predictsAmounts(feature, num)
	}
	return Predictor{}, false
}

func predictsClasses(feature data.Column, classes catVec) (Predictor, bool) {
	fc, levels, count := levelsOf(feature)
	p := Predictor{Rows: classes.n(), Levels: levels}
	few := levels <= MaxCramerLevels && float64(count) >= LeakageMinRowsPerLevel*float64(levels)
	if fc != nil && few {
		p.Measure, p.Score = MeasureLambda, goodmanKruskalLambda(*fc, classes)
		p.Evidence = fmt.Sprintf("Goodman and Kruskal's λ = %.4f over %d rows", p.Score, p.Rows)
		return p, p.Score >= LeakageLimit
	}
	num, ok := feature.(*data.NumericColumn)
	if !ok || float64(p.Rows) < LeakageMinRowsPerLevel*float64(classes.k) {
		return p, false // with a handful of rows per class, any feature separates them
	}
	sorted, idx := sortedPresent(num.Values(), true)
	if separatesClasses(sorted, idx, classes) {
		p.Measure, p.Score = MeasureSeparation, 1
		p.Evidence = fmt.Sprintf("each class occupies its own range of values over %d rows", p.Rows)
		return p, true
	}
	return p, false
}

func predictsAmounts(feature data.Column, target *data.NumericColumn) (Predictor, bool) {
	p := Predictor{Rows: target.Len() - target.Missing()}
	if num, ok := feature.(*data.NumericColumn); ok {
		var x, y []float64
		for i, v := range num.Values() {
			if w := target.At(i); v == v && w == w {
				x, y = append(x, v), append(y, w)
			}
		}
		if len(x) < 3 {
			return p, false
		}
		p.Measure, p.Score, p.Levels = MeasurePearson, math.Abs(pearson(x, y)), -1
		p.Evidence = fmt.Sprintf("|Pearson r| = %.4f over %d rows", p.Score, len(x))
		return p, p.Score >= LeakageLimit
	}
	fc, levels, count := levelsOf(feature)
	p.Levels = levels
	if fc == nil || float64(count) < LeakageMinRowsPerLevel*float64(levels) {
		return p, false
	}
	p.Measure, p.Score = MeasureCorrelationRatio, correlationRatio(target.Values(), *fc)
	p.Evidence = fmt.Sprintf("correlation ratio η = %.4f over %d rows", p.Score, p.Rows)
	return p, p.Score >= LeakageLimit
}

// levelsOf returns the categorical view of a categorical or yes/no
// column, or of a numeric one with at most MaxCramerLevels values (nil
// otherwise), with the number of distinct present values and of present
// rows.
func levelsOf(c data.Column) (*catVec, int, int) {
	count := c.Len() - c.Missing()
	if num, ok := c.(*data.NumericColumn); ok {
		distinct := map[float64]bool{}
		for i, v := range num.Values() {
			if !num.IsMissing(i) {
				distinct[v] = true
				if len(distinct) > MaxCramerLevels {
					return nil, len(distinct), count
				}
			}
		}
		cv := numAsCat(num)
		return &cv, cv.k, count
	}
	cv, ok := asCat(c)
	if !ok {
		return nil, 0, count
	}
	used := map[int32]bool{}
	for _, k := range cv.codes {
		if k >= 0 {
			used[k] = true
		}
	}
	return &cv, len(used), count
}

// n counts the rows with a class.
func (c catVec) n() int {
	n := 0
	for _, k := range c.codes {
		if k >= 0 {
			n++
		}
	}
	return n
}
