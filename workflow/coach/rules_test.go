package coach

import (
	"strings"
	"testing"
	"time"
)

// base is a healthy project: credit data ranked by balanced accuracy, a
// forest that clearly beats the baseline, evaluated once on the test rows.
func base() Snapshot {
	return Snapshot{
		Data: &Data{Source: "sample:credit_g", Sample: "credit_g", Rows: 1000, Cols: 4, Target: "class", Task: "classification",
			Classes: []Class{{"good", 700}, {"bad", 300}},
			Columns: []Column{
				{Name: "id", Kind: "numeric", Label: "identifier", Role: "identifier"},
				{Name: "age", Kind: "numeric", Label: "integer", Role: "feature", Input: true},
				{Name: "purpose", Kind: "categorical", Label: "categorical", Role: "feature", Input: true, Changed: true},
				{Name: "class", Kind: "categorical", Label: "categorical", Role: "target"},
			}},
		Explore: &Explore{Alerts: []Alert{{Kind: "skewed", Column: "age", Severity: "info", Message: "age is skewed."}}},
		Prepare: &Prepare{Done: true, Default: true, SplitMethod: "stratified", TrainRows: 600, ValidRows: 200, TestRows: 200, Features: 12,
			FitRows: 600, Steps: []Step{{Kind: "drop_columns", Enabled: true, Columns: []string{"id"}}, {Kind: "one_hot", Enabled: true, Columns: []string{"purpose"}}}},
		Train: &Train{Done: true, Metric: "balanced_accuracy", MetricLabel: "balanced accuracy", HigherIsBetter: true, Validation: "cv", Folds: 5, Rows: 800,
			Entries: []Entry{{"forest", 0.71, 0.02, false}, {"logistic", 0.64, 0.03, false}, {"baseline", 0.5, 0, true}},
			Chosen:  "forest", Why: "best balanced accuracy by far",
			VsBaseline: &Comparison{A: "forest", B: "baseline", MeanA: 0.71, MeanB: 0.5, P: 0.001, Likely: true},
			VsRunnerUp: &Comparison{A: "forest", B: "logistic", MeanA: 0.71, MeanB: 0.64, P: 0.01, Likely: true}},
		Evaluate: &Evaluate{Done: true, Model: "forest", Part: "test", Rows: 200, Metric: "balanced_accuracy", MetricLabel: "balanced accuracy", Score: 0.7,
			CVScore: 0.71, CVStd: 0.02, TestLog: []string{"forest"}, Views: []View{{Model: "forest", Fingerprint: "f1"}},
			Binary: true, Positive: "bad", Threshold: 0.5, Cost: 40, BestThreshold: 0.5, BestCost: 40},
		Deploy: &Deploy{Fingerprint: "f1", Readiness: 60, Monitoring: 60, MonitoringAnswered: 3, MonitoringItems: 5},
	}
}

func findings(s Snapshot, rule string) []Finding {
	var out []Finding
	for _, f := range Check(s) {
		if f.Rule == rule {
			out = append(out, f)
		}
	}
	return out
}

func TestCheck_AHealthyProjectIsQuiet(t *testing.T) {
	if fs := Check(base()); len(fs) != 0 {
		for _, f := range fs {
			t.Errorf("%s: %s", f.ID, f.Text())
		}
	}
	if fs := Check(Snapshot{}); len(fs) != 0 {
		t.Errorf("an empty project: %+v", fs)
	}
}

// triggerCase is a change to the healthy project that triggers a rule,
// and the words (with numbers) its message must contain.
type triggerCase struct {
	rule   string
	change func(*Snapshot)
	want   []string
	action ActionKind
}

