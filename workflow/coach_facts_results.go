package workflow

import (
	"math"
	"slices"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/coach"
	"modelbench/workflow/deploy"
	"modelbench/workflow/eda"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
)

// The parts of CoachSnapshot that come from the Train, Evaluate and
// Deploy steps.

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
