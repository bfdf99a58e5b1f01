package data

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"testing"

	"modelbench/workflow/internal/testsets"
)

// datasetsDir returns the repository's copy of the real datasets.
func datasetsDir(t *testing.T) string {
	t.Helper()
	return testsets.Dir()
}

type pandasRef struct {
	Files map[string]struct {
		Rows    int `json:"rows"`
		Columns []struct {
			Name    string   `json:"name"`
			Missing int      `json:"missing"`
			Dtype   string   `json:"dtype"`
			Sum     *float64 `json:"sum"`
		} `json:"columns"`
	} `json:"files"`
}

// TestLoadCSV_MatchesPandas compares every shared dataset with pandas
// 1.5.3's read_csv (testdata/pandas_ref.json, made by
// testdata/pandas_ref.py with Modelbench's missing tokens): row counts,
// missing cells per column, which columns are numeric, and their sums.
// By default pandas would also read "None", "nan", "n/a" and "<NA>" as
// missing and keep "?" and "-"; Modelbench keeps "None" as a value.
func TestLoadCSV_MatchesPandas(t *testing.T) {
	dir := datasetsDir(t)
	raw, err := os.ReadFile(filepath.Join("testdata", "pandas_ref.json"))
	if err != nil {
		t.Fatal(err)
	}
	var ref pandasRef
	if err := json.Unmarshal(raw, &ref); err != nil {
		t.Fatal(err)
	}
	if len(ref.Files) < 17 {
		t.Fatalf("only %d files in the reference", len(ref.Files))
	}
	for file, want := range ref.Files {
		t.Run(file, func(t *testing.T) {
			tb, err := LoadCSV(context.Background(), filepath.Join(dir, file), CSVOptions{}, nil)
			if err != nil {
				t.Fatal(err)
			}
			f := tb.Frame
			if f.NumRows() != want.Rows || f.NumCols() != len(want.Columns) {
				t.Fatalf("%d x %d, pandas %d x %d", f.NumRows(), f.NumCols(), want.Rows, len(want.Columns))
			}
			for j, wc := range want.Columns {
				c := f.Col(j)
				if c.Name() != wc.Name || c.Missing() != wc.Missing {
					t.Errorf("column %d: %q with %d missing, pandas %q with %d", j, c.Name(), c.Missing(), wc.Name, wc.Missing)
				}
				pandasNumeric := wc.Dtype == "i" || wc.Dtype == "f"
				if (c.Kind() == Numeric) != pandasNumeric {
					t.Errorf("column %q: kind %v, pandas dtype %q", wc.Name, c.Kind(), wc.Dtype)
					continue
				}
				if wc.Sum != nil {
					got := 0.0
					for _, v := range c.(*NumericColumn).Values() {
						if !math.IsNaN(v) {
							got += v
						}
					}
					if d := math.Abs(got - *wc.Sum); d > 1e-9*math.Max(1, math.Abs(*wc.Sum)) {
						t.Errorf("column %q: sum %v, pandas %v", wc.Name, got, *wc.Sum)
					}
				}
			}
		})
	}
}