// triggers has one case for every rule.
func triggers() []triggerCase {
	return []triggerCase{
		{"target_missing", func(s *Snapshot) { s.Data.TargetMissing = 12 }, []string{"12 of the 1000 rows (1.2%)", `"class"`}, ""},
		{"fit_before_split", func(s *Snapshot) {
			s.Data.Scaled = []Scaled{{Column: "age", How: "standardised", Mean: 1e-17, Std: 1}}
		}, []string{"1 numeric column", "over all 1000 rows", "age: mean 1e-17, standard deviation 1"}, ""},
		{"identifier_feature", func(s *Snapshot) {
			s.Data.Columns[0].Role, s.Data.Columns[0].Input = "feature", true
		}, []string{`"id" looks like an identifier`}, SetRole},
		{"leak_feature", func(s *Snapshot) {
			s.Data.Leaks = []Leak{{Column: "purpose", Evidence: "λ = 1.0000 over 600 rows", Kept: true}}
		}, []string{`"purpose" alone predicts the target "class"`, "λ = 1.0000 over 600 rows", "kept"}, SetRole},
		{"leak_left_out", func(s *Snapshot) {
			s.Data.Leaks = []Leak{{Column: "purpose", Evidence: "λ = 1.0000 over 600 rows"}}
			s.Data.Columns[2].Input = false
		}, []string{"default preparation leaves it out", "λ = 1.0000"}, SetRole},
		{"number_codes", func(s *Snapshot) {
			s.Explore.Alerts = append(s.Explore.Alerts, Alert{Kind: "numbers_are_categories", Column: "age", Message: "age has only 3 different whole numbers (1, 2, 3).",
				Fix: &Fix{Step: "change_type", Params: map[string]any{"column": "age", "type": "categorical"}}})
		}, []string{"only 3 different whole numbers", "plain number"}, AddStep},
		{"too_few_rows", func(s *Snapshot) { s.Prepare.Features = 120 }, []string{"800 rows", "120 columns", "6.7 rows per column"}, GoTo},
		{"accuracy_imbalanced", func(s *Snapshot) { s.Train.Metric = "accuracy" }, []string{`"good" has 700 rows (70%)`, `"bad" only 300`, "accuracy of 0.700"}, SetMetric},
		{"baseline", func(s *Snapshot) {
			s.Train.Entries[0].Score, s.Train.VsBaseline = 0.49, &Comparison{A: "forest", B: "baseline", MeanA: 0.49, MeanB: 0.5, P: 0.7}
		}, []string{"forest scores 0.49", "does not beat the baseline"}, GoTo},
		{"within_spread", func(s *Snapshot) {
			s.Train.Entries[1].Score, s.Train.VsRunnerUp = 0.705, &Comparison{A: "forest", B: "logistic", MeanA: 0.71, MeanB: 0.705, P: 0.6}
		}, []string{"forest (0.71 ± 0.02) was chosen over logistic (0.705 ± 0.03)", "difference of 0.005", "p = 0.60"}, ""},
		{"training_rows", func(s *Snapshot) { s.Evaluate.Part, s.Evaluate.Rows, s.Evaluate.Score = "training", 800, 1 }, []string{"800 rows it learnt from", "balanced accuracy 1", "0.71 ± 0.02"}, EvaluateTest},
		{"test_selection", func(s *Snapshot) {
			s.Evaluate.TestLog = []string{"forest", "logistic", "tree"}
		}, []string{"3 different models (forest, logistic, tree)"}, GoTo},
		{"threshold_default", func(s *Snapshot) {
			s.Evaluate.CostFP, s.Evaluate.CostFN, s.Evaluate.Cost, s.Evaluate.BestThreshold, s.Evaluate.BestCost = 1, 5, 87, 0.18, 52
		}, []string{"false alarm costs 1", `missed "bad" costs 5`, "cost 87", "threshold of 0.180", "cost 52"}, SetThreshold},
		{"deploy_monitoring", func(s *Snapshot) {
			s.Deploy.Packages = []Export{{Path: "/out/pkg", Fingerprint: "f1", Time: time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)}}
			s.Deploy.Docs = []Export{{Path: "/out/docs", Fingerprint: "f1"}}
			s.Deploy.Monitoring, s.Deploy.MonitoringAnswered = 20, 1
		}, []string{"/out/pkg", "1 March 2026", "20% answered (1 of 5)", "no profile of the training data"}, GoTo},
		{"deploy_docs", func(s *Snapshot) {
			s.Deploy.Packages = []Export{{Path: "/out/pkg", Fingerprint: "f1", DriftBaseline: "baseline.json"}}
			s.Deploy.Docs = []Export{{Path: "/old/docs", Fingerprint: "f0"}} // of an older model
		}, []string{"/out/pkg", "no documentation bundle"}, GoTo},
	}
}

