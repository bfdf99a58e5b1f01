package workflow

import (
	"context"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"modelbench/workflow/coach"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy"
)

func ruleIDs(fs []coach.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.ID)
	}
	return out
}

// trainedSample loads a sample, prepares it and chooses one learner.
func trainedSample(t *testing.T, sample, learner string) *Project {
	t.Helper()
	ctx := context.Background()
	p := New()
	if err := p.LoadData(ctx, DataRef{Sample: sample}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	s := TrainSettings{Candidates: []CandidateSpec{{Name: learner, Learner: learner}}, Validation: ValidateCV, Folds: 3, Seed: 1}
	if _, err := p.RunTrain(ctx, s, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ChooseModel(ctx, learner, "the only one", nil); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestCoach_OnARealProject(t *testing.T) {
	ctx := context.Background()
	p := trainedSample(t, "iris", "tree")
	if active, _ := p.CoachFindings(); len(active) != 0 {
		t.Fatalf("a clean iris project: %v", ruleIDs(active))
	}
	snap := p.CoachSnapshot()
	if snap.Prepare.FitRows != 120 || snap.Prepare.FitTestRows != 0 || snap.Data.Task != "classification" || len(snap.Data.Classes) != 3 {
		t.Fatalf("snapshot %+v %+v", snap.Prepare, snap.Data)
	}
	if _, err := p.RunEvaluate(ctx, PartTraining, nil); err != nil {
		t.Fatal(err)
	}
	active, _ := p.CoachFindings()
	if !slices.Equal(ruleIDs(active), []string{"training_rows"}) || !strings.Contains(active[0].Saw, "120 rows it learnt from") {
		t.Fatalf("after evaluating on the training rows: %+v", active)
	}
	if err := p.DismissFinding("training_rows", "I wanted to see it"); err != nil {
		t.Fatal(err)
	}
	if active, dismissed := p.CoachFindings(); len(active) != 0 || len(dismissed) != 1 {
		t.Fatalf("dismissed: %v / %v", ruleIDs(active), ruleIDs(dismissed))
	}
	// The dismissal is saved with the project and remembered on opening.
	path, err := p.Save(filepath.Join(t.TempDir(), "p"))
	if err != nil {
		t.Fatal(err)
	}
	q, err := Open(ctx, path, nil)
	if err != nil {
		t.Fatal(err)
	}
	if d := q.Document().Coach.Dismissed; len(d) != 1 || d[0].ID != "training_rows" {
		t.Fatalf("after reopening: %+v", d)
	}
	if err := p.DismissFinding("no_such_note", ""); err == nil {
		t.Fatal("dismissing an unknown note must fail")
	}
}

func TestCoach_TestRowsOpenedForTwoVersionsOfOneModel(t *testing.T) {
	ctx := context.Background()
	p := trainedSample(t, "iris", "tree")
	if _, err := p.RunEvaluate(ctx, PartTest, nil); err != nil {
		t.Fatal(err)
	}
	// Change the model (another seed), choose it under the same name and
	// open the test rows again.
	s := p.TrainSettings()
	s.Seed = 2
	if _, err := p.RunTrain(ctx, s, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ChooseModel(ctx, "tree", "same again", nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunEvaluate(ctx, PartTest, nil); err != nil {
		t.Fatal(err)
	}
	views := p.Document().Evaluate.Views
	if len(views) != 2 || views[0].Fingerprint == views[1].Fingerprint || views[0].Model != "tree" {
		t.Fatalf("views %+v", views)
	}
	active, _ := p.CoachFindings()
	if !slices.Contains(ruleIDs(active), "test_selection") {
		t.Fatalf("findings %v", ruleIDs(active))
	}
}

func TestCoach_ActionsChangeTheProject(t *testing.T) {
	p := openIrisByCode(t)
	if err := p.ApplyCoachAction(coach.Action{Kind: coach.SetRole, Column: "target_name", Role: "feature", Why: "keep it"}); err != nil {
		t.Fatal(err)
	}
	if f, _ := p.Table().Schema.Field("target_name"); f.Role != data.Feature || !f.UserRole {
		t.Fatalf("field %+v", f)
	}
	if err := p.ApplyCoachAction(coach.Action{Kind: coach.AddStep, Step: "change_type", Params: map[string]any{"column": "target_name", "type": "categorical"}}); err != nil {
		t.Fatal(err)
	}
	if pl, isDefault := p.Pipeline(); isDefault || pl.Steps[len(pl.Steps)-1].Kind != "change_type" {
		t.Fatalf("pipeline %+v", pl.Steps)
	}
	if err := p.ApplyCoachAction(coach.Action{Kind: coach.SetMetric, Metric: "accuracy"}); err != nil || p.TrainSettings().Metric != "accuracy" {
		t.Fatalf("metric: %v %q", err, p.TrainSettings().Metric)
	}
	if err := p.ApplyCoachAction(coach.Action{Kind: coach.SetThreshold, Value: 0.3}); err != nil || *p.Document().Evaluate.Threshold != 0.3 {
		t.Fatalf("threshold: %v", err)
	}
	if err := p.ApplyCoachAction(coach.Action{Kind: coach.GoTo, Stage: "train"}); !errors.Is(err, ErrWindowAction) {
		t.Fatalf("go to: %v", err)
	}
	if err := p.ApplyCoachAction(coach.Action{Kind: coach.SetRole, Column: "nope", Role: "feature"}); err == nil {
		t.Fatal("an unknown column must fail")
	}
}

// The two deploy rules read the recorded package and documentation
// exports of the chosen model (the package exporter records its export
// with RecordExport; the documentation bundle with RecordDocs).
func TestCoach_DeployingWithoutDocsOrMonitoring(t *testing.T) {
	p := trainedSample(t, "titanic", "logistic")
	if err := p.RecordExport(deploy.Export{Kind: deploy.ExportPackage, Path: "/out/pkg"}); err != nil {
		t.Fatal(err)
	}
	active, _ := p.CoachFindings()
	if ids := ruleIDs(active); !slices.Contains(ids, "deploy_docs") || !slices.Contains(ids, "deploy_monitoring") {
		t.Fatalf("findings %v", ids)
	}
	if err := p.RecordDocs("/out/docs", []string{"html"}); err != nil {
		t.Fatal(err)
	}
	for _, id := range []string{"monitoring.compute", "monitoring.outcomes", "monitoring.metrics"} {
		if err := p.SetChecklistAnswer(id, deploy.Answer{Status: deploy.Done, Note: "planned"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := p.RecordExport(deploy.Export{Kind: deploy.ExportPackage, Path: "/out/pkg2", Details: map[string]string{deploy.DetailDriftBaseline: "baseline.json"}}); err != nil {
		t.Fatal(err)
	}
	active, _ = p.CoachFindings()
	if ids := ruleIDs(active); slices.Contains(ids, "deploy_docs") || slices.Contains(ids, "deploy_monitoring") {
		t.Fatalf("after documenting and planning the monitoring: %v", ids)
	}
	if snap := p.CoachSnapshot(); snap.Deploy.MonitoringAnswered != 3 || snap.Deploy.Monitoring < 50 {
		t.Fatalf("deploy snapshot %+v", snap.Deploy)
	}
}

func TestClassCounts_AsTheColumnSpellsThem(t *testing.T) {
	miss := data.NewMask(5)
	miss.Set(4)
	for _, c := range []struct {
		col  data.Column
		want string
	}{
		{data.NewCategoricalFromStrings("c", []string{"b", "a", "b", "b", ""}, func(s string) bool { return s == "" }), "b:3 a:1"},
		{data.NewNumeric("n", []float64{2, 1, 2, 2, 7}, miss), "2:3 1:1"},
		{data.NewBoolean("y", []bool{true, false, true, true, false}, miss), "true:3 false:1"},
	} {
		var got []string
		for _, k := range classCounts(c.col) {
			got = append(got, k.Label+":"+strconv.Itoa(k.Count))
		}
		if strings.Join(got, " ") != c.want {
			t.Errorf("%s: %v, want %s", c.col.Name(), got, c.want)
		}
	}
}
