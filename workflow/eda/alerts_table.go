package eda

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"modelbench/workflow/data"
)

// tableAlerts runs the rules that look at rows or at several columns.
func tableAlerts(in *alertInput) []Alert {
	var out []Alert
	if a := duplicatesAlert(in.rep); a != nil {
		out = append(out, *a)
	}
	if a := imbalanceAlert(in); a != nil {
		out = append(out, *a)
	}
	out = append(out, correlatedAlerts(in)...)
	out = append(out, leakageAlerts(in)...)
	return out
}

func duplicatesAlert(rep *Report) *Alert {
	d := rep.Duplicates
	if d.Count == 0 {
		return nil
	}
	ex := make([]string, 0, 3)
	for _, g := range d.Groups[:min(len(d.Groups), 3)] {
		rows := make([]string, len(g))
		for i, r := range g {
			rows[i] = fmt.Sprint(r + 1)
		}
		ex = append(ex, strings.Join(rows, " = "))
	}
	return &Alert{Kind: KindDuplicates, Severity: Warning,
		Message: fmt.Sprintf("%d rows (%.1f%%) repeat an earlier row exactly, for example rows %s (counting from 1).",
			d.Count, pct(d.Count, rep.Rows), strings.Join(ex, "; ")),
		Why: "Repeated rows count twice in training. Worse, when one copy lands in the training part and another in the test part, " +
			"the model is tested on answers it has already seen, so its score looks better than it is.",
		Action: "Remove the repeats, unless each row is a genuine, separate observation that happens to look the same.",
		Fix:    fix(StepRemoveDuplicates)}
}

// classCounts returns the classes of a classification target and their
// counts, most frequent first.
func classCounts(classes *catVec, present int) []ValueCount {
	counts := make([]int, classes.k)
	for _, k := range classes.codes {
		if k >= 0 {
			counts[k]++
		}
	}
	st := ColumnStats{Count: present}
	fillLevels(&st, classes.levels, counts)
	return st.Levels
}

func imbalanceAlert(in *alertInput) *Alert {
	if in.classes == nil {
		return nil
	}
	var tw *colWork
	for i := range in.work {
		if in.work[i].st.Name == in.rep.Target {
			tw = &in.work[i]
		}
	}
	classes := classCounts(in.classes, tw.st.Count)
	if len(classes) < 2 {
		return nil
	}
	big, small := classes[0], classes[len(classes)-1]
	ratio := float64(small.Count) / float64(big.Count)
	if ratio >= ImbalanceRatio {
		return nil
	}
	sev := Warning
	if ratio < SevereImbalanceRatio {
		sev = Critical
	}
	name := tw.st.Name
	return &Alert{Kind: KindImbalance, Column: name, Severity: sev,
		Message: fmt.Sprintf("The rarest class of %s, %q, has %d rows: %.1f%% as many as the most common class %q (%d rows).",
			name, small.Value, small.Count, 100*ratio, big.Value, big.Count),
		Why: "A model can score well by mostly predicting the common class and missing the rare one, which is often the one that matters. " +
			"Accuracy then looks better than the model is.",
		Action: "Judge models by balanced accuracy, F1 or ROC AUC rather than accuracy, split with stratification, " +
			"and consider class weights or resampling (of the training part only).",
		Plot: plot(PlotBar, name), Fix: fix(StepRebalance, "method", "oversample")}
}

// isFeature reports whether the column is an input to the model.
func isFeature(w *colWork, target string) bool {
	return w.st.Role == data.Feature && w.st.Name != target
}

