package monitor

import (
	"bytes"
	"context"
	"errors"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/internal/testsets"
)

func loadSet(t testing.TB, name string) *data.Frame {
	t.Helper()
	tab, err := data.LoadCSV(context.Background(), testsets.Path(name), data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tab.Frame
}

// penguinBaseline profiles the penguins' inputs with their species as the
// "predictions" (a perfect classifier).
func penguinBaseline(t testing.TB) *Baseline {
	t.Helper()
	f := loadSet(t, "penguins.csv")
	sp, _ := f.Lookup("species")
	labels := make([]string, f.NumRows())
	for i := range labels {
		labels[i] = sp.Format(i)
	}
	b, err := NewBaseline(context.Background(), f.Drop("species"), Predictions{Task: Classification, Labels: labels}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestNewBaseline_Pandas(t *testing.T) {
	for _, ds := range loadFixtures(t).Datasets {
		f := loadSet(t, ds.File)
		pred := Predictions{Task: Regression, Values: make([]float64, f.NumRows())}
		b, err := NewBaseline(context.Background(), f, pred, nil)
		if err != nil {
			t.Fatal(err)
		}
		if b.Rows != ds.Rows || len(b.Features) != f.NumCols() {
			t.Fatalf("%s: %d rows %d features", ds.File, b.Rows, len(b.Features))
		}
		for _, w := range ds.Numeric {
			p, ok := b.Profile(w.Name)
			if !ok || p.Numeric == nil {
				t.Fatalf("%s: no numeric profile for %s", ds.File, w.Name)
			}
			n := p.Numeric
			if p.Missing != w.Missing || !near(p.MissingShare, float64(w.Missing)/float64(ds.Rows), 1e-15) {
				t.Errorf("%s.%s: %d missing, pandas %d", ds.File, w.Name, p.Missing, w.Missing)
			}
			if !near(n.Mean, w.Mean, 1e-12) || !near(n.Std, w.Std, 1e-12) || n.Min != w.Min || n.Max != w.Max {
				t.Errorf("%s.%s: mean %v std %v range %v..%v, pandas %v %v %v..%v", ds.File, w.Name, n.Mean, n.Std, n.Min, n.Max, w.Mean, w.Std, w.Min, w.Max)
			}
			if !floatsNear(n.Edges, w.Edges, 1e-12) || !reflect.DeepEqual(n.Bins, w.Bins) {
				t.Errorf("%s.%s: edges %v bins %v, numpy %v %v", ds.File, w.Name, n.Edges, n.Bins, w.Edges, w.Bins)
			}
			s := n.Sample
			if len(s) != w.SampleLen || !near(sum(s), w.SampleSum, 1e-12) || s[0] != w.SampleFirst || s[len(s)/2] != w.SampleMid || s[len(s)-1] != w.SampleLast {
				t.Errorf("%s.%s: sample of %d, sum %v, first %v mid %v last %v; numpy %d %v %v %v %v", ds.File, w.Name,
					len(s), sum(s), s[0], s[len(s)/2], s[len(s)-1], w.SampleLen, w.SampleSum, w.SampleFirst, w.SampleMid, w.SampleLast)
			}
		}
		for _, w := range ds.Levels {
			p, ok := b.Profile(w.Name)
			if !ok || p.Levels == nil || p.Missing != w.Missing {
				t.Fatalf("%s: level profile for %s: %+v", ds.File, w.Name, p)
			}
			got := map[string]int{}
			for _, lc := range p.Levels.Levels {
				got[lc.Level] = lc.Count
			}
			if !reflect.DeepEqual(got, w.Counts) || p.Levels.Other != 0 {
				t.Errorf("%s.%s: levels %v (other %d), pandas %v", ds.File, w.Name, got, p.Levels.Other, w.Counts)
			}
		}
	}
}

func TestNewBaseline_LevelsAndDates(t *testing.T) {
	n := 300
	names := make([]string, n)
	when := make([]int64, n)
	for i := range names {
		names[i] = "level" + string(rune('A'+i%60)) // 60 levels, 5 rows each
		when[i] = int64(i) * 86400e9
	}
	f, err := data.NewFrame(data.NewCategoricalFromStrings("c", names, nil), data.NewDatetime("d", when, nil, "2006-01-02"))
	if err != nil {
		t.Fatal(err)
	}
	b, err := NewBaseline(context.Background(), f, Predictions{Task: Classification, Labels: names}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, _ := b.Profile("c")
	if len(c.Levels.Levels) != MaxLevels || c.Levels.Other != 50 || c.Levels.OtherLevels != 10 || len(c.Levels.OtherNames) != 10 {
		t.Errorf("levels past MaxLevels: %d kept, other %d rows in %d levels, %d names", len(c.Levels.Levels), c.Levels.Other, c.Levels.OtherLevels, len(c.Levels.OtherNames))
	}
	d, _ := b.Profile("d")
	if d.Kind != data.Datetime || d.Layout != "2006-01-02" || d.Numeric.Min != 0 || d.Numeric.Max != float64(n-1)*86400 {
		t.Errorf("datetime profile in Unix seconds: %+v %+v", d, d.Numeric)
	}
}

func TestNewBaseline_Errors(t *testing.T) {
	f, _ := data.NewFrame(data.NewNumeric("x", []float64{1, 2, 3}, nil))
	ctx := context.Background()
	for name, p := range map[string]Predictions{
		"short labels": {Task: Classification, Labels: []string{"a"}},
		"short values": {Task: Regression, Values: []float64{1, 2}},
		"no task":      {Values: []float64{1, 2, 3}},
	} {
		if _, err := NewBaseline(ctx, f, p, nil); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if _, err := NewBaseline(ctx, &data.Frame{}, Predictions{Task: Regression}, nil); err == nil {
		t.Error("an empty frame was accepted")
	}
	huge, _ := data.NewFrame(data.NewNumeric("x", []float64{1e308, -1e308, 1e308}, nil))
	if _, err := NewBaseline(ctx, huge, Predictions{Task: Regression, Values: []float64{1, 2, 3}}, nil); !errors.Is(err, ErrBaseline) || !strings.Contains(err.Error(), `"x"`) {
		t.Errorf("values whose spread overflows: %v", err)
	}
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	if _, err := NewBaseline(cancelled, f, Predictions{Task: Regression, Values: []float64{1, 2, 3}}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

func TestBaseline_RoundTrip(t *testing.T) {
	b := penguinBaseline(t)
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := b.Save(path); err != nil {
		t.Fatal(err)
	}
	back, err := LoadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(b, back) {
		t.Error("baseline.json does not read back to the same baseline")
	}
}

func TestDecodeBaseline_Damaged(t *testing.T) {
	var buf bytes.Buffer
	if err := penguinBaseline(t).Encode(&buf); err != nil {
		t.Fatal(err)
	}
	good := buf.String()
	cases := []struct {
		name string
		edit func(string) string
		want error
	}{
		{"truncated", func(s string) string { return s[:len(s)/2] }, ErrFormat},
		{"not json", func(string) string { return "hello" }, ErrFormat},
		{"another format", func(s string) string { return strings.Replace(s, BaselineFormat, "modelbench-project", 1) }, ErrFormat},
		{"newer version", func(s string) string { return strings.Replace(s, `"version": 1`, `"version": 2`, 1) }, ErrVersion},
		{"bins changed", func(s string) string { return strings.Replace(s, `"bins": [`, `"bins": [7, `, 1) }, ErrBaseline},
		{"count changed", func(s string) string { return strings.Replace(s, `"count": 344`, `"count": 343`, 1) }, ErrBaseline},
		{"unknown kind", func(s string) string { return strings.Replace(s, `"kind": "numeric"`, `"kind": "colour"`, 1) }, ErrBaseline},
		{"unknown task", func(s string) string { return strings.Replace(s, `"task": "classification"`, `"task": "ranking"`, 1) }, ErrBaseline},
		{"wrong type", func(s string) string { return strings.Replace(s, `"rows": 344`, `"rows": "many"`, 1) }, ErrBaseline},
		{"sample unsorted", func(s string) string { return strings.Replace(s, `"sample": [`, `"sample": [1e9, `, 1) }, ErrBaseline},
	}
	for _, c := range cases {
		bad := c.edit(good)
		if bad == good {
			t.Fatalf("%s: the edit changed nothing", c.name)
		}
		_, err := DecodeBaseline([]byte(bad))
		if !errors.Is(err, c.want) {
			t.Errorf("%s: error %v, want %v", c.name, err, c.want)
		}
	}
	if _, err := DecodeBaseline([]byte(good)); err != nil {
		t.Errorf("the undamaged file: %v", err)
	}
}

func TestResult_JSON(t *testing.T) {
	r := Result{Test: TestChiSquare, Statistic: math.Inf(1), PValue: 0, Threshold: 0.05, Drifted: true, Score: pScore(0), Summary: "s"}
	raw, err := r.MarshalJSON()
	if err != nil || !strings.Contains(string(raw), `"statistic":null`) || !strings.Contains(string(raw), `"p_value":0`) {
		t.Fatalf("%s %v", raw, err)
	}
	var back Result
	if err := back.UnmarshalJSON(raw); err != nil || !math.IsInf(back.Statistic, 1) || back.PValue != 0 || !back.Drifted {
		t.Errorf("read back %+v %v", back, err)
	}
}
