package tree

import (
	"testing"

	"modelbench/workflow/model"
)

func TestParseMaxFeatures(t *testing.T) {
	cases := []struct {
		in        string
		d         int
		task      model.Task
		want      int
		canonical string
	}{
		{"", 20, model.Classification, 20, "all"},
		{"ALL", 20, model.Regression, 20, "all"},
		{"auto", 20, model.Classification, 4, "auto"},
		{"auto", 20, model.Regression, 20, "auto"},
		{" sqrt ", 20, model.Regression, 4, "sqrt"},
		{"sqrt", 1, model.Classification, 1, "sqrt"},
		{"log2", 20, model.Classification, 4, "log2"},
		{"log2", 1, model.Classification, 1, "log2"},
		{"0.5", 20, model.Classification, 10, "0.5"},
		{"0.01", 20, model.Classification, 1, "0.01"},
		{"1.0", 7, model.Classification, 7, "1.0"},
		{"1e-1", 30, model.Classification, 3, "0.1"},
		{"3", 20, model.Classification, 3, "3"},
		{"50", 20, model.Classification, 20, "50"},
	}
	for _, c := range cases {
		r, err := parseMaxFeatures(c.in)
		if err != nil {
			t.Errorf("%q: %v", c.in, err)
			continue
		}
		if got := r.resolve(c.d, c.task); got != c.want {
			t.Errorf("%q with %d features (%v): %d, want %d", c.in, c.d, c.task, got, c.want)
		}
		if r.String() != c.canonical {
			t.Errorf("%q: canonical form %q, want %q", c.in, r.String(), c.canonical)
		}
	}
	for _, bad := range []string{"0", "-1", "0.0", "1.5", "half", "NaN", "inf", "2.", "sqrt2"} {
		if _, err := parseMaxFeatures(bad); err == nil {
			t.Errorf("%q: accepted", bad)
		}
	}
}

// FuzzParseMaxFeatures checks that any text either fails or gives a rule
// whose count is within [1, d] and whose canonical form parses back to it.
func FuzzParseMaxFeatures(f *testing.F) {
	for _, s := range []string{"", "all", "auto", "sqrt", "log2", "0.5", "3", "1e-3", "-0", "0x1p-2"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := parseMaxFeatures(s)
		if err != nil {
			return
		}
		for _, d := range []int{1, 2, 17, 1000} {
			if k := r.resolve(d, model.Classification); k < 1 || k > d {
				t.Fatalf("%q: %d features of %d", s, k, d)
			}
		}
		back, err := parseMaxFeatures(r.String())
		if err != nil || back != r {
			t.Fatalf("%q: canonical %q reads back as %+v, %v", s, r.String(), back, err)
		}
	})
}
