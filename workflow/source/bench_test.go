package source

import (
	"context"
	"path/filepath"
	"testing"
)

// The readers on the checked-in files; mbbench measures the large cases
// (cmd/mbbench/task_source.go).
func BenchmarkLoad(b *testing.B) {
	specs := map[string]Spec{
		"arff/credit-g":   {Kind: ARFF, Path: "testdata/arff/credit-g.arff"},
		"json/penguins":   {Kind: JSON, Path: "testdata/json/penguins.json"},
		"excel/sales":     {Kind: Excel, Path: workbook, Sheet: "Sales"},
		"parquet/seattle": {Kind: Parquet, Path: "testdata/parquet/seattle-types.parquet"},
		"sqlite/penguins": {Kind: SQLite, Path: shopDB, Table: "penguins"},
	}
	for name, spec := range specs {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for i := 0; i < b.N; i++ {
				if _, err := Load(context.Background(), spec, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkExport(b *testing.B) {
	tab, err := Load(context.Background(), Spec{Kind: Parquet, Path: "testdata/parquet/seattle-types.parquet"}, nil)
	if err != nil {
		b.Fatal(err)
	}
	for _, ext := range []string{".csv", ".parquet", ".xlsx"} {
		b.Run(ext, func(b *testing.B) {
			b.ReportAllocs()
			path := filepath.Join(b.TempDir(), "out"+ext)
			for i := 0; i < b.N; i++ {
				if err := Export(context.Background(), tab.Frame, path, nil); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
