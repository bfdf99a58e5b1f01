package docs

import (
	"fmt"
	"strings"

	"modelbench/plots"
	"modelbench/plots/evalview"
	"modelbench/plots/explore"
	"modelbench/plots/modelview"
	"modelbench/plots/report"
	"modelbench/workflow/deploy"
	"modelbench/workflow/eval/metrics"
)

// GapMark starts the value of a form field nobody has answered yet, in
// every form of every document.
const GapMark = report.GapPrefix + " not answered yet."

// toReport turns a deploy document into a report Doc, drawing the figures
// it names (a figure that does not apply, or cannot be drawn, is left out).
func (in *Inputs) toReport(d *deploy.Document, s plots.Style) *report.Doc {
	out := &report.Doc{Title: d.Title, Subtitle: d.Subtitle, Created: in.Created}
	for _, sec := range d.Sections {
		rs := out.Add(sec.Heading)
		for _, b := range sec.Blocks {
			in.addBlock(rs, b, s)
		}
	}
	return out
}

func (in *Inputs) addBlock(rs *report.Section, b deploy.Block, s plots.Style) {
	switch {
	case b.Figure != "":
		if f := in.figure(b.Figure, s); f != nil {
			rs.Fig(f, b.Caption)
		}
	case b.Fields != nil:
		rows := make([][]string, len(b.Fields))
		for i, f := range b.Fields {
			v := f.Value
			if f.Gap {
				v = GapMark + " " + f.Help
				if f.Suggested != "" {
					v += " Suggested from the project: " + f.Suggested
				}
			}
			rows[i] = []string{f.Label, v}
		}
		rs.Table([]string{"field", "value"}, rows)
	case b.Table != nil:
		rs.Table(b.Table.Header, b.Table.Rows)
	case b.Items != nil:
		rs.List(b.Items...)
	case b.Level != "":
		rs.Callout(b.Level, b.Text)
	default:
		rs.Para("%s", b.Text)
	}
}

// figure draws the figure a key names, or returns nil.
func (in *Inputs) figure(key string, s plots.Style) *plots.Figure {
	var f *plots.Figure
	var err error
	switch {
	case key == deploy.FigLeaderboard && in.Board != nil:
		f, err = modelview.Leaderboard(in.Board, s)
	case key == deploy.FigMissing && in.Exploration != nil:
		f, err = explore.Missing(in.Exploration, s)
	case strings.HasPrefix(key, deploy.FigSlicesPrefix) && in.Evaluation != nil:
		f, err = in.sliceFigure(strings.TrimPrefix(key, deploy.FigSlicesPrefix), s)
	case strings.HasPrefix(key, deploy.FigEvaluationPrefix) && in.Evaluation != nil:
		f, err = evalview.Draw(in.Evaluation.Assessment, strings.TrimPrefix(key, deploy.FigEvaluationPrefix), s)
	default:
		return nil
	}
	if err != nil {
		return nil
	}
	return f
}

// sliceFigure draws the metric of every group of one column as bars, with
// the score on all rows as the dashed reference line.
func (in *Inputs) sliceFigure(column string, s plots.Style) (*plots.Figure, error) {
	as := in.Evaluation.Assessment
	for _, r := range as.Slices {
		if r.Column != column {
			continue
		}
		scores := []plots.Score{{Name: "all rows", Mean: r.Overall, Baseline: true}}
		for _, g := range r.Groups {
			scores = append(scores, plots.Score{Name: fmt.Sprintf("%s (%d rows)", g.Level, g.Rows), Mean: g.Score})
		}
		label := evalview.MetricLabel(r.Metric)
		sc, err := metrics.Lookup(r.Metric)
		if err != nil {
			return nil, err
		}
		return plots.Leaderboard(scores, plots.LeaderboardOptions{Title: label + " by " + column, Metric: label,
			LowerIsBetter: !sc.HigherIsBetter, Axis: label + " on the test rows", Reference: "all rows", Style: s})
	}
	return nil, fmt.Errorf("no groups of %q: %w", column, plots.ErrNothingToDraw)
}
