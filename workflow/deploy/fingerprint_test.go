package deploy

import (
	"context"
	"testing"
	"time"

	"modelbench/workflow/artifact"
	"modelbench/workflow/data"
	"modelbench/workflow/model"
	_ "modelbench/workflow/model/learners"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

func fitSizes(t *testing.T, depth int) *artifact.Artifact {
	t.Helper()
	x := data.NewNumeric("x", []float64{1, 2, 3, 4, 5, 6, 7, 8, 2.5, 6.5}, nil)
	y := data.NewCategoricalFromStrings("size", []string{"small", "small", "small", "small", "big", "big", "big", "big", "small", "big"}, nil)
	f, err := data.NewFrame(x, y)
	if err != nil {
		t.Fatal(err)
	}
	a, err := artifact.Fit(context.Background(), f, artifact.Spec{Target: "size", Task: model.Classification,
		Pipeline: prep.NewPipeline(prep.Configure("scale", param.Values{"method": "standard"}, "")),
		Learner:  "tree", Params: param.Values{"max_depth": depth}, Seed: 3}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestFingerprint_SameModelSameFingerprint: refitting gives the same
// fingerprint although the creation time differs; saving and reading
// model.json keeps it; another setting changes it.
func TestFingerprint_SameModelSameFingerprint(t *testing.T) {
	a := fitSizes(t, 2)
	b := *fitSizes(t, 2)
	b.Created, b.FitTime, b.AppVersion = a.Created.Add(time.Hour), a.FitTime+time.Second, "9.9.9" // must not count
	fa, err := Fingerprint(a)
	if err != nil {
		t.Fatal(err)
	}
	fb, _ := Fingerprint(&b)
	if len(fa) != 64 || fa != fb {
		t.Fatalf("refit: %s and %s", fa, fb)
	}
	dir := t.TempDir()
	if _, err := a.Save(dir); err != nil {
		t.Fatal(err)
	}
	saved, err := artifact.Load(dir)
	if err != nil {
		t.Fatal(err)
	}
	if fs, _ := Fingerprint(saved); fs != fa {
		t.Fatalf("after saving: %s, before %s", fs, fa)
	}
	if fc, _ := Fingerprint(fitSizes(t, 1)); fc == fa {
		t.Fatal("another max_depth gives the same fingerprint")
	}
	c := *a
	c.DataSHA256 = "other data"
	if fd, _ := Fingerprint(&c); fd == fa {
		t.Fatal("other data gives the same fingerprint")
	}
	if _, err := Fingerprint(nil); err == nil {
		t.Fatal("no error for no model")
	}
}
