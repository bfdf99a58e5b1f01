package deploy

import (
	"strings"
	"testing"
)

// ruleCase breaks one thing in goodFacts; the rule must then not hold,
// with the verdict given (a fail, a missing, or a stale pass).
type ruleCase struct {
	name    string
	break_  func(f *Facts)
	verdict Verdict
	stale   bool
	says    string // a phrase the evidence must contain
}

// ruleCases lists, for every evidence rule, the ways it must not hold.
var ruleCases = map[string][]ruleCase{
	"input_schema": {
		{"no model", func(f *Facts) { f.Model = nil }, Missing, false, "No model"},
		{"no inputs", func(f *Facts) { f.Model.Input = nil }, Fail, false, "no input columns"},
	},
	"baseline_beaten": {
		{"not better", func(f *Facts) { f.Baseline.Chosen = 0.45 }, Fail, false, "does not beat"},
		{"could be chance", func(f *Facts) { f.Baseline.Likely, f.Baseline.P = false, 0.2 }, Fail, false, "could be chance"},
		{"baseline chosen", func(f *Facts) { f.Baseline.ChosenIsBaseline = true }, Fail, false, "baseline itself"},
		{"lower is better, higher score", func(f *Facts) { f.Baseline.HigherIsBetter = false }, Fail, false, "does not beat"},
		{"not compared", func(f *Facts) { f.Baseline.Compared = false }, Missing, false, "not cross-validated"},
		{"model out of date", func(f *Facts) { f.ModelStale = true }, Pass, true, "out of date"},
	},
	"baseline_score": {
		{"no board", func(f *Facts) { f.Board = nil }, Missing, false, "not known"},
		{"no baseline", func(f *Facts) { f.Board.Entries = f.Board.Entries[:1] }, Missing, false, "no baseline"},
		{"not validated", func(f *Facts) { f.Board.Entries[1].Score = nan }, Missing, false, "not validated"},
	},
	"metric_chosen": {
		{"no board", func(f *Facts) { f.Board = nil }, Missing, false, "no metric"},
	},
	"choice_documented": {
		{"no reason", func(f *Facts) { f.Board.Why = " " }, Fail, false, "without a written reason"},
		{"not chosen", func(f *Facts) { f.Board.Chosen = "" }, Missing, false, "none has been chosen"},
	},
	"tuned": {
		{"no search", func(f *Facts) { f.Tuning = nil }, Missing, false, "No parameter search"},
		{"other learner", func(f *Facts) { f.Tuning[0].Learner = "tree" }, Missing, false, "No parameter search"},
	},
	"reproducible": {
		{"not checked", func(f *Facts) { f.Reproduced = nil }, Missing, false, "Not checked"},
		{"differs", func(f *Facts) { f.Reproduced.Identical, f.Reproduced.Differing = false, 3 }, Fail, false, "3 of 1000"},
		{"older model", func(f *Facts) { f.Reproduced.Fingerprint = "old" }, Pass, true, "earlier model"},
	},
	"explainable": {
		{"cannot explain", func(f *Facts) { f.Model.Explainable = false }, Fail, false, "cannot break"},
	},
	"test_result": {
		{"not evaluated", func(f *Facts) { f.Test = nil }, Missing, false, "not been evaluated"},
		{"training rows", func(f *Facts) { f.Test.Part = "training" }, Fail, false, "too good"},
		{"out of date", func(f *Facts) { f.Test.Stale, f.Test.Fingerprint = true, "" }, Pass, true, "out of date"},
	},
	"test_once": {
		{"never", func(f *Facts) { f.TestLog = nil }, Missing, false, "No model"},
		{"twice", func(f *Facts) { f.TestLog = []string{"tree", "forest"} }, Fail, false, "2 models"},
		{"another model", func(f *Facts) { f.TestLog = []string{"tree"} }, Fail, false, "not the chosen model"},
		{"discipline warning", func(f *Facts) { f.Test.Issues = []string{"2 models have been scored on the locked test set"} }, Fail, false, "warned"},
	},
	"slices_checked": {
		{"none", func(f *Facts) { f.Test.Slices = nil }, Fail, false, "No column"},
		{"training rows", func(f *Facts) { f.Test.Part = "training" }, Missing, false, "training rows"},
		{"not evaluated", func(f *Facts) { f.Test = nil }, Missing, false, "not been evaluated"},
	},
	"slices_ok": {
		{"flagged", func(f *Facts) { f.Test.Slices[0].Groups[1].Flagged = true }, Fail, false, "region = south"},
		{"none", func(f *Facts) { f.Test.Slices = nil }, Fail, false, "No column"},
	},
	"importance_checked": {
		{"useless input", func(f *Facts) { f.Test.Importance[1].Mean = 0 }, Fail, false, "region"},
		{"not computed", func(f *Facts) { f.Test.Importance = nil }, Missing, false, "no permutation importance"},
	},
	"costs_set": {
		{"no explorer", func(f *Facts) { f.Costs = nil }, Missing, false, "threshold explorer"},
		{"no costs", func(f *Facts) { f.Costs.FalsePositive, f.Costs.FalseNegative = 0, 0 }, Missing, false, "No costs"},
		{"out of date", func(f *Facts) { f.Costs.Stale = true }, Pass, true, "out of date"},
	},
	"data_documented": {
		{"no hash", func(f *Facts) { f.Data.SHA256 = "" }, Fail, false, "no content hash"},
		{"no data", func(f *Facts) { f.Data = nil }, Missing, false, "No data"},
	},
	"prep_documented": {
		{"no reason", func(f *Facts) { f.Preparation.Steps[0].Why = "" }, Fail, false, "step 1 (impute)"},
		{"not fitted", func(f *Facts) { f.Preparation = nil }, Missing, false, "not been fitted"},
	},
	"prep_train_only": {
		{"test rows in the fit", func(f *Facts) { f.Preparation.TestOverlap = 5 }, Fail, false, "5 of the 800"},
		{"no model", func(f *Facts) { f.Preparation.Checked = false }, Missing, false, "cannot be counted"},
	},
	"sensitive_columns": {
		{"not reviewed", func(f *Facts) {
			for i := range f.Columns {
				f.Columns[i].Reviewed = false
			}
		}, Missing, false, "Identifiers: id"},
		{"no data", func(f *Facts) { f.Columns = nil }, Missing, false, "No data"},
	},
	"export_package": {
		{"none", func(f *Facts) { f.Exports = nil }, Missing, false, "No deployment package"},
		{"of an older model", func(f *Facts) { f.Exports[0].Fingerprint = "old" }, Pass, true, "earlier model"},
	},
	"export_checked": {
		{"unchecked", func(f *Facts) { f.Exports[0].Checked = false }, Fail, false, "not checked"},
		{"none", func(f *Facts) { f.Exports = nil }, Missing, false, "Nothing has been exported"},
	},
	"export_resources": {
		{"no figures", func(f *Facts) { f.Exports[0].Details = nil }, Missing, false, "no resource figures"},
		{"none", func(f *Facts) { f.Exports = nil }, Missing, false, "No deployment package"},
	},
	"drift_baseline": {
		{"no profile", func(f *Facts) { delete(f.Exports[0].Details, DetailDriftBaseline) }, Missing, false, "no profile"},
		{"none", func(f *Facts) { f.Exports = nil }, Missing, false, "No deployment package"},
	},
}

