package data

import (
	"bytes"
	"context"
	"runtime"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// FuzzReadCSV checks that no input makes the loader panic or hang, and
// that a successful read gives equally long columns.
func FuzzReadCSV(f *testing.F) {
	seeds := []string{
		"a,b\n1,2\n3,4\n", "a;b\r\n1,5;x\r\n", "\"q\",n\n\"a\"\"b\",1\n\"x\ny\",2\n", "1,2\n3,4",
		"a\tb\n\n\n1\t\n", "'a','b'\n'x',1\n", "x\n\"open\n", "\xef\xbb\xbfa,b\nS\xe3o,1\n", "a,a,\n1,2,3\n",
		"d,b\n2024-01-02,yes\n2024-02-03,no\n", "v\nNA\n-\n?\nnull\n", "a,b\n1,2,3\n", "\x1f\x8b\x08\x00",
	}
	for _, s := range seeds {
		f.Add([]byte(s), uint8(0))
	}
	f.Fuzz(func(t *testing.T, in []byte, flags uint8) {
		opt := CSVOptions{MemoryLimit: -1}
		if flags&1 != 0 {
			opt.NoHeader = true
		}
		if flags&2 != 0 {
			opt.MaxRows = 2
		}
		if flags&4 != 0 {
			opt.DecimalComma, opt.Thousands = true, '.'
		}
		var tb *Table
		var err error
		done := make(chan struct{})
		go func() {
			defer close(done)
			tb, err = ReadCSV(context.Background(), bytes.NewReader(in), int64(len(in)), "fuzz.csv", opt, nil)
		}()
		select {
		case <-done:
		case <-time.After(20 * time.Second):
			stacks := make([]byte, 1<<20)
			stacks = stacks[:runtime.Stack(stacks, true)]
			t.Fatalf("ReadCSV did not finish within 20s on %q (options %+v)\n%s", in, opt, stacks)
		}
		if err != nil {
			return
		}
		n := tb.Frame.NumRows()
		if n == 0 {
			t.Fatalf("success with no rows on %q", in)
		}
		for _, c := range tb.Frame.Columns() {
			if c.Len() != n {
				t.Fatalf("column %q has %d rows, frame %d", c.Name(), c.Len(), n)
			}
		}
		if len(tb.Schema.Fields) != tb.Frame.NumCols() || len(tb.Inferences) != tb.Frame.NumCols() {
			t.Fatalf("schema/inferences do not match the columns")
		}
	})
}

// FuzzWriteCSV_RoundTrip writes two text columns with WriteCSV and reads
// them back: every value the loader keeps as it is (valid UTF-8, no
// surrounding spaces, not a missing token) must come back unchanged.
func FuzzWriteCSV_RoundTrip(f *testing.F) {
	for _, s := range []string{"plain", "a,b", `say "hi"`, "two\nlines", "'quoted'", "\"", "x\r\ny", "é"} {
		f.Add(s, "other")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		for _, s := range []string{a, b} {
			if !utf8.ValidString(s) || strings.TrimSpace(s) != s || (ParseOptions{}).IsMissing(s) ||
				strings.ContainsRune(s, 0) || strings.ContainsRune(s, '\r') || strings.HasPrefix(s, "\ufeff") {
				return
			}
		}
		fr, err := NewFrame(NewText("a", []string{a, b, "z"}, nil), NewText("b", []string{b, a, "z"}, nil))
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := WriteCSV(&buf, fr); err != nil {
			t.Fatal(err)
		}
		opt := CSVOptions{Types: map[string]Kind{"a": Text, "b": Text}, Delimiter: ',', Quote: '"', Header: HeaderYes, Encoding: "utf-8"}
		tb, err := ReadCSV(context.Background(), bytes.NewReader(buf.Bytes()), int64(buf.Len()), "rt.csv", opt, nil)
		if err != nil {
			t.Fatalf("reading back %q: %v", buf.String(), err)
		}
		for j, want := range [][]string{{a, b, "z"}, {b, a, "z"}} {
			for i, w := range want {
				if got := tb.Frame.Col(j).Format(i); got != w {
					t.Fatalf("column %d row %d: %q back as %q (file %q)", j, i, w, got, buf.String())
				}
			}
		}
	})
}

// FuzzWriteCSVAsRead checks that whatever the loader reads, reading its
// records again gives the header and exactly one record of the right
// width per loaded row, so a scored file never misaligns its rows.
func FuzzWriteCSVAsRead(f *testing.F) {
	seeds := []string{
		"a,b\n1,2\n3,4\n", "x\n1\n\n2\n", "a;b\r\n1,5;x\r\n\r\n2;y", "\"q\",n\n\"a\"\"b\",1\n\"x\ny\",2\n",
		"'a','b'\n'x',1\n", "\xef\xbb\xbf1,2\n3,4\n", "v\n\r\n7\n\"\"\n", "a,b\n\"c\"d,1\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, in []byte, preview bool) {
		opt := CSVOptions{MemoryLimit: -1}
		if preview {
			opt.MaxRows = 2
		}
		tb, err := ReadCSV(context.Background(), bytes.NewReader(in), int64(len(in)), "fuzz.csv", opt, nil)
		if err != nil {
			return
		}
		n := tb.Frame.NumRows()
		extra, _ := NewFrame(NewNumeric("p", make([]float64, n), nil))
		var out bytes.Buffer
		got, err := tb.WriteCSVAsRead(context.Background(), &out, bytes.NewReader(in), extra)
		if err != nil || got != n {
			t.Fatalf("%q: wrote %d of %d rows: %v", in, got, n, err)
		}
	})
}
