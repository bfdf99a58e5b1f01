package data

import (
	"compress/gzip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestLoadCSV_GzipReadAgain reads a gzip file whose numeric-looking column
// turns into words late: the file is read a second time, decompressing
// again, and the column keeps its exact text.
func TestLoadCSV_GzipReadAgain(t *testing.T) {
	words := map[int]string{}
	for i := 60000; i < 61000; i++ {
		words[i] = "word"
	}
	path := filepath.Join(t.TempDir(), "late.csv.gz")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := gzip.NewWriter(f)
	_, _ = zw.Write([]byte(numbersThen(80000, words)))
	_ = zw.Close()
	_ = f.Close()
	tb, err := Load(context.Background(), path, LoadOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	v := tb.Frame.Col(1)
	if tb.Frame.NumRows() != 80000 || v.Kind() != Categorical || v.Format(0) != "1.5" || v.Format(60000) != "word" {
		t.Errorf("%d rows, kind %v, rows %q %q", tb.Frame.NumRows(), v.Kind(), v.Format(0), v.Format(60000))
	}
}

func TestLoad_Errors(t *testing.T) {
	dir := t.TempDir()
	if _, err := Load(context.Background(), filepath.Join(dir, "x.xlsx"), LoadOptions{}, nil); err == nil || !strings.Contains(err.Error(), "x.xlsx") {
		t.Errorf("unsupported type: %v", err)
	}
	if _, err := LoadCSV(context.Background(), filepath.Join(dir, "none.csv"), CSVOptions{}, nil); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: %v", err)
	}
	if _, err := LoadCSV(context.Background(), dir, CSVOptions{}, nil); err == nil || !strings.Contains(err.Error(), "folder") {
		t.Errorf("folder: %v", err)
	}
}

func TestParseByteSize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want int64
		ok   bool
	}{{"123", 123, true}, {"64K", 64 << 10, true}, {" 512m ", 512 << 20, true}, {"2G", 2 << 30, true},
		{"", 0, false}, {"-1", 0, false}, {"1.5G", 0, false}, {"G", 0, false}, {"12T", 0, false}} {
		got, ok := parseByteSize(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("parseByteSize(%q) = %d, %v; want %d, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}

func TestReadCSV_Options(t *testing.T) {
	for _, opt := range []CSVOptions{{Delimiter: 'é'}, {Quote: '€'}, {Delimiter: ',', Quote: ','}, {Encoding: "ebcdic"}} {
		if err := readErr(t, "a,b\n1,2\n", opt); !strings.Contains(err.Error(), "in.csv") {
			t.Errorf("options %+v: %v does not name the file", opt, err)
		}
	}
	tb := read(t, "a|b\n1|x,y\n", CSVOptions{Delimiter: '|', Quote: '\''})
	sameCells(t, tb.Frame, [][]string{{"1", "x,y"}})
}
