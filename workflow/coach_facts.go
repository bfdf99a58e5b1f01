package workflow

import (
	"math"
	"sort"

	"modelbench/workflow/artifact"
	"modelbench/workflow/coach"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// coachCache keeps what the coach's snapshot computes from a whole table
// (class counts, already-scaled columns) per table, and the chosen
// model's fingerprint per model, so that building a snapshot after every
// change stays cheap.
type coachCache struct {
	table   *data.Table
	task    string
	classes []coach.Class
	missing int
	scaled  []coach.Scaled
	model   *artifact.Artifact
	print   string
	// ready and readiness cache the checklist's figures (see readiness).
	ready     *readinessKey
	readiness [4]float64
}

// CoachSnapshot copies what the coach needs out of the project: the
// table's columns and what the preparation does with them, the leak
// check, Explore's alerts, the preparation and split, the leaderboard
// with the paired tests of the chosen model, the evaluation and the test
// rows' record, and the exports of the chosen model. Stages that have not
// run leave their part nil.
func (p *Project) CoachSnapshot() coach.Snapshot {
	var s coach.Snapshot
	t := p.Table()
	if t == nil {
		return s
	}
	doc := p.Document()
	pl, isDefault := p.Pipeline()
	s.Data = p.coachData(doc, t, pl)
	if ex := p.Exploration(); ex != nil {
		s.Explore = &coach.Explore{Stale: p.Status(StageExplore) == Stale}
		for _, a := range ex.Alerts {
			ca := coach.Alert{Kind: a.Kind, Column: a.Column, Severity: string(a.Severity), Message: a.Message}
			if a.Fix != nil {
				ca.Fix = &coach.Fix{Step: a.Fix.Step, Params: a.Fix.Params}
			}
			s.Explore.Alerts = append(s.Explore.Alerts, ca)
		}
	}
	tr := p.Training()
	if locked, _ := p.Locked(StagePrepare); !locked {
		method := prep.SplitRandom // the default split, as SplitSpec makes it without scanning the target again
		if s.Data.Task == "classification" {
			method = prep.SplitStratified
		}
		if doc.Prepare.Split != nil {
			method = doc.Prepare.Split.Method
		}
		s.Prepare = p.coachPrepare(p.Preparation(), tr, pl, isDefault, method)
	}
	if tr != nil && tr.Board != nil {
		s.Train = p.coachTrain(tr, doc)
	}
	s.Evaluate = p.coachEvaluate(doc, tr)
	if tr != nil && tr.Chosen != nil {
		s.Deploy = p.coachDeploy(doc, tr.Chosen)
	}
	return s
}

func (p *Project) coachData(doc Document, t *data.Table, pl prep.Pipeline) *coach.Data {
	d := &coach.Data{Source: t.Source, Rows: t.Frame.NumRows(), Cols: t.Frame.NumCols()}
	if doc.Data != nil {
		d.Source, d.Sample = doc.Data.Name(), doc.Data.Sample
	}
	d.Target, _ = t.Schema.Target()
	d.Task, d.Classes, d.TargetMissing, d.Scaled = p.tableFacts(t, d.Target)
	dropped, changed := map[string]bool{}, map[string]bool{}
	for _, st := range pl.Steps {
		if !st.Enabled {
			continue
		}
		for _, c := range stepColumns(st) {
			switch st.Kind {
			case "drop_columns":
				dropped[c] = true
			case "change_type", "one_hot", "ordinal", "bin", "date_parts", "target_encode", "group_rare":
				changed[c] = true
			}
		}
	}
	for _, f := range t.Schema.Fields {
		d.Columns = append(d.Columns, coach.Column{Name: f.Name, Kind: f.Kind.String(), Label: f.Label, Role: f.Role.String(),
			UserRole: f.UserRole, Input: f.Role == data.Feature && !dropped[f.Name] && f.Kind != data.Text, Changed: changed[f.Name]})
	}
	for _, l := range p.LeakSuspects() {
		d.Leaks = append(d.Leaks, coach.Leak{Column: l.Column, Evidence: l.Evidence, Kept: l.Kept})
	}
	return d
}

// stepColumns returns the columns a step names ("columns" or "column").
func stepColumns(st prep.StepConfig) []string {
	var out []string
	if _, ok := st.Params["columns"]; ok {
		out = append(out, st.Params.Strings("columns")...)
	}
	if c, ok := st.Params["column"].(string); ok && c != "" {
		out = append(out, c)
	}
	return out
}

// tableFacts returns the task the target implies ("" without a target),
// its classes (most common first), how many rows lack a target, and the
// numeric features that already look scaled over every row; cached per
// table (a new table comes with every load and type or role change).
func (p *Project) tableFacts(t *data.Table, target string) (string, []coach.Class, int, []coach.Scaled) {
	p.mu.Lock()
	if c := p.coach; c != nil && c.table == t {
		p.mu.Unlock()
		return c.task, c.classes, c.missing, c.scaled
	}
	p.mu.Unlock()
	var classes []coach.Class
	missing, task := 0, ""
	if tc, ok := t.Frame.Lookup(target); ok {
		missing, task = tc.Missing(), model.InferTask(tc).String()
		if task == "classification" {
			classes = classCounts(tc)
		}
	}
	scaled := scaledColumns(t)
	p.mu.Lock()
	if p.coach == nil {
		p.coach = &coachCache{}
	}
	p.coach.table, p.coach.task, p.coach.classes, p.coach.missing, p.coach.scaled = t, task, classes, missing, scaled
	p.mu.Unlock()
	return task, classes, missing, scaled
}

// classCounts counts the rows of each class, as the column spells them.
func classCounts(c data.Column) []coach.Class {
	counts := map[string]int{}
	switch x := c.(type) {
	case *data.CategoricalColumn:
		n := make([]int, len(x.Levels()))
		for _, k := range x.Codes() {
			if k >= 0 {
				n[k]++
			}
		}
		for k, cnt := range n {
			if cnt > 0 {
				counts[x.Levels()[k]] = cnt
			}
		}
	case *data.NumericColumn:
		byValue, first := map[float64]int{}, map[float64]int{}
		for i, v := range x.Values() {
			if !x.IsMissing(i) {
				if byValue[v] == 0 {
					first[v] = i
				}
				byValue[v]++
			}
		}
		for v, cnt := range byValue {
			counts[x.Format(first[v])] = cnt
		}
	default:
		for i := 0; i < c.Len(); i++ {
			if !c.IsMissing(i) {
				counts[c.Format(i)]++
			}
		}
	}
	out := make([]coach.Class, 0, len(counts))
	for l, n := range counts {
		out = append(out, coach.Class{Label: l, Count: n})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Count != out[j].Count {
			return out[i].Count > out[j].Count
		}
		return out[i].Label < out[j].Label
	})
	return out
}

