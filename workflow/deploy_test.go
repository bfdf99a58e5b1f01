package workflow

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"modelbench/workflow/deploy"
)

// evaluatedProject takes a sample through Explore, Prepare, Train (the
// learners on 3 folds), the choice of the first learner and one
// evaluation on the test rows.
func evaluatedProject(t *testing.T, sample string, learners ...string) *Project {
	t.Helper()
	p := chosenProject(t, sample, learners...)
	ctx := context.Background()
	if _, err := p.RunExplore(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunEvaluate(ctx, PartTest, nil); err != nil {
		t.Fatal(err)
	}
	return p
}

func evidence(t *testing.T, p *Project, rule string) deploy.Evidence {
	t.Helper()
	e, ok := deploy.Judge(p.DeployFacts())[rule]
	if !ok {
		t.Fatalf("no evidence rule %q", rule)
	}
	return e
}

// TestDeployFacts_EvidenceOfAnEvaluatedProject: a project taken through
// every step gets the evidence it has earned, from its own facts.
func TestDeployFacts_EvidenceOfAnEvaluatedProject(t *testing.T) {
	p := evaluatedProject(t, "titanic", "logistic", "tree")
	f := p.DeployFacts()
	if len(f.Fingerprint) != 64 || f.ModelStale {
		t.Fatalf("fingerprint %q stale %v", f.Fingerprint, f.ModelStale)
	}
	if f.Data == nil || f.Data.Rows != 1309 || len(f.Data.SHA256) != 64 || f.Data.Source != "sample:titanic" {
		t.Fatalf("data %+v", f.Data)
	}
	if f.Model == nil || f.Model.Name != "logistic" || len(f.Model.Input) == 0 || len(f.Model.Params) == 0 {
		t.Fatalf("model %+v", f.Model)
	}
	pr := p.Preparation()
	if f.Preparation == nil || !f.Preparation.Checked || f.Preparation.TestOverlap != 0 ||
		f.Preparation.FitRows != len(pr.Split.Train)+len(pr.Split.Valid) {
		t.Fatalf("preparation %+v", f.Preparation)
	}
	for _, rule := range []string{"input_schema", "baseline_beaten", "baseline_score", "choice_documented", "test_result",
		"test_once", "slices_checked", "data_documented", "prep_documented", "prep_train_only", "explainable"} {
		if e := evidence(t, p, rule); !e.Holds() {
			t.Errorf("%s: %s %q", rule, e.Verdict, e.Text)
		}
	}
	if e := evidence(t, p, "slices_checked"); !strings.Contains(e.Text, "The worst is ") {
		t.Errorf("the worst group is not named: %s", e.Text)
	}
	for _, rule := range []string{"reproducible", "export_package", "costs_set", "tuned", "sensitive_columns"} {
		if e := evidence(t, p, rule); e.Verdict != deploy.Missing {
			t.Errorf("%s claims %s before anything was done: %s", rule, e.Verdict, e.Text)
		}
	}
}

// TestDeployFacts_TestRowsUsedTwiceIsNotUsedOnce: a second model scored on
// the test rows fails "test set used once", and the first model's
// evaluation is no longer current evidence.
func TestDeployFacts_TestRowsUsedTwiceIsNotUsedOnce(t *testing.T) {
	p := evaluatedProject(t, "titanic", "logistic", "tree")
	ctx := context.Background()
	before := p.DeployFacts().Fingerprint
	if _, err := p.ChooseModel(ctx, "tree", "liked its test score better", nil); err != nil {
		t.Fatal(err)
	}
	if e := evidence(t, p, "test_result"); !e.Stale {
		t.Fatalf("the old model's test result is still current: %+v", e)
	}
	if _, err := p.RunEvaluate(ctx, PartTest, nil); err != nil {
		t.Fatal(err)
	}
	if p.DeployFacts().Fingerprint == before {
		t.Fatal("another model has the same fingerprint")
	}
	e := evidence(t, p, "test_once")
	if e.Verdict != deploy.Fail || !strings.Contains(e.Text, "2 models") {
		t.Fatalf("test_once after two models: %+v", e)
	}
	r, err := p.Checklist()
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range r.Sections {
		for _, it := range s.Items {
			if it.ID == "documentation.model_choice" && (it.Status == deploy.Done || it.Credit == 1) {
				t.Fatalf("model choice documented despite selection on the test set: %+v", it)
			}
		}
	}
}

// TestCheckReproducible_StoredWithTheModelAndStaleAfterAChange: the check
// refits and compares, is journaled, and its evidence goes stale when the
// chosen model changes.
func TestCheckReproducible_StoredWithTheModelAndStaleAfterAChange(t *testing.T) {
	p := evaluatedProject(t, "penguins", "forest", "logistic")
	ctx := context.Background()
	rc, err := p.CheckReproducible(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !rc.Identical || !rc.SameModel || rc.Rows != p.Table().Frame.NumRows() || rc.Fingerprint != p.DeployFacts().Fingerprint {
		t.Fatalf("check %+v", rc)
	}
	if e := evidence(t, p, "reproducible"); !e.Holds() {
		t.Fatalf("reproducible: %+v", e)
	}
	j := p.Journal()
	if last := j[len(j)-1]; last.Stage != "deploy" || !strings.Contains(last.What, "identical predictions") {
		t.Fatalf("not journaled: %+v", last)
	}
	if _, err := p.ChooseModel(ctx, "logistic", "simpler", nil); err != nil {
		t.Fatal(err)
	}
	if e := evidence(t, p, "reproducible"); !e.Stale || e.Holds() {
		t.Fatalf("the check of the old model still holds: %+v", e)
	}
}

func TestCheckReproducible_NeedsAChosenModel(t *testing.T) {
	p := preparedProject(t, "iris")
	if _, err := p.CheckReproducible(context.Background(), nil); err == nil {
		t.Fatal("checked without a model")
	}
}

// TestDeployAnswers_SaveOpenRoundTrip: answers, form fields, sensitive
// columns, the check and exports survive saving and opening, and each
// change is journaled once.
func TestDeployAnswers_SaveOpenRoundTrip(t *testing.T) {
	p := evaluatedProject(t, "iris", "logistic")
	ctx := context.Background()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(p.SetChecklistAnswer("production.api", deploy.Answer{Status: deploy.Done, Note: "the package's REST service"}))
	must(p.SetChecklistAnswer("production.api", deploy.Answer{Status: deploy.Done, Note: "the package's REST service"}))
	must(p.SetChecklistAnswer("monitoring.outcomes", deploy.Answer{Status: deploy.NotApplicable, Reason: "a one-off study"}))
	must(p.SetMLTestAnswer("infra_2", deploy.TestAnswer{Status: deploy.Done, Automated: true}))
	must(p.SetDeployField("model_card.licence", "CC BY 4.0"))
	must(p.SetDeployField("purpose.motivation", "science"))
	must(p.SetColumnSensitive("species", false, "a flower's species is not personal"))
	_, err := p.CheckReproducible(ctx, nil)
	must(err)
	must(p.RecordExport(deploy.Export{Kind: deploy.ExportPackage, Path: "pkg/", Checked: true, Details: map[string]string{deploy.DetailLatency: "0.2"}}))
	if err := p.SetChecklistAnswer("monitoring.drift", deploy.Answer{Status: deploy.NotApplicable}); err == nil {
		t.Fatal("not applicable without a reason was accepted")
	}
	if err := p.SetDeployField("purpose.motivation", "curiosity"); err == nil {
		t.Fatal("a value outside the choices was accepted")
	}
	if err := p.SetChecklistAnswer("no.such.item", deploy.Answer{Status: deploy.Done}); err == nil {
		t.Fatal("an unknown item was accepted")
	}
	n := 0
	for _, e := range p.Journal() {
		if e.What == "checklist item production.api: done" {
			n++
			if e.Why != "the package's REST service" {
				t.Errorf("why %q", e.Why)
			}
		}
	}
	if n != 1 {
		t.Fatalf("the same answer journaled %d times", n)
	}
	path, err := p.Save(filepath.Join(t.TempDir(), "p"))
	must(err)
	q, err := Open(ctx, path, nil)
	must(err)
	want, got := p.DeployState(), q.DeployState()
	if !reflect.DeepEqual(want.Items, got.Items) || !reflect.DeepEqual(want.Tests, got.Tests) || !reflect.DeepEqual(want.Fields, got.Fields) ||
		got.Reproduced == nil || *got.Reproduced != *want.Reproduced || len(got.Exports) != 1 || !got.Exports[0].Time.Equal(want.Exports[0].Time) {
		t.Fatalf("state after open:\n got %+v\nwant %+v", got, want)
	}
	cols := q.DeployFacts().Columns
	for _, c := range cols {
		if c.Name == "species" && (!c.Reviewed || c.Sensitive) {
			t.Fatalf("sensitivity after open: %+v", c)
		}
	}
	if len(q.Journal()) != len(p.Journal()) {
		t.Fatalf("journal %d entries after open, %d before", len(q.Journal()), len(p.Journal()))
	}
}

// TestDeployConfig_OldFilesOpen: project files from before the checklist
// (an empty deploy object, or a null checklist) open with no answers, and
// a project without answers writes no checklist.
func TestDeployConfig_OldFilesOpen(t *testing.T) {
	for _, deployJSON := range []string{`{}`, `{"checklist": null}`, `{"checklist": {}}`} {
		b := `{"format": "modelbench.project", "version": 1, "app_version": "0.1.0", "prepare": {}, "train": {}, "evaluate": {"test_log": {"models": null}}, "deploy": ` + deployJSON + `}`
		doc, err := DecodeDocument([]byte(b))
		if err != nil {
			t.Fatalf("%s: %v", deployJSON, err)
		}
		if !doc.Deploy.Checklist.IsZero() {
			t.Fatalf("%s: state %+v", deployJSON, doc.Deploy.Checklist)
		}
	}
	p := New()
	path, err := p.Save(filepath.Join(t.TempDir(), "empty"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), `"checklist"`) {
		t.Fatalf("an empty checklist was written: %s", b)
	}
}

// TestApplyAnswers_JournalsEachChangeOnce: an answers file applies every
// answer, journals each with the file as the reason when none is given,
// and applying it again changes nothing.
func TestApplyAnswers_JournalsEachChangeOnce(t *testing.T) {
	p := chosenProject(t, "iris", "logistic")
	d, _ := deploy.Builtin()
	a, err := deploy.ParseAnswers(d, []byte(`{"format": "modelbench.answers", "version": 1,
		"checklist": {"production.server": {"status": "partly", "note": "a laptop for now"}},
		"ml_tests": {"infra_7": {"status": "not yet"}},
		"model_card": {"owners": "The flower lab"}}`))
	if err != nil {
		t.Fatal(err)
	}
	ch, err := p.ApplyAnswers(a, "answers.json")
	if err != nil || len(ch) != 3 {
		t.Fatalf("changes %v, %v", ch, err)
	}
	if again, err := p.ApplyAnswers(a, "answers.json"); err != nil || len(again) != 0 {
		t.Fatalf("applying again changed %v (%v)", again, err)
	}
	s := p.DeployState()
	if s.Items["production.server"].Status != deploy.Partly || s.Field("model_card.owners") != "The flower lab" || s.Tests["infra_7"].Status != deploy.NotYet {
		t.Fatalf("state %+v", s)
	}
	n := 0
	for _, e := range p.Journal() {
		if e.Stage == "deploy" {
			n++
			if e.Why == "" {
				t.Errorf("%q has no reason", e.What)
			}
		}
	}
	if n != 3 {
		t.Fatalf("%d deploy entries in the journal", n)
	}
}

func TestSetColumnSensitive_UnknownColumn(t *testing.T) {
	p := preparedProject(t, "iris")
	if err := p.SetColumnSensitive("nope", true, ""); err == nil || !strings.Contains(err.Error(), "species") {
		t.Fatalf("error %v should list the columns", err)
	}
}

func TestRecordExport_NeedsAModel(t *testing.T) {
	p := preparedProject(t, "iris")
	if err := p.RecordExport(deploy.Export{Kind: deploy.ExportPackage, Path: "x"}); err == nil {
		t.Fatal("recorded an export of no model")
	}
}

// TestJournal_RecordsLoadAndEvaluationOnce: the decision journal names the
// load and the first evaluation of each model on the test rows; opening
// the project again on the same data, or evaluating the same model again,
// adds nothing.
func TestJournal_RecordsLoadAndEvaluationOnce(t *testing.T) {
	p := evaluatedProject(t, "iris", "logistic")
	ctx := context.Background()
	if _, err := p.RunEvaluate(ctx, PartTest, nil); err != nil {
		t.Fatal(err)
	}
	count := func(p *Project, prefix string) int {
		n := 0
		for _, e := range p.Journal() {
			if strings.HasPrefix(e.What, prefix) {
				n++
			}
		}
		return n
	}
	if count(p, "loaded sample:iris: 150 rows, 5 columns (SHA-256 ") != 1 || count(p, "evaluated logistic on the test rows: balanced_accuracy ") != 1 {
		t.Fatalf("journal %+v", p.Journal())
	}
	path, err := p.Save(filepath.Join(t.TempDir(), "p"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if count(q, "loaded ") != 1 {
		t.Fatalf("reopening journaled the load again: %+v", q.Journal())
	}
}
