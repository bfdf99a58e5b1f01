package artifact

import (
	"bytes"
	"context"
	"math"
	"os"
	"testing"
)

// TestArtifact_SaveIsCompactSaveReadableIsNot saves tree models both ways:
// Save writes one line of JSON (the model body not indented), SaveReadable
// indented JSON with the trees as arrays, and both load to models that
// predict the same as the original.
func TestArtifact_SaveIsCompactSaveReadableIsNot(t *testing.T) {
	for _, learner := range []string{"tree", "forest", "gbt"} {
		a, tb := fitSample(t, "penguins", learner)
		compact, err := a.Save(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		readable, err := a.SaveReadable(t.TempDir())
		if err != nil {
			t.Fatal(err)
		}
		cb, _ := os.ReadFile(compact)
		rb, _ := os.ReadFile(readable)
		if bytes.Count(cb, []byte("\n")) != 0 || bytes.Count(rb, []byte("\n")) < 100 || len(rb) < 2*len(cb) {
			t.Errorf("%s: the compact file has %d lines and %d bytes, the readable one %d lines and %d bytes",
				learner, bytes.Count(cb, []byte("\n"))+1, len(cb), bytes.Count(rb, []byte("\n"))+1, len(rb))
		}
		if !bytes.Contains(rb, []byte(`"threshold": [`)) {
			t.Errorf("%s: the readable file has no threshold array", learner)
		}
		want, _ := a.Predict(context.Background(), tb.Frame)
		for _, path := range []string{compact, readable} {
			b, err := Load(path)
			if err != nil {
				t.Fatalf("%s: %v", path, err)
			}
			got, err := b.Predict(context.Background(), tb.Frame)
			if err != nil {
				t.Fatal(err)
			}
			for i := range want.Index {
				if math.Float64bits(got.Index[i]) != math.Float64bits(want.Index[i]) {
					t.Fatalf("%s %s: row %d predicts %v, %v before saving", learner, path, i+1, got.Index[i], want.Index[i])
				}
			}
		}
	}
}
