package data

import (
	"context"
	"strings"
	"testing"
)

func readString(t *testing.T, s string) *Frame {
	t.Helper()
	tb, err := ReadCSV(context.Background(), strings.NewReader(s), int64(len(s)), "t.csv", CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tb.Frame
}

func TestConcat_KindsLevelsSpellingsAndConversion(t *testing.T) {
	a := readString(t, "x,c,b,d\n1.5,red,Yes,2024-01-02\n,blue,No,2024-01-03\n")
	b := readString(t, "d,b,c,x,extra\n2024-02-01,No,green,7,z\n2024-02-02,,red,8,z\n")
	f, err := Concat(a, b)
	if err != nil {
		t.Fatal(err)
	}
	if f.NumRows() != 4 || strings.Join(f.Names(), ",") != "x,c,b,d" {
		t.Fatalf("%d rows, columns %v", f.NumRows(), f.Names())
	}
	want := map[string][]string{"x": {"1.5", "", "7", "8"}, "c": {"red", "blue", "green", "red"}, "b": {"Yes", "No", "No", ""},
		"d": {"2024-01-02", "2024-01-03", "2024-02-01", "2024-02-02"}}
	for name, vals := range want {
		c, _ := f.Lookup(name)
		for i, v := range vals {
			if got := c.Format(i); got != v || (v == "") != c.IsMissing(i) {
				t.Errorf("%s row %d: %q (missing %v), want %q", name, i, got, c.IsMissing(i), v)
			}
		}
	}
	// A column read as numbers in one file and text in the other.
	c := readString(t, "x,c,b,d\n9,red,Yes,2024-01-02\n")
	bad := readString(t, "x,c,b,d\nnine,red,Yes,2024-01-02\n")
	if _, err := Concat(c, bad); err == nil || !strings.Contains(err.Error(), `"x"`) {
		t.Fatalf("a word where numbers are: %v", err)
	}
	if _, err := Concat(a, readString(t, "x,c\n1,red\n")); err == nil || !strings.Contains(err.Error(), "lack the column") {
		t.Fatalf("missing columns: %v", err)
	}
}
