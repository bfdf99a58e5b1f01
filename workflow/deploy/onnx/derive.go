package onnx

import (
	"fmt"
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
	"modelbench/workflow/prep/expr"
)

// derive: the expression's tree, node by node, by expr.Node's evaluation
// rules: numbers and yes/no values are doubles (NaN missing), text values
// strings ("" missing), and every operation's ±Inf result becomes NaN.

// exval is an expression's value in the graph: a tensor ([N, 1], or a
// scalar when scalar is set) of doubles, or of strings for Text.
type exval struct {
	typ    expr.Type
	t      string
	scalar bool
}

// planDerive checks that every node can be written exactly.
func planDerive(s *prep.DeriveExport, target string) (string, emitter, error) {
	if s.Tree == nil {
		return "", nil, unsupportedStep(&s.StepInfo, "it has no expression tree")
	}
	var refs []string
	if err := checkExpr(&s.StepInfo, s.Tree, &refs); err != nil {
		return "", nil, err
	}
	if err := reads(&s.StepInfo, target, refs); err != nil {
		return "", nil, err
	}
	if s.Type != expr.Number && s.Type != expr.Bool {
		return "", nil, unsupportedStep(&s.StepInfo, "the expression gives %v values", s.Type)
	}
	return "the expression's operators node by node (Add, Sub, Mul, Div, Pow, comparisons, Where, IsNaN, IsInf, ...)", func(t *translator) map[string]column {
		v := t.exprValue(s.Tree)
		if v.scalar {
			v.t = t.expand(v.t)
		}
		return map[string]column{s.Name: {kind: data.Numeric, t: v.t}}
	}, nil
}

// expand repeats a scalar on every row ([N, 1]), the rows being those of
// the graph's first input.
func (t *translator) expand(v string) string {
	g := t.g
	return g.op("Expand", []string{v, g.op("Shape", []string{t.ref})})
}

// checkExpr refuses what the graph cannot compute exactly and collects the
// columns the expression reads.
func checkExpr(info *prep.StepInfo, n expr.Node, refs *[]string) error {
	switch x := n.(type) {
	case *expr.NumberLit, *expr.BoolLit, *expr.TextLit:
		return nil
	case *expr.ColumnRef:
		if x.Kind == data.Datetime {
			return unsupportedStep(info, "the expression reads the date column %q", x.Name)
		}
		*refs = append(*refs, x.Name)
		return nil
	case *expr.Unary:
		return checkExpr(info, x.X, refs)
	case *expr.Binary:
		if x.X.ResultType() == expr.Text && x.Y.ResultType() == expr.Text {
			if !isTextLit(x.X) && !isTextLit(x.Y) {
				return unsupportedStep(info, "the expression compares two text values that are not written in it (at character %d); ONNX (opset 17) compares strings only through a table of known labels", x.Pos)
			}
		}
		if err := checkExpr(info, x.X, refs); err != nil {
			return err
		}
		return checkExpr(info, x.Y, refs)
	case *expr.Call:
		if x.Func == "round" && len(x.Args) == 2 {
			if _, ok := constNumber(x.Args[1]); !ok {
				return unsupportedStep(info, "round's number of digits (at character %d) is not a number written in the expression; Go's and ONNX Runtime's powers of 10 differ in the last bit", x.Pos)
			}
		}
		for _, a := range x.Args {
			if err := checkExpr(info, a, refs); err != nil {
				return err
			}
		}
		return nil
	}
	return unsupportedStep(info, "the expression has a node the exporter does not know (%T)", n)
}

func isTextLit(n expr.Node) bool { _, ok := n.(*expr.TextLit); return ok }

// constNumber is the value of a number literal, or of a minus before one.
func constNumber(n expr.Node) (float64, bool) {
	switch x := n.(type) {
	case *expr.NumberLit:
		return x.Value, true
	case *expr.Unary:
		if v, ok := constNumber(x.X); ok && x.Op == "-" {
			return -v, true
		}
	}
	return 0, false
}

