package pmml_test

import (
	"fmt"
	"math"
	"strings"
	"time"
)

// The built-in functions the evaluator knows (Built-in Functions of the
// PMML 4.4.1 specification), applied to present arguments.

func nums(fn string, vals []xVal, n int) ([]float64, error) {
	if n >= 0 && len(vals) != n {
		return nil, fmt.Errorf("%s takes %d arguments, got %d", fn, n, len(vals))
	}
	out := make([]float64, len(vals))
	for i, v := range vals {
		f, err := v.number()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", fn, err)
		}
		out[i] = f
	}
	return out, nil
}

// builtin computes a function of present arguments.
func builtin(fn string, vals []xVal) (xVal, error) {
	unary := map[string]func(float64) float64{"ln": math.Log, "log10": math.Log10, "exp": math.Exp, "sqrt": math.Sqrt,
		"abs": math.Abs, "floor": math.Floor, "ceil": math.Ceil, "ln1p": math.Log1p, "expm1": math.Expm1}
	if f, ok := unary[fn]; ok {
		x, err := nums(fn, vals, 1)
		if err != nil {
			return missing, err
		}
		return numVal(f(x[0])), nil
	}
	switch fn {
	case "+", "-", "*", "/", "pow", "modulo":
		x, err := nums(fn, vals, 2)
		if err != nil {
			return missing, err
		}
		a, b := x[0], x[1]
		switch fn {
		case "+":
			return numVal(a + b), nil
		case "-":
			return numVal(a - b), nil
		case "*":
			return numVal(a * b), nil
		case "/":
			return numVal(a / b), nil
		case "pow":
			return numVal(math.Pow(a, b)), nil
		}
		return numVal(a - b*math.Floor(a/b)), nil
	case "equal", "notEqual", "lessThan", "lessOrEqual", "greaterThan", "greaterOrEqual":
		if len(vals) != 2 {
			return missing, fmt.Errorf("%s takes two arguments", fn)
		}
		r, err := compare(vals[0], vals[1])
		if err != nil {
			return missing, fmt.Errorf("%s: %w", fn, err)
		}
		ok := map[string]bool{"equal": r == 0, "notEqual": r != 0, "lessThan": r < 0, "lessOrEqual": r <= 0, "greaterThan": r > 0, "greaterOrEqual": r >= 0}[fn]
		return boolVal(ok), nil
	case "isIn", "isNotIn":
		if len(vals) < 1 {
			return missing, fmt.Errorf("%s needs a value", fn)
		}
		in := false
		for _, v := range vals[1:] {
			if r, err := compare(vals[0], v); err == nil && r == 0 {
				in = true
			} else if err != nil {
				return missing, fmt.Errorf("%s: %w", fn, err)
			}
		}
		return boolVal(in == (fn == "isIn")), nil
	case "and", "or":
		acc := fn == "and"
		for _, v := range vals {
			b, err := v.number()
			if err != nil || v.kind != 'b' {
				return missing, fmt.Errorf("%s of a non-boolean", fn)
			}
			if fn == "and" {
				acc = acc && b != 0
			} else {
				acc = acc || b != 0
			}
		}
		return boolVal(acc), nil
	case "not":
		if len(vals) != 1 || vals[0].kind != 'b' {
			return missing, fmt.Errorf("not takes one boolean")
		}
		return boolVal(vals[0].num == 0), nil
	case "lowercase", "uppercase", "trimBlanks":
		if len(vals) != 1 || vals[0].kind != 's' {
			return missing, fmt.Errorf("%s takes one string", fn)
		}
		s := vals[0].str
		switch fn {
		case "lowercase":
			s = strings.ToLower(s)
		case "uppercase":
			s = strings.ToUpper(s)
		default:
			s = strings.Trim(s, " \t\r\n")
		}
		return strVal(s), nil
	case "dateDaysSinceYear", "dateSecondsSinceYear":
		if len(vals) != 2 || vals[0].kind != 't' {
			return missing, fmt.Errorf("%s takes a date and a year", fn)
		}
		y, err := vals[1].number()
		if err != nil {
			return missing, err
		}
		ref := time.Date(int(y), 1, 1, 0, 0, 0, 0, time.UTC)
		secs := float64(vals[0].t.Unix() - ref.Unix())
		if fn == "dateSecondsSinceYear" {
			return numVal(secs), nil
		}
		return numVal(math.Floor(secs / 86400)), nil
	}
	return missing, fmt.Errorf("function %q is not known to the evaluator", fn)
}
