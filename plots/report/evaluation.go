package report

import (
	"fmt"
	"sort"

	"modelbench/plots"
	"modelbench/plots/evalview"
	"modelbench/workflow/data"
	"modelbench/workflow/eval"
)

// Evaluation builds the evaluation report of a model assessed on a part of
// the data ("test" or "training"), with the discipline warnings and the
// user's reason for choosing the model.
func Evaluation(modelName, part string, as *eval.Assessment, issues []data.Issue, why string, s plots.Style) *Doc {
	d := &Doc{Title: "Evaluation of " + modelName, Subtitle: fmt.Sprintf("%s (%s) on %d rows of the %s part.", modelName, as.Learner, as.Metrics.Rows, part)}
	sum := d.Add("Summary")
	sum.Para("Ranked by %s: %.4f. Why this model was chosen: %s", evalview.MetricLabel(as.Metric), as.Metrics.Metrics[as.Metric], orNone(why))
	for _, is := range append(append([]data.Issue{}, issues...), as.Issues...) {
		sum.Callout(levelOf(is.Level), is.Text)
	}
	metricTable(d.Add("Metrics"), as)
	figs := d.Add("Figures")
	for _, k := range evalview.Kinds(as) {
		if f, err := evalview.Draw(as, k, s); err == nil {
			figs.Fig(f, k)
		}
	}
	thresholds(d, as)
	groups(d, as)
	worst(d, as)
	return d
}

func orNone(s string) string {
	if s == "" {
		return "(no reason was written)"
	}
	return s
}

func levelOf(l string) string {
	if l == "warning" || l == "critical" {
		return l
	}
	return "info"
}

func metricTable(sec *Section, as *eval.Assessment) {
	names := make([]string, 0, len(as.Metrics.Metrics))
	for n := range as.Metrics.Metrics {
		names = append(names, n)
	}
	sort.Strings(names)
	rows := make([][]string, len(names))
	for i, n := range names {
		rows[i] = []string{evalview.MetricLabel(n), fmt.Sprintf("%.4f", as.Metrics.Metrics[n])}
	}
	sec.Table([]string{"metric", "value"}, rows)
	if as.Confusion == nil {
		return
	}
	var cls [][]string
	for k, c := range as.Predictions.Classes {
		cls = append(cls, []string{c, fmt.Sprintf("%.3f", as.Confusion.Precision(k)), fmt.Sprintf("%.3f", as.Confusion.Recall(k)),
			fmt.Sprintf("%.3f", as.Confusion.F1(k)), fmt.Sprint(as.Confusion.Support(k))})
	}
	sec.Table([]string{"class", "precision", "recall", "F1", "rows"}, cls)
}

func thresholds(d *Doc, as *eval.Assessment) {
	if as.Threshold == nil {
		return
	}
	sec := d.Add("Decision threshold")
	sec.Para("A row is called positive (%s) when its probability reaches the threshold. Two useful thresholds:", as.Predictions.Classes[as.Positive])
	var rows [][]string
	best, cheap, half := as.Threshold.BestF1(), as.Threshold.MinCost(), as.Threshold.At(0.5)
	for _, c := range []struct {
		name string
		t    float64
		tp   int
		fp   int
		fn   int
		f1   float64
	}{{"0.5", half.Threshold, half.TP, half.FP, half.FN, half.F1}, {"best F1", best.Threshold, best.TP, best.FP, best.FN, best.F1},
		{"lowest cost", cheap.Threshold, cheap.TP, cheap.FP, cheap.FN, cheap.F1}} {
		rows = append(rows, []string{c.name, fmt.Sprintf("%.3f", c.t), fmt.Sprint(c.tp), fmt.Sprint(c.fp), fmt.Sprint(c.fn), fmt.Sprintf("%.3f", c.f1)})
	}
	sec.Table([]string{"threshold", "value", "true positives", "false alarms", "missed", "F1"}, rows)
}

func groups(d *Doc, as *eval.Assessment) {
	if len(as.Slices) == 0 {
		return
	}
	sec := d.Add("Groups")
	sec.Para("The metric for each group of a column; a group much worse than the whole is flagged.")
	for _, r := range as.Slices {
		var rows [][]string
		for _, g := range r.Groups {
			flag := ""
			if g.Flagged {
				flag = "much worse"
			}
			rows = append(rows, []string{g.Level, fmt.Sprint(g.Rows), fmt.Sprintf("%.4f", g.Score), flag})
		}
		sec.Para("%s by %s (all rows: %.4f)", evalview.MetricLabel(r.Metric), r.Column, r.Overall)
		sec.Table([]string{r.Column, "rows", r.Metric, ""}, rows)
	}
}

func worst(d *Doc, as *eval.Assessment) {
	if as.Worst == nil || len(as.Worst.Rows) == 0 {
		return
	}
	sec := d.Add("Worst-predicted rows")
	sec.Para("Ranked by %s; inputs: %v.", as.Worst.Measure, as.Worst.Columns)
	var rows [][]string
	for _, r := range as.Worst.Rows {
		rows = append(rows, []string{fmt.Sprint(r.Row + 1), r.Truth, r.Prediction, fmt.Sprintf("%.3f", r.Loss), fmt.Sprint(r.Inputs)})
	}
	sec.Table([]string{"row", "true", "predicted", "loss", "inputs"}, rows)
}
