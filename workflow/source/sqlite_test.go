package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// sqliteExpected is testdata/sqlite/expected.json, written by
// testdata/sqlite_expected.py with Python's sqlite3 module and pandas.
type sqliteExpected struct {
	Tables    []string     `json:"tables"`
	Penguins  sqliteResult `json:"penguins"`
	Orders    sqliteResult `json:"orders"`
	BigOrders sqliteResult `json:"big_orders"`
}

type sqliteResult struct {
	Rows    int `json:"rows"`
	Columns []struct {
		Name    string   `json:"name"`
		Missing int      `json:"missing"`
		Sum     *float64 `json:"sum"`
		First   []any    `json:"first"`
	} `json:"columns"`
}

const shopDB = "testdata/sqlite/shop.db"

func TestTables_SQLite(t *testing.T) {
	var want sqliteExpected
	readJSONFile(t, "testdata/sqlite/expected.json", &want)
	got, err := Tables(context.Background(), Spec{Kind: SQLite, Path: shopDB})
	if err != nil || strings.Join(got, ",") != strings.Join(want.Tables, ",") {
		t.Errorf("Tables = %q, %v; want %q", got, err, want.Tables)
	}
}

// TestLoadSQLite_MatchesPython reads the database made by the sqlite3 CLI
// and compares it with Python's sqlite3 module read through pandas.
func TestLoadSQLite_MatchesPython(t *testing.T) {
	var want sqliteExpected
	readJSONFile(t, "testdata/sqlite/expected.json", &want)
	cases := []struct {
		spec  Spec
		exp   sqliteResult
		kinds map[string]data.Kind
	}{
		{Spec{Kind: SQLite, Path: shopDB, Table: "penguins"}, want.Penguins,
			map[string]data.Kind{"species": data.Categorical, "body_mass_g": data.Numeric, "sex": data.Categorical}},
		{Spec{Kind: SQLite, Path: shopDB, Table: "orders"}, want.Orders,
			map[string]data.Kind{"placed": data.Datetime, "shipped": data.Datetime, "paid": data.Boolean,
				"amount": data.Numeric, "note": data.Text, "mixed": data.Text, "code": data.Numeric}},
		{Spec{Kind: SQLite, Path: shopDB, Table: "big_orders"}, want.BigOrders, nil},
		{Spec{Kind: SQLite, Path: shopDB, Query: "select * from orders order by id;"}, want.Orders, nil},
	}
	for _, c := range cases {
		t.Run(c.spec.String(), func(t *testing.T) {
			tab, err := Load(context.Background(), c.spec, nil)
			if err != nil {
				t.Fatal(err)
			}
			f := tab.Frame
			if f.NumRows() != c.exp.Rows || f.NumCols() != len(c.exp.Columns) {
				t.Fatalf("got %d x %d, want %d x %d", f.NumRows(), f.NumCols(), c.exp.Rows, len(c.exp.Columns))
			}
			for i, ec := range c.exp.Columns {
				col := f.Col(i)
				if col.Name() != ec.Name || col.Missing() != ec.Missing {
					t.Errorf("column %d: %q with %d missing, want %q with %d", i, col.Name(), col.Missing(), ec.Name, ec.Missing)
				}
				if k, ok := c.kinds[ec.Name]; ok && col.Kind() != k {
					t.Errorf("%s: kind %s, want %s", ec.Name, col.Kind(), k)
				}
				if ec.Sum != nil && col.Kind() == data.Numeric {
					checkSum(t, col, *ec.Sum)
				}
				for r, v := range ec.First {
					checkSQLCell(t, col, r, v)
				}
			}
		})
	}
}

