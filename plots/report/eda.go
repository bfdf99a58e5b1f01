package report

import (
	"fmt"
	"sort"

	"modelbench/plots"
	"modelbench/plots/explore"
	"modelbench/workflow/data"
	"modelbench/workflow/eda"
)

// MaxAlertFigures and MaxTargetFigures bound the figures of an exploration
// report so that a wide table still gives a readable, quick report.
const (
	MaxAlertFigures  = 15
	MaxTargetFigures = 10
	MaxColumnDetails = 40
)

// EDA builds the exploration report of a table from its eda report.
func EDA(t *data.Table, r *eda.Report, s plots.Style) *Doc {
	d := &Doc{Title: "Exploration of " + r.Source, Subtitle: edaSubtitle(r)}
	overview(d.Add("Overview"), r)
	alerts(d.Add("Alerts"), t, r, s)
	columns(d.Add("Columns"), t, r, s)
	relations(d.Add("Relations between columns"), t, r, s)
	return d
}

func edaSubtitle(r *eda.Report) string {
	target := "no target chosen"
	if r.Target != "" {
		target = fmt.Sprintf("target %q (%s)", r.Target, r.Task)
	}
	return fmt.Sprintf("%d rows, %d columns, %s, %d alerts.", r.Rows, len(r.Columns), target, len(r.Alerts))
}

func overview(sec *Section, r *eda.Report) {
	missing := 0
	for _, c := range r.Columns {
		missing += c.Missing
	}
	sec.Para("The table has %d rows and %d columns; %d cells are missing and %d rows repeat an earlier row exactly.",
		r.Rows, len(r.Columns), missing, r.Duplicates.Count)
	rows := make([][]string, 0, len(r.Columns))
	for _, c := range r.Columns {
		rows = append(rows, []string{c.Name, c.Type.String(), c.Label, c.Role.String(), fmt.Sprint(c.Missing),
			fmt.Sprintf("%.1f%%", c.MissingPct), fmt.Sprint(c.Unique), summaryOf(c)})
	}
	sec.Table([]string{"column", "type", "looks like", "role", "missing", "missing %", "unique", "summary"}, rows)
}

// summaryOf is a one-cell description: the range and mean of a number,
// the most frequent value of a category.
func summaryOf(c eda.ColumnStats) string {
	switch {
	case c.Mean != nil && c.Min != nil && c.Max != nil:
		return fmt.Sprintf("mean %.4g, from %.4g to %.4g", *c.Mean, *c.Min, *c.Max)
	case len(c.Top) > 0:
		return fmt.Sprintf("most often %q (%d)", c.Top[0].Value, c.Top[0].Count)
	case c.Dates != nil:
		return c.Dates.First + " to " + c.Dates.Last
	}
	return ""
}

func alerts(sec *Section, t *data.Table, r *eda.Report, s plots.Style) {
	if len(r.Alerts) == 0 {
		sec.Para("No data-quality alert was raised.")
		return
	}
	sec.Para("Each alert says what was found, why it matters for a model and what to do. The most serious come first.")
	figs := 0
	for _, a := range r.Alerts {
		sec.Callout(string(a.Severity), a.Message)
		sec.List("Why it matters: "+a.Why, "What to do: "+a.Action)
		if a.Plot != nil && a.Severity != eda.Info && figs < MaxAlertFigures {
			if f, err := explore.ForAlert(t, r, a, s); err == nil {
				sec.Fig(f, "Evidence: "+a.Message)
				figs++
			}
		}
	}
}

func columns(sec *Section, t *data.Table, r *eda.Report, s plots.Style) {
	for i, c := range r.Columns {
		if i == MaxColumnDetails {
			sec.Para("(%d more columns are summarised in the overview table.)", len(r.Columns)-i)
			break
		}
		if f, err := explore.Column(t, r, c.Name, s); err == nil {
			sec.Fig(f, fmt.Sprintf("%s: %s, %s", c.Name, c.Label, summaryOf(c)))
		}
	}
	if r.Target == "" {
		return
	}
	ranked := append([]eda.ColumnStats(nil), r.Columns...)
	sort.SliceStable(ranked, func(i, j int) bool { return assoc(ranked[i]) > assoc(ranked[j]) })
	n := 0
	for _, c := range ranked {
		if c.Name == r.Target || c.TargetAssociation == nil || n == MaxTargetFigures {
			continue
		}
		if f, err := explore.VersusTarget(t, r, c.Name, s); err == nil {
			sec.Fig(f, fmt.Sprintf("%s against the target (association %.2f, %s)", c.Name, *c.TargetAssociation, c.AssociationMeasure))
			n++
		}
	}
}

func assoc(c eda.ColumnStats) float64 {
	if c.TargetAssociation == nil {
		return -1
	}
	return *c.TargetAssociation
}

func relations(sec *Section, t *data.Table, r *eda.Report, s plots.Style) {
	if f, err := explore.Correlations(r, false, s); err == nil {
		sec.Fig(f, "Pearson correlation between numeric columns")
	}
	if f, err := explore.Missing(r, s); err == nil {
		sec.Fig(f, "Share of missing values per column")
	}
	if cols := explore.DefaultPairColumns(r); len(cols) > 1 {
		if f, err := explore.Pair(t, cols, r.Target, s); err == nil {
			sec.Fig(f, "Pairs of the numeric columns most associated with the target")
		}
	}
}