// exprValue writes one node.
func (t *translator) exprValue(n expr.Node) exval {
	g := t.g
	switch x := n.(type) {
	case *expr.NumberLit:
		return exval{expr.Number, g.scalar(x.Value), true}
	case *expr.BoolLit:
		v := 0.0
		if x.Value {
			v = 1
		}
		return exval{expr.Bool, g.scalar(v), true}
	case *expr.TextLit:
		return exval{expr.Text, g.strings(nil, x.Value), true}
	case *expr.ColumnRef:
		return exval{x.Type, t.get(x.Name).t, false}
	case *expr.Unary:
		a := t.exprValue(x.X)
		r := g.neg(a.t)
		if x.Op == "not" {
			r = g.sub(g.scalar(1), a.t)
		}
		return exval{x.Type, g.infToNaN(r), a.scalar}
	case *expr.Binary:
		return t.binary(x)
	case *expr.Call:
		return t.call(x)
	}
	panic(fmt.Sprintf("onnx: unchecked expression node %T", n))
}

func (t *translator) binary(x *expr.Binary) exval {
	g := t.g
	if x.X.ResultType() == expr.Text && x.Y.ResultType() == expr.Text {
		a, lit := x.X, x.Y
		if isTextLit(a) {
			a, lit = lit, a
		}
		l := lit.(*expr.TextLit).Value
		if other, ok := a.(*expr.TextLit); ok { // both written in the expression
			v := 0.0
			if (other.Value == l) == (x.Op == "==") {
				v = 1
			}
			return exval{expr.Bool, g.scalar(v), true}
		}
		av := t.exprValue(a)
		if av.scalar {
			av.t = t.expand(av.t)
		}
		want := int64(1)
		if x.Op == "!=" {
			want = 0
		}
		code := g.codes(av.t, []string{"", l}, []int64{codeMissing, 1}, 0)
		if l == "" {
			code = g.codes(av.t, []string{""}, []int64{codeMissing}, 0)
		}
		v := g.toDouble(g.equal(code, g.int64s(nil, want)))
		return exval{expr.Bool, g.where(g.equal(code, g.int64s(nil, codeMissing)), g.nan(), v), false}
	}
	a, b := t.exprValue(x.X), t.exprValue(x.Y)
	sc := a.scalar && b.scalar
	anyNaN := func() string { return g.or(g.isNaN(a.t), g.isNaN(b.t)) }
	cmp := func(c string) exval { return exval{expr.Bool, g.where(anyNaN(), g.nan(), g.toDouble(c)), sc} }
	switch x.Op {
	case "+", "-", "*", "/", "^":
		op := map[string]string{"+": "Add", "-": "Sub", "*": "Mul", "/": "Div", "^": "Pow"}[x.Op]
		return exval{expr.Number, g.infToNaN(g.op(op, []string{a.t, b.t})), sc}
	case "==":
		return cmp(g.equal(a.t, b.t))
	case "!=":
		return cmp(g.not(g.equal(a.t, b.t)))
	case "<":
		return cmp(g.less(a.t, b.t))
	case "<=":
		return cmp(g.lessEq(a.t, b.t))
	case ">":
		return cmp(g.greater(a.t, b.t))
	case ">=":
		return cmp(g.greaterEq(a.t, b.t))
	case "and", "or":
		decisive := 0.0 // and: a 0 on either side wins
		if x.Op == "or" {
			decisive = 1 // or: a 1 on either side wins
		}
		d := g.scalar(decisive)
		wins := g.or(g.equal(a.t, d), g.equal(b.t, d))
		return exval{expr.Bool, g.where(wins, d, g.where(anyNaN(), g.nan(), g.scalar(1-decisive))), sc}
	}
	panic(fmt.Sprintf("onnx: unknown operator %q", x.Op))
}

