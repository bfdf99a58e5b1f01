package expr

import (
	"context"
	"errors"
	"math"
	"testing"

	"modelbench/workflow/data"
)

// testFrame has four rows:
//
//	x:        1, 2, NaN, 4
//	y:        2, 0, 5, -1
//	b:        true, false, missing, true
//	c:        "a", "b", missing, "a"
//	"my col": 10, 20, 30, 40
//	Solar.R:  0.5, 0.5, 0.5, 0.5
func testFrame(t testing.TB) *data.Frame {
	bm := data.NewMask(4)
	bm.Set(2)
	f, err := data.NewFrame(
		data.NewNumeric("x", []float64{1, 2, math.NaN(), 4}, nil),
		data.NewNumeric("y", []float64{2, 0, 5, -1}, nil),
		data.NewBoolean("b", []bool{true, false, false, true}, bm),
		data.NewCategoricalFromStrings("c", []string{"a", "b", "", "a"}, nil),
		data.NewNumeric("my col", []float64{10, 20, 30, 40}, nil),
		data.NewNumeric("Solar.R", []float64{0.5, 0.5, 0.5, 0.5}, nil),
		data.NewDatetime("d", []int64{0, 1, 2, 3}, nil, ""),
	)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

var nan = math.NaN()

func TestEval_Table(t *testing.T) {
	cases := []struct {
		src  string
		want []float64
		typ  Type
	}{
		{"x + y", []float64{3, 2, nan, 3}, Number},
		{"x - y * 2", []float64{-3, 2, nan, 6}, Number},
		{"x / y", []float64{0.5, nan, nan, -4}, Number}, // 2/0 is not finite: missing
		{"2 ^ 3 ^ 2", []float64{512, 512, 512, 512}, Number},
		{"-2 ^ 2", []float64{-4, -4, -4, -4}, Number},
		{"-x", []float64{-1, -2, nan, -4}, Number},
		{"+x", []float64{1, 2, nan, 4}, Number},
		{"(1 + 2) * 3", []float64{9, 9, 9, 9}, Number},
		{"x > 1", []float64{0, 1, nan, 1}, Bool},
		{"x >= 2 and y < 3", []float64{0, 1, 0, 1}, Bool},    // missing and false = false
		{"x == 1 or y == 5", []float64{1, 0, 1, 0}, Bool},    // true or missing = true
		{"x > 10 and y == 5", []float64{0, 0, nan, 0}, Bool}, // missing and true = missing
		{"x > 10 and y == 6", []float64{0, 0, 0, 0}, Bool},   // missing and false = false
		{"not b", []float64{0, 1, nan, 0}, Bool},
		{"NOT (x != 2)", []float64{0, 1, nan, 0}, Bool},
		{`c == "a"`, []float64{1, 0, nan, 1}, Bool},
		{`"a" != c`, []float64{0, 1, nan, 0}, Bool},
		{`c == c`, []float64{1, 1, nan, 1}, Bool},
		{`"x" == "x"`, []float64{1, 1, 1, 1}, Bool},
		{"b == true", []float64{1, 0, nan, 1}, Bool},
		{"b + 1", []float64{2, 1, nan, 2}, Number},
		{"`my col` / 10", []float64{1, 2, 3, 4}, Number},
		{"Solar.R * 2", []float64{1, 1, 1, 1}, Number},
		{"log(x)", []float64{0, math.Log(2), nan, math.Log(4)}, Number},
		{"log(y)", []float64{math.Log(2), nan, math.Log(5), nan}, Number}, // log 0 and log -1: missing
		{"exp(0) + sqrt(x) + abs(y)", []float64{4, 1 + math.Sqrt2, nan, 4}, Number},
		{"sqrt(y)", []float64{math.Sqrt2, 0, math.Sqrt(5), nan}, Number},
		{"round(2.5) + round(-2.5)", []float64{0, 0, 0, 0}, Number},
		{"round(x / 3, 2)", []float64{0.33, 0.67, nan, 1.33}, Number},
		{"min(x, y, 3)", []float64{1, 0, nan, -1}, Number},
		{"max(x, y)", []float64{2, 2, nan, 4}, Number},
		{"if(x > 1, x, 0)", []float64{0, 2, nan, 4}, Number},
		{"if(b, 1, 2)", []float64{1, 2, nan, 1}, Number},
		{`if(x > 1, "big", c) == "big"`, []float64{0, 1, nan, 1}, Bool},
		{"missing(x)", []float64{0, 0, 1, 0}, Bool},
		{"missing(c) or missing(b)", []float64{0, 0, 1, 0}, Bool},
		{"not missing(x) and x > 0", []float64{1, 1, 0, 1}, Bool},
		{"1e3 + .5", []float64{1000.5, 1000.5, 1000.5, 1000.5}, Number},
		{"true and not false", []float64{1, 1, 1, 1}, Bool},
	}
	f := testFrame(t)
	for _, c := range cases {
		e, err := Parse(c.src)
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		got, typ, err := e.Eval(context.Background(), f)
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		if typ != c.typ {
			t.Errorf("%s: type %v, want %v", c.src, typ, c.typ)
		}
		for i, w := range c.want {
			if math.IsNaN(w) != math.IsNaN(got[i]) || !math.IsNaN(w) && math.Abs(got[i]-w) > 1e-12 {
				t.Errorf("%s: row %d = %v, want %v", c.src, i, got[i], w)
			}
		}
	}
}

func TestEval_DoesNotShareColumnValues(t *testing.T) {
	f := testFrame(t)
	e, _ := Parse("x")
	got, _, err := e.Eval(context.Background(), f)
	if err != nil {
		t.Fatal(err)
	}
	got[0] = 99
	if x, _ := f.Lookup("x"); x.(*data.NumericColumn).At(0) != 1 {
		t.Fatal("Eval returned the column's own slice")
	}
}

func TestParse_ErrorsNamePosition(t *testing.T) {
	cases := []struct {
		src string
		pos int
	}{
		{"x +", 4},
		{"x = 3", 3},
		{"(x + 1", 7},
		{"x y", 3},
		{"3x", 2},
		{"1e", 1},
		{`c == "open`, 6},
		{"`unclosed", 1},
		{"foo(1)", 1},
		{"log(1, 2)", 1},
		{"x < y < 3", 7},
		{"x && y", 3},
		{"'a'", 1},
		{"and", 1},
		{"1e999", 1},
		{`"\q"`, 2},
		{"x # y", 3},
		{"é +", 4},
	}
	for _, c := range cases {
		_, err := Parse(c.src)
		var pe *Error
		if !errors.As(err, &pe) {
			t.Errorf("%q: want *Error, got %v", c.src, err)
			continue
		}
		if pe.Pos != c.pos {
			t.Errorf("%q: error at %d (%v), want %d", c.src, pe.Pos, err, c.pos)
		}
	}
	for _, src := range []string{"", "   "} {
		if _, err := Parse(src); err == nil {
			t.Errorf("%q accepted", src)
		}
	}
}

func TestCheck_TypeErrors(t *testing.T) {
	cases := []struct {
		src string
		pos int
	}{
		{"nope + 1", 1},
		{"x + c", 3},
		{`x == "a"`, 3},
		{`c < "b"`, 3},
		{"x and y", 3},
		{"not x", 1},
		{"-c", 1},
		{"if(x, 1, 2)", 4},
		{`if(b, 1, "a")`, 1},
		{"log(c)", 5},
		{"d + 1", 1},
		{`c`, 0}, // text result: no position
	}
	f := testFrame(t)
	for _, c := range cases {
		e, err := Parse(c.src)
		if err != nil {
			t.Errorf("%s: %v", c.src, err)
			continue
		}
		_, _, err = e.Eval(context.Background(), f)
		var pe *Error
		if !errors.As(err, &pe) || pe.Pos != c.pos {
			t.Errorf("%s: got %v, want an error at %d", c.src, err, c.pos)
		}
	}
}

func TestExpr_StringRoundTrip(t *testing.T) {
	for _, src := range []string{
		"x + y * 2 - -3", "not (a and b) or c", "`my col` ^ 2 ^ -1", `name == "say \"hi\"\n"`,
		"if(missing(x), 0, round(x, 2))", "true", "`and` + `1x` + `true`", "1e+21 * 5e-324",
	} {
		e, err := Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		again, err := Parse(e.String())
		if err != nil {
			t.Fatalf("%s printed as %s: %v", src, e.String(), err)
		}
		if again.String() != e.String() {
			t.Errorf("%s: %s then %s", src, e.String(), again.String())
		}
	}
}

func TestExpr_Columns(t *testing.T) {
	e, _ := Parse("b + a * `my col` + if(a > 1, b, 0)")
	got := e.Columns()
	if len(got) != 3 || got[0] != "a" || got[1] != "b" || got[2] != "my col" {
		t.Errorf("columns %v", got)
	}
}

func TestParse_Limits(t *testing.T) {
	deep := ""
	for i := 0; i < MaxDepth+5; i++ {
		deep += "("
	}
	if _, err := Parse(deep + "1"); err == nil {
		t.Error("deep nesting accepted")
	}
	long := "1"
	for len(long) < MaxLength+10 {
		long += "+1"
	}
	if _, err := Parse(long); err == nil {
		t.Error("over-long expression accepted")
	}
}

func TestEval_Cancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	e, _ := Parse("x + 1")
	if _, _, err := e.Eval(ctx, testFrame(t)); !errors.Is(err, context.Canceled) {
		t.Fatalf("got %v", err)
	}
}