// checkSQLCell compares a value decoded from JSON with row r: booleans
// stored as 0 and 1 compare with false and true, numbers in text columns
// with their shortest form.
func checkSQLCell(t *testing.T, col data.Column, r int, v any) {
	t.Helper()
	if b, ok := col.(*data.BooleanColumn); ok && v != nil {
		if got, _ := b.At(r); got != (v.(float64) == 1) {
			t.Errorf("%s row %d: %v, want %v", col.Name(), r, got, v)
		}
		return
	}
	if f, ok := v.(float64); ok && col.Kind() != data.Numeric {
		v = data.FormatFloat(f)
	}
	if s, ok := v.(string); ok && col.Kind() == data.Numeric {
		if got := col.Format(r); strings.TrimLeft(s, "0") != got {
			t.Errorf("%s row %d: %q, want %q", col.Name(), r, got, s)
		}
		return
	}
	checkCell(t, col, r, v)
	if s, ok := v.(string); ok && col.Format(r) != s {
		t.Errorf("%s row %d: %q, want %q", col.Name(), r, col.Format(r), s)
	}
}

func TestLoadSQLite_LimitAndIssues(t *testing.T) {
	tab, err := Preview(context.Background(), Spec{Kind: SQLite, Path: shopDB, Table: "penguins"}, 10)
	if err != nil || tab.Frame.NumRows() != 10 {
		t.Fatalf("preview: %v, %v", tab, err)
	}
	tab, err = Load(context.Background(), Spec{Kind: SQLite, Path: shopDB, Table: "orders"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Issues) != 1 || !strings.Contains(tab.Issues[0].Text, `"mixed": binary values`) {
		t.Errorf("issues: %v", tab.Issues)
	}
	var reports int
	_, err = Load(context.Background(), Spec{Kind: SQLite, Path: shopDB, Table: "penguins"}, func(progress.Report) { reports++ })
	if err != nil || reports == 0 {
		t.Errorf("progress: %d reports, %v", reports, err)
	}
}

func TestLoadSQLite_Errors(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(shopDB)
	if err != nil {
		t.Fatal(err)
	}
	cut := filepath.Join(dir, "cut.db")
	_ = os.WriteFile(cut, b[:5000], 0o644)
	cases := []struct {
		spec Spec
		want []string
	}{
		{Spec{Kind: SQLite, Path: shopDB, Table: "nope"}, []string{shopDB, `no such table "nope"`, `"big_orders", "orders", "penguins"`}},
		{Spec{Kind: SQLite, Path: shopDB, Query: "select nothing from orders"}, []string{shopDB, "the query failed", "nothing"}},
		{Spec{Kind: SQLite, Path: shopDB, Query: "select * from orders where id < 0"}, []string{"no rows"}},
		{Spec{Kind: SQLite, Path: filepath.Join(dir, "absent.db"), Table: "t"}, []string{"absent.db"}},
		{Spec{Kind: SQLite, Path: cut, Table: "orders"}, []string{cut}},
		{Spec{Kind: SQLite, Path: shopDB}, []string{"choose a table or write a query"}},
	}
	for _, c := range cases {
		_, err := Load(context.Background(), c.spec, nil)
		for _, w := range c.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%v: got %v, want it to mention %q", c.spec, err, w)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "absent.db")); err == nil {
		t.Error("reading a missing database created the file")
	}
	_, err = Load(context.Background(), Spec{Kind: SQLite, Path: shopDB, Table: "x"}, nil)
	if !errors.Is(err, ErrNoTable) {
		t.Errorf("unknown table does not wrap ErrNoTable: %v", err)
	}
}

// FuzzLoadSQLite mutates a real database file: the reader must fail with
// the file named or return a consistent table.
func FuzzLoadSQLite(f *testing.F) {
	b, err := os.ReadFile(shopDB)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Fuzz(func(t *testing.T, b []byte) {
		path := filepath.Join(t.TempDir(), "fuzz.db")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		tab, err := Load(context.Background(), Spec{Kind: SQLite, Path: path, Table: "orders"}, nil)
		checkLoaded(t, "fuzz.db", tab, err)
	})
}
