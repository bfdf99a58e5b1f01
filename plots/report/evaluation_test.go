package report

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"modelbench/plots"
	"modelbench/workflow"
	"modelbench/workflow/artifact"
	"modelbench/workflow/eval"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners"
	"modelbench/workflow/prep"
)

func titanicAssessment(t *testing.T) *eval.Assessment {
	t.Helper()
	ctx := context.Background()
	tb, _, err := workflow.LoadRef(ctx, workflow.DataRef{Sample: "titanic"}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	sp, _ := prep.SplitSpec{Method: prep.SplitStratified, Train: 0.7, Test: 0.3, Seed: 4}.Split(tb.Frame, "survived")
	a, err := artifact.Fit(ctx, tb.Frame.Take(sp.Train), artifact.Spec{Target: "survived", Task: model.Classification,
		Pipeline: prep.Default(tb.Schema, tb.Frame, true), Learner: "logistic"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	as, err := eval.Assess(ctx, a, tb.Frame.Take(sp.Test), eval.AssessOptions{Repeats: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func TestEvaluation_ReportHasMetricsFiguresAndGroups(t *testing.T) {
	as := titanicAssessment(t)
	d := Evaluation("logistic", "test", as, nil, "best balanced accuracy", plots.Light())
	var b bytes.Buffer
	if err := d.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{"Balanced accuracy", "ROC curve", "Decision threshold", "Groups", "best balanced accuracy", "Worst-predicted rows"} {
		if !strings.Contains(html, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if n := strings.Count(html, "<img"); n < 7 {
		t.Errorf("only %d figures", n)
	}
	assertRendered(t, b.Bytes())
}
