package data

import (
	"bytes"
	"context"
	"errors"
	"math"
	"os"
	"strings"
	"testing"
)

func TestConvert(t *testing.T) {
	num := NewNumeric("n", []float64{1, 0, math.NaN(), 2.5}, nil)
	txt := NewText("t", []string{"3", " 4.5", "", "NA"}, NewMask(4))
	cat := NewCategoricalFromStrings("c", []string{"yes", "no", "", "yes"}, nil)
	dates := NewText("d", []string{"31/03/2024", "01/04/2024", "", "15/12/2023"}, nil)
	flags := NewBoolean("b", []bool{true, false, false, true}, nil)
	yn := flags.Spelled(BoolSpelling{True: "Y", False: "N"})
	bits := NewNumeric("bits", []float64{1, 0, math.NaN(), 1}, nil)
	cases := []struct {
		name string
		col  Column
		to   Kind
		want []string // formatted rows, "∅" for missing
	}{
		{"numeric to categorical", num, Categorical, []string{"1", "0", "∅", "2.5"}},
		{"numeric to text", num, Text, []string{"1", "0", "∅", "2.5"}},
		{"text to numeric", txt, Numeric, []string{"3", "4.5", "∅", "∅"}},
		{"categorical to boolean keeps the spelling", cat, Boolean, []string{"yes", "no", "∅", "yes"}},
		{"boolean to categorical in its spelling", yn, Categorical, []string{"Y", "N", "N", "Y"}},
		{"numbers 0/1 to boolean, spelled true/false", bits, Boolean, []string{"true", "false", "∅", "true"}},
		{"categorical to text", cat, Text, []string{"yes", "no", "∅", "yes"}},
		{"text to datetime, day first", dates, Datetime, []string{"31/03/2024", "01/04/2024", "∅", "15/12/2023"}},
		{"boolean to numeric", flags, Numeric, []string{"1", "0", "0", "1"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Convert(tc.col, tc.to, ParseOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if got.Kind() != tc.to || got.Name() != tc.col.Name() || got.Len() != tc.col.Len() {
				t.Fatalf("got %v %q with %d rows", got.Kind(), got.Name(), got.Len())
			}
			for i, w := range tc.want {
				s := got.Format(i)
				if got.IsMissing(i) {
					s = "∅"
				}
				if s != w {
					t.Errorf("row %d = %q, want %q", i, s, w)
				}
			}
		})
	}
	d, _ := Convert(dates, Datetime, ParseOptions{})
	if got := d.(*DatetimeColumn).Layout(); got != "02/01/2006" {
		t.Errorf("layout %q, want day-first", got)
	}
	secs, _ := Convert(d, Numeric, ParseOptions{})
	if v := secs.(*NumericColumn).At(0); v != 1711843200 {
		t.Errorf("2024-03-31 as Unix seconds = %v", v)
	}
}

func TestConvert_Errors(t *testing.T) {
	cases := []struct {
		col  Column
		to   Kind
		row  int
		text string
	}{
		{NewText("t", []string{"1", "2", "three"}, nil), Numeric, 2, `"three" is not a number`},
		{NewCategoricalFromStrings("c", []string{"yes", "maybe"}, nil), Boolean, 1, `"maybe" is not a yes/no value`},
		{NewText("d", []string{"2024-01-02", "soon"}, nil), Datetime, 1, `"soon" is not a date`},
		{NewNumeric("n", []float64{0, 1, 2}, nil), Boolean, 2, "2 is neither 0 nor 1"},
	}
	for _, tc := range cases {
		_, err := Convert(tc.col, tc.to, ParseOptions{})
		var ce *ConvertError
		if !errors.As(err, &ce) || ce.Row != tc.row || ce.Column != tc.col.Name() || !strings.Contains(err.Error(), tc.text) {
			t.Errorf("Convert(%s to %v) = %v, want row %d and %q", tc.col.Name(), tc.to, err, tc.row, tc.text)
		}
	}
}

func TestTable_WithKindWithRole(t *testing.T) {
	tb := read(t, "zip,price,y\n01234,1.5,a\n05678,2.5,b\n01234,3,a\n", CSVOptions{})
	tk, err := tb.WithKind("zip", Categorical)
	if err != nil {
		t.Fatal(err)
	}
	if tb.Frame.Col(0).Kind() != Numeric || tb.Schema.Fields[0].UserKind {
		t.Error("WithKind changed the original table")
	}
	f := tk.Schema.Fields[0]
	if tk.Frame.Col(0).Kind() != Categorical || f.Kind != Categorical || !f.UserKind || f.TypeReason != "type chosen by the user" {
		t.Errorf("new field %+v", f)
	}
	if _, err := tb.WithKind("missing", Text); err == nil {
		t.Error("WithKind on an unknown column succeeded")
	}
	if _, err := tb.WithKind("y", Numeric); err == nil || !strings.Contains(err.Error(), `column "y"`) {
		t.Errorf("WithKind(y, numeric) = %v", err)
	}
	if name, _ := tk.Schema.Target(); name != "price" {
		t.Fatalf("inferred target %q, want price", name)
	}
	tr, err := tk.WithRole("y", Target)
	if err != nil {
		t.Fatal(err)
	}
	if name, _ := tr.Schema.Target(); name != "y" || !tr.Schema.Fields[2].UserRole || tr.Schema.Fields[1].Role != Feature {
		t.Errorf("target %q after WithRole, fields %+v", name, tr.Schema.Fields)
	}
	if name, _ := tk.Schema.Target(); name != "price" {
		t.Error("WithRole changed the original table")
	}
}

func TestWriteCSV_RoundTrip(t *testing.T) {
	text := "name,n,when,ok,c\n" +
		"\"Smith, J\",1.5,2024-01-02,yes,a\n" +
		"\"say \"\"hi\"\"\",,2024-02-03,no,b\n" +
		"\"two\nlines\",-3,,yes,\n" +
		"\" padded \",1e-7,2024-03-04,,a\n"
	tb := read(t, text, CSVOptions{Types: map[string]Kind{"name": Text}})
	var b bytes.Buffer
	if err := WriteCSV(&b, tb.Frame); err != nil {
		t.Fatal(err)
	}
	back, err := ReadCSV(context.Background(), &b, int64(b.Len()), "back.csv", CSVOptions{Types: map[string]Kind{"name": Text}}, nil)
	if err != nil {
		t.Fatalf("%v\n%s", err, b.String())
	}
	want, got := cells(tb.Frame), cells(back.Frame)
	if len(want) != len(got) {
		t.Fatalf("%d rows back, want %d", len(got), len(want))
	}
	for i := range want {
		if strings.Join(want[i], "|") != strings.Join(got[i], "|") {
			t.Errorf("row %d: %q back as %q", i, want[i], got[i])
		}
	}
	for j := 0; j < tb.Frame.NumCols(); j++ {
		if tb.Frame.Col(j).Kind() != back.Frame.Col(j).Kind() {
			t.Errorf("column %d: %v back as %v", j, tb.Frame.Col(j).Kind(), back.Frame.Col(j).Kind())
		}
	}
}

func ExampleWriteCSV() {
	f, _ := NewFrame(
		NewText("name", []string{"Smith, J", "Doe"}, nil),
		NewNumeric("score", []float64{1.5, math.NaN()}, nil),
	)
	_ = WriteCSV(os.Stdout, f)
	// Output:
	// name,score
	// "Smith, J",1.5
	// Doe,
}
