package eval

import (
	"encoding/json"
	"math"
	"os"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
)

// sliceFixture is the "slices" case of testdata/fixtures.json: metrics per
// region computed with pandas groupby and scikit-learn.
type sliceFixture struct {
	Region    []string                       `json:"region"`
	Age       []*float64                     `json:"age"`
	Y         []float64                      `json:"y"`
	Pred      []float64                      `json:"pred"`
	P1        []float64                      `json:"p1"`
	Groups    map[string]map[string]*float64 `json:"groups"`
	AgeGroups map[string]struct {
		Rows     int     `json:"rows"`
		Accuracy float64 `json:"accuracy"`
	} `json:"age_groups"`
	AgeEdges []float64      `json:"age_edges"`
	Counts   map[string]int `json:"counts"`
}

func loadSliceFixture(t *testing.T) (sliceFixture, *metrics.Predictions) {
	t.Helper()
	b, err := os.ReadFile("testdata/fixtures.json")
	if err != nil {
		t.Fatal(err)
	}
	var all struct {
		Slices sliceFixture `json:"slices"`
	}
	if err := json.Unmarshal(b, &all); err != nil {
		t.Fatal(err)
	}
	f := all.Slices
	p := &metrics.Predictions{Task: model.Classification, Classes: []string{"no", "yes"}, Truth: f.Y, Pred: f.Pred}
	for _, s := range f.P1 {
		p.Proba = append(p.Proba, []float64{1 - s, s})
	}
	return f, p
}

// TestSlices_MatchPandasGroupby compares each region's metric with pandas
// groupby + scikit-learn, and checks which groups are flagged.
func TestSlices_MatchPandasGroupby(t *testing.T) {
	f, p := loadSliceFixture(t)
	region := data.NewCategoricalFromStrings("region", f.Region, nil)
	flagged := map[string]map[string]bool{
		"accuracy": {"south": true}, "roc_auc": {"south": true}, "log_loss": {"south": true},
	}
	for metric, want := range f.Groups {
		r, err := Slices(p, region, metric)
		if err != nil {
			t.Fatal(err)
		}
		if !relClose(r.Overall, *want["(all)"], 1e-9) {
			t.Errorf("%s overall = %v, scikit-learn %v", metric, r.Overall, *want["(all)"])
		}
		if len(r.Groups) != len(f.Counts) {
			t.Fatalf("%s: %d groups, want %d", metric, len(r.Groups), len(f.Counts))
		}
		for _, g := range r.Groups {
			w := want[g.Level]
			if g.Rows != f.Counts[g.Level] {
				t.Errorf("%s %s: %d rows, pandas %d", metric, g.Level, g.Rows, f.Counts[g.Level])
			}
			if w == nil {
				if !math.IsNaN(g.Score) || g.Note == "" {
					t.Errorf("%s %s: score %v note %q; want NaN with a note (undefined)", metric, g.Level, g.Score, g.Note)
				}
			} else if !relClose(g.Score, *w, 1e-9) {
				t.Errorf("%s %s = %v, scikit-learn %v", metric, g.Level, g.Score, *w)
			}
			if g.Flagged != flagged[metric][g.Level] {
				t.Errorf("%s %s flagged = %v (score %v, overall %v)", metric, g.Level, g.Flagged, g.Score, r.Overall)
			}
		}
	}
}

// TestSlices_NumericQuartiles checks the quantile groups of a numeric
// column (with missing values) against the numpy grouping of the fixture.
func TestSlices_NumericQuartiles(t *testing.T) {
	f, p := loadSliceFixture(t)
	vals := make([]float64, len(f.Age))
	for i, a := range f.Age {
		vals[i] = math.NaN()
		if a != nil {
			vals[i] = *a
		}
	}
	r, err := Slices(p, data.NewNumeric("age", vals, nil), "accuracy")
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Groups) != len(f.AgeGroups) {
		t.Fatalf("%d groups, want %d: %+v", len(r.Groups), len(f.AgeGroups), r.Groups)
	}
	wantLevels := []string{"below 36", "[36, 50)", "[50, 64)", "64 and above", "(missing)"}
	for i, g := range r.Groups {
		w := f.AgeGroups[string(rune('0'+i))]
		if g.Level != wantLevels[i] || g.Rows != w.Rows || !relClose(g.Score, w.Accuracy, 1e-12) {
			t.Errorf("group %d = %+v, want %s with %d rows, accuracy %v", i, g, wantLevels[i], w.Rows, w.Accuracy)
		}
	}
}

func TestSlices_RejectsUnusableColumns(t *testing.T) {
	_, p := loadSliceFixture(t)
	if _, err := Slices(p, data.NewNumeric("short", []float64{1, 2}, nil), ""); err == nil {
		t.Error("a column of another length was accepted")
	}
	ids := make([]string, p.Rows())
	for i := range ids {
		ids[i] = strings.Repeat("x", i+1)
	}
	if _, err := Slices(p, data.NewText("id", ids, nil), ""); err == nil || !strings.Contains(err.Error(), "distinct") {
		t.Errorf("an identifier column: %v", err)
	}
}
