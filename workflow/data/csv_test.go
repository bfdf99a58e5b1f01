package data

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"math"
	"runtime"
	"strings"
	"testing"
	"time"

	"modelbench/workflow/progress"
)

func read(t *testing.T, text string, opt CSVOptions) *Table {
	t.Helper()
	tb, err := ReadCSV(context.Background(), strings.NewReader(text), int64(len(text)), "in.csv", opt, nil)
	if err != nil {
		t.Fatalf("ReadCSV: %v", err)
	}
	return tb
}

func readErr(t *testing.T, text string, opt CSVOptions) error {
	t.Helper()
	_, err := ReadCSV(context.Background(), strings.NewReader(text), int64(len(text)), "in.csv", opt, nil)
	if err == nil {
		t.Fatalf("ReadCSV succeeded, want an error")
	}
	return err
}

// cells renders a frame as rows of formatted cells, "∅" for missing.
func cells(f *Frame) [][]string {
	out := make([][]string, f.NumRows())
	for i := range out {
		for j := 0; j < f.NumCols(); j++ {
			c := f.Col(j)
			s := c.Format(i)
			if c.IsMissing(i) {
				s = "∅"
			}
			out[i] = append(out[i], s)
		}
	}
	return out
}

func sameCells(t *testing.T, f *Frame, want [][]string) {
	t.Helper()
	got := cells(f)
	if len(got) != len(want) {
		t.Fatalf("%d rows %v, want %d rows %v", len(got), got, len(want), want)
	}
	for i := range want {
		if strings.Join(got[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i, got[i], want[i])
		}
	}
}

