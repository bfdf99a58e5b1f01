package data

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// DefaultMissingTokens are the cell texts read as missing unless the user
// says otherwise. They are compared after trimming spaces and ignoring case.
// "None" is deliberately absent: it is often a real category ("no garage").
var DefaultMissingTokens = []string{"", "NA", "N/A", "null", "NaN", "?", "-"}

// ParseOptions controls how cell texts become values. The zero value uses
// DefaultMissingTokens, a decimal point and no thousands separator.
type ParseOptions struct {
	// MissingTokens replaces DefaultMissingTokens when not nil.
	MissingTokens []string `json:"missing_tokens,omitempty"`
	// DecimalComma reads "3,5" as 3.5.
	DecimalComma bool `json:"decimal_comma,omitempty"`
	// Thousands is a grouping separator to drop inside numbers ("1 234" or
	// "1,234"); 0 means none.
	Thousands rune `json:"thousands,omitempty"`
}

// IsMissing reports whether s is one of the missing-value tokens.
func (o ParseOptions) IsMissing(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" {
		return true
	}
	toks := o.MissingTokens
	if toks == nil {
		toks = DefaultMissingTokens
	}
	for _, t := range toks {
		if strings.EqualFold(s, t) {
			return true
		}
	}
	return false
}

// ParseFloat reads s as a number under the options, accepting surrounding
// spaces, a leading '+', exponents and "inf". It reports false for anything
// else.
func (o ParseOptions) ParseFloat(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if o.Thousands != 0 && strings.ContainsRune(s, o.Thousands) {
		s = strings.ReplaceAll(s, string(o.Thousands), "")
	}
	if o.DecimalComma && strings.IndexByte(s, ',') >= 0 {
		if strings.IndexByte(s, '.') >= 0 {
			return 0, false
		}
		s = strings.Replace(s, ",", ".", 1)
	}
	if s == "" || !numberStart(s[0]) {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	if strings.ContainsAny(s, "xXpP_") && !isInfText(s) { // hex floats and underscores are not data
		return 0, false
	}
	if math.IsNaN(v) {
		return 0, false
	}
	return v, true
}

func numberStart(b byte) bool {
	return (b >= '0' && b <= '9') || b == '-' || b == '+' || b == '.' || b == 'i' || b == 'I'
}

func isInfText(s string) bool {
	s = strings.TrimLeft(s, "+-")
	return strings.EqualFold(s, "inf") || strings.EqualFold(s, "infinity")
}

// ParseBool reads the usual spellings of yes and no: true/false, yes/no,
// t/f, y/n, in any case.
func ParseBool(s string) (v, ok bool) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "yes", "t", "y":
		return true, true
	case "false", "no", "f", "n":
		return false, true
	}
	return false, false
}

// DateLayouts are the Go time layouts tried, in order, when a column might
// hold dates or times. Day-first and month-first slashed dates are both
// listed; a column is only read as dates when one layout fits every value.
var DateLayouts = []string{
	"2006-01-02",
	"2006-01-02 15:04:05",
	"2006-01-02T15:04:05",
	time.RFC3339,
	time.RFC3339Nano,
	"2006-01-02 15:04",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05.999999999",
	"2006/01/02",
	"01/02/2006",
	"02/01/2006",
	"02.01.2006",
	"01/02/2006 15:04",
	"02/01/2006 15:04",
	"01/02/2006 15:04:05",
	"2006-01",
	"Jan 2, 2006",
	"2 Jan 2006",
	"02-Jan-2006",
}

// DetectDateLayout returns the first layout of DateLayouts that parses every
// sample (missing cells already removed). It reports false when none does or
// when there are no samples. Samples must contain a separator so that plain
// numbers such as years are never taken for dates.
func DetectDateLayout(samples []string) (string, bool) {
	if len(samples) == 0 {
		return "", false
	}
	for _, s := range samples {
		if !strings.ContainsAny(s, "-/.: ") || len(s) < 6 {
			return "", false
		}
	}
	for _, layout := range DateLayouts {
		ok := true
		for _, s := range samples {
			if _, err := time.Parse(layout, strings.TrimSpace(s)); err != nil {
				ok = false
				break
			}
		}
		if ok {
			return layout, true
		}
	}
	return "", false
}

// ParseError reports a problem with a specific place in a user's file. Line
// and Column are 1-based; zero means unknown.
type ParseError struct {
	File       string // the file's path or name; may be empty
	Line       int    // 1-based line (or record) number
	Column     int    // 1-based column position
	ColumnName string // the column's header, when known
	Err        error  // what is wrong
}

// Error names the file, line and column that apply.
func (e *ParseError) Error() string {
	var b strings.Builder
	if e.File != "" {
		b.WriteString(e.File)
	} else {
		b.WriteString("input")
	}
	if e.Line > 0 {
		fmt.Fprintf(&b, ", line %d", e.Line)
	}
	if e.Column > 0 {
		fmt.Fprintf(&b, ", column %d", e.Column)
		if e.ColumnName != "" {
			fmt.Fprintf(&b, " (%q)", e.ColumnName)
		}
	} else if e.ColumnName != "" {
		fmt.Fprintf(&b, ", column %q", e.ColumnName)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	return b.String()
}

// Unwrap returns the underlying error.
func (e *ParseError) Unwrap() error { return e.Err }
