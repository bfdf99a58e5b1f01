package data

import (
	"bytes"
	"context"
	"os"
	"testing"

	"modelbench/workflow/synth"
)

// synthCSV returns a generated classification file of rows rows (the
// harness's clf files have the same layout).
func synthCSV(b testing.TB, rows int) []byte {
	b.Helper()
	var buf bytes.Buffer
	if err := synth.Write(&buf, synth.Spec{Rows: rows, Task: synth.Classification, Seed: 42}); err != nil {
		b.Fatal(err)
	}
	return buf.Bytes()
}

func benchRead(b *testing.B, raw []byte) {
	b.SetBytes(int64(len(raw)))
	b.ReportAllocs()
	for b.Loop() {
		t, err := ReadCSV(context.Background(), bytes.NewReader(raw), int64(len(raw)), "bench.csv", CSVOptions{}, nil)
		if err != nil {
			b.Fatal(err)
		}
		if t.Frame.NumCols() != 23 {
			b.Fatalf("%d columns", t.Frame.NumCols())
		}
	}
}

func BenchmarkReadCSV_Synth100k(b *testing.B) { benchRead(b, synthCSV(b, 100_000)) }

// BenchmarkReadCSV_Quoted100k reads the same table with every categorical
// cell quoted, as spreadsheets often write them.
func BenchmarkReadCSV_Quoted100k(b *testing.B) {
	raw := synthCSV(b, 100_000)
	var out bytes.Buffer
	for _, line := range bytes.SplitAfter(raw, []byte{'\n'}) {
		fields := bytes.Split(line, []byte{','})
		for j, f := range fields {
			if j > 0 {
				out.WriteByte(',')
			}
			if j == 20 || j == 21 {
				out.WriteByte('"')
				out.Write(f)
				out.WriteByte('"')
			} else {
				out.Write(f)
			}
		}
	}
	benchRead(b, out.Bytes())
}

// BenchmarkReadCSV_File reads the file named by MB_BENCH_CSV (for example
// the harness's synth_clf1m_seed42.csv); it is skipped when unset.
func BenchmarkReadCSV_File(b *testing.B) {
	path := os.Getenv("MB_BENCH_CSV")
	if path == "" {
		b.Skip("set MB_BENCH_CSV to a CSV file")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		b.Fatal(err)
	}
	benchRead(b, raw)
}
