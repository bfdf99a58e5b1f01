package prep

import (
	"fmt"
	"math"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/param"
)

// snapshot renders every cell of a frame exactly (numbers by their bits),
// to detect any change to a frame that must stay untouched.
func snapshot(f *data.Frame) []string {
	var out []string
	for j := 0; j < f.NumCols(); j++ {
		c := f.Col(j)
		out = append(out, fmt.Sprintf("%s:%s", c.Name(), c.Kind()))
		for i := 0; i < c.Len(); i++ {
			cell := c.Format(i)
			if n, ok := c.(*data.NumericColumn); ok {
				cell = fmt.Sprint(math.Float64bits(n.At(i)))
			}
			if c.IsMissing(i) {
				cell = "<missing>"
			}
			out = append(out, cell)
		}
	}
	return out
}

// sameFrame reports the first difference between two frames: names,
// kinds, and values bit for bit (NaN equal to NaN).
func sameFrame(a, b *data.Frame) error {
	if fmt.Sprint(a.Names()) != fmt.Sprint(b.Names()) {
		return fmt.Errorf("columns differ: %v vs %v", a.Names(), b.Names())
	}
	if a.NumRows() != b.NumRows() {
		return fmt.Errorf("rows differ: %d vs %d", a.NumRows(), b.NumRows())
	}
	for j := 0; j < a.NumCols(); j++ {
		ca, cb := a.Col(j), b.Col(j)
		if ca.Kind() != cb.Kind() {
			return fmt.Errorf("column %q: kind %s vs %s", ca.Name(), ca.Kind(), cb.Kind())
		}
		for i := 0; i < ca.Len(); i++ {
			if na, ok := ca.(*data.NumericColumn); ok {
				x, y := na.At(i), cb.(*data.NumericColumn).At(i)
				if math.Float64bits(x) != math.Float64bits(y) && !(math.IsNaN(x) && math.IsNaN(y)) {
					return fmt.Errorf("column %q row %d: %v vs %v", ca.Name(), i, x, y)
				}
				continue
			}
			if ca.IsMissing(i) != cb.IsMissing(i) || ca.Format(i) != cb.Format(i) {
				return fmt.Errorf("column %q row %d: %q vs %q", ca.Name(), i, ca.Format(i), cb.Format(i))
			}
		}
	}
	return nil
}

// messUp returns a copy of f as new data might look: some numbers
// missing or far out of range, some categories never seen in training or
// missing, some dates and yes/no values missing.
func messUp(f *data.Frame) *data.Frame {
	cols := make([]data.Column, f.NumCols())
	for j := range cols {
		c := f.Col(j)
		n := c.Len()
		switch x := c.(type) {
		case *data.NumericColumn:
			v := append([]float64(nil), x.Values()...)
			for i := range v {
				switch {
				case i%5 == 1:
					v[i] = math.NaN()
				case i%7 == 2:
					v[i] = v[i]*1000 + 1e6
				case i%11 == 3:
					v[i] = -v[i] * 1000
				}
			}
			cols[j] = data.NewNumeric(c.Name(), v, nil)
		case *data.DatetimeColumn:
			miss := data.NewMask(n)
			for i := 0; i < n; i += 5 {
				miss.Set(i)
			}
			cols[j] = data.NewDatetime(c.Name(), append([]int64(nil), x.UnixNanos()...), miss, x.Layout())
		default:
			s := make([]string, n)
			for i := range s {
				s[i] = c.Format(i)
				switch {
				case i%4 == 1:
					s[i] = "Atlantis"
				case i%6 == 2:
					s[i] = ""
				}
			}
			cols[j] = data.NewCategoricalFromStrings(c.Name(), s, nil)
		}
	}
	out, err := data.NewFrame(cols...)
	if err != nil {
		panic(err)
	}
	return out
}

// rowsWhere lists row positions i < n for which keep(i) holds.
func rowsWhere(n int, keep func(i int) bool) []int {
	var out []int
	for i := 0; i < n; i++ {
		if keep(i) {
			out = append(out, i)
		}
	}
	return out
}

// mustStep builds a StepConfig and fails the test when it is invalid.
func mustStep(t testing.TB, kind string, params param.Values) StepConfig {
	t.Helper()
	c := Configure(kind, params, "test")
	if _, err := c.Step(); err != nil {
		t.Fatalf("%s: %v", kind, err)
	}
	return c
}