func TestReadCSV_Sniffing(t *testing.T) {
	cases := []struct {
		name  string
		text  string
		names string
		want  [][]string
	}{
		{"comma", "a,b\n1,x\n2,y\n", "a|b", [][]string{{"1", "x"}, {"2", "y"}}},
		{"semicolon", "a;b\n1,5;x\n2;y\n", "a|b", [][]string{{"1,5", "x"}, {"2", "y"}}},
		{"tab", "a\tb\n1\tx y\n2\tz\n", "a|b", [][]string{{"1", "x y"}, {"2", "z"}}},
		{"pipe", "a|b\n1|x\n2|y\n", "a|b", [][]string{{"1", "x"}, {"2", "y"}}},
		{"quoted delimiters", "name,n\n\"Smith, J\",1\n\"Doe, A\",2\n", "name|n", [][]string{{"Smith, J", "1"}, {"Doe, A", "2"}}},
		{"doubled quotes", "q,n\n\"say \"\"hi\"\"\",1\nplain,2\n", "q|n", [][]string{{`say "hi"`, "1"}, {"plain", "2"}}},
		{"newline in quotes", "q,n\n\"two\nlines\",1\none,2\n", "q|n", [][]string{{"two\nlines", "1"}, {"one", "2"}}},
		{"single quotes", "a,b\n'x, y',1\n'z',2\n", "a|b", [][]string{{"x, y", "1"}, {"z", "2"}}},
		{"CRLF", "a,b\r\n1,x\r\n2,\"y\"\r\n", "a|b", [][]string{{"1", "x"}, {"2", "y"}}},
		{"BOM", "\xef\xbb\xbfa,b\n1,x\n", "a|b", [][]string{{"1", "x"}}},
		{"no final newline", "a,b\n1,x\n2,y", "a|b", [][]string{{"1", "x"}, {"2", "y"}}},
		{"blank lines", "a,b\n1,x\n\n2,y\n\n", "a|b", [][]string{{"1", "x"}, {"2", "y"}}},
		{"numeric first row is data", "1,2.5\n3,4.5\n", "column_1|column_2", [][]string{{"1", "2.5"}, {"3", "4.5"}}},
		{"words over numbers is a header", "x,y\n3,4.5\n", "x|y", [][]string{{"3", "4.5"}}},
		{"one column", "v\n1\n2\n", "v", [][]string{{"1"}, {"2"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tb := read(t, tc.text, CSVOptions{})
			if got := strings.Join(tb.Frame.Names(), "|"); got != tc.names {
				t.Errorf("names %q, want %q", got, tc.names)
			}
			sameCells(t, tb.Frame, tc.want)
		})
	}
}

func TestReadCSV_HeaderOptions(t *testing.T) {
	tb := read(t, "1,2\n3,4\n", CSVOptions{Header: HeaderYes})
	if got := strings.Join(tb.Frame.Names(), "|"); got != "1|2" {
		t.Errorf("HeaderYes names %q", got)
	}
	tb = read(t, "a,b\nc,d\n", CSVOptions{NoHeader: true})
	sameCells(t, tb.Frame, [][]string{{"a", "b"}, {"c", "d"}})
	tb = read(t, "1,2\n3,4\n", CSVOptions{})
	if len(tb.Issues) == 0 || !strings.Contains(tb.Issues[0].Text, "first row was read as data") {
		t.Errorf("no note about the sniffed header: %v", tb.Issues)
	}
}

func TestReadCSV_Gzip(t *testing.T) {
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	_, _ = zw.Write([]byte("a,b\n1,x\n2,y\n"))
	_ = zw.Close()
	tb, err := ReadCSV(context.Background(), &b, int64(b.Len()), "in.csv.gz", CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	sameCells(t, tb.Frame, [][]string{{"1", "x"}, {"2", "y"}})
}

func TestReadCSV_Latin1(t *testing.T) {
	text := "city,n\nS\xe3o Paulo,1\nZ\xfcrich,2\n"
	tb := read(t, text, CSVOptions{})
	sameCells(t, tb.Frame, [][]string{{"São Paulo", "1"}, {"Zürich", "2"}})
	if len(tb.Issues) != 1 || !strings.Contains(tb.Issues[0].Text, "Latin-1") {
		t.Errorf("issues %v, want one about Latin-1", tb.Issues)
	}
	tb = read(t, text, CSVOptions{Encoding: "latin-1"})
	if len(tb.Issues) != 0 {
		t.Errorf("issues %v with the encoding chosen", tb.Issues)
	}
}

func TestReadCSV_MissingTokens(t *testing.T) {
	text := "v,c\n1,a\nNA,None\nN/A,b\nnull,a\nNaN,b\n?,a\n-,b\n,a\n2,None\n"
	tb := read(t, text, CSVOptions{})
	v, c := tb.Frame.Col(0), tb.Frame.Col(1)
	if v.Kind() != Numeric || v.Missing() != 7 {
		t.Errorf("v: kind %v with %d missing, want numeric with 7", v.Kind(), v.Missing())
	}
	if c.Missing() != 0 || c.Format(1) != "None" {
		t.Errorf("c: %d missing, row 1 %q: \"None\" must stay a value", c.Missing(), c.Format(1))
	}
	tb = read(t, "v,c\n1,a\n-99,b\n", CSVOptions{ParseOptions: ParseOptions{MissingTokens: []string{"", "-99", "b"}}})
	sameCells(t, tb.Frame, [][]string{{"1", "a"}, {"∅", "∅"}})
}

func TestReadCSV_DecimalCommaThousands(t *testing.T) {
	opt := CSVOptions{ParseOptions: ParseOptions{DecimalComma: true, Thousands: '.'}}
	tb := read(t, "a;b\n1.234,5;x\n2,25;y\n", opt)
	got := tb.Frame.Col(0).(*NumericColumn).Values()
	if got[0] != 1234.5 || got[1] != 2.25 {
		t.Errorf("values %v, want [1234.5 2.25]", got)
	}
}

func TestReadCSV_MaxRows(t *testing.T) {
	var b strings.Builder
	b.WriteString("i,s\n")
	for i := 0; i < 300000; i++ {
		b.WriteString("7,word\n")
	}
	tb := read(t, b.String(), CSVOptions{MaxRows: 1000})
	if tb.Frame.NumRows() != 1000 {
		t.Errorf("%d rows, want 1000", tb.Frame.NumRows())
	}
}

func TestReadCSV_ForcedTypes(t *testing.T) {
	tb := read(t, "code,n\n01,1\n02,2\n01,3\n", CSVOptions{Types: map[string]Kind{"code": Categorical, "n": Text}})
	if k := tb.Frame.Col(0).Kind(); k != Categorical {
		t.Errorf("code is %v", k)
	}
	if got := tb.Frame.Col(0).Format(0); got != "01" {
		t.Errorf("code row 0 %q, want the text kept as \"01\"", got)
	}
	if k := tb.Frame.Col(1).Kind(); k != Text || tb.Schema.Fields[1].TypeReason != "type chosen by the user" {
		t.Errorf("n is %v (%q)", k, tb.Schema.Fields[1].TypeReason)
	}
	err := readErr(t, "a,n\nx,1\ny,2\nz,oops\n", CSVOptions{Types: map[string]Kind{"n": Numeric}})
	wantParseError(t, err, 4, 2, `"oops" is not a number`)
	err = readErr(t, "a,d\nx,2024-01-02\ny,soon\n", CSVOptions{Types: map[string]Kind{"d": Datetime}})
	wantParseError(t, err, 3, 2, `"soon" is not a date`)
}

func wantParseError(t *testing.T, err error, line, col int, text string) {
	t.Helper()
	var pe *ParseError
	if !errors.As(err, &pe) {
		t.Fatalf("error %v (%T), want a *ParseError", err, err)
	}
	if pe.File != "in.csv" || pe.Line != line || pe.Column != col || !strings.Contains(err.Error(), text) {
		t.Errorf("error %q (line %d, column %d), want in.csv, line %d, column %d, containing %q", err, pe.Line, pe.Column, line, col, text)
	}
}

// numbersThen returns a file of n numeric rows where the given rows hold
// words instead (1-based data rows).
func numbersThen(n int, words map[int]string) string {
	var b strings.Builder
	b.WriteString("id,v\n")
	for i := 1; i <= n; i++ {
		b.WriteString("a,")
		if w, ok := words[i]; ok {
			b.WriteString(w)
		} else {
			b.WriteString("1.5")
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func TestReadCSV_LateJunkInNumericColumn(t *testing.T) {
	// One word at row 150,000: the column stays numeric and the word is
	// missing, with a warning naming its line.
	tb := read(t, numbersThen(200000, map[int]string{150000: "n/a-ish"}), CSVOptions{})
	v := tb.Frame.Col(1)
	if v.Kind() != Numeric || v.Missing() != 1 || !v.IsMissing(149999) {
		t.Fatalf("kind %v, %d missing, want numeric with row 149999 missing", v.Kind(), v.Missing())
	}
	if len(tb.Issues) != 1 || !strings.Contains(tb.Issues[0].Text, `"n/a-ish" on line 150001`) {
		t.Errorf("issues %v, want one naming line 150001", tb.Issues)
	}
	// Many words: the column is read again as text.
	words := map[int]string{}
	for i := 100000; i <= 100500; i++ {
		words[i] = "many"
	}
	text := numbersThen(200000, words)
	tb = read(t, text, CSVOptions{})
	v = tb.Frame.Col(1)
	if v.Kind() != Categorical || v.Format(99998) != "1.5" || v.Format(99999) != "many" {
		t.Errorf("kind %v, rows %q %q, want categorical keeping the text", v.Kind(), v.Format(99998), v.Format(99999))
	}
	if len(tb.Issues) != 1 || !strings.Contains(tb.Issues[0].Text, `line 100001, column "v"`) {
		t.Errorf("issues %v, want one saying the column was read again", tb.Issues)
	}
	// A stream that cannot be read twice: an error naming the line.
	_, err := ReadCSV(context.Background(), io.MultiReader(strings.NewReader(text)), 0, "in.csv", CSVOptions{}, nil)
	wantParseError(t, err, 100001, 0, `holds "many"`)
}

func TestReadCSV_BadInput(t *testing.T) {
	later := strings.Repeat("abc,1\n", 20000) + "caf\xe9,2\n"
	cases := []struct {
		name      string
		text      string
		line, col int
		sentinel  error
		contains  string
	}{
		{"empty", "", 0, 0, ErrEmptyFile, "in.csv: the file is empty"},
		{"blank", "\n\n  \n", 0, 0, ErrEmptyFile, "in.csv"},
		{"binary", "PK\x03\x04\x00\x00abc", 0, 0, ErrBinary, "in.csv: this looks like a binary file"},
		{"header only", "a,b,c\n", 1, 0, ErrNoRows, "in.csv, line 1"},
		{"ragged", "a,b\n1,2\n3,4,5\n", 3, 0, ErrRaggedRow, "this row has 3 fields but the header has 2"},
		{"ragged short", "a,b\n1,2\n3\n", 3, 0, ErrRaggedRow, "this row has 1 fields but the header has 2"},
		{"open quote", "a,b\n1,2\n3,\"abc\n4,5\n", 3, 0, errOpenQuote, "the quote that opens it is on this line"},
		{"invalid UTF-8 later", "name,n\n" + later, 20002, 1, ErrInvalidUTF8, "Latin-1"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			err := readErr(t, tc.text, CSVOptions{})
			if !errors.Is(err, tc.sentinel) || !strings.Contains(err.Error(), tc.contains) {
				t.Errorf("error %q, want %v containing %q", err, tc.sentinel, tc.contains)
			}
			if tc.line > 0 {
				var pe *ParseError
				if !errors.As(err, &pe) || pe.Line != tc.line || pe.Column != tc.col {
					t.Errorf("error %q, want line %d column %d", err, tc.line, tc.col)
				}
			}
		})
	}
}

func TestReadCSV_TooLarge(t *testing.T) {
	text := "a,b\n" + strings.Repeat("1,2\n", 100000)
	err := readErr(t, text, CSVOptions{MemoryLimit: 1000})
	if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "in.csv") {
		t.Errorf("error %v, want ErrTooLarge naming the file", err)
	}
	t.Setenv(MemoryLimitEnv, "1K")
	if err := readErr(t, text, CSVOptions{}); !errors.Is(err, ErrTooLarge) {
		t.Errorf("with %s=1K: %v", MemoryLimitEnv, err)
	}
	if _, err := ReadCSV(context.Background(), strings.NewReader(text), int64(len(text)), "in.csv", CSVOptions{MemoryLimit: -1}, nil); err != nil {
		t.Errorf("with the check off: %v", err)
	}
}

func TestReadCSV_HeaderNames(t *testing.T) {
	tb := read(t, "a,,a,a_2\n1,2,3,4\n", CSVOptions{})
	if got := strings.Join(tb.Frame.Names(), "|"); got != "a|column_2|a_3|a_2" {
		t.Errorf("names %q", got)
	}
	if len(tb.Issues) != 2 || !strings.Contains(tb.Issues[0].Text, "line 1, column 2") {
		t.Errorf("issues %v", tb.Issues)
	}
}

func TestReadCSV_Cancel(t *testing.T) {
	raw := synthCSV(t, 50000)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := ReadCSV(ctx, bytes.NewReader(raw), int64(len(raw)), "s.csv", CSVOptions{}, nil)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("error %v, want context.Canceled", err)
	}
}

func TestReadCSV_Progress(t *testing.T) {
	raw := synthCSV(t, 50000)
	var fractions []float64
	report := progress.Func(func(r progress.Report) { fractions = append(fractions, r.Fraction) })
	if _, err := ReadCSV(context.Background(), bytes.NewReader(raw), int64(len(raw)), "s.csv", CSVOptions{}, report); err != nil {
		t.Fatal(err)
	}
	if len(fractions) < 5 || fractions[len(fractions)-1] != 1 {
		t.Fatalf("progress %v, want several reports ending at 1", fractions)
	}
	for i := 1; i < len(fractions); i++ {
		if fractions[i] < fractions[i-1] {
			t.Fatalf("progress went back: %v", fractions)
		}
	}
}

func TestReadCSV_Inference(t *testing.T) {
	var b strings.Builder
	b.WriteString("id,flag,day,color,note,count,x\n")
	for i := 0; i < 40; i++ {
		b.WriteString(strings.Join([]string{
			"r" + itoa(i), []string{"yes", "no"}[i%2], "2024-01-" + itoa(10+i%20), []string{"red", "blue", "green"}[i%3],
			"note number " + itoa(i), itoa(i % 7), itoa(i) + ".25"}, ",") + "\n")
	}
	tb := read(t, b.String(), CSVOptions{})
	want := []struct {
		kind  Kind
		label string
	}{{Text, LabelIdentifier}, {Boolean, LabelBoolean}, {Datetime, LabelDatetime}, {Categorical, LabelCategorical},
		{Text, LabelText}, {Numeric, LabelInteger}, {Numeric, LabelNumeric}}
	for j, w := range want {
		f := tb.Schema.Fields[j]
		if f.Kind != w.kind || f.Label != w.label || f.TypeReason == "" {
			t.Errorf("%s: %v/%s (%q), want %v/%s", f.Name, f.Kind, f.Label, f.TypeReason, w.kind, w.label)
		}
	}
	if d := tb.Frame.Col(2).Format(0); d != "2024-01-10" {
		t.Errorf("date formats as %q", d)
	}
	if v := tb.Frame.Col(6).(*NumericColumn).At(3); v != 3.25 {
		t.Errorf("x row 3 = %v", v)
	}
	if _, ok := tb.Schema.Target(); !ok {
		t.Error("no target guessed")
	}
	_ = math.NaN
}

func itoa(i int) string { return FormatFloat(float64(i)) }

// TestReadCSV_CancelMidway cancels from the progress callback once a fifth
// of the input is read: the loader returns context.Canceled and leaves no
// goroutine behind.
func TestReadCSV_CancelMidway(t *testing.T) {
	raw := synthCSV(t, 60000)
	before := runtime.NumGoroutine()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	report := progress.Func(func(r progress.Report) {
		if r.Fraction > 0.2 {
			cancel()
		}
	})
	_, err := ReadCSV(ctx, bytes.NewReader(raw), int64(len(raw)), "s.csv", CSVOptions{}, report)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	for i := 0; i < 100 && runtime.NumGoroutine() > before; i++ {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		t.Errorf("%d goroutines after cancelling, %d before", n, before)
	}
}
