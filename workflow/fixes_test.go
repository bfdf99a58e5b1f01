package workflow

import (
	"context"
	"path/filepath"
	"testing"

	"modelbench/assets"
	"modelbench/workflow/eda"
	"modelbench/workflow/internal/testsets"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

// TestExploreFixes_AreStepsPrepareAccepts checks the contract between the
// Explore alerts and the Prepare step: every suggested fix, on every
// sample and shared dataset, is a step the pipeline accepts and can fit
// after the default preparation.
func TestExploreFixes_AreStepsPrepareAccepts(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(testsets.Dir(), "*.csv"))
	for _, s := range assets.Samples() {
		files = append(files, "sample:"+s.ID)
	}
	ctx := context.Background()
	fixes := 0
	for _, f := range files {
		ref := DataRef{Path: f}
		if len(f) > 7 && f[:7] == "sample:" {
			ref = DataRef{Sample: f[7:]}
		}
		tb, _, err := LoadRef(ctx, ref, "", nil)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		rep, err := eda.Describe(ctx, tb, eda.Options{}, nil)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, a := range rep.Alerts {
			if a.Fix == nil {
				continue
			}
			fixes++
			step := prep.Configure(a.Fix.Step, param.Values(a.Fix.Params), a.Message)
			pl := prep.NewPipeline(step)
			if err := pl.Validate(); err != nil {
				t.Errorf("%s: alert %s suggests a step Prepare rejects: %v (params %v)", filepath.Base(f), a.Kind, err, a.Fix.Params)
				continue
			}
			target, _ := tb.Schema.Target()
			if _, err := pl.Fit(ctx, tb.Frame, target, nil); err != nil {
				t.Errorf("%s: alert %s: the suggested step does not fit: %v", filepath.Base(f), a.Kind, err)
			}
		}
	}
	if fixes < 20 {
		t.Fatalf("only %d suggested fixes over all datasets", fixes)
	}
}
