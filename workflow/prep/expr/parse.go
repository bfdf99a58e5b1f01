package expr

import (
	"strings"
)

// Limits that keep any input cheap to parse and evaluate.
const (
	MaxLength = 10000 // characters
	MaxDepth  = 100   // nesting of operators, calls and parentheses
)

// Parse reads an expression. Errors are *Error values giving the 1-based
// character position.
func Parse(src string) (*Expr, error) {
	if strings.TrimSpace(src) == "" {
		return nil, &Error{Msg: "the expression is empty"}
	}
	if n := len([]rune(src)); n > MaxLength {
		return nil, &Error{Msg: "the expression is too long (at most 10000 characters)"}
	}
	p := &parser{lex: lexer{src: src}}
	if err := p.advance(); err != nil {
		return nil, err
	}
	root, err := p.or()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tEOF {
		return nil, errAt(p.tok.pos, "unexpected %s; an operator such as + or and may be missing", describe(p.tok))
	}
	return &Expr{src: src, root: root}, nil
}

type parser struct {
	lex   lexer
	tok   token
	depth int
}

func (p *parser) advance() error {
	t, err := p.lex.next()
	if err != nil {
		return err
	}
	p.tok = t
	return nil
}

func (p *parser) enter() error {
	p.depth++
	if p.depth > MaxDepth {
		return errAt(p.tok.pos, "the expression is nested too deeply (at most %d levels)", MaxDepth)
	}
	return nil
}

// isWord reports whether the current token is the keyword w (any case).
func (p *parser) isWord(w string) bool {
	return p.tok.kind == tIdent && !p.tok.quoted && strings.EqualFold(p.tok.text, w)
}

func (p *parser) isOp(op string) bool { return p.tok.kind == tOp && p.tok.text == op }

func (p *parser) or() (node, error) {
	return p.leftAssoc(p.and, func() string {
		if p.isWord("or") {
			return "or"
		}
		return ""
	})
}

func (p *parser) and() (node, error) {
	return p.leftAssoc(p.not, func() string {
		if p.isWord("and") {
			return "and"
		}
		return ""
	})
}

// leftAssoc parses operand (op operand)* where op() names the operator at
// the current token, or "".
func (p *parser) leftAssoc(operand func() (node, error), op func() string) (node, error) {
	x, err := operand()
	if err != nil {
		return nil, err
	}
	for o := op(); o != ""; o = op() {
		pos := p.tok.pos
		if err := p.advance(); err != nil {
			return nil, err
		}
		y, err := operand()
		if err != nil {
			return nil, err
		}
		x = &binary{pos: pos, op: o, x: x, y: y}
	}
	return x, nil
}

// afterOperator skips the operator at the current token and parses what
// follows it with operand, one nesting level deeper (so that chains such
// as - - - x are bounded by MaxDepth). It returns the operator's position.
func (p *parser) afterOperator(operand func() (node, error)) (int, node, error) {
	if err := p.enter(); err != nil {
		return 0, nil, err
	}
	defer func() { p.depth-- }()
	pos := p.tok.pos
	if err := p.advance(); err != nil {
		return 0, nil, err
	}
	x, err := operand()
	return pos, x, err
}

func (p *parser) not() (node, error) {
	if !p.isWord("not") {
		return p.comparison()
	}
	pos, x, err := p.afterOperator(p.not)
	if err != nil {
		return nil, err
	}
	return &unary{pos: pos, op: "not", x: x}, nil
}

var comparisons = map[string]bool{"==": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true}

func (p *parser) comparison() (node, error) {
	x, err := p.additive()
	if err != nil {
		return nil, err
	}
	if p.tok.kind != tOp || !comparisons[p.tok.text] {
		return x, nil
	}
	op, pos := p.tok.text, p.tok.pos
	if err := p.advance(); err != nil {
		return nil, err
	}
	y, err := p.additive()
	if err != nil {
		return nil, err
	}
	if p.tok.kind == tOp && comparisons[p.tok.text] {
		return nil, errAt(p.tok.pos, "comparisons cannot be chained; combine them with and (a < b and b < c)")
	}
	return &binary{pos: pos, op: op, x: x, y: y}, nil
}

