package eda

import (
	"math"
	"testing"

	"modelbench/workflow/data"
)

// alertCase describes a small frame and whether it must raise an alert of
// kind about column (with the given severity and fix step when it does).
type alertCase struct {
	name     string
	kind     string
	column   string
	target   string
	cols     func() []data.Column
	want     bool
	severity Severity
	step     string
}

var nan = math.NaN()

func alertCases() []alertCase {
	some := func(n int) []float64 { return normal(7, n, 50, 10) }
	return []alertCase{
		// 1. missing values, by share
		{"missing/few", KindMissing, "x", "", func() []data.Column { return []data.Column{mkNum("x", cat(some(99), []float64{nan})...)} }, true, Info, StepImpute},
		{"missing/many", KindMissing, "x", "", func() []data.Column { return []data.Column{mkNum("x", cat(some(50), repeat(50, nan))...)} }, true, Critical, StepImpute},
		{"missing/most", KindMissing, "x", "", func() []data.Column { return []data.Column{mkNum("x", cat(some(30), repeat(70, nan))...)} }, true, Critical, StepDropColumns},
		{"missing/none", KindMissing, "x", "", func() []data.Column { return []data.Column{mkNum("x", some(100)...)} }, false, "", ""},
		// 2. missing target
		{"target_missing/yes", KindTargetMissing, "y", "y", func() []data.Column {
			return []data.Column{mkNum("x", some(20)...), mkNum("y", cat(some(18), []float64{nan, nan})...)}
		}, true, Warning, ""},
		{"target_missing/no", KindTargetMissing, "y", "y", func() []data.Column { return []data.Column{mkNum("x", some(20)...), mkNum("y", some(20)...)} }, false, "", ""},
		// 3. constant columns
		{"constant/same", KindConstant, "c", "", func() []data.Column { return []data.Column{mkNum("c", repeat(20, 3.0)...)} }, true, Warning, StepDropColumns},
		{"constant/empty", KindConstant, "c", "", func() []data.Column { return []data.Column{mkNum("c", repeat(20, nan)...)} }, true, Critical, StepDropColumns},
		{"constant/varies", KindConstant, "c", "", func() []data.Column { return []data.Column{mkNum("c", seq(0, 20)...)} }, false, "", ""},
		// 4. near-constant
		{"near_constant/yes", KindNearConstant, "c", "", func() []data.Column { return []data.Column{mkCat("c", cat(repeat(199, "a"), []string{"b"})...)} }, true, Info, StepDropColumns},
		{"near_constant/no", KindNearConstant, "c", "", func() []data.Column { return []data.Column{mkCat("c", cat(repeat(90, "a"), repeat(10, "b"))...)} }, false, "", ""},
		// 5. high cardinality
		{"high_cardinality/yes", KindHighCardinality, "town", "", func() []data.Column {
			return []data.Column{mkCat("town", labels(300, func(i int) string { return "t" + itoa(i%100) })...)}
		}, true, Warning, StepGroupRare},
		{"high_cardinality/no", KindHighCardinality, "town", "", func() []data.Column {
			return []data.Column{mkCat("town", labels(300, func(i int) string { return "t" + itoa(i%10) })...)}
		}, false, "", ""},
		// 6. identifier-like
		{"identifier/text", KindIdentifier, "code", "", func() []data.Column {
			return []data.Column{mkText("code", labels(30, func(i int) string { return "K" + itoa(i) })...)}
		}, true, Info, StepDropColumns},
		{"identifier/numbering", KindIdentifier, "row", "", func() []data.Column { return []data.Column{mkNum("row", seq(1000, 30)...)} }, true, Warning, StepDropColumns},
		{"identifier/measurements", KindIdentifier, "w", "", func() []data.Column { return []data.Column{mkNum("w", some(30)...)} }, false, "", ""},
		// 7. duplicate rows
		{"duplicates/yes", KindDuplicates, "", "", func() []data.Column {
			return []data.Column{mkNum("a", 1, 2, 1, 3, 1), mkCat("b", "x", "y", "x", "z", "x")}
		}, true, Warning, StepRemoveDuplicates},
		{"duplicates/no", KindDuplicates, "", "", func() []data.Column {
			return []data.Column{mkNum("a", 1, 2, 1, 3, 1), mkCat("b", "x", "y", "w", "z", "v")}
		}, false, "", ""},
		// 8. outliers
		{"outliers/yes", KindOutliers, "x", "", func() []data.Column { return []data.Column{mkNum("x", cat(some(200), []float64{1000, 1200})...)} }, true, Info, StepClip},
		{"outliers/many", KindOutliers, "x", "", func() []data.Column { return []data.Column{mkNum("x", cat(some(180), repeat(20, 1000.0))...)} }, true, Warning, StepClip},
		{"outliers/no", KindOutliers, "x", "", func() []data.Column { return []data.Column{mkNum("x", seq(0, 200)...)} }, false, "", ""},
		// 9. skew
		{"skewed/right", KindSkewed, "x", "", func() []data.Column { return []data.Column{mkNum("x", expo(300)...)} }, true, Info, StepLog1p},
		{"skewed/strong", KindSkewed, "x", "", func() []data.Column { return []data.Column{mkNum("x", cat(some(95), repeat(5, 500.0))...)} }, true, Warning, StepLog1p},
		{"skewed/left", KindSkewed, "x", "", func() []data.Column { return []data.Column{mkNum("x", neg(expo(300))...)} }, true, Info, StepYeoJohnson},
		{"skewed/no", KindSkewed, "x", "", func() []data.Column { return []data.Column{mkNum("x", some(300)...)} }, false, "", ""},
		// 10. many zeros
		{"many_zeros/yes", KindManyZeros, "rain", "", func() []data.Column { return []data.Column{mkNum("rain", cat(repeat(60, 0.0), seq(1, 40))...)} }, true, Info, StepBin},
		{"many_zeros/no", KindManyZeros, "rain", "", func() []data.Column { return []data.Column{mkNum("rain", cat(repeat(10, 0.0), seq(1, 90))...)} }, false, "", ""},
		// 11. mixed types
		{"mixed_types/yes", KindMixedTypes, "dose", "", func() []data.Column {
			return []data.Column{mkCat("dose", cat(labels(40, func(i int) string { return itoa(i % 8) }), []string{"unknown", "n/a!"})...)}
		}, true, Warning, StepChangeType},
		{"mixed_types/no", KindMixedTypes, "dose", "", func() []data.Column {
			return []data.Column{mkCat("dose", cat(repeat(20, "low"), repeat(20, "high"), []string{"3"})...)}
		}, false, "", ""},
		// 12. sentinel codes
		{"sentinel/yes", KindSentinel, "x", "", func() []data.Column { return []data.Column{mkNum("x", cat(some(100), repeat(3, -999.0))...)} }, true, Warning, StepReplaceValues},
		{"sentinel/inside", KindSentinel, "x", "", func() []data.Column {
			return []data.Column{mkNum("x", cat(normal(3, 100, 1000, 50), []float64{999})...)}
		}, false, "", ""},
		// 13. zeros that cannot be real
		{"impossible_zeros/bmi", KindImpossibleZeros, "BMI", "", func() []data.Column { return []data.Column{mkNum("BMI", cat(some(95), repeat(5, 0.0))...)} }, true, Warning, StepReplaceValues},
		{"impossible_zeros/bloodPressure", KindImpossibleZeros, "bloodPressure", "", func() []data.Column { return []data.Column{mkNum("bloodPressure", cat(some(80), repeat(20, 0.0))...)} }, true, Critical, StepReplaceValues},
		{"impossible_zeros/count", KindImpossibleZeros, "visits", "", func() []data.Column { return []data.Column{mkNum("visits", cat(some(95), repeat(5, 0.0))...)} }, false, "", ""},
		// 14. inconsistent spellings
		{"spelling/case", KindSpelling, "sex", "", func() []data.Column {
			return []data.Column{mkCat("sex", cat(repeat(30, "Male"), repeat(5, "male"), repeat(2, "M"), repeat(30, "Female"), repeat(4, "female"))...)}
		}, true, Warning, StepReplaceValues},
		{"spelling/typo", KindSpelling, "city", "", func() []data.Column {
			return []data.Column{mkCat("city", cat(repeat(50, "Berlin"), repeat(2, "Berlni"), repeat(40, "Paris"))...)}
		}, true, Warning, StepReplaceValues},
		{"spelling/distinct", KindSpelling, "leaf", "", func() []data.Column {
			return []data.Column{mkCat("leaf", cat(repeat(30, "lt-normal"), repeat(20, "gt-normal"), repeat(40, "normal"), repeat(9, "abnorm"))...)}
		}, false, "", ""},
		// 15. numbers that are dates
		{"numbers_are_dates/yes", KindNumbersAreDates, "day", "", func() []data.Column {
			return []data.Column{mkNum("day", 20240131, 20240201, 20240202, 20231231, 20240131)}
		}, true, Warning, StepChangeType},
		{"numbers_are_dates/no", KindNumbersAreDates, "day", "", func() []data.Column { return []data.Column{mkNum("day", 20240131, 20240232, 20240202)} }, false, "", ""},
		// 16. numbers that are categories
		{"numbers_are_categories/yes", KindNumbersAreCats, "grade", "", func() []data.Column {
			return []data.Column{mkNum("grade", labelsF(60, func(i int) float64 { return float64(1 + i%3) })...)}
		}, true, Info, StepChangeType},
		{"numbers_are_categories/no", KindNumbersAreCats, "grade", "", func() []data.Column { return []data.Column{mkNum("grade", seq(0, 60)...)} }, false, "", ""},
		// 17. class imbalance
		{"imbalance/warning", KindImbalance, "y", "y", func() []data.Column {
			return []data.Column{mkNum("x", some(100)...), mkCat("y", cat(repeat(90, "no"), repeat(10, "yes"))...)}
		}, true, Warning, StepRebalance},
		{"imbalance/critical", KindImbalance, "y", "y", func() []data.Column {
			return []data.Column{mkNum("x", some(100)...), mkNum("y", cat(repeat(98, 0.0), repeat(2, 1.0))...)}
		}, true, Critical, StepRebalance},
		{"imbalance/balanced", KindImbalance, "y", "y", func() []data.Column {
			return []data.Column{mkNum("x", some(100)...), mkCat("y", cat(repeat(60, "no"), repeat(40, "yes"))...)}
		}, false, "", ""},
		// 18. correlated features
		{"correlated/yes", KindCorrelated, "a", "", func() []data.Column {
			a := some(100)
			return []data.Column{mkNum("a", a...), mkNum("b", plus(scale(a, 2), normal(9, 100, 0, 1))...)}
		}, true, Info, StepDropColumns},
		{"correlated/no", KindCorrelated, "a", "", func() []data.Column {
			return []data.Column{mkNum("a", some(100)...), mkNum("b", normal(11, 100, 0, 1)...)}
		}, false, "", ""},
		// 19. target leakage
		{"leakage/code", KindLeakage, "code", "y", func() []data.Column {
			y := labels(60, func(i int) string { return []string{"a", "b", "c"}[i%3] })
			return []data.Column{mkNum("code", labelsF(60, func(i int) float64 { return float64(i % 3) })...), mkCat("y", y...)}
		}, true, Critical, StepDropColumns},
		{"leakage/separating", KindLeakage, "x", "y", func() []data.Column {
			return []data.Column{mkNum("x", cat(normal(1, 50, 0, 1), normal(2, 50, 100, 1))...), mkCat("y", cat(repeat(50, "a"), repeat(50, "b"))...)}
		}, true, Critical, StepDropColumns},
		{"leakage/regression", KindLeakage, "x", "y", func() []data.Column {
			x := some(50)
			return []data.Column{mkNum("x", x...), mkNum("y", scale(x, 3)...)}
		}, true, Critical, StepDropColumns},
		{"leakage/no", KindLeakage, "x", "y", func() []data.Column {
			return []data.Column{mkNum("x", cat(normal(1, 50, 0, 1), normal(2, 50, 1, 1))...), mkCat("y", cat(repeat(50, "a"), repeat(50, "b"))...)}
		}, false, "", ""},
	}
}

