package workflow

import (
	"fmt"
	"math"
	"slices"
	"strings"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy"
	"modelbench/workflow/eda"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// DeployFacts copies what the project knows into the plain facts the
// deployment checklist judges and the documents are written from. Stages
// that have not run leave their part nil, so nothing is claimed that the
// project does not know. Results that are out of date are marked so: the
// chosen model when the data or preparation changed after it was trained
// (ModelStale), the evaluation when the model changed after it (Test.Stale).
func (p *Project) DeployFacts() deploy.Facts {
	doc := p.Document()
	t, pr, tr, ev, ex := p.Table(), p.Preparation(), p.Training(), p.Evaluation(), p.Exploration()
	var chosen *artifact.Artifact
	if tr != nil {
		chosen = tr.Chosen
	}
	f := deploy.Facts{TestLog: slices.Clone(doc.Evaluate.TestLog.Models), Explored: ex != nil,
		Reproduced: doc.Deploy.Checklist.Clone().Reproduced, Exports: doc.Deploy.Checklist.Clone().Exports}
	if chosen != nil {
		f.Fingerprint, _ = deploy.Fingerprint(chosen)
		f.ModelStale = p.Status(StageTrain) == Stale
	}
	for _, e := range doc.Journal {
		f.Journal = append(f.Journal, deploy.JournalEntry{Time: e.Time, Stage: e.Stage, What: e.What, Why: e.Why})
	}
	vs, current := p.ModelVersions()
	f.Version = current
	for _, v := range vs {
		vf := deploy.VersionFact{Version: v.Version, Time: v.Time, Source: v.Source, LearnRows: v.LearnRows, CompareRows: v.CompareRows,
			Metric: v.Metric, Before: math.NaN(), After: math.NaN(), Comparison: v.Comparison, Why: v.Why}
		if a, ok := v.Metrics[v.Metric]; ok {
			vf.After = a
		}
		if b, ok := v.Previous[v.Metric]; ok {
			vf.Before = b
		}
		f.Versions = append(f.Versions, vf)
	}
	if t == nil {
		return f
	}
	f.Target, _ = t.Schema.Target()
	if c, ok := t.Frame.Lookup(f.Target); ok {
		f.Task = model.InferTask(c).String()
	}
	f.Data = dataFacts(doc.Data, t, ex, pr)
	f.Columns = columnFacts(t, ex, doc.Columns, chosen)
	if ex != nil {
		f.Alerts = alertFacts(ex.Alerts)
	}
	if pr != nil {
		f.Task = pr.Task.String()
		f.Split = splitFacts(p.SplitSpec(), pr)
		f.Preparation = p.prepFacts(pr, tr)
	}
	for _, r := range doc.Train.Tuning {
		tf := deploy.TuneFact{Learner: r.Learner, Method: r.Method, Metric: r.Metric, Trials: len(r.Trials), Used: r.Used}
		if len(r.Trials) > 0 {
			tf.Best, tf.Score = r.Trials[0].Label, r.Trials[0].Score
		}
		f.Tuning = append(f.Tuning, tf)
	}
	if tr != nil && tr.Board != nil {
		f.Board = boardFacts(tr, doc.Train)
		f.Baseline = baselineFacts(tr.Board, doc.Train.Chosen)
	}
	if chosen != nil {
		f.Model = modelFacts(chosen, doc.Train.Chosen)
	}
	if ev != nil && ev.Assessment != nil {
		stale := p.Status(StageEvaluate) == Stale
		f.Test = testFacts(ev, stale)
		if !stale {
			f.Test.Fingerprint = f.Fingerprint
		}
		f.Costs = costFacts(ev.Assessment, doc.Evaluate, stale)
	}
	return f
}

func dataFacts(ref *DataRef, t *data.Table, ex *eda.Report, pr *PrepareResult) *deploy.DataFacts {
	d := &deploy.DataFacts{Source: t.Source, Rows: t.Frame.NumRows(), Cols: t.Frame.NumCols()}
	if ref != nil {
		d.Source, d.SHA256 = ref.Name(), ref.SHA256
	}
	if pr != nil {
		d.NoTarget = pr.Dropped
	}
	for _, is := range t.Issues {
		d.Issues = append(d.Issues, is.Text)
	}
	for _, c := range t.Frame.Columns() {
		dc, ok := c.(*data.DatetimeColumn)
		if !ok {
			continue
		}
		if ex != nil {
			if cs := ex.Column(c.Name()); cs != nil && cs.Dates != nil {
				d.TimeSpans = append(d.TimeSpans, deploy.TimeSpan{Column: c.Name(), First: cs.Dates.First, Last: cs.Dates.Last})
				continue
			}
		}
		if span, ok := timeSpan(dc); ok {
			d.TimeSpans = append(d.TimeSpans, span)
		}
	}
	return d
}

// timeSpan finds a date-time column's first and last instant.
func timeSpan(c *data.DatetimeColumn) (deploy.TimeSpan, bool) {
	lo, hi := -1, -1
	v := c.UnixNanos()
	for i := range v {
		if c.IsMissing(i) {
			continue
		}
		if lo < 0 || v[i] < v[lo] {
			lo = i
		}
		if hi < 0 || v[i] > v[hi] {
			hi = i
		}
	}
	if lo < 0 {
		return deploy.TimeSpan{}, false
	}
	return deploy.TimeSpan{Column: c.Name(), First: c.Format(lo), Last: c.Format(hi)}, true
}

func columnFacts(t *data.Table, ex *eda.Report, choices []ColumnChoice, chosen *artifact.Artifact) []deploy.ColumnFact {
	input := map[string]bool{}
	if chosen != nil {
		for _, in := range chosen.Input {
			input[in.Name] = true
		}
	}
	out := make([]deploy.ColumnFact, 0, len(t.Schema.Fields))
	for _, fl := range t.Schema.Fields {
		c := deploy.ColumnFact{Name: fl.Name, Type: fl.Kind.String(), Label: fl.Label, Role: fl.Role.String(),
			TypeReason: fl.TypeReason, RoleReason: fl.RoleReason, Input: input[fl.Name],
			Identifier: fl.Role == data.Identifier || fl.Label == data.LabelIdentifier}
		if i := slices.IndexFunc(choices, func(ch ColumnChoice) bool { return ch.Name == fl.Name }); i >= 0 {
			c.Why = choices[i].Why
			if s := choices[i].Sensitive; s != nil {
				c.Sensitive, c.Reviewed = *s, true
			}
		}
		if ex != nil {
			if cs := ex.Column(fl.Name); cs != nil {
				c.Missing, c.MissingPct, c.Unique, c.Summary = cs.Missing, cs.MissingPct, cs.Unique, columnSummary(*cs)
			}
		}
		out = append(out, c)
	}
	return out
}

// columnSummary describes a column in one cell: a number's range and
// mean, a category's most frequent value, a date's span.
func columnSummary(c eda.ColumnStats) string {
	switch {
	case c.Mean != nil && c.Min != nil && c.Max != nil:
		return fmt.Sprintf("mean %.4g, from %.4g to %.4g", *c.Mean, *c.Min, *c.Max)
	case c.Dates != nil:
		return c.Dates.First + " to " + c.Dates.Last
	case len(c.Top) > 0:
		return fmt.Sprintf("most often %q (%d)", c.Top[0].Value, c.Top[0].Count)
	}
	return ""
}

func alertFacts(as []eda.Alert) []deploy.AlertFact {
	out := make([]deploy.AlertFact, len(as))
	for i, a := range as {
		col := a.Column
		if col == "" {
			col = strings.Join(a.Columns, ", ")
		}
		out[i] = deploy.AlertFact{Kind: a.Kind, Severity: string(a.Severity), Column: col, Message: a.Message, Action: a.Action}
	}
	return out
}

func splitFacts(s prep.SplitSpec, pr *PrepareResult) *deploy.SplitFacts {
	return &deploy.SplitFacts{Method: s.Method, Train: s.Train, Valid: s.Valid, Test: s.Test, Seed: s.Seed, Column: s.Column,
		TrainRows: len(pr.Split.Train), ValidRows: len(pr.Split.Valid), TestRows: len(pr.Split.Test)}
}

// prepFacts lists the preparation's steps with what each fitted step
// learnt (the chosen model's own preparation when there is one), and
// counts, row by row, the test rows among the rows that preparation was
// fitted on.
func (p *Project) prepFacts(pr *PrepareResult, tr *TrainResult) *deploy.PrepFacts {
	pl, isDefault := p.Pipeline()
	out := &deploy.PrepFacts{Default: isDefault, TrainRows: len(pr.Split.Train)}
	fitted := pr.Fitted
	if tr != nil && tr.Chosen != nil && tr.Chosen.Pipeline != nil {
		fitted = tr.Chosen.Pipeline
		pl = fitted.Pipeline()
		test := make(map[int]bool, len(pr.Split.Test))
		for _, r := range pr.Split.Test {
			test[r] = true
		}
		out.Checked = tr.Chosen.Rows != nil
		out.FitRows = len(tr.Chosen.Rows)
		for _, i := range tr.Chosen.Rows {
			if i < 0 || i >= len(tr.DevRows) || test[tr.DevRows[i]] {
				out.TestOverlap++
			}
		}
	}
	var learnt []prep.Transform
	if fitted != nil {
		learnt = fitted.Transforms()
	}
	k := 0
	for i, st := range pl.Steps {
		sf := deploy.StepFact{Index: i + 1, Kind: st.Kind, Params: paramText(st.Params), Why: st.Why, Enabled: st.Enabled}
		if st.Enabled && k < len(learnt) {
			sf.Learnt = learnt[k].Describe()
			k++
		}
		out.Steps = append(out.Steps, sf)
	}
	return out
}
