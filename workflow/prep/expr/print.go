package expr

import (
	"strconv"
	"strings"
)

// String writes the expression in a canonical form that parses back to
// the same expression: every operation in parentheses, numbers in their
// shortest exact form, names in backquotes where needed.
func (e *Expr) String() string {
	var b strings.Builder
	write(&b, e.root)
	return b.String()
}

func write(b *strings.Builder, n node) {
	switch x := n.(type) {
	case *numLit:
		b.WriteString(strconv.FormatFloat(x.v, 'g', -1, 64))
	case *strLit:
		writeQuoted(b, x.s)
	case *boolLit:
		b.WriteString(strconv.FormatBool(x.b))
	case *colRef:
		writeName(b, x.name)
	case *unary:
		b.WriteByte('(')
		b.WriteString(x.op)
		if x.op == "not" {
			b.WriteByte(' ')
		}
		write(b, x.x)
		b.WriteByte(')')
	case *binary:
		b.WriteByte('(')
		write(b, x.x)
		b.WriteString(" " + x.op + " ")
		write(b, x.y)
		b.WriteByte(')')
	case *call:
		b.WriteString(x.fn)
		b.WriteByte('(')
		for i, a := range x.args {
			if i > 0 {
				b.WriteString(", ")
			}
			write(b, a)
		}
		b.WriteByte(')')
	}
}

func writeQuoted(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
}

// QuoteName returns a column name as an expression refers to it: bare
// when it is a plain name, else in backquotes. Names containing a
// backquote cannot be referred to.
func QuoteName(name string) string {
	var b strings.Builder
	writeName(&b, name)
	return b.String()
}

func writeName(b *strings.Builder, name string) {
	if plainName(name) {
		b.WriteString(name)
		return
	}
	b.WriteByte('`')
	b.WriteString(name)
	b.WriteByte('`')
}

func plainName(name string) bool {
	if name == "" || isKeyword(name) || strings.EqualFold(name, "true") || strings.EqualFold(name, "false") {
		return false
	}
	for i, r := range name {
		if i == 0 && !isNameStart(r) || !isNamePart(r) {
			return false
		}
	}
	return true
}
