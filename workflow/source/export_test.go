package source

import (
	"context"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"modelbench/workflow/data"
)

// exportFrame holds every kind with missing values: 40 rows so that the
// shared inference sees repeats in the categorical column.
func exportFrame(t *testing.T) *data.Frame {
	t.Helper()
	n := 40
	nums, ints := make([]float64, n), make([]float64, n)
	bools, bmiss := make([]bool, n), data.NewMask(n)
	days, stamps, dmiss := make([]int64, n), make([]int64, n), data.NewMask(n)
	cats, texts, tmiss := make([]string, n), make([]string, n), data.NewMask(n)
	base := time.Date(2024, 2, 27, 0, 0, 0, 0, time.UTC)
	for i := 0; i < n; i++ {
		nums[i] = float64(i)*1.25 - 7.5
		ints[i] = float64(i * 1000)
		if i%9 == 4 {
			nums[i] = math.NaN()
		}
		bools[i] = i%3 == 0
		if i%7 == 6 {
			bmiss.Set(i)
		}
		days[i] = base.AddDate(0, 0, i).UnixNano()
		stamps[i] = base.Add(time.Duration(i)*97*time.Minute + 13*time.Second).UnixNano()
		if i%8 == 5 {
			dmiss.Set(i)
		}
		cats[i] = []string{"red", "green", "blue, dark", ""}[i%4]
		texts[i] = fmt.Sprintf("note %d: \"quoted\", é", i)
		if i%10 == 3 {
			tmiss.Set(i)
		}
	}
	f, err := data.NewFrame(
		data.NewNumeric("ratio", nums, nil),
		data.NewNumeric("count", ints, nil),
		data.NewBoolean("flag", bools, bmiss),
		data.NewDatetime("day", days, dmiss, "2006-01-02"),
		data.NewDatetime("when", stamps, nil, "2006-01-02 15:04:05"),
		data.NewCategoricalFromStrings("colour", cats, nil),
		data.NewText("note", texts, tmiss),
	)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestExport_RoundTrip writes the frame in each format and reads it back
// with Load: same names, kinds, missing cells and values.
func TestExport_RoundTrip(t *testing.T) {
	want := exportFrame(t)
	for _, ext := range []string{".csv", ".parquet", ".xlsx"} {
		t.Run(ext, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "out"+ext)
			if err := Export(context.Background(), want, path, nil); err != nil {
				t.Fatal(err)
			}
			spec, err := Detect(path)
			if err != nil {
				t.Fatal(err)
			}
			tab, err := Load(context.Background(), spec, nil)
			if err != nil {
				t.Fatal(err)
			}
			got := tab.Frame
			if strings.Join(got.Names(), ",") != strings.Join(want.Names(), ",") || got.NumRows() != want.NumRows() {
				t.Fatalf("got %v x %d, want %v x %d", got.Names(), got.NumRows(), want.Names(), want.NumRows())
			}
			for j := 0; j < want.NumCols(); j++ {
				w, g := want.Col(j), got.Col(j)
				if g.Kind() != w.Kind() {
					t.Errorf("%s: kind %s, want %s", w.Name(), g.Kind(), w.Kind())
				}
				for i := 0; i < want.NumRows(); i++ {
					if g.IsMissing(i) != w.IsMissing(i) || !sameCell(g, w, i) {
						t.Errorf("%s row %d: %q, want %q", w.Name(), i, g.Format(i), w.Format(i))
					}
				}
			}
		})
	}
}

// sameCell compares row i by value: numbers exactly, instants to the
// millisecond (Excel keeps no finer time), the rest by text.
func sameCell(g, w data.Column, i int) bool {
	switch wc := w.(type) {
	case *data.NumericColumn:
		gc, ok := g.(*data.NumericColumn)
		return ok && (wc.IsMissing(i) || gc.At(i) == wc.At(i))
	case *data.DatetimeColumn:
		gc, ok := g.(*data.DatetimeColumn)
		if !ok {
			return false
		}
		gt, _ := gc.At(i)
		wt, _ := wc.At(i)
		return gt.Sub(wt).Abs() < time.Millisecond
	}
	return g.Format(i) == w.Format(i)
}

func TestExport_Errors(t *testing.T) {
	f := exportFrame(t)
	dir := t.TempDir()
	if err := Export(context.Background(), f, filepath.Join(dir, "x.doc"), nil); err == nil || !strings.Contains(err.Error(), "x.doc") {
		t.Errorf("unknown extension: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	for _, ext := range []string{".parquet", ".xlsx"} {
		path := filepath.Join(dir, "c"+ext)
		if err := Export(ctx, f, path, nil); !errors.Is(err, context.Canceled) {
			t.Errorf("%s cancelled: %v", ext, err)
		}
		if _, err := os.Stat(path); err == nil {
			t.Errorf("%s: a cancelled export left a file", ext)
		}
	}
	long, _ := data.NewFrame(data.NewText("t", []string{strings.Repeat("x", excelMaxText+1)}, nil))
	err := Export(context.Background(), long, filepath.Join(dir, "long.xlsx"), nil)
	if err == nil || !strings.Contains(err.Error(), `line 2, column 1 ("t")`) {
		t.Errorf("too long a text: %v", err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("failed exports left files: %v", entries)
	}
}

func ExampleExport() {
	f, _ := data.NewFrame(
		data.NewNumeric("price", []float64{9.5, 12, math.NaN()}, nil),
		data.NewCategoricalFromStrings("size", []string{"S", "M", "S"}, nil),
	)
	dir, _ := os.MkdirTemp("", "export")
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "prices.parquet")
	if err := Export(context.Background(), f, path, nil); err != nil {
		fmt.Println(err)
		return
	}
	tab, _ := Load(context.Background(), Spec{Kind: Parquet, Path: path}, nil)
	for _, fl := range tab.Schema.Fields {
		fmt.Println(fl.Name, fl.Kind, "-", fl.TypeReason)
	}
	// Output:
	// price numeric - stored as DOUBLE in the Parquet file; 2 values present
	// size categorical - dictionary-encoded text in the Parquet file: 2 different values over 3 rows
}