// scaledColumns finds numeric features with fractional values that are
// standardised (mean within 1e-6 of 0, standard deviation — with n or
// n−1 — within 1e-6 of 1) over all rows, or, when at least two columns
// are, squeezed into exactly [0, 1].
func scaledColumns(t *data.Table) []coach.Scaled {
	var std, minmax []coach.Scaled
	for _, f := range t.Schema.Fields {
		c, ok := t.Frame.Lookup(f.Name)
		num, isNum := c.(*data.NumericColumn)
		if !ok || !isNum || f.Role != data.Feature || num.IsInteger() {
			continue
		}
		n, sum, lo, hi := 0.0, 0.0, math.Inf(1), math.Inf(-1)
		for i, v := range num.Values() {
			if !num.IsMissing(i) {
				n++
				sum += v
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		if n < 3 {
			continue
		}
		mean, ss := sum/n, 0.0
		for i, v := range num.Values() {
			if !num.IsMissing(i) {
				ss += (v - mean) * (v - mean)
			}
		}
		pop, sample := math.Sqrt(ss/n), math.Sqrt(ss/(n-1))
		sc := coach.Scaled{Column: f.Name, Mean: mean, Std: pop, Min: lo, Max: hi}
		switch {
		case math.Abs(mean) < 1e-6 && (math.Abs(pop-1) < 1e-6 || math.Abs(sample-1) < 1e-6):
			if math.Abs(sample-1) < 1e-6 {
				sc.Std = sample
			}
			sc.How = "standardised"
			std = append(std, sc)
		case lo == 0 && hi == 1:
			sc.How = "min-max"
			minmax = append(minmax, sc)
		}
	}
	if len(minmax) >= 2 {
		std = append(std, minmax...)
	}
	return std
}

// coachPrepare describes the preparation: its steps and split as set,
// and, once it was fitted (pr not nil), the parts and what was fitted.
func (p *Project) coachPrepare(pr *PrepareResult, tr *TrainResult, pl prep.Pipeline, isDefault bool, method string) *coach.Prepare {
	st := p.Status(StagePrepare)
	cp := &coach.Prepare{Done: st == Done && pr != nil, Stale: st == Stale, Default: isDefault, SplitMethod: method}
	for _, s := range pl.Steps {
		cp.Steps = append(cp.Steps, coach.Step{Kind: s.Kind, Enabled: s.Enabled, Columns: stepColumns(s), Why: s.Why})
	}
	if pr == nil {
		return cp
	}
	cp.TrainRows, cp.ValidRows, cp.TestRows = len(pr.Split.Train), len(pr.Split.Valid), len(pr.Split.Test)
	if pr.Prepared != nil {
		cp.Features = pr.Prepared.NumCols()
		if _, ok := pr.Prepared.Lookup(pr.Target); ok {
			cp.Features--
		}
	}
	test := make(map[int]bool, len(pr.Split.Test))
	for _, r := range pr.Split.Test {
		test[r] = true
	}
	fitted := pr.Split.Train // what the Prepare step fitted on
	if tr != nil && tr.Chosen != nil && tr.Chosen.Rows != nil {
		fitted = nil // the chosen model's preparation: positions in its development rows
		for _, i := range tr.Chosen.Rows {
			if i >= 0 && i < len(tr.DevRows) {
				fitted = append(fitted, tr.DevRows[i])
			} else {
				fitted = append(fitted, -1)
			}
		}
	}
	cp.FitRows = len(fitted)
	for _, r := range fitted {
		if r < 0 || test[r] {
			cp.FitTestRows++
		}
	}
	return cp
}
