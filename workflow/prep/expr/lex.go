package expr

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Error is a problem in an expression at a 1-based character position
// (0 when it concerns the whole expression).
type Error struct {
	Pos int
	Msg string
}

// Error says where and what.
func (e *Error) Error() string {
	if e.Pos <= 0 {
		return e.Msg
	}
	return fmt.Sprintf("at character %d: %s", e.Pos, e.Msg)
}

func errAt(pos int, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

type tokKind int

const (
	tEOF tokKind = iota
	tNum
	tStr
	tIdent // bare or backquoted column name, or keyword / function name
	tOp
)

type token struct {
	kind   tokKind
	text   string  // operator, identifier or decoded string
	num    float64 // value of tNum
	quoted bool    // identifier written in backquotes
	pos    int     // 1-based character position
}

// lexer splits the source into tokens, tracking character positions.
type lexer struct {
	src  string
	off  int // byte offset
	char int // characters consumed
}

func (l *lexer) peekRune() (rune, int) {
	if l.off >= len(l.src) {
		return 0, 0
	}
	return utf8.DecodeRuneInString(l.src[l.off:])
}

func (l *lexer) advance(size int) {
	l.off += size
	l.char++
}

// next returns the next token.
func (l *lexer) next() (token, error) {
	for {
		r, size := l.peekRune()
		if size == 0 || !unicode.IsSpace(r) {
			break
		}
		l.advance(size)
	}
	pos := l.char + 1
	r, size := l.peekRune()
	switch {
	case size == 0:
		return token{kind: tEOF, pos: pos}, nil
	case r == utf8.RuneError && size == 1:
		return token{}, errAt(pos, "the text is not valid UTF-8")
	case r >= '0' && r <= '9' || r == '.' && l.digitAfterDot():
		return l.number(pos)
	case r == '"':
		return l.str(pos)
	case r == '`':
		return l.quotedName(pos)
	case isNameStart(r):
		start := l.off
		for {
			r, size := l.peekRune()
			if size == 0 || !isNamePart(r) {
				break
			}
			l.advance(size)
		}
		return token{kind: tIdent, text: l.src[start:l.off], pos: pos}, nil
	}
	return l.operator(pos, r, size)
}

func (l *lexer) digitAfterDot() bool {
	return l.off+1 < len(l.src) && l.src[l.off+1] >= '0' && l.src[l.off+1] <= '9'
}

func isNameStart(r rune) bool { return r == '_' || unicode.IsLetter(r) }

func isNamePart(r rune) bool {
	return r == '_' || r == '.' || unicode.IsLetter(r) || unicode.IsDigit(r)
}

func (l *lexer) number(pos int) (token, error) {
	start := l.off
	digits := func() {
		for l.off < len(l.src) && l.src[l.off] >= '0' && l.src[l.off] <= '9' {
			l.advance(1)
		}
	}
	digits()
	if l.off < len(l.src) && l.src[l.off] == '.' {
		l.advance(1)
		digits()
	}
	if l.off < len(l.src) && (l.src[l.off] == 'e' || l.src[l.off] == 'E') {
		l.advance(1)
		if l.off < len(l.src) && (l.src[l.off] == '+' || l.src[l.off] == '-') {
			l.advance(1)
		}
		if l.off >= len(l.src) || l.src[l.off] < '0' || l.src[l.off] > '9' {
			return token{}, errAt(pos, "the number %q has an incomplete exponent", l.src[start:l.off])
		}
		digits()
	}
	if r, size := l.peekRune(); size > 0 && isNamePart(r) {
		return token{}, errAt(l.char+1, "unexpected %q right after a number", r)
	}
	v, err := strconv.ParseFloat(l.src[start:l.off], 64)
	if err != nil {
		return token{}, errAt(pos, "the number %q is out of range", l.src[start:l.off])
	}
	return token{kind: tNum, num: v, text: l.src[start:l.off], pos: pos}, nil
}

func (l *lexer) str(pos int) (token, error) {
	l.advance(1)
	var b strings.Builder
	for {
		r, size := l.peekRune()
		switch {
		case size == 0:
			return token{}, errAt(pos, "the text starting here has no closing \"")
		case r == utf8.RuneError && size == 1:
			return token{}, errAt(l.char+1, "the text is not valid UTF-8")
		case r == '"':
			l.advance(size)
			return token{kind: tStr, text: b.String(), pos: pos}, nil
		case r == '\\':
			l.advance(size)
			e, esize := l.peekRune()
			switch e {
			case '"', '\\':
				b.WriteRune(e)
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			default:
				return token{}, errAt(l.char, "unknown escape \\%c (use \\\", \\\\, \\n or \\t)", e)
			}
			l.advance(esize)
		default:
			b.WriteRune(r)
			l.advance(size)
		}
	}
}

func (l *lexer) quotedName(pos int) (token, error) {
	l.advance(1)
	start := l.off
	for {
		r, size := l.peekRune()
		if size == 0 {
			return token{}, errAt(pos, "the column name starting here has no closing `")
		}
		if r == utf8.RuneError && size == 1 {
			return token{}, errAt(l.char+1, "the text is not valid UTF-8")
		}
		if r == '`' {
			name := l.src[start:l.off]
			l.advance(size)
			if strings.TrimSpace(name) == "" {
				return token{}, errAt(pos, "empty column name")
			}
			return token{kind: tIdent, text: name, quoted: true, pos: pos}, nil
		}
		l.advance(size)
	}
}

var twoCharOps = []string{"==", "!=", "<=", ">="}

func (l *lexer) operator(pos int, r rune, size int) (token, error) {
	rest := l.src[l.off:]
	for _, op := range twoCharOps {
		if strings.HasPrefix(rest, op) {
			l.advance(1)
			l.advance(1)
			return token{kind: tOp, text: op, pos: pos}, nil
		}
	}
	switch r {
	case '+', '-', '*', '/', '^', '(', ')', ',', '<', '>':
		l.advance(size)
		return token{kind: tOp, text: string(r), pos: pos}, nil
	case '=':
		return token{}, errAt(pos, "use == to compare")
	case '&':
		return token{}, errAt(pos, "use and to combine conditions")
	case '|':
		return token{}, errAt(pos, "use or to combine conditions")
	case '!':
		return token{}, errAt(pos, "use not to negate, or != to compare")
	case '\'':
		return token{}, errAt(pos, "write text in double quotes (\"like this\") and column names with spaces in backquotes (`like this`)")
	}
	return token{}, errAt(pos, "unexpected character %q", r)
}