func (p *parser) additive() (node, error) {
	return p.leftAssoc(p.multiplicative, func() string {
		if p.isOp("+") || p.isOp("-") {
			return p.tok.text
		}
		return ""
	})
}

func (p *parser) multiplicative() (node, error) {
	return p.leftAssoc(p.unaryMinus, func() string {
		if p.isOp("*") || p.isOp("/") {
			return p.tok.text
		}
		return ""
	})
}

func (p *parser) unaryMinus() (node, error) {
	if !p.isOp("-") && !p.isOp("+") {
		return p.power()
	}
	op := p.tok.text
	pos, x, err := p.afterOperator(p.unaryMinus)
	if err != nil {
		return nil, err
	}
	if op == "+" {
		return x, nil
	}
	return &unary{pos: pos, op: "-", x: x}, nil
}

func (p *parser) power() (node, error) {
	x, err := p.primary()
	if err != nil {
		return nil, err
	}
	if !p.isOp("^") {
		return x, nil
	}
	pos, y, err := p.afterOperator(p.unaryMinus)
	if err != nil {
		return nil, err
	}
	return &binary{pos: pos, op: "^", x: x, y: y}, nil
}

func (p *parser) primary() (node, error) {
	if err := p.enter(); err != nil {
		return nil, err
	}
	defer func() { p.depth-- }()
	t := p.tok
	switch {
	case t.kind == tNum:
		return &numLit{pos: t.pos, v: t.num}, p.advance()
	case t.kind == tStr:
		return &strLit{pos: t.pos, s: t.text}, p.advance()
	case p.isOp("("):
		return p.parenthesised()
	case t.kind == tIdent && !t.quoted && (strings.EqualFold(t.text, "true") || strings.EqualFold(t.text, "false")):
		return &boolLit{pos: t.pos, b: strings.EqualFold(t.text, "true")}, p.advance()
	case t.kind == tIdent && !t.quoted && isKeyword(t.text):
		return nil, errAt(t.pos, "%q needs a value before it; to use a column with this name write `%s`", t.text, t.text)
	case t.kind == tIdent:
		if err := p.advance(); err != nil {
			return nil, err
		}
		if p.isOp("(") && !t.quoted {
			return p.call(t)
		}
		return &colRef{pos: t.pos, name: t.text}, nil
	}
	return nil, errAt(t.pos, "expected a number, a column or \"(\", found %s", describe(t))
}

func (p *parser) parenthesised() (node, error) {
	open := p.tok.pos
	if err := p.advance(); err != nil {
		return nil, err
	}
	x, err := p.or()
	if err != nil {
		return nil, err
	}
	if !p.isOp(")") {
		return nil, errAt(p.tok.pos, "expected \")\" to close the \"(\" at character %d, found %s", open, describe(p.tok))
	}
	return x, p.advance()
}

func (p *parser) call(name token) (node, error) {
	fn := strings.ToLower(name.text)
	if _, ok := functions[fn]; !ok {
		return nil, errAt(name.pos, "unknown function %q (known: %s)", name.text, functionNames())
	}
	if err := p.advance(); err != nil { // the "("
		return nil, err
	}
	c := &call{pos: name.pos, fn: fn}
	if !p.isOp(")") {
		for {
			a, err := p.or()
			if err != nil {
				return nil, err
			}
			c.args = append(c.args, a)
			if !p.isOp(",") {
				break
			}
			if err := p.advance(); err != nil {
				return nil, err
			}
		}
	}
	if !p.isOp(")") {
		return nil, errAt(p.tok.pos, "expected \",\" or \")\" in the call of %s, found %s", fn, describe(p.tok))
	}
	f := functions[fn]
	if len(c.args) < f.minArgs || f.maxArgs >= 0 && len(c.args) > f.maxArgs {
		return nil, errAt(name.pos, "%s takes %s, not %d", fn, f.arity, len(c.args))
	}
	return c, p.advance()
}

func isKeyword(s string) bool {
	switch strings.ToLower(s) {
	case "and", "or", "not":
		return true
	}
	return false
}

func describe(t token) string {
	switch t.kind {
	case tEOF:
		return "the end of the expression"
	case tNum:
		return "the number " + t.text
	case tStr:
		return "a text in quotes"
	case tIdent:
		return "\"" + t.text + "\""
	}
	return "\"" + t.text + "\""
}
