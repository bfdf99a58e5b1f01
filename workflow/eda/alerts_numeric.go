package eda

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"unicode"

	"modelbench/workflow/data"
)

func outlierAlert(w *colWork) *Alert {
	st, o := w.st, w.st.Outliers
	if o == nil || o.RobustZCount == 0 || float64(o.RobustZCount) < OutlierMinShare*float64(st.Count) {
		return nil
	}
	sev := Info
	if float64(o.RobustZCount) >= OutlierWarnShare*float64(st.Count) {
		sev = Warning
	}
	return &Alert{Kind: KindOutliers, Column: st.Name, Severity: sev,
		Message: fmt.Sprintf("%s has %d values (%.1f%%) outside Tukey's fences [%s, %s] and %d (%.1f%%) with a robust z-score above %g (median %s, MAD %s).",
			st.Name, o.IQRCount, pct(o.IQRCount, st.Count), fmtNum(o.LowerFence), fmtNum(o.UpperFence),
			o.RobustZCount, pct(o.RobustZCount, st.Count), RobustZLimit, fmtNum(val(st.Median)), fmtNum(o.MAD)),
		Why: "Extreme values pull averages, spreads and linear models towards themselves. Some are typing or unit errors, some are a different kind of case, " +
			"and some are real and important; tree-based models mind them least.",
		Action: "Look at the extreme rows: correct errors, keep genuine extremes, or cap the column at a low and a high percentile.",
		Plot:   plot(PlotBox, st.Name),
		Fix:    fix(StepClip, "columns", []string{st.Name}, "lower_quantile", 0.01, "upper_quantile", 0.99)}
}

func fmtNum(v float64) string { return data.FormatFloat(roundSig(v, 6)) }

// roundSig rounds v to d significant digits, for messages.
func roundSig(v float64, d int) float64 {
	if v == 0 || math.IsNaN(v) || math.IsInf(v, 0) {
		return v
	}
	p := math.Pow(10, float64(d-1)-math.Floor(math.Log10(math.Abs(v))))
	return math.Round(v*p) / p
}

func skewAlert(w *colWork) *Alert {
	st := w.st
	g := val(st.Skew)
	if st.Type != data.Numeric || math.IsNaN(g) || math.Abs(g) <= SkewLimit || st.Unique <= MaxCategoryLikeValues {
		return nil
	}
	sev, side := Info, "right (a long tail of large values)"
	if math.Abs(g) > StrongSkewLimit {
		sev = Warning
	}
	if g < 0 {
		side = "left (a long tail of small values)"
	}
	f := fix(StepYeoJohnson, "columns", []string{st.Name})
	if val(st.Min) >= 0 && g > 0 {
		f = fix(StepLog1p, "columns", []string{st.Name})
	}
	return &Alert{Kind: KindSkewed, Column: st.Name, Severity: sev,
		Message: fmt.Sprintf("%s is skewed to the %s: skewness %.2f, mean %s against median %s.", st.Name, side, g, fmtNum(val(st.Mean)), fmtNum(val(st.Median))),
		Why: "A long tail squeezes most values into a narrow range and gives the few far ones great weight. Linear models, k-nearest neighbours and " +
			"neural networks work better when values are spread more evenly; trees do not mind.",
		Action: "Try a log transform (for values of zero or more) or a Yeo–Johnson transform, and compare the models.",
		Plot:   plot(PlotHistogram, st.Name), Fix: f}
}

func zerosAlert(w *colWork) *Alert {
	st := w.st
	if st.Zeros == nil || float64(*st.Zeros) < ZerosShare*float64(st.Count) || st.Unique <= 2 || w.facts.topShare >= NearConstantShare {
		return nil
	}
	return &Alert{Kind: KindManyZeros, Column: st.Name, Severity: Info,
		Message: fmt.Sprintf("%s is 0 in %d of %d rows (%.1f%%).", st.Name, *st.Zeros, st.Count, pct(*st.Zeros, st.Count)),
		Why: "When most values are zero the column mixes two questions: is there any amount at all, and if so how much. " +
			"A model may learn better from the two separately; and if zero stands for 'not recorded', it is a missing value in disguise.",
		Action: "Check what zero means. Consider binning the column or adding a yes/no 'is zero' feature.",
		Plot:   plot(PlotHistogram, st.Name),
		Fix:    fix(StepBin, "columns", []string{st.Name}, "strategy", "quantile", "n_bins", 5)}
}

func sentinelAlert(w *colWork) *Alert {
	st := w.st
	if st.Outliers == nil || len(w.facts.sentinels) == 0 {
		return nil
	}
	var codes []float64
	total := 0
	for s, c := range w.facts.sentinels {
		// A code is only suspicious when it stands apart from the rest.
		if (s < st.Outliers.LowerFence || s > st.Outliers.UpperFence) && c < st.Count {
			codes = append(codes, s)
			total += c
		}
	}
	if len(codes) == 0 {
		return nil
	}
	sort.Float64s(codes)
	list := make([]string, len(codes))
	vals := make([]string, len(codes))
	for i, s := range codes {
		list[i] = fmt.Sprintf("%s (%d rows)", data.FormatFloat(s), w.facts.sentinels[s])
		vals[i] = data.FormatFloat(s)
	}
	return &Alert{Kind: KindSentinel, Column: st.Name, Severity: Warning,
		Message: fmt.Sprintf("%s holds %s, a code often typed for 'unknown', far outside its other values.", st.Name, strings.Join(list, " and ")),
		Why: "If the code means 'unknown', every statistic and model treats it as a real, extreme measurement: " +
			"the average shifts, and the model learns a pattern that does not exist.",
		Action: "If it is a missing-value code, turn it into a missing value and then fill the gaps in.",
		Plot:   plot(PlotBox, st.Name),
		Fix:    fix(StepReplaceValues, "column", st.Name, "values", strings.Join(vals, ", "), "with", "")}
}

