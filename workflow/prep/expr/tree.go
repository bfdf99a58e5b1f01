package expr

import "modelbench/workflow/data"

// Node is one node of an expression's syntax tree with its type, as
// Expr.Tree returns it, for code that translates an expression into
// another language (an ONNX graph, PMML, Python). Its concrete type is
// one of *NumberLit, *TextLit, *BoolLit, *ColumnRef, *Unary, *Binary and
// *Call; the tree is a fresh copy the caller may keep or change.
//
// Evaluating a tree, row by row, exactly as Eval does:
//
//   - A Number or Bool value is a float64; Bool is 1 (true) or 0 (false);
//     a missing value is NaN. A Text value is a label or missing.
//   - Every operation and function result (every *Unary, *Binary and
//     *Call) that is +Inf or -Inf becomes NaN (missing): 1/0, log(0) and
//     exp(1000) are missing. A bare *ColumnRef or literal is not an
//     operation: an infinite column value passes through unchanged.
//   - Each node documents its rule for missing inputs. Most operations
//     give NaN when an input is NaN, because IEEE arithmetic does; the
//     exceptions are the ones IEEE defines (x ^ 0 is 1 and 1 ^ y is 1 even
//     for a missing x or y, min and max are missing when any argument is),
//     and, or and missing(), which say what they do.
type Node interface {
	// Position is the 1-based character position of the node in the
	// source text.
	Position() int
	// ResultType is the type of the node's value: Number, Bool or Text.
	ResultType() Type
	node()
}

// NumberLit is a number written in the expression.
type NumberLit struct {
	Pos   int
	Type  Type // Number
	Value float64
}

// TextLit is a text in double quotes (escapes resolved); it is only ever
// compared with == or != or chosen by if.
type TextLit struct {
	Pos   int
	Type  Type // Text
	Value string
}

// BoolLit is true (1) or false (0).
type BoolLit struct {
	Pos   int
	Type  Type // Bool
	Value bool
}

// ColumnRef reads a column of the frame the expression is evaluated on.
// Kind is the column's kind and decides the Type: a numeric column is a
// Number (its values as they are, NaN missing, ±Inf kept); a boolean
// column a Bool (1, 0, NaN when missing); a categorical or text column a
// Text whose values are its labels (the level, or the text as it is;
// missing when missing). Date columns cannot be used (Tree fails).
type ColumnRef struct {
	Pos  int
	Type Type
	Name string
	Kind data.Kind
}

// Unary is "-" (Number: -x, NaN stays NaN) or "not" (Bool: 1 - x, NaN
// stays NaN).
type Unary struct {
	Pos  int
	Type Type
	Op   string
	X    Node
}

// Binary is an operator between two values. Op is one of:
//
//   - "+", "-", "*", "/": IEEE arithmetic on numbers (Bools as 1/0); "^" is
//     Go's math.Pow(x, y) (IEEE pow: x ^ 0 = 1 and 1 ^ y = 1 for any x, y,
//     NaN included; a negative x with a fractional y is NaN).
//   - "==", "!=", "<", "<=", ">", ">=" on Number or Bool operands: NaN on
//     either side gives NaN, else 1 or 0. "==" and "!=" on two Text
//     operands compare the labels exactly (byte for byte); a missing label
//     on either side gives NaN.
//   - "and": 0 when either side is 0 (even if the other is NaN), else NaN
//     when either is NaN, else 1. "or": 1 when either side is 1, else NaN
//     when either is NaN, else 0.
//
// Type is Bool for comparisons, and and or, Number for arithmetic.
type Binary struct {
	Pos  int
	Type Type
	Op   string
	X, Y Node
}

// Call is a function call. Func is lower case, one of:
//
//   - "log" (natural), "exp", "sqrt", "abs": Go's math functions on one
//     Number (log and sqrt of a negative number are NaN).
//   - "round": with one argument math.Round (halves away from zero); with
//     two, (x, d): d is rounded with math.Round, then NaN when d is NaN or
//     |d| > 300, else math.Round(x * p) / p with p = math.Pow(10, d).
//   - "min", "max": two or more Numbers folded left to right with
//     math.Min / math.Max, so any NaN argument gives NaN.
//   - "if": (condition, then, else). A NaN condition gives NaN (missing
//     text when the branches are Text); otherwise a condition other than
//     0 gives then, 0 gives else, whatever those hold (NaN included).
//     Type is Text when both branches are Text, Bool when both are Bool,
//     else Number.
//   - "missing": one argument of any type; 1 where it is missing (NaN, or
//     a missing label), else 0. An infinite number is not missing.
type Call struct {
	Pos  int
	Type Type
	Func string
	Args []Node
}

func (n *NumberLit) Position() int { return n.Pos }
func (n *TextLit) Position() int   { return n.Pos }
func (n *BoolLit) Position() int   { return n.Pos }
func (n *ColumnRef) Position() int { return n.Pos }
func (n *Unary) Position() int     { return n.Pos }
func (n *Binary) Position() int    { return n.Pos }
func (n *Call) Position() int      { return n.Pos }

func (n *NumberLit) ResultType() Type { return n.Type }
func (n *TextLit) ResultType() Type   { return n.Type }
func (n *BoolLit) ResultType() Type   { return n.Type }
func (n *ColumnRef) ResultType() Type { return n.Type }
func (n *Unary) ResultType() Type     { return n.Type }
func (n *Binary) ResultType() Type    { return n.Type }
func (n *Call) ResultType() Type      { return n.Type }

func (*NumberLit) node() {}
func (*TextLit) node()   {}
func (*BoolLit) node()   {}
func (*ColumnRef) node() {}
func (*Unary) node()     {}
func (*Binary) node()    {}
func (*Call) node()      {}

// Tree returns the expression's syntax tree, every node typed against the
// columns of f as Check types them (only f's column names and kinds
// matter; a frame without rows will do). Errors are Check's: an unknown
// column, a date column, or a type mismatch, as a *Error with its
// position.
func (e *Expr) Tree(f *data.Frame) (Node, error) {
	c := &checker{f: f, types: map[node]Type{}}
	if _, err := c.typeOf(e.root); err != nil {
		return nil, err
	}
	return c.tree(e.root), nil
}

// tree converts a node that c has typed.
func (c *checker) tree(n node) Node {
	t, ok := c.types[n]
	if !ok {
		panic("expr: tree of an untyped node")
	}
	switch x := n.(type) {
	case *numLit:
		return &NumberLit{Pos: x.pos, Type: t, Value: x.v}
	case *strLit:
		return &TextLit{Pos: x.pos, Type: t, Value: x.s}
	case *boolLit:
		return &BoolLit{Pos: x.pos, Type: t, Value: x.b}
	case *colRef:
		col, _ := c.f.Lookup(x.name)
		return &ColumnRef{Pos: x.pos, Type: t, Name: x.name, Kind: col.Kind()}
	case *unary:
		return &Unary{Pos: x.pos, Type: t, Op: x.op, X: c.tree(x.x)}
	case *binary:
		return &Binary{Pos: x.pos, Type: t, Op: x.op, X: c.tree(x.x), Y: c.tree(x.y)}
	case *call:
		args := make([]Node, len(x.args))
		for i, a := range x.args {
			args[i] = c.tree(a)
		}
		return &Call{Pos: x.pos, Type: t, Func: x.fn, Args: args}
	}
	panic("expr: unknown node")
}
