package prep_test

import (
	"fmt"
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
	"modelbench/workflow/prep/expr"
)

// applyDerive evaluates a derive step's tree row by row by the rules of
// expr.Node's documentation.
func applyDerive(s *prep.DeriveExport, f *aframe) (*aframe, error) {
	n := f.rows()
	v := make([]float64, n)
	for i := range v {
		c, err := evalNode(s.Tree, f, i)
		if err != nil {
			return nil, err
		}
		v[i] = c.num
	}
	col := numCol(s.Name, v)
	if s.Replaces != (f.index(s.Name) >= 0) {
		return nil, fmt.Errorf("the description says Replaces %v for %q", s.Replaces, s.Name)
	}
	if s.Replaces {
		return f.replace(s.Name, col), nil
	}
	return &aframe{cols: append(append([]*acol{}, f.cols...), col)}, nil
}

// tcell is a value while evaluating: a number, or a label.
type tcell struct {
	num   float64
	label string
	ok    bool
}

func finiteOp(v float64) tcell {
	if math.IsInf(v, 0) {
		v = math.NaN()
	}
	return tcell{num: v}
}

func boolNum(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

func evalNode(n expr.Node, f *aframe, i int) (tcell, error) {
	switch x := n.(type) {
	case *expr.NumberLit:
		return tcell{num: x.Value}, nil
	case *expr.BoolLit:
		return tcell{num: boolNum(x.Value)}, nil
	case *expr.TextLit:
		return tcell{label: x.Value, ok: true}, nil
	case *expr.ColumnRef:
		c, err := f.get(x.Name)
		if err != nil {
			return tcell{}, err
		}
		l, present := c.label(i)
		switch {
		case c.kind == data.Numeric:
			return tcell{num: c.nums[i]}, nil
		case c.kind == data.Boolean && !present:
			return tcell{num: math.NaN()}, nil
		case c.kind == data.Boolean:
			return tcell{num: boolNum(c.truth[i])}, nil
		}
		return tcell{label: l, ok: present}, nil
	case *expr.Unary:
		a, err := evalNode(x.X, f, i)
		if x.Op == "not" {
			return finiteOp(1 - a.num), err
		}
		return finiteOp(-a.num), err
	case *expr.Binary:
		a, err := evalNode(x.X, f, i)
		if err != nil {
			return tcell{}, err
		}
		b, err := evalNode(x.Y, f, i)
		return evalBinary(x, a, b), err
	case *expr.Call:
		args := make([]tcell, len(x.Args))
		for k, a := range x.Args {
			var err error
			if args[k], err = evalNode(a, f, i); err != nil {
				return tcell{}, err
			}
		}
		return evalFunc(x, args), nil
	}
	return tcell{}, fmt.Errorf("unknown node %T", n)
}

func evalBinary(x *expr.Binary, a, b tcell) tcell {
	nan := math.NaN()
	switch x.Op {
	case "+":
		return finiteOp(a.num + b.num)
	case "-":
		return finiteOp(a.num - b.num)
	case "*":
		return finiteOp(a.num * b.num)
	case "/":
		return finiteOp(a.num / b.num)
	case "^":
		return finiteOp(math.Pow(a.num, b.num))
	case "and":
		if a.num == 0 || b.num == 0 {
			return tcell{num: 0}
		}
		if math.IsNaN(a.num) || math.IsNaN(b.num) {
			return tcell{num: nan}
		}
		return tcell{num: 1}
	case "or":
		if a.num == 1 || b.num == 1 {
			return tcell{num: 1}
		}
		if math.IsNaN(a.num) || math.IsNaN(b.num) {
			return tcell{num: nan}
		}
		return tcell{num: 0}
	}
	if x.X.ResultType() == expr.Text {
		if !a.ok || !b.ok {
			return tcell{num: nan}
		}
		return tcell{num: boolNum((a.label == b.label) == (x.Op == "=="))}
	}
	if math.IsNaN(a.num) || math.IsNaN(b.num) {
		return tcell{num: nan}
	}
	var r bool
	switch x.Op {
	case "==":
		r = a.num == b.num
	case "!=":
		r = a.num != b.num
	case "<":
		r = a.num < b.num
	case "<=":
		r = a.num <= b.num
	case ">":
		r = a.num > b.num
	default:
		r = a.num >= b.num
	}
	return tcell{num: boolNum(r)}
}

func evalFunc(x *expr.Call, args []tcell) tcell {
	a := args[0].num
	switch x.Func {
	case "log":
		return finiteOp(math.Log(a))
	case "exp":
		return finiteOp(math.Exp(a))
	case "sqrt":
		return finiteOp(math.Sqrt(a))
	case "abs":
		return finiteOp(math.Abs(a))
	case "round":
		if len(args) == 1 {
			return finiteOp(math.Round(a))
		}
		d := math.Round(args[1].num)
		if math.IsNaN(d) || math.Abs(d) > 300 {
			return tcell{num: math.NaN()}
		}
		p := math.Pow(10, d)
		return finiteOp(math.Round(a*p) / p)
	case "min", "max":
		r := a
		for _, v := range args[1:] {
			if x.Func == "min" {
				r = math.Min(r, v.num)
			} else {
				r = math.Max(r, v.num)
			}
		}
		return finiteOp(r)
	case "missing":
		if x.Args[0].ResultType() == expr.Text {
			return tcell{num: boolNum(!args[0].ok)}
		}
		return tcell{num: boolNum(math.IsNaN(a))}
	}
	// if
	if x.Type == expr.Text {
		switch {
		case math.IsNaN(a):
			return tcell{}
		case a != 0:
			return args[1]
		}
		return args[2]
	}
	switch {
	case math.IsNaN(a):
		return tcell{num: math.NaN()}
	case a != 0:
		return finiteOp(args[1].num)
	}
	return finiteOp(args[2].num)
}
