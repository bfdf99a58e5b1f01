package artifact

import (
	"bytes"
	"context"
	"encoding/json"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/model"
	"modelbench/workflow/prep"
)

// FuzzUnmarshal feeds model.json readers arbitrary bytes, seeded with real
// files: they must fail with an error, never panic, and whatever they
// accept must save again to a file that reads back to the same JSON.
func FuzzUnmarshal(f *testing.F) {
	ctx := context.Background()
	x := data.NewNumeric("x", []float64{0, 1, 2, 3, 4, 5, 6, 7}, nil)
	y := data.NewCategoricalFromStrings("y", []string{"a", "a", "a", "a", "b", "b", "b", "b"}, nil)
	train, _ := data.NewFrame(x, y)
	for _, learner := range []string{"baseline", "tree", "forest", "gbt", "logistic"} {
		a, err := Fit(ctx, train, Spec{Target: "y", Task: model.Classification, Learner: learner,
			Pipeline: prep.NewPipeline(prep.Configure("scale", nil, ""))}, nil)
		if err != nil {
			f.Fatal(err)
		}
		b, err := json.Marshal(a)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
		if r, err := a.marshal(model.MarshalReadable); err == nil {
			f.Add(r)
		}
	}
	f.Add([]byte(`{"format":"modelbench.model","version":1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		var a Artifact
		if err := json.Unmarshal(b, &a); err != nil {
			return
		}
		again, err := json.Marshal(&a)
		if err != nil {
			return // a model type that reads but cannot be saved is reported, not a crash
		}
		var c Artifact
		if err := json.Unmarshal(again, &c); err != nil {
			t.Fatalf("a saved artifact does not read back: %v", err)
		}
		third, err := json.Marshal(&c)
		if err != nil || !bytes.Equal(again, third) {
			t.Fatalf("saving is not stable: %v\n%s\n%s", err, again, third)
		}
	})
}