func correlatedAlerts(in *alertInput) []Alert {
	features := map[string]*colWork{}
	for i := range in.work {
		if isFeature(&in.work[i], in.rep.Target) {
			features[in.work[i].st.Name] = &in.work[i]
		}
	}
	var out []Alert
	if c := in.rep.Correlations; c != nil {
		out = append(out, strongPairs(&c.Pearson, CorrelationLimit, features, func(a, b string, r float64) Alert {
			s := c.Spearman.At(indexOf(c.Spearman.Columns, a), indexOf(c.Spearman.Columns, b))
			return correlatedAlert(a, b, features, fmt.Sprintf("Pearson r = %.3f, Spearman ρ = %.3f", r, s), PlotScatter)
		})...)
	}
	if m := in.rep.CramersV; m != nil {
		out = append(out, strongPairs(m, CramerLimit, features, func(a, b string, v float64) Alert {
			return correlatedAlert(a, b, features, fmt.Sprintf("Cramér's V = %.3f", v), PlotHeatmap)
		})...)
	}
	return out
}

// strongPairs calls mk for each pair of features whose |entry| reaches
// limit, strongest first.
func strongPairs(m *Matrix, limit float64, features map[string]*colWork, mk func(a, b string, v float64) Alert) []Alert {
	type pr struct {
		a, b string
		v    float64
	}
	var prs []pr
	for i, a := range m.Columns {
		for j := i + 1; j < len(m.Columns); j++ {
			b := m.Columns[j]
			if v := m.At(i, j); features[a] != nil && features[b] != nil && math.Abs(v) >= limit {
				prs = append(prs, pr{a, b, v})
			}
		}
	}
	sort.SliceStable(prs, func(i, j int) bool { return math.Abs(prs[i].v) > math.Abs(prs[j].v) })
	out := make([]Alert, len(prs))
	for i, p := range prs {
		out[i] = mk(p.a, p.b, p.v)
	}
	return out
}

func correlatedAlert(a, b string, features map[string]*colWork, measure, plotKind string) Alert {
	drop := b // keep the one that says more about the target
	if val(features[a].st.TargetAssociation) < val(features[b].st.TargetAssociation) {
		drop = a
	}
	return Alert{Kind: KindCorrelated, Columns: []string{a, b}, Severity: Info,
		Message: fmt.Sprintf("%s and %s carry nearly the same information (%s).", a, b, measure),
		Why: "Two columns that say the same thing make linear models unstable (their weights can swing wildly and even change sign) " +
			"and split the importance between them, so that neither looks important.",
		Action: fmt.Sprintf("Keep one of them (%s says less about the target), or combine them into one feature.", drop),
		Plot:   plot(plotKind, a, b), Fix: fix(StepDropColumns, "columns", []string{drop})}
}

func leakageAlerts(in *alertInput) []Alert {
	var tw *colWork
	for i := range in.work {
		if in.work[i].st.Name == in.rep.Target {
			tw = &in.work[i]
		}
	}
	if tw == nil || in.rep.Task == "" || in.rep.Task == TaskClassification && in.classes == nil {
		return nil
	}
	var out []Alert
	for i := range in.work {
		w := &in.work[i]
		if !isFeature(w, in.rep.Target) {
			continue
		}
		evidence, leak := leakageEvidence(w, in.classes, in.rep.Task)
		if !leak {
			continue
		}
		out = append(out, Alert{Kind: KindLeakage, Column: w.st.Name, Columns: []string{w.st.Name, in.rep.Target}, Severity: Critical,
			Message: fmt.Sprintf("%s alone predicts the target %s almost perfectly (%s).", w.st.Name, in.rep.Target, evidence),
			Why: "A feature this good is usually a copy or a consequence of the answer: a code for the target, or something only known afterwards. " +
				"A model that leans on it looks perfect in testing and fails in use, where the column is missing or means something else.",
			Action: "Find out what the column means and when it becomes known; drop it if it is derived from the target.",
			Plot:   plot(PlotTarget, w.st.Name, in.rep.Target), Fix: fix(StepDropColumns, "columns", []string{w.st.Name})})
	}
	return out
}

func measureName(m string) string {
	switch m {
	case MeasurePearson:
		return "|Pearson r|"
	case MeasureCorrelationRatio:
		return "correlation ratio η"
	case MeasureCramersV:
		return "Cramér's V"
	}
	return m
}
