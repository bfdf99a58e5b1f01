package reproduce

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Python literals. Every value the script embeds goes through these, so
// that Python reads back exactly what Modelbench recorded.

// pyStr is a Python string literal. Go's quoting escapes (\n, \t, \x00,
// \u00e9, \U0001f600) mean the same in Python; text that is not valid UTF-8
// cannot be written exactly and is refused by the caller (see checkText).
func pyStr(s string) string { return strconv.Quote(s) }

// checkText reports text a script cannot hold exactly.
func checkText(what, s string) error {
	if !utf8.ValidString(s) {
		return fmt.Errorf("%s %q is not valid UTF-8", what, s)
	}
	return nil
}

// pyFloat is a Python float literal that reads back to v exactly: the
// shortest decimal form, always with a point or an exponent.
func pyFloat(v float64) string {
	switch {
	case math.IsNaN(v):
		return "math.nan"
	case math.IsInf(v, 1):
		return "math.inf"
	case math.IsInf(v, -1):
		return "-math.inf"
	}
	s := strconv.FormatFloat(v, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

func pyBool(b bool) string {
	if b {
		return "True"
	}
	return "False"
}

// pyList joins already-formatted items as a Python list, wrapping long
// lists over lines indented by indent.
func pyList(items []string, indent string) string {
	one := "[" + strings.Join(items, ", ") + "]"
	if len(one)+len(indent) <= 100 {
		return one
	}
	var b strings.Builder
	b.WriteString("[\n")
	line := indent + "    "
	for i, it := range items {
		if len(line)+len(it)+2 > 100 && strings.TrimSpace(line) != "" {
			b.WriteString(strings.TrimRight(line, " ") + "\n")
			line = indent + "    "
		}
		line += it
		if i < len(items)-1 {
			line += ", "
		}
	}
	b.WriteString(strings.TrimRight(line, " ") + "\n" + indent + "]")
	return b.String()
}

func pyStrs(ss []string, indent string) string {
	items := make([]string, len(ss))
	for i, s := range ss {
		items[i] = pyStr(s)
	}
	return pyList(items, indent)
}

func pyFloats(vs []float64, indent string) string {
	items := make([]string, len(vs))
	for i, v := range vs {
		items[i] = pyFloat(v)
	}
	return pyList(items, indent)
}

// pyStrMap is a dict from strings to already-formatted values, in key
// order.
func pyStrMap(m map[string]string, indent string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	items := make([]string, len(keys))
	for i, k := range keys {
		items[i] = pyStr(k) + ": " + m[k]
	}
	one := "{" + strings.Join(items, ", ") + "}"
	if len(one)+len(indent) <= 100 {
		return one
	}
	var b strings.Builder
	b.WriteString("{\n")
	for _, it := range items {
		b.WriteString(indent + "    " + it + ",\n")
	}
	b.WriteString(indent + "}")
	return b.String()
}

// pyComment turns text into comment lines of at most 79 characters.
func pyComment(text, indent string) string {
	var b strings.Builder
	for _, para := range strings.Split(text, "\n") {
		line := indent + "#"
		for _, w := range strings.Fields(para) {
			if len(line)+1+len(w) > 79 && line != indent+"#" {
				b.WriteString(line + "\n")
				line = indent + "#"
			}
			line += " " + w
		}
		b.WriteString(line + "\n")
	}
	return b.String()
}

// wrap breaks text into lines of at most width characters, each prefixed
// by indent.
func wrap(text, indent string, width int) string {
	var b strings.Builder
	for _, para := range strings.Split(text, "\n") {
		line := indent
		for _, w := range strings.Fields(para) {
			if len(line)+1+len(w) > width && strings.TrimSpace(line) != "" {
				b.WriteString(line + "\n")
				line = indent
			}
			if strings.TrimSpace(line) != "" {
				line += " "
			}
			line += w
		}
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	return b.String()
}

// rowRanges writes sorted row positions as "0-4 7 9-12", in lines of at
// most 96 characters, for ranges() in the script.
func rowRanges(rows []int) string {
	var parts []string
	for i := 0; i < len(rows); {
		j := i
		for j+1 < len(rows) && rows[j+1] == rows[j]+1 {
			j++
		}
		if i == j {
			parts = append(parts, strconv.Itoa(rows[i]))
		} else {
			parts = append(parts, strconv.Itoa(rows[i])+"-"+strconv.Itoa(rows[j]))
		}
		i = j + 1
	}
	var b strings.Builder
	line := ""
	for _, p := range parts {
		if len(line)+len(p)+1 > 96 {
			b.WriteString(line + "\n")
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += p
	}
	b.WriteString(line)
	return b.String()
}

// wrapCall wraps a one-line Python call written after prefix (e.g.
// "    return ") over several lines when it is longer than 99 characters,
// breaking between top-level arguments.
func wrapCall(prefix, call string) string {
	if len(prefix)+len(call) <= 99 {
		return prefix + call
	}
	open := strings.IndexByte(call, '(')
	if open < 0 || !strings.HasSuffix(call, ")") {
		return prefix + call
	}
	var args []string
	depth, start := 0, open+1
	var quote byte
	for i := open + 1; i < len(call)-1; i++ {
		c := call[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '(' || c == '[' || c == '{':
			depth++
		case c == ')' || c == ']' || c == '}':
			depth--
		case c == ',' && depth == 0:
			args = append(args, strings.TrimSpace(call[start:i]))
			start = i + 1
		}
	}
	args = append(args, strings.TrimSpace(call[start:len(call)-1]))
	indent := strings.Repeat(" ", len(prefix)-len(strings.TrimLeft(prefix, " "))+4)
	var b strings.Builder
	b.WriteString(prefix + call[:open+1] + "\n")
	line := indent
	for i, a := range args {
		piece := a
		if i < len(args)-1 {
			piece += ","
		}
		if line != indent && len(line)+1+len(piece) > 99 {
			b.WriteString(line + "\n")
			line = indent
		}
		if line != indent {
			line += " "
		}
		line += piece
	}
	b.WriteString(line + ")")
	return b.String()
}