func expo(n int) []float64 {
	u := labelsF(n, func(i int) float64 { return (float64(i) + 0.5) / float64(n) })
	for i, v := range u {
		u[i] = -math.Log(1 - v) // exponential quantiles: skewness about 2
	}
	return u
}

func neg(v []float64) []float64 { return scale(v, -1) }

func scale(v []float64, k float64) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = k * x
	}
	return out
}

func plus(a, b []float64) []float64 {
	out := make([]float64, len(a))
	for i := range a {
		out[i] = a[i] + b[i]
	}
	return out
}

func labelsF(n int, f func(i int) float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = f(i)
	}
	return out
}

func TestAlerts_TriggerAndNot(t *testing.T) {
	for i, c := range alertCases() {
		t.Run(c.name, func(t *testing.T) {
			rep := describeCols(t, c.target, c.cols()...)
			a := alertFor(rep, c.kind, c.column)
			if !c.want {
				if a != nil {
					t.Fatalf("case %d: unexpected %s alert: %s", i, c.kind, a.Message)
				}
				return
			}
			if a == nil {
				t.Fatalf("case %d: no %s alert about %q; got %+v", i, c.kind, c.column, rep.Alerts)
			}
			checkAlert(t, a)
			if a.Severity != c.severity {
				t.Errorf("case %d: severity %s, want %s (%s)", i, a.Severity, c.severity, a.Message)
			}
			step := ""
			if a.Fix != nil {
				step = a.Fix.Step
			}
			if step != c.step {
				t.Errorf("case %d: fix %q, want %q", i, step, c.step)
			}
		})
	}
}
