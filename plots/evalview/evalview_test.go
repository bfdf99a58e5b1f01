package evalview

import (
	"context"
	"errors"
	"testing"

	"modelbench/plots"
	"modelbench/workflow"
	"modelbench/workflow/artifact"
	"modelbench/workflow/eval"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners"
	"modelbench/workflow/prep"
)

func assess(t *testing.T, sample, learner string) *eval.Assessment {
	t.Helper()
	ctx := context.Background()
	tb, _, err := workflow.LoadRef(ctx, workflow.DataRef{Sample: sample}, "", nil)
	if err != nil {
		t.Fatal(err)
	}
	target, _ := tb.Schema.Target()
	rows, _ := model.RowsWithTarget(tb.Frame, target)
	f := tb.Frame.Take(rows)
	tc, _ := f.Lookup(target)
	sp, _ := prep.SplitSpec{Method: prep.SplitRandom, Train: 0.7, Test: 0.3, Seed: 2}.Split(f, target)
	a, err := artifact.Fit(ctx, f.Take(sp.Train), artifact.Spec{Target: target, Task: model.InferTask(tc),
		Pipeline: prep.Default(tb.Schema, f, true), Learner: learner, Seed: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	as, err := eval.Assess(ctx, a, f.Take(sp.Test), eval.AssessOptions{Repeats: 2}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return as
}

func TestDraw_EveryKindOfEveryTask(t *testing.T) {
	for _, c := range []struct{ sample, learner string }{{"titanic", "logistic"}, {"penguins", "forest"}, {"diamonds", "linear"}} {
		as := assess(t, c.sample, c.learner)
		kinds := Kinds(as)
		if len(kinds) < 5 {
			t.Fatalf("%s: only %v", c.sample, kinds)
		}
		drawn := 0
		for _, k := range kinds {
			f, err := Draw(as, k, plots.Light())
			if errors.Is(err, plots.ErrNothingToDraw) {
				t.Logf("%s %s: %v", c.sample, k, err)
				continue
			}
			drawn++
			if err != nil {
				t.Fatalf("%s %s: %v", c.sample, k, err)
			}
			if _, err := plots.PNG(f, 800, 600); err != nil {
				t.Fatalf("%s %s: render %v", c.sample, k, err)
			}
		}
		if drawn != len(kinds) { // Kinds lists only what the assessment can draw
			t.Errorf("%s: only %d of the %d kinds it offers were drawn", c.sample, drawn, len(kinds))
		}
	}
	if MetricLabel("balanced_accuracy") == "balanced_accuracy" {
		t.Error("metric labels are not looked up")
	}
}