// allFindings returns one finding of every rule, from the trigger cases.
func allFindings() []Finding {
	var out []Finding
	for _, c := range triggers() {
		s := base()
		c.change(&s)
		out = append(out, findings(s, c.rule)...)
	}
	return out
}

func TestRules_TriggerAndStaySilent(t *testing.T) {
	seen := map[string]bool{}
	for _, c := range triggers() {
		t.Run(c.rule, func(t *testing.T) {
			seen[c.rule] = true
			if fs := findings(base(), c.rule); len(fs) != 0 {
				t.Fatalf("silent case spoke: %s", fs[0].Text())
			}
			s := base()
			c.change(&s)
			fs := findings(s, c.rule)
			if len(fs) != 1 {
				t.Fatalf("want one finding, got %d", len(fs))
			}
			f := fs[0]
			text := Plain(f.Saw + " " + f.Why + " " + f.Do)
			for _, w := range c.want {
				if !strings.Contains(text, w) {
					t.Errorf("%q lacks %q", text, w)
				}
			}
			if f.Title == "" || f.Why == "" || f.Do == "" || f.Evidence == "" || f.Stage == "" {
				t.Errorf("incomplete finding %+v", f)
			}
			if (f.Action == nil) != (c.action == "") || f.Action != nil && (f.Action.Kind != c.action || f.Action.Label == "") {
				t.Errorf("action %+v, want %q", f.Action, c.action)
			}
		})
	}
	for _, r := range Rules() {
		if !seen[r.ID] {
			t.Errorf("rule %s has no trigger/silent pair", r.ID)
		}
	}
}

