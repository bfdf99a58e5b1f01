package source

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"modelbench/workflow/data"
)

// excelExpected is testdata/excel/expected.json, written by
// testdata/excel_expected.py, which reads the workbook with openpyxl.
type excelExpected struct {
	Sheets []string
	Sales  excelSheet
	Iris   excelSheet
}

type excelSheet struct {
	Rows    int `json:"rows"`
	Columns []struct {
		Name   string `json:"name"`
		Values []any  `json:"values"`
	} `json:"columns"`
}

const workbook = "testdata/excel/report.xlsx"

func TestSheets(t *testing.T) {
	var want excelExpected
	readJSONFile(t, "testdata/excel/expected.json", &want)
	got, err := Sheets(workbook)
	if err != nil || strings.Join(got, "|") != strings.Join(want.Sheets, "|") {
		t.Errorf("Sheets = %q, %v; want %q", got, err, want.Sheets)
	}
}

// TestLoadExcel_MatchesOpenpyxl reads the workbook written by openpyxl and
// compares every cell with what openpyxl reads back.
func TestLoadExcel_MatchesOpenpyxl(t *testing.T) {
	var want excelExpected
	readJSONFile(t, "testdata/excel/expected.json", &want)
	cases := []struct {
		spec  Spec
		exp   excelSheet
		kinds []data.Kind
	}{
		{Spec{Kind: Excel, Path: workbook, Sheet: "Sales"}, want.Sales,
			[]data.Kind{data.Categorical, data.Datetime, data.Numeric, data.Numeric, data.Boolean, data.Text, data.Datetime}},
		{Spec{Kind: Excel, Path: workbook, Sheet: "Sales", HeaderRow: 2}, want.Sales, nil},
		{Spec{Kind: Excel, Path: workbook, Sheet: "iris"}, want.Iris,
			[]data.Kind{data.Numeric, data.Numeric, data.Numeric, data.Numeric, data.Numeric, data.Categorical}},
	}
	for _, c := range cases {
		t.Run(c.spec.Sheet+"/"+strconv.Itoa(c.spec.HeaderRow), func(t *testing.T) {
			tab, err := Load(context.Background(), c.spec, nil)
			if err != nil {
				t.Fatal(err)
			}
			compareSheet(t, tab.Frame, c.exp, c.kinds)
		})
	}
}

func compareSheet(t *testing.T, f *data.Frame, exp excelSheet, kinds []data.Kind) {
	t.Helper()
	if f.NumRows() != exp.Rows || f.NumCols() != len(exp.Columns) {
		t.Fatalf("got %d x %d %v, want %d x %d", f.NumRows(), f.NumCols(), f.Names(), exp.Rows, len(exp.Columns))
	}
	for i, ec := range exp.Columns {
		col := f.Col(i)
		if col.Name() != ec.Name {
			t.Errorf("column %d is %q, want %q", i, col.Name(), ec.Name)
		}
		if kinds != nil && col.Kind() != kinds[i] {
			t.Errorf("%s: kind %s, want %s", ec.Name, col.Kind(), kinds[i])
		}
		for r, v := range ec.Values {
			checkCell(t, col, r, v)
			if s, ok := v.(string); ok && col.Format(r) != s {
				t.Errorf("%s row %d: %q, want %q", ec.Name, r, col.Format(r), s)
			}
		}
	}
}

func TestLoadExcel_HeaderAndLimit(t *testing.T) {
	tab, err := Preview(context.Background(), Spec{Kind: Excel, Path: workbook, Sheet: "Sales"}, 2)
	if err != nil || tab.Frame.NumRows() != 2 {
		t.Fatalf("preview: %v, %v", tab, err)
	}
	// Header row 1 is the merged title: its value names the first column,
	// the columns merged under it repeat it, and the rest have no name.
	tab, err = Load(context.Background(), Spec{Kind: Excel, Path: workbook, Sheet: "Sales", HeaderRow: 1}, nil)
	if err != nil {
		t.Fatal(err)
	}
	names := tab.Frame.Names()
	if names[0] != "Quarterly sales report" || names[1] != "Quarterly sales report_2" || names[6] != "column_7" || tab.Frame.NumRows() != 7 {
		t.Errorf("header row 1 gives %q and %d rows", names, tab.Frame.NumRows())
	}
	if len(tab.Issues) == 0 {
		t.Error("renamed headers gave no warning")
	}
	if tab.Source != workbook+` [sheet "Sales"]` {
		t.Errorf("source %q", tab.Source)
	}
}

func TestLoadExcel_Errors(t *testing.T) {
	dir := t.TempDir()
	b, err := os.ReadFile(workbook)
	if err != nil {
		t.Fatal(err)
	}
	truncated := filepath.Join(dir, "cut.xlsx")
	if err := os.WriteFile(truncated, b[:len(b)/2], 0o644); err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		spec Spec
		want []string
	}{
		{Spec{Kind: Excel, Path: workbook, Sheet: "Nope"}, []string{workbook, `no such sheet "Nope"`, `"Sales", "Iris", "Empty"`}},
		{Spec{Kind: Excel, Path: workbook, Sheet: "Empty"}, []string{workbook, `sheet "Empty"`, "empty"}},
		{Spec{Kind: Excel, Path: workbook, Sheet: "Iris", HeaderRow: 99}, []string{"header row 99"}},
		{Spec{Kind: Excel, Path: workbook, Sheet: "Sales", HeaderRow: 8}, []string{"no data rows below the header row 8"}},
		{Spec{Kind: Excel, Path: truncated}, []string{truncated, "cannot open the workbook"}},
		{Spec{Kind: Excel, Path: filepath.Join(dir, "missing.xlsx")}, []string{"missing.xlsx"}},
	}
	for _, c := range cases {
		_, err := Load(context.Background(), c.spec, nil)
		for _, w := range c.want {
			if err == nil || !strings.Contains(err.Error(), w) {
				t.Errorf("%v: got %v, want it to mention %q", c.spec, err, w)
			}
		}
	}
	_, err = Load(context.Background(), Spec{Kind: Excel, Path: workbook, Sheet: "x"}, nil)
	if !errors.Is(err, ErrNoSheet) {
		t.Errorf("a missing sheet does not wrap ErrNoSheet: %v", err)
	}
}

func TestIsDateFormat(t *testing.T) {
	cases := []struct {
		id   int
		code string
		want bool
	}{
		{14, "", true}, {22, "", true}, {0, "", false}, {2, "", false}, {164, "yyyy-mm-dd", true},
		{164, "0.00%", false}, {164, `"day "0`, false}, {164, "[Red]0.00", false}, {164, "[h]:mm", true},
		{164, `#,##0 [$€-407]`, false}, {164, "dd/mm/yyyy hh:mm", true}, {164, "General", false},
	}
	for _, c := range cases {
		if got := isDateFormat(c.id, c.code); got != c.want {
			t.Errorf("isDateFormat(%d, %q) = %v", c.id, c.code, got)
		}
	}
}

// FuzzLoadExcel mutates the bytes of a real workbook: the reader must
// fail with the file named or return a consistent table, never panic.
func FuzzLoadExcel(f *testing.F) {
	b, err := os.ReadFile(workbook)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b, uint8(0))
	f.Add(b[:100], uint8(1))
	f.Fuzz(func(t *testing.T, b []byte, header uint8) {
		path := filepath.Join(t.TempDir(), "fuzz.xlsx")
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		tab, err := Load(context.Background(), Spec{Kind: Excel, Path: path, HeaderRow: int(header % 8)}, nil)
		checkLoaded(t, "fuzz.xlsx", tab, err)
	})
}
