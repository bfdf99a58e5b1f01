package eda

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/internal/testsets"
)

// The reference values in testdata/reference/*.json come from pandas
// 1.5.3, numpy 1.24 and scipy 1.10 (Debian's packages), written by
// testdata/make_fixtures.py; its docstring holds the exact command.
// pandas: describe(percentiles=...), skew(), kurt(), nunique(),
// value_counts(), duplicated(), corr("pearson"/"spearman"); numpy:
// percentile, histogram; scipy: stats.median_abs_deviation,
// stats.contingency.association(method="cramer").
//
// Typing differs between pandas and Modelbench, so like is compared with
// like: pandas keeps yes/no columns as object (Modelbench: boolean, the
// words mapped with data.ParseBool), keeps dates as object (Modelbench:
// datetime, compared with pd.to_datetime), and does not trim spaces
// around text cells (Modelbench's loader does; the script strips them).

var datasetsDir = testsets.Dir()

type refColumn struct {
	Count, Missing, Unique, UniqueRaw int `json:"-"`
	Mean, Std, Min, P05, Q1, Median   *float64
	Q3, P95, Max, Skew, Kurtosis      *float64
	Zeros, Negatives                  int
	IQROutliers                       int            `json:"iqr_outliers"`
	RobustZOutliers                   int            `json:"robust_z_outliers"`
	LowerFence, UpperFence, MAD       float64        `json:"-"`
	HistCounts                        []int          `json:"hist_counts"`
	HistEdges                         []float64      `json:"hist_edges"`
	ValueCounts                       map[string]int `json:"value_counts"`
	Length                            *LengthStats
	Dates                             *DateStats
}

// UnmarshalJSON reads the snake_case keys the script writes.
func (c *refColumn) UnmarshalJSON(b []byte) error {
	type plain refColumn
	var extra struct {
		Count      int     `json:"count"`
		Missing    int     `json:"missing"`
		Unique     int     `json:"unique"`
		LowerFence float64 `json:"lower_fence"`
		UpperFence float64 `json:"upper_fence"`
		MAD        float64 `json:"mad"`
	}
	if err := json.Unmarshal(b, (*plain)(c)); err != nil {
		return err
	}
	if err := json.Unmarshal(b, &extra); err != nil {
		return err
	}
	c.Count, c.Missing, c.Unique = extra.Count, extra.Missing, extra.Unique
	c.LowerFence, c.UpperFence, c.MAD = extra.LowerFence, extra.UpperFence, extra.MAD
	return nil
}

type refAssoc struct {
	Measure string   `json:"measure"`
	Value   *float64 `json:"value"`
}

type refDataset struct {
	File       string                         `json:"file"`
	Rows       int                            `json:"rows"`
	Target     string                         `json:"target"`
	Task       string                         `json:"task"`
	Duplicates int                            `json:"duplicates"`
	Kinds      map[string]string              `json:"kinds"`
	Columns    map[string]refColumn           `json:"columns"`
	Pearson    Matrix                         `json:"pearson"`
	Spearman   Matrix                         `json:"spearman"`
	CramersV   map[string]map[string]*float64 `json:"cramers_v"`
	Assoc      map[string]refAssoc            `json:"target_association"`
}

// near reports whether got is within rel of want, relative to |want|, with
// an absolute floor abs for values near zero.
func near(got, want, rel, abs float64) bool {
	if math.IsNaN(want) {
		return math.IsNaN(got)
	}
	return math.Abs(got-want) <= rel*math.Abs(want)+abs
}