// More ways each rule must stay quiet.
func TestRules_SilentCases(t *testing.T) {
	cases := []struct {
		rule   string
		change func(*Snapshot)
	}{
		// The design makes fitting on test rows impossible: a project
		// prepared in Modelbench reports 0 test rows among the fitted ones.
		{"fit_before_split", func(s *Snapshot) { s.Prepare.FitRows, s.Prepare.FitTestRows = 800, 0 }},
		{"identifier_feature", func(s *Snapshot) { s.Data.Columns[0].Label = "identifier" }}, // an identifier that is not an input
		{"leak_feature", func(s *Snapshot) {
			s.Data.Leaks = []Leak{{Column: "purpose", Kept: false}}
			s.Data.Columns[2].Input = false
		}},
		{"leak_left_out", func(s *Snapshot) { s.Data.Leaks = []Leak{{Column: "purpose", Kept: true}} }},
		{"number_codes", func(s *Snapshot) { // a code the preparation already reads as a category
			s.Explore.Alerts = append(s.Explore.Alerts, Alert{Kind: "numbers_are_categories", Column: "purpose", Message: "x"})
		}},
		{"too_few_rows", func(s *Snapshot) { s.Prepare.Features = 80 }}, // exactly 10 rows per column
		{"accuracy_imbalanced", func(s *Snapshot) { // accuracy on balanced classes
			s.Train.Metric, s.Data.Classes = "accuracy", []Class{{"a", 50}, {"b", 50}, {"c", 49}}
		}},
		{"accuracy_imbalanced", func(s *Snapshot) { s.Train.Metric, s.Data.Task = "accuracy", "regression" }},
		{"baseline", func(s *Snapshot) { s.Train.Chosen = "baseline" }},
		{"within_spread", func(s *Snapshot) { // a close call the paired test finds real
			s.Train.Entries[1].Score, s.Train.VsRunnerUp = 0.705, &Comparison{A: "forest", B: "logistic", MeanA: 0.71, MeanB: 0.705, P: 0.01, Likely: true}
		}},
		{"within_spread", func(s *Snapshot) { // choosing the simpler of two equal models is fine
			s.Train.Chosen, s.Train.VsRunnerUp = "logistic", &Comparison{A: "logistic", B: "forest", MeanA: 0.64, MeanB: 0.71, P: 0.6}
		}},
		{"training_rows", func(s *Snapshot) { s.Evaluate.Done = false; s.Evaluate.Part = "training" }},
		{"test_selection", func(s *Snapshot) { // the same model evaluated twice unchanged
			s.Evaluate.Views = append(s.Evaluate.Views, View{Model: "forest", Fingerprint: "f1"})
		}},
		{"threshold_default", func(s *Snapshot) { // costs given and the threshold set
			s.Evaluate.CostFP, s.Evaluate.CostFN, s.Evaluate.ThresholdSet, s.Evaluate.Threshold = 1, 5, true, 0.18
		}},
		{"threshold_default", func(s *Snapshot) { s.Evaluate.CostFP, s.Evaluate.CostFN = 2, 2 }}, // equal costs: 0.5 is right
		{"deploy_monitoring", func(s *Snapshot) { // an old model's package
			s.Deploy.Packages = []Export{{Path: "/old", Fingerprint: "f0"}}
		}},
		{"deploy_docs", func(s *Snapshot) {
			s.Deploy.Packages, s.Deploy.Docs = []Export{{Fingerprint: "f1"}}, []Export{{Fingerprint: "f1"}}
		}},
	}
	for _, c := range cases {
		s := base()
		c.change(&s)
		if fs := findings(s, c.rule); len(fs) != 0 {
			t.Errorf("%s spoke: %s", c.rule, fs[0].Text())
		}
	}
	// The invariant itself: test rows among the fitted rows are reported.
	s := base()
	s.Prepare.FitTestRows = 3
	if fs := findings(s, "fit_before_split"); len(fs) != 1 || fs[0].Severity != Critical || !strings.Contains(fs[0].Saw, "3 of which are") {
		t.Errorf("test rows among the fitted rows: %+v", fs)
	}
	// A model that looks like it learned, but only by chance.
	s = base()
	s.Train.VsBaseline = &Comparison{A: "forest", B: "baseline", MeanA: 0.71, MeanB: 0.5, P: 0.3}
	if fs := findings(s, "baseline"); len(fs) != 1 || !strings.Contains(fs[0].Saw, "p = 0.30") || fs[0].Severity != Warning {
		t.Errorf("a chance gain over the baseline: %+v", fs)
	}
	// The same model name, changed and evaluated again.
	s = base()
	s.Evaluate.Views = append(s.Evaluate.Views, View{Model: "forest", Fingerprint: "f2"})
	if fs := findings(s, "test_selection"); len(fs) != 1 || !strings.Contains(fs[0].Saw, "2 different versions of forest") {
		t.Errorf("a changed model evaluated again: %+v", fs)
	}
}

func TestDismissal_LastsUntilTheEvidenceChanges(t *testing.T) {
	s := base()
	s.Data.TargetMissing = 12
	fs := Check(s)
	if len(fs) != 1 {
		t.Fatalf("findings %+v", fs)
	}
	dismissed := Dismiss(nil, fs[0], time.Now())
	if got := Active(Check(s), dismissed); len(got) != 0 {
		t.Fatalf("a dismissed finding came back: %+v", got)
	}
	s.Data.TargetMissing = 15 // new evidence
	if got := Active(Check(s), dismissed); len(got) != 1 || !strings.Contains(got[0].Saw, "15 of the 1000") {
		t.Fatalf("a finding with new evidence stayed dismissed: %+v", got)
	}
	again := Dismiss(dismissed, Check(s)[0], time.Now())
	if len(again) != 1 || again[0].Evidence == dismissed[0].Evidence {
		t.Fatalf("dismissing again should replace the old dismissal: %+v", again)
	}
}

func TestCheck_OrdersByStageThenSeverity(t *testing.T) {
	s := base()
	s.Evaluate.Part = "training"
	s.Data.TargetMissing = 12
	s.Train.Metric = "accuracy"
	var stages []string
	for _, f := range Check(s) {
		stages = append(stages, f.Stage)
	}
	if strings.Join(stages, " ") != "data train evaluate" {
		t.Fatalf("order %v", stages)
	}
}
