package docs

import (
	"context"
	"flag"
	"testing"
	"time"

	"modelbench/workflow"
	"modelbench/workflow/deploy"
)

var regen = flag.Bool("regen", false, "rewrite the golden Markdown files in testdata")

// fixedTime stamps the fixture's documents, so that only the journal's
// and the evidence's own times need normalising.
var fixedTime = time.Date(2025, 6, 1, 12, 0, 0, 0, time.UTC)

// sampleProject takes the Titanic sample through every step the way a
// person would in the window: explore, flag a sensitive column, prepare,
// train two learners on 3 folds, choose one with a reason, price the
// mistakes, evaluate once on the test rows, check reproducibility, record
// an export and answer a few checklist items and form fields.
func sampleProject(t testing.TB) *workflow.Project {
	t.Helper()
	ctx := context.Background()
	p := workflow.New()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(p.LoadData(ctx, workflow.DataRef{Sample: "titanic"}, nil))
	_, err := p.RunExplore(ctx, nil)
	must(err)
	must(p.SetColumnSensitive("sex", true, "a protected characteristic"))
	must(p.SetColumnSensitive("name", true, "it names a person"))
	_, err = p.RunPrepare(ctx, nil)
	must(err)
	_, err = p.RunTrain(ctx, workflow.TrainSettings{Candidates: []workflow.CandidateSpec{{Name: "logistic", Learner: "logistic"}, {Name: "tree", Learner: "tree"}},
		Validation: workflow.ValidateCV, Folds: 3, Seed: 1}, nil)
	must(err)
	_, err = p.ChooseModel(ctx, "logistic", "best balanced accuracy, and its weights can be explained", nil)
	must(err)
	must(p.SetCosts(1, 3))
	must(p.SetThreshold(0.4, "a missed survivor costs three times a false alarm"))
	_, err = p.RunEvaluate(ctx, workflow.PartTest, nil)
	must(err)
	_, err = p.CheckReproducible(ctx, nil)
	must(err)
	must(p.RecordExport(deploy.Export{Kind: deploy.ExportPackage, Path: "package/", Checked: true,
		Details: map[string]string{deploy.DetailAPI: "REST on /predict", deploy.DetailModelBytes: "5120", deploy.DetailLatency: "0.05", deploy.DetailCheckedRows: "262"}}))
	must(p.SetChecklistAnswer("production.api", deploy.Answer{Status: deploy.Done, Note: "the package's REST scoring service"}))
	must(p.SetChecklistAnswer("monitoring.outcomes", deploy.Answer{Status: deploy.NotApplicable, Reason: "a teaching example: no live outcomes arrive"}))
	must(p.SetMLTestAnswer("infra_2", deploy.TestAnswer{Status: deploy.Done, Automated: true, Note: "Modelbench's learner conformance suite"}))
	for _, kv := range [][2]string{{deploy.KeyMotivation, "science"}, {deploy.KeyDecision, "none: the model explains who survived"},
		{deploy.KeyOwners, "The Modelbench test suite"}, {deploy.KeyLicence, "GPL-2+ (the data's licence)"},
		{deploy.KeyDSCollection, "Passenger lists of the Titanic, compiled by historians"}} {
		must(p.SetDeployField(kv[0], kv[1]))
	}
	return p
}

func sampleInputs(t testing.TB) *Inputs {
	t.Helper()
	in, err := FromProject(sampleProject(t))
	if err != nil {
		t.Fatal(err)
	}
	in.Created = fixedTime
	return in
}
