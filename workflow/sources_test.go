package workflow

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"modelbench/workflow/source"
)

// copyFile copies a test file into dir, so a project can refer to it by a
// relative path.
func copyFile(t *testing.T, from, dir string) string {
	t.Helper()
	b, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	to := filepath.Join(dir, filepath.Base(from))
	if err := os.WriteFile(to, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return to
}

// TestLoadRef_OtherFormatsByExtension loads each format through the same
// path the GUI and the command line use, and checks the project reopens
// them from a relative path.
func TestLoadRef_OtherFormatsByExtension(t *testing.T) {
	cases := []struct {
		file string
		rows int
	}{
		{"source/testdata/parquet/penguins.parquet", 344},
		{"source/testdata/arff/iris.arff", 150},
		{"source/testdata/json/penguins.json", 344},
	}
	ctx := context.Background()
	for _, c := range cases {
		dir := t.TempDir()
		path := copyFile(t, c.file, dir)
		p := New()
		if err := p.LoadData(ctx, DataRef{Path: path}, nil); err != nil {
			t.Fatalf("%s: %v", c.file, err)
		}
		if p.Table().Frame.NumRows() != c.rows || len(p.Document().Data.SHA256) != 64 {
			t.Fatalf("%s: %d rows, hash %q", c.file, p.Table().Frame.NumRows(), p.Document().Data.SHA256)
		}
		saved, err := p.Save(filepath.Join(dir, "p"))
		if err != nil {
			t.Fatal(err)
		}
		q, err := Open(ctx, saved, nil)
		if err != nil || q.Status(StageData) != Done {
			t.Fatalf("%s reopened: %v %s", c.file, err, q.Error(StageData))
		}
	}
}

func TestLoadRef_SQLiteTableAndExcelSheet(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := copyFile(t, "source/testdata/sqlite/shop.db", dir)
	tables, err := source.Tables(ctx, source.Spec{Kind: source.SQLite, Path: db})
	if err != nil || len(tables) == 0 {
		t.Fatalf("tables %v %v", tables, err)
	}
	p := New()
	spec := source.Spec{Kind: source.SQLite, Path: db, Table: tables[0]}
	if err := p.LoadData(ctx, DataRef{Source: &spec}, nil); err != nil {
		t.Fatal(err)
	}
	xlsx := copyFile(t, "source/testdata/excel/report.xlsx", dir)
	sheets, err := source.Sheets(xlsx)
	if err != nil || len(sheets) == 0 {
		t.Fatalf("sheets %v %v", sheets, err)
	}
	es := source.Spec{Kind: source.Excel, Path: xlsx, Sheet: sheets[0]}
	if err := p.LoadData(ctx, DataRef{Source: &es}, nil); err != nil {
		t.Fatal(err)
	}
	bad := source.Spec{Kind: source.Excel, Path: xlsx, Sheet: "no such sheet"}
	before := p.Table()
	if err := p.LoadData(ctx, DataRef{Source: &bad}, nil); err == nil || p.Table() != before {
		t.Fatal("a missing sheet must fail and leave the project as it was")
	}
}
