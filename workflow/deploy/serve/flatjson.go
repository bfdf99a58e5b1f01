package serve

import "strconv"

// flatRecord decodes body when it is one JSON object whose keys and string
// values are printable ASCII without escapes and whose values are all
// strings, numbers, true, false or null — what almost every single-row
// request is — without encoding/json's reflection. The map holds what
// json.Unmarshal into an any would give (numbers as float64, a repeated
// key's last value); ok is false for anything else, which the caller then
// decodes with encoding/json (and its error messages). A fuzz test holds
// the two to the same answers.
func flatRecord(body []byte) (m map[string]any, ok bool) {
	p := flatParser{b: body}
	p.space()
	if !p.byte('{') {
		return nil, false
	}
	m = make(map[string]any, 32)
	p.space()
	if p.byte('}') {
		return m, p.end()
	}
	for {
		p.space()
		key, ok := p.str()
		if !ok {
			return nil, false
		}
		p.space()
		if !p.byte(':') {
			return nil, false
		}
		p.space()
		v, ok := p.scalar()
		if !ok {
			return nil, false
		}
		m[key] = v
		p.space()
		if p.byte('}') {
			return m, p.end()
		}
		if !p.byte(',') {
			return nil, false
		}
	}
}

// flatParser reads JSON scalars from b at i.
type flatParser struct {
	b []byte
	i int
}

func (p *flatParser) space() {
	for p.i < len(p.b) {
		switch p.b[p.i] {
		case ' ', '\t', '\n', '\r':
			p.i++
		default:
			return
		}
	}
}

// byte consumes c if it is next.
func (p *flatParser) byte(c byte) bool {
	if p.i < len(p.b) && p.b[p.i] == c {
		p.i++
		return true
	}
	return false
}

// end reports whether only white space is left.
func (p *flatParser) end() bool {
	p.space()
	return p.i == len(p.b)
}

// str reads a string of printable ASCII without escapes.
func (p *flatParser) str() (string, bool) {
	if !p.byte('"') {
		return "", false
	}
	start := p.i
	for p.i < len(p.b) {
		c := p.b[p.i]
		switch {
		case c == '"':
			s := string(p.b[start:p.i])
			p.i++
			return s, true
		case c == '\\' || c < 0x20 || c > 0x7e:
			return "", false
		}
		p.i++
	}
	return "", false
}

// scalar reads a string, a number, true, false or null.
func (p *flatParser) scalar() (any, bool) {
	if p.i >= len(p.b) {
		return nil, false
	}
	switch c := p.b[p.i]; {
	case c == '"':
		return p.str()
	case c == 't':
		return true, p.word("true")
	case c == 'f':
		return false, p.word("false")
	case c == 'n':
		return nil, p.word("null")
	case c == '-' || c >= '0' && c <= '9':
		return p.number()
	}
	return nil, false
}

func (p *flatParser) word(w string) bool {
	if len(p.b)-p.i >= len(w) && string(p.b[p.i:p.i+len(w)]) == w {
		p.i += len(w)
		return true
	}
	return false
}

// number reads a number of JSON's grammar, -?(0|[1-9][0-9]*)(.[0-9]+)?
// ([eE][+-]?[0-9]+)?, as a float64 (out of range: not ok, as
// encoding/json refuses it).
func (p *flatParser) number() (any, bool) {
	start := p.i
	p.byte('-')
	switch {
	case p.byte('0'):
	case p.digits() == 0:
		return nil, false
	}
	if p.byte('.') && p.digits() == 0 {
		return nil, false
	}
	if p.byte('e') || p.byte('E') {
		if !p.byte('+') {
			p.byte('-')
		}
		if p.digits() == 0 {
			return nil, false
		}
	}
	f, err := strconv.ParseFloat(string(p.b[start:p.i]), 64)
	if err != nil {
		return nil, false
	}
	return f, true
}

// digits consumes ASCII digits and returns how many.
func (p *flatParser) digits() int {
	start := p.i
	for p.i < len(p.b) && p.b[p.i] >= '0' && p.b[p.i] <= '9' {
		p.i++
	}
	return p.i - start
}
