package expr

import "sort"

// node is a parsed expression.
type node interface {
	position() int
}

type (
	numLit struct {
		pos int
		v   float64
	}
	strLit struct {
		pos int
		s   string
	}
	boolLit struct {
		pos int
		b   bool
	}
	colRef struct {
		pos  int
		name string
	}
	unary struct {
		pos int
		op  string
		x   node
	}
	binary struct {
		pos  int
		op   string
		x, y node
	}
	call struct {
		pos  int
		fn   string
		args []node
	}
)

func (n *numLit) position() int  { return n.pos }
func (n *strLit) position() int  { return n.pos }
func (n *boolLit) position() int { return n.pos }
func (n *colRef) position() int  { return n.pos }
func (n *unary) position() int   { return n.pos }
func (n *binary) position() int  { return n.pos }
func (n *call) position() int    { return n.pos }

// Expr is a parsed expression. It is immutable.
type Expr struct {
	src  string
	root node
}

// Source returns the text the expression was parsed from.
func (e *Expr) Source() string { return e.src }

// Columns returns the column names the expression refers to, sorted and
// without repeats.
func (e *Expr) Columns() []string {
	seen := map[string]bool{}
	var walk func(n node)
	walk = func(n node) {
		switch x := n.(type) {
		case *colRef:
			seen[x.name] = true
		case *unary:
			walk(x.x)
		case *binary:
			walk(x.x)
			walk(x.y)
		case *call:
			for _, a := range x.args {
				walk(a)
			}
		}
	}
	walk(e.root)
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}
