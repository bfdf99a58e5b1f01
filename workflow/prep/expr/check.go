package expr

import (
	"sort"
	"strings"

	"modelbench/workflow/data"
)

// Type is the type of an expression's result.
type Type int

// The types of values.
const (
	Number Type = iota // a real number; missing is NaN
	Bool               // true or false (1 or 0 when stored as a number)
	Text               // a category, yes/no word or free text; only compared with == and !=
)

// String names the type in messages.
func (t Type) String() string {
	switch t {
	case Bool:
		return "true/false"
	case Text:
		return "text"
	}
	return "number"
}

// function describes a built-in function.
type function struct {
	minArgs, maxArgs int // maxArgs -1: any number
	arity            string
}

var functions = map[string]function{
	"log":     {1, 1, "one argument"},
	"exp":     {1, 1, "one argument"},
	"sqrt":    {1, 1, "one argument"},
	"abs":     {1, 1, "one argument"},
	"round":   {1, 2, "one or two arguments (value, digits)"},
	"min":     {2, -1, "two or more arguments"},
	"max":     {2, -1, "two or more arguments"},
	"if":      {3, 3, "three arguments (condition, then, else)"},
	"missing": {1, 1, "one argument"},
}

func functionNames() string {
	names := make([]string, 0, len(functions))
	for n := range functions {
		names = append(names, n)
	}
	sort.Strings(names)
	return strings.Join(names, ", ")
}

// Check type-checks the expression against the columns of f and returns
// the type of its result. It reports the first unknown column or type
// mismatch as a *Error with its position.
func (e *Expr) Check(f *data.Frame) (Type, error) {
	return (&checker{f: f, types: map[node]Type{}}).typeOf(e.root)
}

// checker types nodes against a frame's columns, remembering each node's
// type so that Tree can read them without typing a subtree twice.
type checker struct {
	f     *data.Frame
	types map[node]Type
}

func (c *checker) typeOf(n node) (Type, error) {
	if t, ok := c.types[n]; ok {
		return t, nil
	}
	var t Type
	var err error
	switch x := n.(type) {
	case *numLit:
		t = Number
	case *strLit:
		t = Text
	case *boolLit:
		t = Bool
	case *colRef:
		t, err = columnType(x, c.f)
	case *unary:
		t, err = c.unaryType(x)
	case *binary:
		t, err = c.binaryType(x)
	case *call:
		t, err = c.callType(x)
	default:
		panic("expr: unknown node")
	}
	if err != nil {
		return 0, err
	}
	c.types[n] = t
	return t, nil
}

func columnType(x *colRef, f *data.Frame) (Type, error) {
	c, ok := f.Lookup(x.name)
	if !ok {
		return 0, errAt(x.pos, "there is no column named %q", x.name)
	}
	switch c.Kind() {
	case data.Numeric:
		return Number, nil
	case data.Boolean:
		return Bool, nil
	case data.Datetime:
		return 0, errAt(x.pos, "column %q holds dates, which expressions cannot use; split it with date_parts first", x.name)
	}
	return Text, nil
}

func (c *checker) unaryType(x *unary) (Type, error) {
	t, err := c.typeOf(x.x)
	if err != nil {
		return 0, err
	}
	if x.op == "not" {
		if t != Bool {
			return 0, errAt(x.pos, "not needs a true/false value, not a %s", t)
		}
		return Bool, nil
	}
	if t == Text {
		return 0, errAt(x.pos, "cannot negate text")
	}
	return Number, nil
}

func (c *checker) binaryType(x *binary) (Type, error) {
	a, err := c.typeOf(x.x)
	if err != nil {
		return 0, err
	}
	b, err := c.typeOf(x.y)
	if err != nil {
		return 0, err
	}
	switch x.op {
	case "and", "or":
		if a != Bool || b != Bool {
			return 0, errAt(x.pos, "%s needs true/false values on both sides (for example x > 0 %s y < 5)", x.op, x.op)
		}
		return Bool, nil
	case "==", "!=":
		if (a == Text) != (b == Text) {
			other := a
			if a == Text {
				other = b
			}
			return 0, errAt(x.pos, "cannot compare text with a %s; write text in double quotes", other)
		}
		return Bool, nil
	case "<", "<=", ">", ">=":
		if a == Text || b == Text {
			return 0, errAt(x.pos, "text can only be compared with == and !=")
		}
		return Bool, nil
	}
	if a == Text || b == Text {
		return 0, errAt(x.pos, "cannot use text in arithmetic (%s)", x.op)
	}
	return Number, nil
}

func (c *checker) callType(x *call) (Type, error) {
	types := make([]Type, len(x.args))
	for i, a := range x.args {
		t, err := c.typeOf(a)
		if err != nil {
			return 0, err
		}
		types[i] = t
	}
	switch x.fn {
	case "missing":
		return Bool, nil
	case "if":
		if types[0] != Bool {
			return 0, errAt(x.args[0].position(), "the condition of if must be true/false, not a %s", types[0])
		}
		a, b := types[1], types[2]
		switch {
		case a == b:
			return a, nil
		case a != Text && b != Text:
			return Number, nil
		}
		return 0, errAt(x.pos, "both branches of if must be text, or both numbers")
	}
	for i, t := range types {
		if t == Text {
			return 0, errAt(x.args[i].position(), "%s needs numbers, not text", x.fn)
		}
	}
	return Number, nil
}
