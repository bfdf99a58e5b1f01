package eda

import (
	"fmt"
	"math"

	"modelbench/workflow/data"
)

// alertInput is what the alert rules read.
type alertInput struct {
	rep     *Report
	work    []colWork
	classes *catVec // the target's classes; nil unless it holds classes
}

// buildAlerts runs every rule and orders the findings.
func buildAlerts(in *alertInput) []Alert {
	var out []Alert
	order := map[string]int{}
	for i := range in.work {
		w := &in.work[i]
		order[w.st.Name] = i
		out = append(out, columnAlerts(w, w.st.Name == in.rep.Target)...)
	}
	out = append(out, tableAlerts(in)...)
	if out == nil {
		out = []Alert{}
	}
	sortAlerts(out, order)
	return out
}

// columnAlerts runs the one-column rules. Identifier and ignored columns
// only get the rules that could change their role or type.
func columnAlerts(w *colWork, isTarget bool) []Alert {
	st := w.st
	var out []Alert
	add := func(a *Alert) {
		if a != nil {
			out = append(out, *a)
		}
	}
	if isTarget {
		add(targetMissingAlert(st))
	} else {
		add(missingAlert(st))
	}
	add(identifierAlert(w))
	add(mixedTypesAlert(w))
	if st.Role == data.Identifier || st.Role == data.Ignored {
		return out
	}
	if c := constantAlert(w); c != nil {
		return append(out, *c)
	}
	add(sentinelAlert(w))
	add(impossibleZerosAlert(w))
	out = append(out, spellingAlerts(w)...)
	add(datesLikeAlert(w))
	if isTarget {
		return out
	}
	add(nearConstantAlert(w))
	add(highCardinalityAlert(w))
	add(outlierAlert(w))
	add(skewAlert(w))
	add(zerosAlert(w))
	add(categoryLikeAlert(w))
	return out
}

func pct(part, whole int) float64 {
	if whole == 0 {
		return 0
	}
	return 100 * float64(part) / float64(whole)
}

func plot(kind string, cols ...string) *Plot { return &Plot{Kind: kind, Columns: cols} }

func fix(step string, kv ...any) *Fix {
	f := &Fix{Step: step, Params: map[string]any{}}
	for i := 0; i+1 < len(kv); i += 2 {
		f.Params[kv[i].(string)] = kv[i+1]
	}
	return f
}

func missingAlert(st *ColumnStats) *Alert {
	rows := st.Count + st.Missing
	if st.Missing == 0 || st.Count == 0 {
		return nil
	}
	share := float64(st.Missing) / float64(rows)
	a := &Alert{Kind: KindMissing, Column: st.Name, Severity: Info,
		Message: fmt.Sprintf("%s is missing in %d of %d rows (%.1f%%).", st.Name, st.Missing, rows, 100*share),
		Why: "Most models cannot use a row with a missing value, so the gaps must be filled in or the rows dropped. " +
			"Values are often missing for a reason (a test not done, a question skipped); then the gaps themselves carry information that filling them in with a typical value would hide.",
		Action: "Fill in the gaps (the median for numbers, the most frequent value for categories) and add an indicator column that says where they were; drop the column if most of it is missing.",
		Plot:   plot(PlotMissing, st.Name)}
	switch {
	case share >= MissingCriticalShare:
		a.Severity = Critical
	case share >= MissingWarnShare:
		a.Severity = Warning
	}
	strategy := "median"
	if st.Type != data.Numeric {
		strategy = "most_frequent"
	}
	a.Fix = fix(StepImpute, "columns", []string{st.Name}, "strategy", strategy, "indicator", share >= MissingWarnShare)
	if share > MissingDropShare {
		a.Fix = fix(StepDropColumns, "columns", []string{st.Name})
	}
	return a
}

func targetMissingAlert(st *ColumnStats) *Alert {
	if st.Missing == 0 || st.Count == 0 {
		return nil
	}
	rows := st.Count + st.Missing
	sev := Warning
	if float64(st.Missing) >= MissingCriticalShare*float64(rows) {
		sev = Critical
	}
	return &Alert{Kind: KindTargetMissing, Column: st.Name, Severity: sev,
		Message: fmt.Sprintf("The target %s is missing in %d of %d rows (%.1f%%).", st.Name, st.Missing, rows, pct(st.Missing, rows)),
		Why:     "A row without the answer cannot teach a model anything, nor check one; those rows are left out of training and testing, so there is less data than the row count suggests.",
		Action:  "Find the missing answers if you can; otherwise accept that these rows are not used. Do not fill in a target with a typical value.",
		Plot:    plot(PlotMissing, st.Name)}
}

