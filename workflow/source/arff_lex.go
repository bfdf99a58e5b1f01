package source

import (
	"errors"
	"strings"
)

// arffToken is one value of an ARFF line: its text (unquoted and
// unescaped) and whether it was quoted, since a quoted '?' is a value and a
// bare ? is missing.
type arffToken struct {
	text   string
	quoted bool
}

func (t arffToken) missing() bool { return !t.quoted && t.text == "?" }

var errUnclosedQuote = errors.New("a quote is opened but never closed")

// readQuoted reads a quoted string starting at s[0] (a ' or "), handling
// backslash escapes. It returns the text and the rest after the closing
// quote.
func readQuoted(s string) (text, rest string, err error) {
	q := s[0]
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			b.WriteByte(unescape(s[i]))
		case c == q:
			return b.String(), s[i+1:], nil
		default:
			b.WriteByte(c)
		}
	}
	return "", "", errUnclosedQuote
}

func unescape(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	case 'r':
		return '\r'
	}
	return c
}

// readWord reads an unquoted token up to one of the stop bytes (or a '%'
// comment), trimmed of spaces.
func readWord(s, stops string) (word, rest string) {
	i := strings.IndexAny(s, stops+"%")
	if i < 0 {
		return strings.TrimSpace(s), ""
	}
	if s[i] == '%' {
		return strings.TrimSpace(s[:i]), ""
	}
	return strings.TrimSpace(s[:i]), s[i:]
}

// readToken reads one quoted or bare token ending at a byte of stops.
func readToken(s, stops string) (arffToken, string, error) {
	s = strings.TrimLeft(s, " \t")
	if s != "" && (s[0] == '\'' || s[0] == '"') {
		text, rest, err := readQuoted(s)
		if err != nil {
			return arffToken{}, "", err
		}
		return arffToken{text: text, quoted: true}, strings.TrimLeft(rest, " \t"), nil
	}
	w, rest := readWord(s, stops)
	return arffToken{text: w}, rest, nil
}

// splitList reads comma-separated tokens until the end of s or a closing
// brace; it returns what follows the brace (or "" at the end of the line).
func splitList(s string) ([]arffToken, string, error) {
	var out []arffToken
	for {
		tok, rest, err := readToken(s, ",}")
		if err != nil {
			return nil, "", err
		}
		if rest != "" && rest[0] != ',' && rest[0] != '}' && rest[0] != '%' {
			return nil, "", errors.New("values must be separated by commas; found " + quoteSnippet(rest))
		}
		out = append(out, tok)
		if rest == "" || rest[0] == '%' {
			return out, "", nil
		}
		if rest[0] == '}' {
			return out, rest[1:], nil
		}
		s = rest[1:]
	}
}

// quoteSnippet shows the start of s in an error message.
func quoteSnippet(s string) string {
	if len(s) > 20 {
		s = s[:20] + "…"
	}
	return `"` + s + `"`
}

// isBlankOrComment reports whether an ARFF line holds nothing to read.
func isBlankOrComment(line string) bool {
	t := strings.TrimSpace(line)
	return t == "" || t[0] == '%'
}

// javaDateLayout converts a Java SimpleDateFormat pattern, as used by ARFF
// date attributes, to a Go time layout. It fails on letters it does not
// know.
func javaDateLayout(p string) (string, error) {
	var b strings.Builder
	for i := 0; i < len(p); {
		c := p[i]
		if c == '\'' {
			j := strings.IndexByte(p[i+1:], '\'')
			if j < 0 {
				return "", errors.New("the date format has an unclosed quote")
			}
			if j == 0 {
				b.WriteByte('\'')
			}
			b.WriteString(p[i+1 : i+1+j])
			i += j + 2
			continue
		}
		n := 1
		for i+n < len(p) && p[i+n] == c {
			n++
		}
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			b.WriteString(p[i : i+n])
			i += n
			continue
		}
		piece, ok := javaPiece(c, n)
		if !ok {
			return "", errors.New("the date format letter " + strings.Repeat(string(c), n) + " is not supported")
		}
		b.WriteString(piece)
		i += n
	}
	return b.String(), nil
}

// javaPiece maps a run of n copies of a SimpleDateFormat letter to Go.
func javaPiece(c byte, n int) (string, bool) {
	switch c {
	case 'y':
		if n == 2 {
			return "06", true
		}
		return "2006", true
	case 'M':
		return pick(n, "1", "01", "Jan", "January"), true
	case 'd':
		return pick(n, "2", "02"), true
	case 'H':
		return "15", true
	case 'h':
		return pick(n, "3", "03"), true
	case 'm':
		return pick(n, "4", "04"), true
	case 's':
		return pick(n, "5", "05"), true
	case 'S':
		return strings.Repeat("0", n), true
	case 'a':
		return "PM", true
	case 'E':
		return pick(n, "Mon", "Mon", "Mon", "Monday"), true
	case 'z':
		return "MST", true
	case 'Z':
		return "-0700", true
	case 'X':
		return pick(n, "Z07", "Z0700", "Z07:00"), true
	}
	return "", false
}

// pick returns forms[n-1], or the last form for longer runs.
func pick(n int, forms ...string) string {
	if n > len(forms) {
		n = len(forms)
	}
	return forms[n-1]
}
