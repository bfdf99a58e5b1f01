package workflow

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"unicode"

	"modelbench/workflow/artifact"
	"modelbench/workflow/deploy"
	"modelbench/workflow/eval"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
)

// The parts of DeployFacts that come from the Train and Evaluate results.

func boardFacts(tr *TrainResult, cfg TrainConfig) *deploy.BoardFacts {
	lb := tr.Board
	b := &deploy.BoardFacts{Metric: lb.Metric, MetricLabel: lb.Metric, HigherIsBetter: lb.HigherIsBetter,
		Validation: tr.Settings.Validation, Folds: tr.Settings.Folds, Seed: tr.Settings.Seed, Chosen: cfg.Chosen, Why: cfg.Why}
	if b.Validation == "" {
		b.Validation = ValidateCV
	}
	b.MetricLabel = metricLabel(lb.Metric)
	for _, e := range lb.Entries {
		b.Entries = append(b.Entries, deploy.EntryFact{Name: e.Name, Learner: e.Learner, Score: e.Score, Std: e.Std,
			FitSeconds: e.FitSeconds, Baseline: e.Baseline, Chosen: e.Name == cfg.Chosen && cfg.Chosen != ""})
	}
	for _, is := range lb.Issues {
		b.Issues = append(b.Issues, is.Text)
	}
	return b
}

// baselineFacts compares the chosen entry with the baseline by the
// corrected paired t-test on their shared folds; nil when nothing is
// chosen.
func baselineFacts(lb *eval.Leaderboard, chosen string) *deploy.BaselineFacts {
	if chosen == "" {
		return nil
	}
	b := &deploy.BaselineFacts{Metric: lb.Metric, MetricLabel: lb.Metric, HigherIsBetter: lb.HigherIsBetter,
		Baseline: math.NaN(), Chosen: math.NaN(), ChosenIsBaseline: chosen == eval.BaselineName}
	b.MetricLabel = metricLabel(lb.Metric)
	for _, e := range lb.Entries {
		switch {
		case e.Baseline:
			b.Baseline = e.Score
		case e.Name == chosen:
			b.Chosen = e.Score
		}
	}
	if b.ChosenIsBaseline {
		return b
	}
	if c, err := lb.Compare(chosen, eval.BaselineName); err == nil {
		b.Compared, b.Folds, b.T, b.P, b.Likely, b.Sentence = true, c.Folds, c.T, c.P, c.Likely, c.Sentence
	}
	return b
}

func modelFacts(a *artifact.Artifact, name string) *deploy.ModelFacts {
	m := &deploy.ModelFacts{Name: name, Learner: a.Learner, LearnerLabel: a.Learner, Seed: a.Seed, TrainRows: a.TrainRows,
		Classes: slices.Clone(a.Classes), Created: a.Created, AppVersion: a.AppVersion, FitSeconds: a.FitTime.Seconds()}
	if m.AppVersion == "" {
		m.AppVersion = AppVersion
	}
	_, m.Explainable = a.Model.(model.Explainer)
	for _, in := range a.Input {
		m.Input = append(m.Input, deploy.InputField{Name: in.Name, Type: in.Kind.String()})
	}
	e, ok := model.Lookup(a.Learner)
	if !ok {
		return m
	}
	m.LearnerLabel, m.LearnerHelp = e.Label, e.Help
	for _, sp := range e.Params {
		v, ok := a.Params[sp.Name]
		if !ok {
			continue
		}
		m.Params = append(m.Params, deploy.ParamFact{Name: sp.Name, Label: sp.Label, Value: fmt.Sprint(v), Help: sp.Help})
	}
	return m
}

func testFacts(ev *EvaluateResult, stale bool) *deploy.TestFacts {
	as := ev.Assessment
	t := &deploy.TestFacts{Model: ev.Model, Part: ev.Part, Rows: as.Metrics.Rows, Metric: as.Metric, Label: as.Metric,
		Metrics: as.Metrics.Metrics, When: ev.When, Stale: stale, Score: math.NaN()}
	t.Label = metricLabel(as.Metric)
	if v, ok := as.Metrics.Metrics[as.Metric]; ok {
		t.Score = v
	}
	for _, is := range ev.Issues {
		t.Issues = append(t.Issues, is.Text)
	}
	for _, s := range as.Slices {
		sf := deploy.SliceFact{Column: s.Column, Metric: s.Metric, Overall: s.Overall}
		for _, g := range s.Groups {
			sf.Groups = append(sf.Groups, deploy.GroupFact{Level: g.Level, Rows: g.Rows, Score: g.Score, Flagged: g.Flagged, Note: g.Note})
		}
		t.Slices = append(t.Slices, sf)
	}
	if as.Importance != nil {
		for _, fi := range as.Importance.Features {
			t.Importance = append(t.Importance, deploy.ImportanceFact{Column: fi.Column, Mean: fi.Mean, Std: fi.Std})
		}
		sort.SliceStable(t.Importance, func(i, j int) bool { return t.Importance[i].Mean > t.Importance[j].Mean })
	}
	if as.Worst != nil {
		t.WorstRows = len(as.Worst.Rows)
	}
	return t
}

// costFacts reads the threshold explorer at the chosen threshold (0.5
// when none was set) with the project's costs; nil without an explorer.
func costFacts(as *eval.Assessment, cfg EvaluateConfig, stale bool) *deploy.CostFacts {
	if as.Threshold == nil || as.Predictions == nil || as.Positive >= len(as.Predictions.Classes) {
		return nil
	}
	c := &deploy.CostFacts{Positive: as.Predictions.Classes[as.Positive], FalsePositive: cfg.CostFP, FalseNegative: cfg.CostFN,
		Threshold: 0.5, Stale: stale}
	if cfg.Threshold != nil {
		c.Threshold, c.ThresholdSet = *cfg.Threshold, true
	}
	cut := as.Threshold.At(c.Threshold)
	c.FalseAlarms, c.Missed = cut.FP, cut.FN
	c.Cost = float64(cut.FP)*cfg.CostFP + float64(cut.FN)*cfg.CostFN
	return c
}

// metricLabel is a metric's label as it reads inside a sentence: the first
// letter lowered unless the label is an abbreviation ("Balanced accuracy"
// becomes "balanced accuracy"; "ROC AUC" and "R²" stay).
func metricLabel(name string) string {
	sc, err := metrics.Lookup(name)
	if err != nil {
		return name
	}
	l := []rune(sc.Label)
	if len(l) > 1 && unicode.IsUpper(l[0]) && unicode.IsLower(l[1]) {
		l[0] = unicode.ToLower(l[0])
	}
	return string(l)
}