// impossibleZeroWords are name parts of measurements that cannot be zero
// in a living person, animal or thing; prefixes match longer words
// (pres → pressure, insu → insulin).
var (
	impossibleZeroWords    = []string{"age", "bmi", "bp", "mass", "weight", "height", "skin", "pulse", "length", "width", "depth"}
	impossibleZeroPrefixes = []string{"pres", "plas", "insu", "gluc", "chol", "thick", "diastol", "systol"}
)

// nameTokens splits a column name into lower-case words at non-letters and
// lower-to-upper case changes.
func nameTokens(name string) []string {
	var out []string
	var cur []rune
	prev := rune(0)
	flush := func() {
		if len(cur) > 0 {
			out = append(out, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	for _, r := range name {
		switch {
		case !unicode.IsLetter(r):
			flush()
		case unicode.IsUpper(r) && unicode.IsLower(prev):
			flush()
			cur = append(cur, r)
		default:
			cur = append(cur, r)
		}
		prev = r
	}
	flush()
	return out
}

func impossibleZeroName(name string) (string, bool) {
	for _, t := range nameTokens(name) {
		for _, w := range impossibleZeroWords {
			if t == w {
				return t, true
			}
		}
		for _, p := range impossibleZeroPrefixes {
			if strings.HasPrefix(t, p) {
				return t, true
			}
		}
	}
	return "", false
}

func impossibleZerosAlert(w *colWork) *Alert {
	st := w.st
	if st.Zeros == nil || *st.Zeros == 0 || *st.Negatives > 0 || *st.Zeros == st.Count {
		return nil
	}
	word, ok := impossibleZeroName(st.Name)
	if !ok {
		return nil
	}
	z := *st.Zeros
	sev := Warning
	if z*10 >= st.Count {
		sev = Critical
	}
	return &Alert{Kind: KindImpossibleZeros, Column: st.Name, Severity: sev,
		Message: fmt.Sprintf("%s is 0 in %d of %d rows (%.1f%%), but a %s of 0 is not possible; the smallest other value is %s.",
			st.Name, z, st.Count, pct(z, st.Count), word, fmtNum(w.facts.minPositive)),
		Why: "A zero where zero cannot happen almost always stands for 'not measured'. Left as it is, a model treats it as a real and extreme measurement, " +
			"and averages come out too low.",
		Action: "Turn these zeros into missing values, then fill them in (for example with the median) and add an indicator column.",
		Plot:   plot(PlotHistogram, st.Name),
		Fix:    fix(StepReplaceValues, "column", st.Name, "values", "0", "with", "")}
}

func datesLikeAlert(w *colWork) *Alert {
	st := w.st
	if !w.facts.dateLike {
		return nil
	}
	return &Alert{Kind: KindNumbersAreDates, Column: st.Name, Severity: Warning,
		Message: fmt.Sprintf("%s holds whole numbers from %s to %s that all read as dates written yyyymmdd.", st.Name, fmtNum(val(st.Min)), fmtNum(val(st.Max))),
		Why: "Read as numbers, 20240131 and 20240201 are 70 apart although they are one day apart, so a model gets the distances between dates wrong " +
			"and cannot see months or weekdays.",
		Action: "Change the column type to date, then derive features such as the year, the month or the day of the week.",
		Plot:   plot(PlotHistogram, st.Name), Fix: fix(StepChangeType, "column", st.Name, "type", data.Datetime.String())}
}

func categoryLikeAlert(w *colWork) *Alert {
	st := w.st
	if st.Type != data.Numeric || !st.Integer || w.facts.dateLike || st.Unique < 3 || st.Unique > MaxCategoryLikeValues ||
		st.Count < CategoryLikeMinRows*st.Unique {
		return nil
	}
	vals := make([]string, 0, len(st.Top))
	for _, t := range st.Top {
		vals = append(vals, t.Value)
	}
	return &Alert{Kind: KindNumbersAreCats, Column: st.Name, Severity: Info,
		Message: fmt.Sprintf("%s has only %d different whole numbers (%s).", st.Name, st.Unique, strings.Join(vals, ", ")),
		Why: "Numbers such as 1, 2, 3 may be codes that name groups rather than amounts. Read as numbers, a model assumes that 3 is more than 1 " +
			"and that the steps are equal, which is wrong for codes.",
		Action: "If the numbers are labels, change the type to categorical; if they are counts or ordered levels, keep them as numbers.",
		Plot:   plot(PlotBar, st.Name), Fix: fix(StepChangeType, "column", st.Name, "type", data.Categorical.String())}
}
