package eda

import (
	"fmt"
	"math"

	"modelbench/workflow/data"
)

// LeakageMinRowsPerLevel is the fewest rows per level, on average, for a
// categorical feature to be judged a leakage suspect: with fewer, any
// feature "predicts" the target by memorising rows.
const LeakageMinRowsPerLevel = 5

// leakageEvidence says whether a feature alone determines the target and
// how that was measured, in words for the message. The measures are
// directional (feature → target), unlike the symmetric association score:
//   - class target, feature with at most MaxCramerLevels distinct values:
//     Goodman and Kruskal's λ, the share of the errors of always guessing
//     the most common class that knowing the feature removes;
//   - class target, numeric feature with more values: whether the classes
//     occupy separate intervals of the feature (a one-feature rule with
//     thresholds is always right);
//   - numeric target: |Pearson r| for a numeric feature, the correlation
//     ratio η for a categorical one.
func leakageEvidence(w *colWork, classes *catVec, task string) (string, bool) {
	st := w.st
	if st.Count == 0 || st.Type != data.Numeric && st.Unique >= st.Count {
		return "", false // no values, or a label per row (the identifier alert's business)
	}
	if task == TaskRegression {
		s := val(st.TargetAssociation)
		if st.Type != data.Numeric && float64(st.Count) < LeakageMinRowsPerLevel*float64(st.Unique) {
			return "", false
		}
		return fmt.Sprintf("%s = %.4f", measureName(st.AssociationMeasure), s), s >= LeakageLimit
	}
	tcat := *classes
	fewLevels := float64(st.Count) >= LeakageMinRowsPerLevel*float64(st.Unique)
	if fc, ok := featureLevels(w); ok && fewLevels {
		l := goodmanKruskalLambda(fc, tcat)
		return fmt.Sprintf("Goodman and Kruskal's λ = %.4f", l), l >= LeakageLimit
	}
	if w.facts.separates {
		return "each class occupies its own range of values", true
	}
	return "", false
}

// featureLevels returns the categorical view of a categorical or boolean
// feature, or of a numeric one with at most MaxCramerLevels values.
func featureLevels(w *colWork) (catVec, bool) {
	if w.st.Unique > MaxCramerLevels {
		return catVec{}, false
	}
	if c, ok := w.col.(*data.NumericColumn); ok {
		return numAsCat(c), true
	}
	return asCat(w.col)
}

// goodmanKruskalLambda is λ(target | feature) over the rows where both are
// present: (Σ over levels of the level's largest class count − the largest
// class total) / (n − the largest class total). NaN when the target has a
// single class there.
func goodmanKruskalLambda(f, t catVec) float64 {
	table := make([]int, f.k*t.k)
	cols := make([]int, t.k)
	n := 0
	for i, a := range f.codes {
		b := t.codes[i]
		if a < 0 || b < 0 {
			continue
		}
		table[int(a)*t.k+int(b)]++
		cols[b]++
		n++
	}
	sumMax := 0
	for a := 0; a < f.k; a++ {
		m := 0
		for _, c := range table[a*t.k : (a+1)*t.k] {
			m = max(m, c)
		}
		sumMax += m
	}
	best := 0
	for _, c := range cols {
		best = max(best, c)
	}
	if n == best {
		return math.NaN()
	}
	return float64(sumMax-best) / float64(n-best)
}

// separatesClasses reports whether, along ascending values (with idx the
// row of each), each class forms one unbroken run and no tied value is
// shared by two classes. Rows whose class is missing are skipped.
func separatesClasses(sorted []float64, idx []uint32, t catVec) bool {
	seen := make([]bool, t.k)
	prev, prevV := int32(-1), 0.0
	classes := 0
	for i, v := range sorted {
		c := t.codes[idx[i]]
		if c < 0 {
			continue
		}
		if c != prev {
			if prev >= 0 && v == prevV || seen[c] {
				return false // a tie across classes, or a class seen again
			}
			seen[c] = true
			prev = c
			classes++
		}
		prevV = v
	}
	return classes > 1
}
