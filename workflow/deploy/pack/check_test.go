package pack

import (
	"context"
	"math"
	"testing"
)

// TestDiffers_SeesEveryKindOfDifference: the check's comparison finds a
// different class, a probability off by one unit in the last place, a
// missing probability and a different number, and nothing in an exact
// copy.
func TestDiffers_SeesEveryKindOfDifference(t *testing.T) {
	f := fixtures["penguins"]
	a := f.Artifact
	want, err := a.Predict(context.Background(), f.Test)
	if err != nil {
		t.Fatal(err)
	}
	labels := make([]string, len(want.Index))
	for i, k := range want.Index {
		labels[i] = want.Classes[int(k)]
	}
	proba := func(i int) map[string]float64 {
		out := map[string]float64{}
		for k, c := range want.Classes {
			out[c] = want.Proba[i][k]
		}
		return out
	}
	if why := differs(a, want, labels, 0, labels[0], proba(0)); why != "" {
		t.Errorf("an exact copy differs: %s", why)
	}
	other := want.Classes[(int(want.Index[0])+1)%len(want.Classes)]
	if differs(a, want, labels, 0, other, proba(0)) == "" {
		t.Error("another class does not differ")
	}
	p := proba(0)
	p[want.Classes[0]] = math.Nextafter(p[want.Classes[0]], 2)
	if differs(a, want, labels, 0, labels[0], p) == "" {
		t.Error("a probability one ulp off does not differ")
	}
	p = proba(0)
	delete(p, want.Classes[1])
	if differs(a, want, labels, 0, labels[0], p) == "" {
		t.Error("a missing probability does not differ")
	}
	d := fixtures["diamonds"]
	dw, err := d.Artifact.Predict(context.Background(), d.Test)
	if err != nil {
		t.Fatal(err)
	}
	if differs(d.Artifact, dw, nil, 3, dw.Index[3], nil) != "" || differs(d.Artifact, dw, nil, 3, dw.Index[3]+1e-9, nil) == "" {
		t.Error("regression comparison")
	}
}
