package reproduce

import (
	"fmt"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
	"modelbench/workflow/prep/expr"
)

// expression translates a Modelbench expression, typed against the
// step's input columns, into a Python function of the rows (a DataFrame)
// named name, added to the script; it returns the name.
func (p *planned) expression(s *stepCtx, name, source string, fields []prep.Field) (string, error) {
	e, err := expr.Parse(source)
	if err != nil {
		return "", s.unsupported("the expression %q does not parse: %v", source, err)
	}
	f, err := emptyFrame(fields)
	if err != nil {
		return "", s.unsupported("%v", err)
	}
	tree, err := e.Tree(f)
	if err != nil {
		return "", s.unsupported("the expression %q does not apply to the step's columns: %v", source, err)
	}
	body, err := pyExpr(tree)
	if err != nil {
		return "", s.unsupported("%v", err)
	}
	var b strings.Builder
	b.WriteString(pyComment(fmt.Sprintf("Step %d (%s): %s", s.info.Index, s.info.Kind, source), ""))
	fmt.Fprintf(&b, "def %s(X):\n", name)
	fmt.Fprintf(&b, "    return %s\n", body)
	p.funcs = append(p.funcs, b.String())
	return name, nil
}

// readsTarget reports whether an expression reads the target column.
func readsTarget(n expr.Node, target string) bool {
	switch x := n.(type) {
	case *expr.ColumnRef:
		return x.Name == target
	case *expr.Unary:
		return readsTarget(x.X, target)
	case *expr.Binary:
		return readsTarget(x.X, target) || readsTarget(x.Y, target)
	case *expr.Call:
		for _, a := range x.Args {
			if readsTarget(a, target) {
				return true
			}
		}
	}
	return false
}

// pyExpr writes a typed expression tree as numpy code over the rows X,
// following the evaluation rules of expr.Node with the helpers of the
// script's expression section (fin, compare, both, either, ...).
func pyExpr(n expr.Node) (string, error) {
	switch x := n.(type) {
	case *expr.NumberLit:
		return pyFloat(x.Value), nil
	case *expr.BoolLit:
		if x.Value {
			return "1.0", nil
		}
		return "0.0", nil
	case *expr.TextLit:
		if err := checkText("text", x.Value); err != nil {
			return "", err
		}
		return pyStr(x.Value), nil
	case *expr.ColumnRef:
		if err := checkText("column", x.Name); err != nil {
			return "", err
		}
		switch x.Kind {
		case data.Numeric:
			return fmt.Sprintf("number(X, %s)", pyStr(x.Name)), nil
		case data.Boolean:
			return fmt.Sprintf("yes_no(X, %s)", pyStr(x.Name)), nil
		case data.Categorical, data.Text:
			return fmt.Sprintf("label(X, %s)", pyStr(x.Name)), nil
		}
		return "", fmt.Errorf("the expression reads the %s column %q", x.Kind, x.Name)
	case *expr.Unary:
		a, err := pyExpr(x.X)
		if err != nil {
			return "", err
		}
		if x.Op == "not" {
			return fmt.Sprintf("negate(%s)", a), nil
		}
		return fmt.Sprintf("neg(%s)", a), nil
	case *expr.Binary:
		return pyBinary(x)
	case *expr.Call:
		return pyCall(x)
	}
	return "", fmt.Errorf("an unknown expression node %T", n)
}

var comparisons = map[string]string{"==": "np.equal", "!=": "np.not_equal", "<": "np.less", "<=": "np.less_equal", ">": "np.greater", ">=": "np.greater_equal"}

func pyBinary(x *expr.Binary) (string, error) {
	a, err := pyExpr(x.X)
	if err != nil {
		return "", err
	}
	b, err := pyExpr(x.Y)
	if err != nil {
		return "", err
	}
	if x.X.ResultType() == expr.Text {
		return fmt.Sprintf("same_text(%s, %s, %s)", a, b, pyBool(x.Op == "==")), nil
	}
	switch x.Op {
	case "and":
		return fmt.Sprintf("both(%s, %s)", a, b), nil
	case "or":
		return fmt.Sprintf("either(%s, %s)", a, b), nil
	case "+", "-", "*", "/", "^":
		f := map[string]string{"+": "add", "-": "sub", "*": "mul", "/": "div", "^": "power"}[x.Op]
		return fmt.Sprintf("%s(%s, %s)", f, a, b), nil
	}
	if f, ok := comparisons[x.Op]; ok {
		return fmt.Sprintf("compare(%s, %s, %s)", f, a, b), nil
	}
	return "", fmt.Errorf("an unknown operator %q", x.Op)
}

func pyCall(x *expr.Call) (string, error) {
	args := make([]string, len(x.Args))
	for i, a := range x.Args {
		s, err := pyExpr(a)
		if err != nil {
			return "", err
		}
		args[i] = s
	}
	switch x.Func {
	case "log", "exp", "sqrt", "abs":
		return fmt.Sprintf("call(np.%s, %s)", x.Func, args[0]), nil
	case "round":
		return fmt.Sprintf("round_to(%s)", strings.Join(args, ", ")), nil
	case "min", "max":
		f := map[string]string{"min": "smallest", "max": "largest"}[x.Func]
		return fmt.Sprintf("%s(%s)", f, strings.Join(args, ", ")), nil
	case "if":
		return fmt.Sprintf("choose(%s)", strings.Join(args, ", ")), nil
	case "missing":
		return fmt.Sprintf("is_absent(%s)", args[0]), nil
	}
	return "", fmt.Errorf("the function %q", x.Func)
}

// emptyFrame is a frame without rows holding the given columns, to type an
// expression against.
func emptyFrame(fields []prep.Field) (*data.Frame, error) {
	cols := make([]data.Column, len(fields))
	for i, f := range fields {
		switch f.Kind {
		case data.Numeric:
			cols[i] = data.NewNumeric(f.Name, []float64{}, nil)
		case data.Categorical:
			cols[i] = data.NewCategorical(f.Name, []int32{}, nil)
		case data.Boolean:
			cols[i] = data.NewBoolean(f.Name, []bool{}, nil)
		case data.Datetime:
			cols[i] = data.NewDatetime(f.Name, []int64{}, nil, f.Layout)
		default:
			cols[i] = data.NewText(f.Name, []string{}, nil)
		}
	}
	return data.NewFrame(cols...)
}
