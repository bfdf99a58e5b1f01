package expr_test

import (
	"context"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/prep/expr"
)

// treeFrame holds the awkward values: NaN, ±Inf, zeros and negatives,
// missing booleans and labels.
func treeFrame(t testing.TB) *data.Frame {
	inf := math.Inf(1)
	bm := data.NewMask(8)
	bm.Set(2)
	bm.Set(6)
	f, err := data.NewFrame(
		data.NewNumeric("x", []float64{1, 2, math.NaN(), 4, inf, 0, -3, 0.5}, nil),
		data.NewNumeric("y", []float64{2, 0, 5, -1, -inf, math.NaN(), 1, 2.5}, nil),
		data.NewBoolean("b", []bool{true, false, false, true, false, true, false, true}, bm),
		data.NewCategoricalFromStrings("c", []string{"a", "b", "", "a", "a b", "b", "", "c"}, nil),
		data.NewText("s", []string{"a", "", "b", "x", "a", "b", "c", "a"}, data.Mask{1 << 1}),
	)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// cell is one value of a tree being evaluated: a number (NaN missing) or
// a label (ok false when missing).
type cell struct {
	num   float64
	label string
	ok    bool
}

// evalTree evaluates row i of a tree from its documented semantics only.
func evalTree(t *testing.T, n expr.Node, f *data.Frame, i int) cell {
	num := func(v float64) cell { return cell{num: v} }
	op := func(v float64) cell { // an operation: ±Inf is missing
		if math.IsInf(v, 0) {
			v = math.NaN()
		}
		return cell{num: v}
	}
	b2f := func(b bool) float64 {
		if b {
			return 1
		}
		return 0
	}
	sub := func(m expr.Node) cell { return evalTree(t, m, f, i) }
	switch x := n.(type) {
	case *expr.NumberLit:
		return num(x.Value)
	case *expr.BoolLit:
		return num(b2f(x.Value))
	case *expr.TextLit:
		return cell{label: x.Value, ok: true}
	case *expr.ColumnRef:
		c, _ := f.Lookup(x.Name)
		if c.Kind() != x.Kind {
			t.Fatalf("column %s: tree says %v, frame %v", x.Name, x.Kind, c.Kind())
		}
		switch x.Type {
		case expr.Number:
			return num(c.(*data.NumericColumn).At(i))
		case expr.Bool:
			v, ok := c.(*data.BooleanColumn).At(i)
			if !ok {
				return num(math.NaN())
			}
			return num(b2f(v))
		}
		return cell{label: c.Format(i), ok: !c.IsMissing(i)}
	case *expr.Unary:
		a := sub(x.X)
		if x.Op == "not" {
			return op(1 - a.num)
		}
		return op(-a.num)
	case *expr.Binary:
		a, b := sub(x.X), sub(x.Y)
		switch x.Op {
		case "+":
			return op(a.num + b.num)
		case "-":
			return op(a.num - b.num)
		case "*":
			return op(a.num * b.num)
		case "/":
			return op(a.num / b.num)
		case "^":
			return op(math.Pow(a.num, b.num))
		case "and":
			switch {
			case a.num == 0 || b.num == 0:
				return num(0)
			case math.IsNaN(a.num) || math.IsNaN(b.num):
				return num(math.NaN())
			}
			return num(1)
		case "or":
			switch {
			case a.num == 1 || b.num == 1:
				return num(1)
			case math.IsNaN(a.num) || math.IsNaN(b.num):
				return num(math.NaN())
			}
			return num(0)
		}
		if x.X.ResultType() == expr.Text {
			if !a.ok || !b.ok {
				return num(math.NaN())
			}
			return num(b2f((a.label == b.label) == (x.Op == "==")))
		}
		if math.IsNaN(a.num) || math.IsNaN(b.num) {
			return num(math.NaN())
		}
		r := map[string]bool{"==": a.num == b.num, "!=": a.num != b.num, "<": a.num < b.num,
			"<=": a.num <= b.num, ">": a.num > b.num, ">=": a.num >= b.num}
		return num(b2f(r[x.Op]))
	case *expr.Call:
		args := make([]cell, len(x.Args))
		for k, a := range x.Args {
			args[k] = sub(a)
		}
		return evalCall(x, args)
	}
	t.Fatalf("unknown node %T", n)
	return cell{}
}

func evalCall(x *expr.Call, args []cell) cell {
	op := func(v float64) cell {
		if math.IsInf(v, 0) {
			v = math.NaN()
		}
		return cell{num: v}
	}
	a := args[0].num
	switch x.Func {
	case "log":
		return op(math.Log(a))
	case "exp":
		return op(math.Exp(a))
	case "sqrt":
		return op(math.Sqrt(a))
	case "abs":
		return op(math.Abs(a))
	case "round":
		if len(args) == 1 {
			return op(math.Round(a))
		}
		d := math.Round(args[1].num)
		if math.IsNaN(d) || math.Abs(d) > 300 {
			return op(math.NaN())
		}
		p := math.Pow(10, d)
		return op(math.Round(a*p) / p)
	case "min", "max":
		r := a
		for _, v := range args[1:] {
			if x.Func == "min" {
				r = math.Min(r, v.num)
			} else {
				r = math.Max(r, v.num)
			}
		}
		return op(r)
	case "missing":
		if x.Args[0].ResultType() == expr.Text {
			return op(map[bool]float64{true: 0, false: 1}[args[0].ok])
		}
		return op(map[bool]float64{true: 1, false: 0}[math.IsNaN(a)])
	case "if":
		if x.Type == expr.Text {
			if math.IsNaN(a) {
				return cell{}
			}
			if a != 0 {
				return args[1]
			}
			return args[2]
		}
		switch {
		case math.IsNaN(a):
			return op(math.NaN())
		case a != 0:
			return op(args[1].num)
		}
		return op(args[2].num)
	}
	panic("unknown function " + x.Func)
}

// exprGen writes random well-typed expressions over treeFrame's columns.
type exprGen struct{ r *rand.Rand }

func (g exprGen) pick(options ...string) string { return options[g.r.IntN(len(options))] }

func (g exprGen) num(d int) string {
	if d <= 0 || g.r.IntN(4) == 0 {
		return g.pick("x", "y", "0", "1", "2", "0.5", "-1", "3.7", "b", "1e-3")
	}
	a, b := g.num(d-1), g.num(d-1)
	switch g.r.IntN(13) {
	case 0:
		return "(-" + a + ")"
	case 1:
		return "(" + a + g.pick(" + ", " - ", " * ", " / ", " ^ ") + b + ")"
	case 2, 3:
		return "(" + a + g.pick(" + ", " - ", " * ", " / ") + b + ")"
	case 4:
		return g.pick("log", "exp", "sqrt", "abs", "round") + "(" + a + ")"
	case 5:
		return "round(" + a + ", " + g.pick("0", "1", "2", "-1", "301", "-301", "y") + ")"
	case 6:
		return g.pick("min", "max") + "(" + a + ", " + b + ")"
	case 7:
		return g.pick("min", "max") + "(" + a + ", " + b + ", " + g.num(d-1) + ")"
	case 8, 9:
		return "if(" + g.bool(d-1) + ", " + a + ", " + b + ")"
	case 10:
		return "(" + g.bool(d-1) + " + " + a + ")"
	}
	return "(" + a + " ^ " + g.pick("0", "2", "0.5", "-1") + ")"
}

func (g exprGen) bool(d int) string {
	if d <= 0 || g.r.IntN(5) == 0 {
		return g.pick("b", "true", "false", "missing(x)", `(c == "a")`, "(x > 1)")
	}
	switch g.r.IntN(8) {
	case 0, 1:
		return "(" + g.num(d-1) + g.pick(" == ", " != ", " < ", " <= ", " > ", " >= ") + g.num(d-1) + ")"
	case 2:
		return "(" + g.text(d-1) + g.pick(" == ", " != ") + g.text(d-1) + ")"
	case 3, 4:
		return "(" + g.bool(d-1) + g.pick(" and ", " or ") + g.bool(d-1) + ")"
	case 5:
		return "(not " + g.bool(d-1) + ")"
	case 6:
		return "missing(" + g.pick(g.num(d-1), g.text(d-1), g.bool(d-1)) + ")"
	}
	return "if(" + g.bool(d-1) + ", " + g.bool(d-1) + ", " + g.bool(d-1) + ")"
}

func (g exprGen) text(d int) string {
	if d <= 0 || g.r.IntN(3) > 0 {
		return g.pick("c", "s", `"a"`, `"b"`, `""`, `"a b"`)
	}
	return "if(" + g.bool(d-1) + ", " + g.text(d-1) + ", " + g.text(d-1) + ")"
}

// TestTree_EvaluatesAsEval: evaluating a tree by the rules its doc
// comments state gives, bit for bit, what Eval gives, on thousands of
// random well-typed expressions over numbers with NaN and ±Inf, booleans
// and labels with missing values.
func TestTree_EvaluatesAsEval(t *testing.T) {
	f := treeFrame(t)
	g := exprGen{rand.New(rand.NewPCG(1, 2))}
	fixed := []string{"x", "-x", "x + 0", "max(x, 1)", "x ^ 0", "1 ^ y", "if(b, x, y)", "b", "not b",
		`if(x > 1, "big", c) == "big"`, `c == s`, "missing(c) or missing(b)", "x / y", "round(x * 10, -1)"}
	for k := 0; k < 3000; k++ {
		src := g.num(4)
		if k%2 == 1 {
			src = g.bool(4)
		}
		if k < len(fixed) {
			src = fixed[k]
		}
		e, err := expr.Parse(src)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		want, typ, err := e.Eval(context.Background(), f)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		root, err := e.Tree(f)
		if err != nil {
			t.Fatalf("%s: %v", src, err)
		}
		if root.ResultType() != typ {
			t.Errorf("%s: tree type %v, Eval %v", src, root.ResultType(), typ)
		}
		for i, w := range want {
			got := evalTree(t, root, f, i).num
			if math.Float64bits(got) != math.Float64bits(w) && !(math.IsNaN(got) && math.IsNaN(w)) {
				t.Fatalf("%s, row %d: the tree gives %v, Eval %v", src, i, got, w)
			}
		}
	}
}

// TestTree_TypesAndErrors: every node is typed; Tree reports Check's
// errors; the tree is a copy.
func TestTree_TypesAndErrors(t *testing.T) {
	f := treeFrame(t)
	e, _ := expr.Parse(`if(b, c, "z") == "a" and x > -1`)
	root, err := e.Tree(f)
	if err != nil {
		t.Fatal(err)
	}
	var types []string
	var walk func(n expr.Node)
	walk = func(n expr.Node) {
		types = append(types, fmt.Sprintf("%T:%v@%d", n, n.ResultType(), n.Position()))
		switch x := n.(type) {
		case *expr.Unary:
			walk(x.X)
		case *expr.Binary:
			walk(x.X)
			walk(x.Y)
		case *expr.Call:
			for _, a := range x.Args {
				walk(a)
			}
		}
	}
	walk(root)
	want := "*expr.Binary:true/false@22 *expr.Binary:true/false@15 *expr.Call:text@1 *expr.ColumnRef:true/false@4 " +
		"*expr.ColumnRef:text@7 *expr.TextLit:text@10 *expr.TextLit:text@18 *expr.Binary:true/false@28 " +
		"*expr.ColumnRef:number@26 *expr.Unary:number@30 *expr.NumberLit:number@31"
	if got := strings.Join(types, " "); got != want {
		t.Errorf("tree\n%s\nwant\n%s", got, want)
	}
	root.(*expr.Binary).Op = "or"
	again, _ := e.Tree(f)
	if again.(*expr.Binary).Op != "and" {
		t.Error("changing a returned tree changed the expression")
	}
	for _, src := range []string{"nope + 1", `x + c`, "not x"} {
		e, err := expr.Parse(src)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := e.Tree(f); err == nil {
			t.Errorf("%s: Tree accepted an expression Check rejects", src)
		}
	}
}