// TestRules_PassAndFail: every evidence rule holds on goodFacts, and each
// of its cases breaks it with the expected verdict and words.
func TestRules_PassAndFail(t *testing.T) {
	good := Judge(goodFacts())
	for _, id := range Rules() {
		if e := good[id]; !e.Holds() {
			t.Errorf("%s does not hold on the good facts: %s (stale %v) %q", id, e.Verdict, e.Stale, e.Text)
		}
		cases := ruleCases[id]
		if len(cases) == 0 {
			t.Errorf("%s has no case that breaks it", id)
		}
		for _, c := range cases {
			f := goodFacts()
			c.break_(&f)
			e := Judge(f)[id]
			if e.Holds() || e.Verdict != c.verdict || e.Stale != c.stale || !strings.Contains(e.Text, c.says) {
				t.Errorf("%s / %s: got %s stale=%v %q; want %s stale=%v containing %q", id, c.name, e.Verdict, e.Stale, e.Text, c.verdict, c.stale, c.says)
			}
			if e.Rule != id || e.Screen == "" {
				t.Errorf("%s / %s: rule %q screen %q", id, c.name, e.Rule, e.Screen)
			}
		}
	}
	for id := range ruleCases {
		if _, ok := rules[id]; !ok {
			t.Errorf("cases for an unknown rule %q", id)
		}
	}
}

func TestRules_WorstGroupIsNamed(t *testing.T) {
	e := Judge(goodFacts())["slices_checked"]
	if !strings.Contains(e.Text, "The worst is region = south: balanced accuracy 0.77 on 80 rows") {
		t.Fatalf("%q", e.Text)
	}
	f := goodFacts()
	f.Board.HigherIsBetter = false // a loss: the highest group is the worst
	if e := Judge(f)["slices_checked"]; !strings.Contains(e.Text, "region = north") {
		t.Fatalf("%q", e.Text)
	}
}

func TestRules_NoClaimsOnAnEmptyProject(t *testing.T) {
	for id, e := range Judge(Facts{}) {
		if e.Verdict == Pass {
			t.Errorf("%s passes on a project that knows nothing: %q", id, e.Text)
		}
	}
}
