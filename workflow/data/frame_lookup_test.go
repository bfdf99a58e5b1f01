package data

import (
	"strconv"
	"strings"
	"testing"
)

// TestFrame_NamesOnBothSidesOfSmallFrame: frames of a few columns (found
// by comparing names) and of many (found through a map) look columns up,
// replace them and refuse repeated names alike.
func TestFrame_NamesOnBothSidesOfSmallFrame(t *testing.T) {
	for _, n := range []int{1, smallFrame, smallFrame + 1, 300} {
		cols := make([]Column, n)
		for i := range cols {
			cols[i] = NewNumeric("c"+strconv.Itoa(i), []float64{float64(i)}, nil)
		}
		f, err := NewFrame(cols...)
		if err != nil {
			t.Fatal(err)
		}
		for i := range n {
			name := "c" + strconv.Itoa(i)
			if f.Index(name) != i {
				t.Fatalf("%d columns: %s is at %d, want %d", n, name, f.Index(name), i)
			}
			if c, ok := f.Lookup(name); !ok || c.(*NumericColumn).At(0) != float64(i) {
				t.Fatalf("%d columns: Lookup(%s) = %v, %v", n, name, c, ok)
			}
		}
		if f.Index("absent") != -1 {
			t.Fatalf("%d columns: an absent name was found", n)
		}
		if _, ok := f.Lookup("c" + strconv.Itoa(n)); ok {
			t.Fatalf("%d columns: a name one past the last was found", n)
		}
		last := "c" + strconv.Itoa(n-1)
		g, err := f.With(NewNumeric(last, []float64{-1}, nil))
		if err != nil || g.NumCols() != n || g.Index(last) != n-1 {
			t.Fatalf("%d columns: With replaced %s badly: %v", n, last, err)
		}
		if c, _ := g.Lookup(last); c.(*NumericColumn).At(0) != -1 {
			t.Fatalf("%d columns: With did not replace %s", n, last)
		}
		if names := f.Names(); len(names) != n || names[n-1] != last {
			t.Fatalf("%d columns: Names() = %v", n, names)
		}
		dup := append(append([]Column(nil), cols...), NewNumeric("c0", []float64{9}, nil))
		_, err = NewFrame(dup...)
		want := `column name "c0" is used twice (columns 1 and ` + strconv.Itoa(n+1) + ")"
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Fatalf("%d columns + a repeat: error %v, want %q", n, err, want)
		}
	}
	var zero Frame
	if zero.Index("x") != -1 || len(zero.Names()) != 0 {
		t.Fatal("the zero Frame found a column")
	}
}