// topShare returns the most frequent value of a column and its share of
// the present values.
func topShare(w *colWork) (string, float64) {
	if w.col.Kind() == data.Numeric {
		return data.FormatFloat(w.facts.topValue), w.facts.topShare
	}
	if len(w.st.Top) == 0 {
		return "", 0
	}
	return w.st.Top[0].Value, w.st.Top[0].Share
}

func constantAlert(w *colWork) *Alert {
	st := w.st
	if st.Count == 0 {
		return &Alert{Kind: KindConstant, Column: st.Name, Severity: Critical,
			Message: fmt.Sprintf("%s has no values at all: every one of its %d rows is empty.", st.Name, st.Missing),
			Why:     "An empty column carries no information; it only takes space and can break steps that expect values.",
			Action:  "Drop the column.", Plot: plot(PlotMissing, st.Name),
			Fix: fix(StepDropColumns, "columns", []string{st.Name})}
	}
	if st.Unique != 1 {
		return nil
	}
	v, _ := topShare(w)
	return &Alert{Kind: KindConstant, Column: st.Name, Severity: Warning,
		Message: fmt.Sprintf("%s has the same value (%s) in all %d rows that have one.", st.Name, v, st.Count),
		Why:     "A column that never changes cannot help a model tell rows apart; it only adds work, and some methods (scaling, correlation) fail on it.",
		Action:  "Drop the column.", Plot: plot(barOrHist(st), st.Name),
		Fix: fix(StepDropColumns, "columns", []string{st.Name})}
}

func barOrHist(st *ColumnStats) string {
	if st.Type == data.Numeric && st.Unique > MaxCategoryLikeValues {
		return PlotHistogram
	}
	return PlotBar
}

func nearConstantAlert(w *colWork) *Alert {
	st := w.st
	v, share := topShare(w)
	if st.Unique < 2 || share < NearConstantShare {
		return nil
	}
	return &Alert{Kind: KindNearConstant, Column: st.Name, Severity: Info,
		Message: fmt.Sprintf("%s is %s in %.1f%% of the rows that have a value; only %d rows differ.", st.Name, v, 100*share, st.Count-int(math.Round(share*float64(st.Count)))),
		Why:     "With almost no variation a model can learn little from the column, and it may latch on to the few different rows, which are often errors or rare special cases.",
		Action:  "Look at the rare values: keep the column if they matter (a rare but important condition), otherwise drop it.",
		Plot:    plot(barOrHist(st), st.Name), Fix: fix(StepDropColumns, "columns", []string{st.Name})}
}

func highCardinalityAlert(w *colWork) *Alert {
	st := w.st
	if (st.Type != data.Categorical && st.Type != data.Text) || st.Unique >= st.Count {
		return nil
	}
	if st.Unique <= HighCardinalityLevels || float64(st.Unique) <= HighCardinalityShare*float64(st.Count) {
		return nil
	}
	return &Alert{Kind: KindHighCardinality, Column: st.Name, Severity: Warning,
		Message: fmt.Sprintf("%s has %d different values over %d rows (%d of them rare).", st.Name, st.Unique, st.Count, len(st.RareLevels)),
		Why: "A model needs several examples of a value to learn what it means. With this many values most are seen only a few times, so the model memorises them instead of learning, " +
			"and new data will bring values it has never seen.",
		Action: "Group the rare values into one 'other' value, or derive a coarser feature (a region instead of a town).",
		Plot:   plot(PlotBar, st.Name), Fix: fix(StepGroupRare, "columns", []string{st.Name}, "min_share", RareShare)}
}

func identifierAlert(w *colWork) *Alert {
	st := w.st
	if st.Count < IdentifierMinRows || st.Unique != st.Count {
		return nil
	}
	switch st.Type {
	case data.Categorical, data.Text:
	case data.Numeric:
		lo, hi := val(st.Min), val(st.Max)
		if !st.Integer || hi-lo+1 > 2*float64(st.Count) {
			return nil // distinct measurements, not a numbering
		}
	default:
		return nil
	}
	sev := Warning
	if st.Role == data.Identifier || st.Role == data.Ignored {
		sev = Info
	}
	return &Alert{Kind: KindIdentifier, Column: st.Name, Severity: sev,
		Message: fmt.Sprintf("Every one of the %d values of %s is different: it looks like a row identifier (its role is %s).", st.Count, st.Name, st.Role),
		Why: "A value that is different in every row names the row rather than describing it. A model can only memorise it, " +
			"which looks perfect on the training rows and is useless on new ones.",
		Action: "Give the column the identifier role (or drop it) so that it is not used as a feature.",
		Plot:   plot(PlotBar, st.Name), Fix: fix(StepDropColumns, "columns", []string{st.Name})}
}
