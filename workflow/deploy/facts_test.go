package deploy

import (
	"math"
	"time"
)

// goodFacts are the facts of a project that did everything the app can
// see: every evidence rule passes on them (TestRules_PassAndFail).
func goodFacts() Facts {
	when := time.Date(2025, 3, 4, 10, 30, 0, 0, time.UTC)
	fp := "f00d" + "0000000000000000000000000000000000000000000000000000000000"
	return Facts{
		Fingerprint: fp,
		Data: &DataFacts{Source: "loans.csv", SHA256: "ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56ab12cd34ef56abcd", Rows: 1000, Cols: 4,
			TimeSpans: []TimeSpan{{Column: "opened", First: "2020-01-01", Last: "2023-12-31"}}},
		Columns: []ColumnFact{
			{Name: "id", Type: "text", Role: "identifier", Identifier: true, Reviewed: true},
			{Name: "income", Type: "numeric", Role: "feature", Input: true, Reviewed: true},
			{Name: "region", Type: "categorical", Role: "feature", Input: true},
			{Name: "default", Type: "categorical", Role: "target"},
		},
		Explored: true, Target: "default", Task: "classification",
		Split:       &SplitFacts{Method: "stratified", Train: 0.6, Valid: 0.2, Test: 0.2, Seed: 42, TrainRows: 600, ValidRows: 200, TestRows: 200},
		Preparation: &PrepFacts{Steps: []StepFact{{Index: 1, Kind: "impute", Why: "income has gaps", Enabled: true}}, FitRows: 800, Checked: true, TrainRows: 600},
		Board: &BoardFacts{Metric: "balanced_accuracy", MetricLabel: "balanced accuracy", HigherIsBetter: true, Validation: "cv", Folds: 5, Seed: 42,
			Entries: []EntryFact{{Name: "forest", Learner: "forest", Score: 0.8, Std: 0.02, Chosen: true}, {Name: "baseline", Learner: "baseline", Score: 0.5, Baseline: true}},
			Chosen:  "forest", Why: "best balanced accuracy"},
		Model: &ModelFacts{Name: "forest", Learner: "forest", LearnerLabel: "Random forest", Seed: 42, TrainRows: 800, Explainable: true,
			Input: []InputField{{Name: "income", Type: "numeric"}, {Name: "region", Type: "categorical"}}, Classes: []string{"no", "yes"}, Created: when},
		Baseline: &BaselineFacts{Metric: "balanced_accuracy", MetricLabel: "balanced accuracy", HigherIsBetter: true, Baseline: 0.5, Chosen: 0.8,
			Compared: true, Folds: 5, T: 12, P: 0.0003, Likely: true},
		Test: &TestFacts{Model: "forest", Part: "test", Rows: 200, Metric: "balanced_accuracy", Label: "balanced accuracy", Score: 0.79,
			Metrics: map[string]float64{"balanced_accuracy": 0.79}, When: when, Fingerprint: fp, WorstRows: 20,
			Slices:     []SliceFact{{Column: "region", Metric: "balanced_accuracy", Overall: 0.79, Groups: []GroupFact{{Level: "north", Rows: 120, Score: 0.8}, {Level: "south", Rows: 80, Score: 0.77}}}},
			Importance: []ImportanceFact{{Column: "income", Mean: 0.2}, {Column: "region", Mean: 0.05}}},
		TestLog:    []string{"forest"},
		Costs:      &CostFacts{Positive: "yes", FalsePositive: 1, FalseNegative: 5, Threshold: 0.3, ThresholdSet: true, FalseAlarms: 12, Missed: 4, Cost: 32},
		Tuning:     []TuneFact{{Learner: "forest", Method: "grid", Metric: "balanced_accuracy", Trials: 6, Best: "max_depth=8", Score: 0.81, Used: true}},
		Reproduced: &ReproCheck{Time: when, Fingerprint: fp, Identical: true, SameModel: true, Rows: 1000},
		Exports: []Export{{Kind: ExportPackage, Path: "pkg/", Time: when, Fingerprint: fp, Checked: true,
			Details: map[string]string{DetailAPI: "REST", DetailModelBytes: "204800", DetailLatency: "0.4", DetailDriftBaseline: "pkg/baseline.json", DetailCheckedRows: "200"}}},
	}
}

var nan = math.NaN()