func describeFile(t testing.TB, name string, opt Options) *Report {
	t.Helper()
	tb, err := data.LoadCSV(context.Background(), filepath.Join(datasetsDir, name), data.CSVOptions{}, nil)
	if err != nil {
		t.Fatalf("dataset %s: %v", name, err)
	}
	rep, err := Describe(context.Background(), tb, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return rep
}

func TestDescribe_MatchesPandas(t *testing.T) {
	files, _ := filepath.Glob("testdata/reference/*.json")
	if len(files) < 17 {
		t.Fatalf("found %d reference files, want 17", len(files))
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		var ref refDataset
		if err := json.Unmarshal(b, &ref); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		t.Run(strings.TrimSuffix(ref.File, ".csv"), func(t *testing.T) {
			rep := describeFile(t, ref.File, Options{Target: ref.Target})
			if rep.Rows != ref.Rows || rep.Duplicates.Count != ref.Duplicates || rep.Task != ref.Task {
				t.Errorf("rows %d dups %d task %q, pandas %d %d %q", rep.Rows, rep.Duplicates.Count, rep.Task, ref.Rows, ref.Duplicates, ref.Task)
			}
			for i := range rep.Columns {
				st := &rep.Columns[i]
				rc, ok := ref.Columns[st.Name]
				if !ok {
					t.Errorf("pandas has no column %q", st.Name)
					continue
				}
				checkColumn(t, st, rc, ref.Kinds[st.Name])
			}
			checkMatrices(t, rep, &ref)
			checkAssociation(t, rep, &ref)
		})
	}
}

func checkColumn(t *testing.T, st *ColumnStats, rc refColumn, kind string) {
	t.Helper()
	if st.Count != rc.Count || st.Missing != rc.Missing {
		t.Errorf("%s: count %d missing %d, pandas %d %d", st.Name, st.Count, st.Missing, rc.Count, rc.Missing)
	}
	switch st.Type {
	case data.Numeric:
		if kind != "numeric" {
			t.Errorf("%s: numeric here, %s in pandas", st.Name, kind)
			return
		}
		checkNumeric(t, st, rc)
	case data.Categorical, data.Boolean:
		// Yes/no levels are named as the file spells them, as pandas'
		// value_counts name them; pandas reads TRUE/FALSE as booleans,
		// which the fixture writes as true/false, so those compare
		// without case.
		spelling := func(v string) string {
			if kind == "boolean" {
				return strings.ToLower(v)
			}
			return v
		}
		want := map[string]int{}
		for v, n := range rc.ValueCounts {
			want[spelling(v)] += n
		}
		got := map[string]int{}
		for _, l := range st.Levels {
			got[spelling(l.Value)] = l.Count
		}
		if !equalCounts(got, want) || st.Unique != len(want) {
			t.Errorf("%s: levels %v, pandas %v", st.Name, got, want)
		}
	case data.Text:
		checkText(t, st, rc)
	case data.Datetime:
		if rc.Dates == nil || st.Dates == nil || st.Dates.First != rc.Dates.First || st.Dates.Last != rc.Dates.Last ||
			st.Dates.TypicalStep != rc.Dates.TypicalStep || st.Unique != rc.Unique {
			t.Errorf("%s: dates %+v (%d distinct), pandas %+v (%d)", st.Name, st.Dates, st.Unique, rc.Dates, rc.Unique)
		}
	}
}

func equalCounts(a, b map[string]int) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

func checkNumeric(t *testing.T, st *ColumnStats, rc refColumn) {
	t.Helper()
	scale := math.Max(math.Abs(val(rc.Min)), math.Abs(val(rc.Max)))
	for _, c := range []struct {
		name      string
		got, want *float64
		abs       float64
	}{
		{"mean", st.Mean, rc.Mean, 1e-13 * scale}, {"std", st.Std, rc.Std, 1e-13 * scale},
		{"min", st.Min, rc.Min, 0}, {"p05", st.P05, rc.P05, 1e-14 * scale}, {"q1", st.Q1, rc.Q1, 1e-14 * scale},
		{"median", st.Median, rc.Median, 1e-14 * scale}, {"q3", st.Q3, rc.Q3, 1e-14 * scale},
		{"p95", st.P95, rc.P95, 1e-14 * scale}, {"max", st.Max, rc.Max, 0},
		{"skew", st.Skew, rc.Skew, 1e-10}, {"kurtosis", st.Kurtosis, rc.Kurtosis, 1e-10},
	} {
		if !near(val(c.got), val(c.want), 1e-9, c.abs) {
			t.Errorf("%s %s = %v, pandas %v", st.Name, c.name, val(c.got), val(c.want))
		}
	}
	if val(st.Min) != val(rc.Min) || val(st.Max) != val(rc.Max) {
		t.Errorf("%s: range [%v, %v], pandas [%v, %v]", st.Name, val(st.Min), val(st.Max), val(rc.Min), val(rc.Max))
	}
	if st.Unique != rc.Unique || *st.Zeros != rc.Zeros || *st.Negatives != rc.Negatives {
		t.Errorf("%s: unique/zeros/negatives %d %d %d, pandas %d %d %d", st.Name, st.Unique, *st.Zeros, *st.Negatives, rc.Unique, rc.Zeros, rc.Negatives)
	}
	o := st.Outliers
	if o.IQRCount != rc.IQROutliers || o.RobustZCount != rc.RobustZOutliers || !near(o.MAD, rc.MAD, 1e-12, 0) ||
		!near(o.LowerFence, rc.LowerFence, 1e-12, 1e-14*scale) || !near(o.UpperFence, rc.UpperFence, 1e-12, 1e-14*scale) {
		t.Errorf("%s: outliers %+v, numpy/scipy iqr %d robust %d mad %v fences %v %v", st.Name, *o, rc.IQROutliers, rc.RobustZOutliers, rc.MAD, rc.LowerFence, rc.UpperFence)
	}
	h := st.Histogram
	if len(h.Counts) != len(rc.HistCounts) {
		t.Fatalf("%s: %d bins, numpy %d", st.Name, len(h.Counts), len(rc.HistCounts))
	}
	for i := range h.Counts {
		if h.Counts[i] != rc.HistCounts[i] || !near(h.Edges[i], rc.HistEdges[i], 1e-15, 1e-15*scale) {
			t.Errorf("%s: bin %d [%v, ...) = %d, numpy [%v, ...) = %d", st.Name, i, h.Edges[i], h.Counts[i], rc.HistEdges[i], rc.HistCounts[i])
		}
	}
}

func checkText(t *testing.T, st *ColumnStats, rc refColumn) {
	t.Helper()
	if st.Unique != rc.Unique || st.TextLength == nil || rc.Length == nil {
		t.Fatalf("%s: %d distinct texts, pandas %d; lengths %v %v", st.Name, st.Unique, rc.Unique, st.TextLength, rc.Length)
	}
	g, w := *st.TextLength, *rc.Length
	pairs := [][2]float64{{g.Min, w.Min}, {g.Mean, w.Mean}, {g.Q1, w.Q1}, {g.Median, w.Median}, {g.Q3, w.Q3}, {g.P95, w.P95}, {g.Max, w.Max}}
	for i, p := range pairs {
		if !near(p[0], p[1], 1e-12, 0) {
			t.Errorf("%s: length statistic %d = %v, pandas %v", st.Name, i, p[0], p[1])
		}
	}
}

func checkMatrices(t *testing.T, rep *Report, ref *refDataset) {
	t.Helper()
	if len(ref.Pearson.Columns) >= 2 {
		if rep.Correlations == nil {
			t.Fatal("no correlation matrices")
		}
		for _, pair := range []struct {
			name      string
			got, want *Matrix
		}{{"pearson", &rep.Correlations.Pearson, &ref.Pearson}, {"spearman", &rep.Correlations.Spearman, &ref.Spearman}} {
			if strings.Join(pair.got.Columns, ",") != strings.Join(pair.want.Columns, ",") {
				t.Fatalf("%s columns %v, pandas %v", pair.name, pair.got.Columns, pair.want.Columns)
			}
			for i := range pair.got.Columns {
				for j := range pair.got.Columns {
					if g, w := pair.got.At(i, j), pair.want.At(i, j); !near(g, w, 0, 1e-12) {
						t.Errorf("%s(%s, %s) = %v, pandas %v", pair.name, pair.got.Columns[i], pair.got.Columns[j], g, w)
					}
				}
			}
		}
	}
	if rep.CramersV == nil {
		return
	}
	m := rep.CramersV
	for i, a := range m.Columns {
		for j, b := range m.Columns {
			w, ok := ref.CramersV[a][b]
			if !ok {
				t.Errorf("scipy has no Cramér's V for %s, %s", a, b)
			} else if g := m.At(i, j); !near(g, val(w), 0, 1e-12) {
				t.Errorf("V(%s, %s) = %v, scipy %v", a, b, g, val(w))
			}
		}
	}
}

func checkAssociation(t *testing.T, rep *Report, ref *refDataset) {
	t.Helper()
	var compared []string
	for _, st := range rep.Columns {
		if st.TargetAssociation == nil {
			continue
		}
		w, ok := ref.Assoc[st.Name]
		if !ok || w.Measure != st.AssociationMeasure || !near(*st.TargetAssociation, val(w.Value), 0, 1e-12) {
			t.Errorf("%s: %s %v, pandas/scipy %s %v", st.Name, st.AssociationMeasure, *st.TargetAssociation, w.Measure, val(w.Value))
		}
		compared = append(compared, st.Name)
	}
	sort.Strings(compared)
	if len(compared) == 0 {
		t.Errorf("no target association was compared")
	}
}
