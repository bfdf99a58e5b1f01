package source

import (
	"context"
	"errors"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"modelbench/workflow/data"
)

// parquetExpected is testdata/parquet/expected.json, written by
// testdata/parquet_expected.mjs: DuckDB reads the files back.
type parquetExpected map[string]struct {
	Rows    int `json:"rows"`
	Columns []struct {
		Name     string    `json:"name"`
		Type     string    `json:"type"`
		Missing  int       `json:"missing"`
		Sum      *float64  `json:"sum"`
		Distinct *int      `json:"distinct"`
		First    []*string `json:"first"`
	} `json:"columns"`
}

// parquetKind is the column kind expected for a DuckDB type.
func parquetKind(duck string, distinct *int, rows int) data.Kind {
	switch {
	case duck == "BOOLEAN":
		return data.Boolean
	case duck == "DATE" || strings.HasPrefix(duck, "TIMESTAMP"):
		return data.Datetime
	case duck == "VARCHAR" && distinct != nil && 2**distinct > rows:
		return data.Text
	case duck == "VARCHAR":
		return data.Categorical
	}
	return data.Numeric
}

// TestLoadParquet_MatchesDuckDB reads files written by DuckDB and compares
// every column with DuckDB's own summary of it.
func TestLoadParquet_MatchesDuckDB(t *testing.T) {
	var want parquetExpected
	readJSONFile(t, "testdata/parquet/expected.json", &want)
	for file, exp := range want {
		t.Run(file, func(t *testing.T) {
			tab, err := Load(context.Background(), Spec{Kind: Parquet, Path: filepath.Join("testdata", "parquet", file+".parquet")}, nil)
			if err != nil {
				t.Fatal(err)
			}
			f := tab.Frame
			if f.NumRows() != exp.Rows || f.NumCols() != len(exp.Columns) {
				t.Fatalf("got %d x %d %v, want %d x %d", f.NumRows(), f.NumCols(), f.Names(), exp.Rows, len(exp.Columns))
			}
			for i, ec := range exp.Columns {
				col := f.Col(i)
				if col.Name() != ec.Name || col.Missing() != ec.Missing {
					t.Errorf("column %d: %q with %d missing, want %q with %d", i, col.Name(), col.Missing(), ec.Name, ec.Missing)
				}
				if k := parquetKind(ec.Type, ec.Distinct, exp.Rows); col.Kind() != k {
					t.Errorf("%s (%s): kind %s, want %s", ec.Name, ec.Type, col.Kind(), k)
				}
				if ec.Sum != nil {
					checkSum(t, col, *ec.Sum)
				}
				if cat, ok := col.(*data.CategoricalColumn); ok && ec.Distinct != nil && len(cat.Levels()) != *ec.Distinct {
					t.Errorf("%s: %d levels, want %d", ec.Name, len(cat.Levels()), *ec.Distinct)
				}
				for r, v := range ec.First {
					checkParquetCell(t, col, r, v)
				}
			}
		})
	}
}

func checkParquetCell(t *testing.T, col data.Column, r int, v *string) {
	t.Helper()
	got := col.Format(r)
	switch {
	case v == nil:
		if !col.IsMissing(r) {
			t.Errorf("%s row %d: %q, want missing", col.Name(), r, got)
		}
	case col.Kind() == data.Numeric:
		w, _ := strconv.ParseFloat(*v, 64)
		g := col.(*data.NumericColumn).At(r)
		if math.Abs(g-w) > 1e-6*math.Max(1, math.Abs(w)) {
			t.Errorf("%s row %d: %v, want %v", col.Name(), r, g, w)
		}
	case col.Kind() == data.Datetime:
		tm, _ := col.(*data.DatetimeColumn).At(r)
		layout := "2006-01-02 15:04:05"
		if len(*v) == 10 {
			layout = "2006-01-02"
		}
		if tm.Format(layout) != *v {
			t.Errorf("%s row %d: %v, want %s", col.Name(), r, tm, *v)
		}
	case got != *v:
		t.Errorf("%s row %d: %q, want %q", col.Name(), r, got, *v)
	}
}

func TestLoadParquet_ListsLeftOutWithWarning(t *testing.T) {
	tab, err := Load(context.Background(), Spec{Kind: Parquet, Path: "testdata/parquet/seattle-types.parquet"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Issues) != 1 || !strings.Contains(tab.Issues[0].Text, `"range" holds lists`) {
		t.Errorf("issues: %v", tab.Issues)
	}
	if f, _ := tab.Schema.Field("id"); f.Label != data.LabelIdentifier || f.Role != data.Identifier {
		t.Errorf("id field: %+v", f)
	}
}

func TestLoadParquet_Limit(t *testing.T) {
	tab, err := Preview(context.Background(), Spec{Kind: Parquet, Path: "testdata/parquet/seattle-types.parquet"}, 700)
	if err != nil || tab.Frame.NumRows() != 700 {
		t.Fatalf("preview: %v, %v", tab, err)
	}
	day := tab.Frame.Col(0).(*data.DatetimeColumn)
	if tm, _ := day.At(699); tm.Format("2006-01-02") != "2013-11-30" {
		t.Errorf("row 700 (second row group) is %v", tm)
	}
}

func TestLoadParquet_Errors(t *testing.T) {
	b, err := os.ReadFile("testdata/parquet/penguins.parquet")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cut := filepath.Join(dir, "cut.parquet")
	_ = os.WriteFile(cut, b[:len(b)-100], 0o644)
	notPQ := filepath.Join(dir, "text.parquet")
	_ = os.WriteFile(notPQ, []byte("a,b\n1,2\n"), 0o644)
	for _, p := range []string{cut, notPQ} {
		_, err := Load(context.Background(), Spec{Kind: Parquet, Path: p}, nil)
		if err == nil || !strings.Contains(err.Error(), p) || !strings.Contains(err.Error(), "not a readable Parquet file") {
			t.Errorf("%s: got %v", p, err)
		}
	}
	// parquet-go panics while decoding this damaged page; Load must not.
	_, err = Load(context.Background(), Spec{Kind: Parquet, Path: "testdata/parquet/damaged-page.parquet"}, nil)
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "damaged-page.parquet") {
		t.Errorf("damaged page: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Load(ctx, Spec{Kind: Parquet, Path: "testdata/parquet/penguins.parquet"}, nil); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: %v", err)
	}
}

// FuzzLoadParquet mutates a real file: the reader must fail with the file
// named or return a consistent table, never panic.
func FuzzLoadParquet(f *testing.F) {
	b, err := os.ReadFile("testdata/parquet/penguins.parquet")
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	if d, err := os.ReadFile("testdata/parquet/damaged-page.parquet"); err == nil {
		f.Add(d)
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.parquet")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		tab, err := Load(context.Background(), Spec{Kind: Parquet, Path: path, Limit: 1000}, nil)
		checkLoaded(t, "fuzz.parquet", tab, err)
	})
}
