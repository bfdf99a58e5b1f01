package workflow

import (
	"math"
	"slices"
	"sort"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/coach"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy"
	"modelbench/workflow/eda"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// coachCache keeps what the coach's snapshot computes from a whole table
// (class counts, already-scaled columns) per table, and the chosen
// model's fingerprint per model, so that building a snapshot after every
// change stays cheap.
type coachCache struct {
	table   *data.Table
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
		s.Prepare = p.coachPrepare(p.Preparation(), tr, pl, isDefault)
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
	if c, ok := t.Frame.Lookup(d.Target); ok {
		d.Task = model.InferTask(c).String()
	}
	d.Classes, d.TargetMissing, d.Scaled = p.tableFacts(t, d.Target, d.Task)
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

// tableFacts returns the target's classes (most common first), how many
// rows lack a target, and the numeric features that already look scaled
// over every row; cached per table.
func (p *Project) tableFacts(t *data.Table, target, task string) ([]coach.Class, int, []coach.Scaled) {
	p.mu.Lock()
	if c := p.coach; c != nil && c.table == t {
		p.mu.Unlock()
		return c.classes, c.missing, c.scaled
	}
	p.mu.Unlock()
	var classes []coach.Class
	missing := 0
	if tc, ok := t.Frame.Lookup(target); ok {
		missing = tc.Missing()
		if task == "classification" {
			classes = classCounts(tc)
		}
	}
	scaled := scaledColumns(t)
	p.mu.Lock()
	if p.coach == nil {
		p.coach = &coachCache{}
	}
	p.coach.table, p.coach.classes, p.coach.missing, p.coach.scaled = t, classes, missing, scaled
	p.mu.Unlock()
	return classes, missing, scaled
}

func classCounts(c data.Column) []coach.Class {
	counts := map[string]int{}
	for i := 0; i < c.Len(); i++ {
		if !c.IsMissing(i) {
			counts[c.Format(i)]++
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
func (p *Project) coachPrepare(pr *PrepareResult, tr *TrainResult, pl prep.Pipeline, isDefault bool) *coach.Prepare {
	spec := p.SplitSpec()
	st := p.Status(StagePrepare)
	cp := &coach.Prepare{Done: st == Done && pr != nil, Stale: st == Stale, Default: isDefault, SplitMethod: spec.Method}
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

func (p *Project) coachTrain(tr *TrainResult, doc Document) *coach.Train {
	lb := tr.Board
	st := p.Status(StageTrain)
	ct := &coach.Train{Done: st == Done, Stale: st == Stale, Metric: lb.Metric, MetricLabel: metricLabel(lb.Metric),
		HigherIsBetter: lb.HigherIsBetter, Validation: tr.Settings.Validation, Folds: tr.Settings.Folds, Rows: len(tr.DevRows),
		Chosen: doc.Train.Chosen, Why: doc.Train.Why}
	for _, e := range lb.Entries {
		ct.Entries = append(ct.Entries, coach.Entry{Name: e.Name, Score: e.Score, Std: e.Std, Baseline: e.Baseline})
	}
	subject, runnerUp := "", ""
	for _, e := range lb.Entries {
		switch {
		case e.Baseline:
		case ct.Chosen != "" && e.Name == ct.Chosen, ct.Chosen == "" && subject == "":
			subject = e.Name
		case runnerUp == "":
			runnerUp = e.Name
		}
	}
	if ct.Chosen == eval.BaselineName {
		subject = ""
	}
	compare := func(a, b string) *coach.Comparison {
		if a == "" || b == "" {
			return nil
		}
		c, err := lb.Compare(a, b)
		if err != nil {
			return nil
		}
		return &coach.Comparison{A: a, B: b, MeanA: c.MeanA, MeanB: c.MeanB, P: c.P, Likely: c.Likely}
	}
	ct.VsBaseline = compare(subject, eval.BaselineName)
	if ct.Chosen != "" {
		ct.VsRunnerUp = compare(subject, runnerUp)
	}
	return ct
}

func (p *Project) coachEvaluate(doc Document, tr *TrainResult) *coach.Evaluate {
	ev := p.Evaluation()
	if ev == nil && len(doc.Evaluate.TestLog.Models) == 0 {
		return nil
	}
	ce := &coach.Evaluate{TestLog: slices.Clone(doc.Evaluate.TestLog.Models), CVScore: math.NaN(), CVStd: math.NaN(), Score: math.NaN()}
	for _, v := range doc.Evaluate.Views {
		ce.Views = append(ce.Views, coach.View{Model: v.Model, Fingerprint: v.Fingerprint, Time: v.Time})
	}
	if ev == nil || ev.Assessment == nil {
		return ce
	}
	st := p.Status(StageEvaluate)
	as := ev.Assessment
	ce.Done, ce.Stale, ce.Model, ce.Part, ce.Rows = st == Done || st == Stale, st == Stale, ev.Model, ev.Part, as.Metrics.Rows
	ce.Metric, ce.MetricLabel = as.Metric, metricLabel(as.Metric)
	if v, ok := as.Metrics.Metrics[as.Metric]; ok {
		ce.Score = v
	}
	if tr != nil && tr.Board != nil {
		for _, e := range tr.Board.Entries {
			if e.Name == ev.Model {
				ce.CVScore, ce.CVStd = e.Score, e.Std
			}
		}
	}
	if as.Threshold == nil || as.Predictions == nil || as.Positive >= len(as.Predictions.Classes) {
		return ce
	}
	costs := metrics.Costs{FalsePositive: doc.Evaluate.CostFP, FalseNegative: doc.Evaluate.CostFN}
	x := as.Threshold.WithCosts(costs)
	ce.Binary, ce.Positive, ce.CostFP, ce.CostFN, ce.Threshold = true, as.Predictions.Classes[as.Positive], costs.FalsePositive, costs.FalseNegative, 0.5
	if doc.Evaluate.Threshold != nil {
		ce.Threshold, ce.ThresholdSet = *doc.Evaluate.Threshold, true
	}
	ce.Cost = x.At(ce.Threshold).Cost
	best := x.MinCost()
	ce.BestThreshold, ce.BestCost = best.Threshold, best.Cost
	return ce
}

func (p *Project) coachDeploy(doc Document, a *artifact.Artifact) *coach.Deploy {
	fp, _ := p.fingerprint(a)
	d := &coach.Deploy{Fingerprint: fp}
	for _, e := range doc.Deploy.Checklist.Exports {
		if e.Kind == deploy.ExportPackage {
			d.Packages = append(d.Packages, coach.Export{Path: e.Path, Fingerprint: e.Fingerprint, Time: e.Time, DriftBaseline: e.Details[deploy.DetailDriftBaseline]})
		}
	}
	for _, e := range doc.Deploy.Docs {
		d.Docs = append(d.Docs, coach.Export{Path: e.Path, Fingerprint: e.Fingerprint, Time: e.Time})
	}
	d.Readiness, d.Monitoring, d.MonitoringAnswered, d.MonitoringItems = p.readiness(doc, a)
	return d
}

// readinessKey says when the checklist must be assessed again: after any
// change to the saved state or to a result it reads.
type readinessKey struct {
	modified time.Time
	model    *artifact.Artifact
	explore  *eda.Report
	prepare  *PrepareResult
	train    *TrainResult
	eval     *EvaluateResult
	status   [numStages]Status
}

// readiness assesses the deployment checklist (the slowest part of a
// snapshot) once per change and returns its readiness, the Monitoring
// section's, and how many Monitoring items a person answered.
func (p *Project) readiness(doc Document, a *artifact.Artifact) (float64, float64, int, int) {
	key := readinessKey{modified: doc.Modified, model: a, explore: p.Exploration(), prepare: p.Preparation(), train: p.Training(), eval: p.Evaluation()}
	p.mu.Lock()
	key.status = p.status
	if c := p.coach; c != nil && c.ready != nil && *c.ready == key {
		defer p.mu.Unlock()
		return c.readiness[0], c.readiness[1], int(c.readiness[2]), int(c.readiness[3])
	}
	p.mu.Unlock()
	var out [4]float64
	if r, err := p.Checklist(); err == nil {
		out[0] = r.Readiness
		for _, sec := range r.Sections {
			if sec.ID != "monitoring" {
				continue
			}
			out[1], out[3] = sec.Readiness, float64(len(sec.Items))
			for _, it := range sec.Items {
				if it.Source == deploy.FromPerson || it.Source == deploy.FromForm {
					out[2]++
				}
			}
		}
	}
	p.mu.Lock()
	if p.coach == nil {
		p.coach = &coachCache{}
	}
	p.coach.ready, p.coach.readiness = &key, out
	p.mu.Unlock()
	return out[0], out[1], int(out[2]), int(out[3])
}

// fingerprint returns the model's fingerprint (deploy.Fingerprint), the
// last one computed when a is the same model again.
func (p *Project) fingerprint(a *artifact.Artifact) (string, error) {
	if a == nil {
		return "", nil
	}
	p.mu.Lock()
	if c := p.coach; c != nil && c.model == a {
		p.mu.Unlock()
		return c.print, nil
	}
	p.mu.Unlock()
	fp, err := deploy.Fingerprint(a)
	if err != nil {
		return "", err
	}
	p.mu.Lock()
	if p.coach == nil {
		p.coach = &coachCache{}
	}
	p.coach.model, p.coach.print = a, fp
	p.mu.Unlock()
	return fp, nil
}