func (t *translator) call(x *expr.Call) exval {
	g := t.g
	args := make([]exval, len(x.Args))
	sc := true
	for i, a := range x.Args {
		if x.Func == "round" && i == 1 {
			continue
		}
		args[i] = t.exprValue(a)
		sc = sc && args[i].scalar
	}
	num := func(r string) exval { return exval{x.Type, g.infToNaN(r), sc} }
	switch x.Func {
	case "log":
		return num(g.log(args[0].t))
	case "exp":
		return num(g.exp(args[0].t))
	case "sqrt":
		return num(g.op("Sqrt", []string{args[0].t}))
	case "abs":
		return num(g.abs(args[0].t))
	case "round":
		if len(x.Args) == 1 {
			return num(g.roundHalfAway(args[0].t))
		}
		d, _ := constNumber(x.Args[1])
		d = math.Round(d)
		if math.IsNaN(d) || math.Abs(d) > 300 {
			return num(g.mul(args[0].t, g.nan()))
		}
		p := math.Pow(10, d)
		return num(g.div(g.roundHalfAway(g.mul(args[0].t, g.scalar(p))), g.scalar(p)))
	case "min", "max":
		r := args[0].t
		for _, a := range args[1:] {
			r = g.minMax(x.Func == "min", r, a.t)
		}
		return num(r)
	case "missing":
		a := args[0]
		if a.typ == expr.Text {
			return exval{expr.Bool, g.toDouble(g.isEmpty(a.t)), a.scalar}
		}
		return exval{expr.Bool, g.toDouble(g.isNaN(a.t)), a.scalar}
	case "if":
		c, a, b := args[0], args[1], args[2]
		pick := g.not(g.equal(c.t, g.scalar(0)))
		if x.Type == expr.Text {
			return exval{expr.Text, g.where(g.isNaN(c.t), g.strings(nil, ""), g.where(pick, a.t, b.t)), sc}
		}
		return num(g.where(g.isNaN(c.t), g.nan(), g.where(pick, a.t, b.t)))
	}
	panic(fmt.Sprintf("onnx: unknown function %q", x.Func))
}

// roundHalfAway is math.Round exactly: the whole part by Floor of |x|, one
// more when the (exact) remainder is at least a half, the sign put back.
func (g *graph) roundHalfAway(x string) string {
	ax := g.abs(x)
	whole := g.floor(ax)
	up := g.toDouble(g.greaterEq(g.sub(ax, whole), g.scalar(0.5)))
	r := g.add(whole, up)
	// the sign by Mul, not Where, which would turn a selected -0 into +0
	sign := g.where(g.or(g.less(x, g.scalar(0)), g.negZero(x)), g.scalar(-1), g.scalar(1))
	return g.mul(r, sign)
}

// minMax is math.Min (or math.Max): -Inf (+Inf) if either is, else NaN if
// either is NaN, else the smaller (larger) value. Of two zeros it selects the negative one for min and the
// positive one for max, but ONNX Runtime's Where turns a -0 it selects from
// its first branch into +0, so a zero result may lose its sign (which only
// shows in 1/x, whose ±Inf derive makes missing anyway, and in a number's
// label "-0").
func (g *graph) minMax(isMin bool, a, b string) string {
	first, second := g.less(a, b), g.less(b, a)
	if !isMin {
		first, second = second, first
	}
	tie := g.where(g.negZero(a), a, b) // equal values: only zeros differ (by sign)
	if !isMin {
		tie = g.where(g.negZero(a), b, a)
	}
	r := g.where(first, a, g.where(second, b, tie))
	r = g.where(g.or(g.isNaN(a), g.isNaN(b)), g.nan(), r)
	inf := math.Inf(1) // math.Max(+Inf, NaN) is +Inf, math.Min(-Inf, NaN) -Inf
	if isMin {
		inf = math.Inf(-1)
	}
	c := g.scalar(inf)
	return g.where(g.or(g.equal(a, c), g.equal(b, c)), c, r)
}
