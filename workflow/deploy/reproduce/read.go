package reproduce

import (
	"fmt"
	"regexp"
	"strings"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// layoutTokens are the pieces of a Go time layout the script can read, in
// the order they are tried, with the Python regular expression that reads
// what time.Parse reads for them (fixed two digits for 01, 02, 04 and 05,
// one or two for 2 and 15, an optional fraction after the seconds, which
// time.Parse accepts even when the layout has none).
var layoutTokens = []struct{ token, re string }{
	{"2006", `(?P<year>[0-9]{4})`},
	{"Z07:00", `(?P<tz>Z|[+-][0-9]{2}:[0-9]{2})`},
	{".999999999", ``}, // the fraction, written after the seconds
	{".000000000", ``},
	{"Jan", `(?P<mon>[A-Za-z]{3})`},
	{"01", `(?P<month>[0-9]{2})`},
	{"02", `(?P<day>[0-9]{2})`},
	{"15", `(?P<hour>[0-9]{1,2})`},
	{"04", `(?P<minute>[0-9]{2})`},
	{"05", `(?P<second>[0-9]{2})(?:[.,](?P<frac>[0-9]+))?`},
	{"2", `(?P<day>[0-9]{1,2})`},
}

// dateRegexp translates a Go time layout into a Python regular
// expression with named groups for parse_date. Layouts with parts the
// script does not read (weekday names, 12-hour clocks, zone names) are an
// error.
func dateRegexp(layout string) (string, error) {
	if layout == "" {
		layout = time.RFC3339
	}
	var b strings.Builder
	seen := map[string]bool{}
	for rest := layout; rest != ""; {
		matched := false
		for _, t := range layoutTokens {
			if strings.HasPrefix(rest, t.token) {
				if t.re != "" {
					name := t.re[4:strings.IndexByte(t.re, '>')]
					if seen[name] {
						return "", fmt.Errorf("the date layout %q repeats a part", layout)
					}
					seen[name] = true
				}
				b.WriteString(t.re)
				rest, matched = rest[len(t.token):], true
				break
			}
		}
		if matched {
			continue
		}
		c := rest[0]
		if c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' && c != 'T' || c >= '0' && c <= '9' || c == '_' {
			return "", fmt.Errorf("the date layout %q has parts the script cannot read (at %q)", layout, rest)
		}
		b.WriteString(regexp.QuoteMeta(string(c)))
		rest = rest[1:]
	}
	if !seen["year"] {
		return "", fmt.Errorf("the date layout %q has no year", layout)
	}
	return b.String(), nil
}

// columnsSection writes how the file is read: its layout, the parse
// options and every column with its type.
func columnsSection(w *writer, df DataFile, inputs []prep.Field) error {
	w.line("# How Modelbench read the file: the delimiter, quote, encoding and header it")
	w.line("# found, the cells it takes for missing, and the type it gave each column.")
	w.linef("DELIMITER = %s", pyStr(string(df.Layout.Delimiter)))
	quote := `""`
	if df.Layout.Quote != 0 {
		quote = pyStr(string(df.Layout.Quote))
	}
	w.linef("QUOTE = %s", quote)
	w.linef("LATIN1 = %s  # the bytes are %s", pyBool(df.Layout.Latin1), map[bool]string{true: "ISO-8859-1", false: "UTF-8"}[df.Layout.Latin1])
	w.linef("HEADER = %s", pyBool(df.Layout.Header))
	tokens := df.Options.MissingTokens
	if tokens == nil {
		tokens = data.DefaultMissingTokens
	}
	w.linef("MISSING_TOKENS = %s  # in any case, spaces around ignored", pyStrs(tokens, ""))
	w.linef("DECIMAL_COMMA = %s", pyBool(df.Options.DecimalComma))
	thousands := ""
	if df.Options.Thousands != 0 {
		thousands = string(df.Options.Thousands)
	}
	w.linef("THOUSANDS = %s", pyStr(thousands))
	w.line("COLUMNS = [  # name, type, date layout (Go's, see DATE_FORMATS)")
	layouts := map[string]bool{}
	for _, c := range df.Columns {
		changed := ""
		if c.Kind != c.Read {
			changed = fmt.Sprintf("  # then made %s in the Data step", c.Kind)
		}
		w.linef("    (%s, %s, %s),%s", pyStr(c.Name), pyStr(c.Read.String()), pyStr(c.Layout), changed)
		if c.Read == data.Datetime {
			layouts[c.Layout] = true
		}
	}
	w.line("]")
	w.line("COLUMN_KINDS = {name: kind for name, kind, _ in COLUMNS}")
	w.line("# The columns the preparation starts from, with the types it expects")
	w.line("# (a column of another type is converted first).")
	w.line("INPUTS = [")
	for _, f := range inputs {
		w.linef("    (%s, %s, %s),", pyStr(f.Name), pyStr(f.Kind.String()), pyStr(f.Layout))
		if f.Kind == data.Datetime {
			layouts[f.Layout] = true
		}
	}
	w.line("]")
	w.line("# Date layouts (Go's time layouts) as regular expressions.")
	if len(layouts) == 0 {
		w.line("DATE_FORMATS = {}")
		return nil
	}
	w.line("DATE_FORMATS = {")
	for _, l := range sortedKeys(layouts) {
		re, err := dateRegexp(l)
		if err != nil {
			return err
		}
		w.linef("    %s: re.compile(r%s),", pyStr(l), pyRaw(re))
	}
	w.line("}")
	return nil
}

// pyRaw quotes a regular expression for a Python raw string (it holds no
// double quotes).
func pyRaw(re string) string { return `"` + re + `"` }
