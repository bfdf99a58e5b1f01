package eval

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
)

// When a slice of the data counts as doing "much worse" than the whole.
const (
	// SliceMinRows is the smallest slice that can be flagged: on fewer
	// rows a score is too noisy to accuse a group of anything (it is
	// still reported).
	SliceMinRows = 30
	// SliceMaxGap is how far below the overall score a slice may fall on
	// a higher-is-better metric (all of which top out at 1: accuracy, F1,
	// ROC AUC, R², ...) before it is flagged: 0.05, five points of
	// accuracy.
	SliceMaxGap = 0.05
	// SliceMaxLossRatio is how many times the overall loss a slice may
	// reach on a lower-is-better metric (RMSE, MAE, log loss, ...) before
	// it is flagged: 1.25, a quarter worse.
	SliceMaxLossRatio = 1.25
	// SliceMaxLevels caps the groups of a categorical or text column.
	SliceMaxLevels = 50
	// SliceNumericBins is how many quantile groups a numeric column is cut
	// into.
	SliceNumericBins = 4
)

// ErrSlice means a column cannot be used to slice the rows.
var ErrSlice = errors.New("the column cannot be used to slice the rows")

// SliceRow is one group of rows.
type SliceRow struct {
	Level   string  `json:"level"` // the value, "(missing)" or a numeric range "[a, b)"
	Rows    int     `json:"rows"`
	Score   float64 `json:"score"`   // the chosen metric on these rows; NaN when undefined (see Note)
	Flagged bool    `json:"flagged"` // much worse than the whole, on enough rows
	Note    string  `json:"note,omitempty"`
}

// SliceReport holds a metric for each group of one column, next to the
// metric on all rows, for the model card's fairness section.
type SliceReport struct {
	Column  string     `json:"column"`
	Metric  string     `json:"metric"`
	Overall float64    `json:"overall"`
	Groups  []SliceRow `json:"groups"`
}

// Slices scores p separately on the rows of each level of col (which holds
// the same rows as p, in the same order: usually the raw test frame's
// column, such as sex or region). Categorical, boolean and text columns
// give one group per value; numeric columns give SliceNumericBins quantile
// groups; missing values form their own group. A group is flagged when it
// has at least SliceMinRows rows and does much worse than the whole (see
// SliceMaxGap and SliceMaxLossRatio). The metric is a Scorer name ("" is
// the task's default).
func Slices(p *metrics.Predictions, col data.Column, metric string) (*SliceReport, error) {
	if metric == "" {
		metric = metrics.DefaultScorer(p.Task)
	}
	sc, err := metrics.Lookup(metric)
	if err != nil {
		return nil, err
	}
	if col.Len() != p.Rows() {
		return nil, fmt.Errorf("column %q has %d rows, the predictions %d: %w", col.Name(), col.Len(), p.Rows(), ErrSlice)
	}
	overall, err := sc.Score(p)
	if err != nil {
		return nil, err
	}
	levels, groups, err := groupRows(col)
	if err != nil {
		return nil, err
	}
	r := &SliceReport{Column: col.Name(), Metric: metric, Overall: overall}
	for i, rows := range groups {
		row := SliceRow{Level: levels[i], Rows: len(rows)}
		row.Score, err = sc.Score(subset(p, rows))
		switch {
		case err != nil:
			row.Score, row.Note = math.NaN(), err.Error()
		case len(rows) < SliceMinRows:
			row.Note = fmt.Sprintf("only %d rows: too few to judge", len(rows))
		case muchWorse(sc, row.Score, overall):
			row.Flagged = true
			row.Note = fmt.Sprintf("%s is much worse here than on all rows (%.3g against %.3g)", sc.Label, row.Score, overall)
		}
		r.Groups = append(r.Groups, row)
	}
	return r, nil
}

// muchWorse applies SliceMaxGap or SliceMaxLossRatio.
func muchWorse(sc metrics.Scorer, slice, overall float64) bool {
	if sc.HigherIsBetter {
		return slice < overall-SliceMaxGap
	}
	return slice > overall*SliceMaxLossRatio
}

// subset returns the predictions of the given rows.
func subset(p *metrics.Predictions, rows []int) *metrics.Predictions {
	q := &metrics.Predictions{Task: p.Task, Classes: p.Classes,
		Truth: make([]float64, len(rows)), Pred: make([]float64, len(rows))}
	if p.Proba != nil {
		q.Proba = make([][]float64, len(rows))
	}
	for i, r := range rows {
		q.Truth[i], q.Pred[i] = p.Truth[r], p.Pred[r]
		if p.Proba != nil {
			q.Proba[i] = p.Proba[r]
		}
	}
	return q
}

const missingLevel = "(missing)"

// groupRows returns the group names and the rows of each group.
func groupRows(col data.Column) ([]string, [][]int, error) {
	switch c := col.(type) {
	case *data.NumericColumn:
		return numericGroups(c)
	case *data.DatetimeColumn:
		return nil, nil, fmt.Errorf("column %q holds dates; derive a year or month column to slice by: %w", col.Name(), ErrSlice)
	}
	index := map[string]int{}
	var levels []string
	var groups [][]int
	for i := 0; i < col.Len(); i++ {
		v := col.Format(i)
		if col.IsMissing(i) {
			v = missingLevel
		}
		g, ok := index[v]
		if !ok {
			if len(levels) == SliceMaxLevels {
				return nil, nil, fmt.Errorf("column %q has more than %d distinct values: %w", col.Name(), SliceMaxLevels, ErrSlice)
			}
			g = len(levels)
			index[v] = g
			levels = append(levels, v)
			groups = append(groups, nil)
		}
		groups[g] = append(groups[g], i)
	}
	return levels, groups, nil
}

// numericGroups cuts a numeric column at its quantiles; equal edges merge.
func numericGroups(c *data.NumericColumn) ([]string, [][]int, error) {
	var present []float64
	for _, v := range c.Values() {
		if !math.IsNaN(v) {
			present = append(present, v)
		}
	}
	slices.Sort(present)
	var edges []float64 // inner edges, increasing, distinct
	for b := 1; b < SliceNumericBins && len(present) > 0; b++ {
		e := present[b*len(present)/SliceNumericBins]
		if len(edges) == 0 || e > edges[len(edges)-1] {
			if e > present[0] {
				edges = append(edges, e)
			}
		}
	}
	groups := make([][]int, len(edges)+2) // the last group holds missing values
	for i, v := range c.Values() {
		g := len(groups) - 1
		if !math.IsNaN(v) {
			g, _ = slices.BinarySearch(edges, v)
			if g < len(edges) && edges[g] == v {
				g++
			}
		}
		groups[g] = append(groups[g], i)
	}
	var levels []string
	var out [][]int
	for g, rows := range groups {
		if len(rows) == 0 {
			continue
		}
		out = append(out, rows)
		levels = append(levels, rangeLabel(edges, g, len(groups)-1))
	}
	return levels, out, nil
}

func rangeLabel(edges []float64, g, missing int) string {
	f := data.FormatFloat
	switch {
	case g == missing:
		return missingLevel
	case len(edges) == 0:
		return "all values"
	case g == 0:
		return "below " + f(edges[0])
	case g == len(edges):
		return f(edges[g-1]) + " and above"
	}
	return strings.Join([]string{"[", f(edges[g-1]), ", ", f(edges[g]), ")"}, "")
}
