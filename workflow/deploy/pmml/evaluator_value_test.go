package pmml_test

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"
)

// xVal is one value during evaluation: missing, a number, a string, a
// boolean or a date (as time).
type xVal struct {
	kind byte // 0 missing, 'n' number, 's' string, 'b' boolean, 't' date or date-time
	num  float64
	str  string
	t    time.Time
}

var missing = xVal{}

func numVal(v float64) xVal { return xVal{kind: 'n', num: v} }
func strVal(s string) xVal  { return xVal{kind: 's', str: s} }
func boolVal(b bool) xVal {
	if b {
		return xVal{kind: 'b', num: 1}
	}
	return xVal{kind: 'b', num: 0}
}

func (v xVal) isMissing() bool { return v.kind == 0 }

// number returns a number or a boolean as float64.
func (v xVal) number() (float64, error) {
	if v.kind == 'n' || v.kind == 'b' {
		return v.num, nil
	}
	if v.kind == 's' {
		return parseDouble(v.str)
	}
	return 0, fmt.Errorf("value %+v is not a number", v)
}

// text returns a value as a string, as PMML compares a string field's
// values.
func (v xVal) text() string {
	switch v.kind {
	case 's':
		return v.str
	case 'n':
		return strconv.FormatFloat(v.num, 'g', -1, 64)
	case 'b':
		if v.num != 0 {
			return "true"
		}
		return "false"
	}
	return ""
}

// parseDouble reads XML Schema's double lexical form: decimal numbers with
// an optional exponent, INF, -INF and NaN.
func parseDouble(s string) (float64, error) {
	s = strings.TrimSpace(s)
	switch s {
	case "INF", "+INF":
		return math.Inf(1), nil
	case "-INF":
		return math.Inf(-1), nil
	case "NaN":
		return math.NaN(), nil
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r == '.' || r == 'e' || r == 'E' || r == '+' || r == '-') {
			return 0, fmt.Errorf("%q is not an xs:double", s)
		}
	}
	return strconv.ParseFloat(s, 64)
}

// parseAs reads a text as a value of a PMML dataType.
func parseAs(dataType, s string) (xVal, error) {
	switch dataType {
	case "double", "float", "integer":
		f, err := parseDouble(s)
		if err != nil {
			return missing, err
		}
		if dataType == "integer" && f != math.Trunc(f) {
			return missing, fmt.Errorf("%q is not an integer", s)
		}
		return numVal(f), nil
	case "string":
		return strVal(s), nil
	case "boolean":
		switch strings.TrimSpace(s) {
		case "true", "1":
			return boolVal(true), nil
		case "false", "0":
			return boolVal(false), nil
		}
		return missing, fmt.Errorf("%q is not a boolean", s)
	case "date":
		t, err := time.Parse("2006-01-02", s)
		return xVal{kind: 't', t: t}, err
	case "dateTime":
		t, err := time.Parse("2006-01-02T15:04:05", s)
		return xVal{kind: 't', t: t}, err
	}
	return missing, fmt.Errorf("data type %q is not known to the evaluator", dataType)
}

// castTo converts a computed value to a field's dataType.
func castTo(dataType string, v xVal) (xVal, error) {
	if v.isMissing() {
		return v, nil
	}
	switch dataType {
	case "double", "float":
		f, err := v.number()
		return numVal(f), err
	case "integer":
		f, err := v.number()
		if err == nil && f != math.Trunc(f) {
			err = fmt.Errorf("%v is not an integer", f)
		}
		return numVal(f), err
	case "string":
		return strVal(v.text()), nil
	case "boolean":
		f, err := v.number()
		return boolVal(f != 0), err
	}
	return missing, fmt.Errorf("cannot cast to %q", dataType)
}

// equalTo compares a value with a text written in the document, as
// numbers when the value is one.
func equalTo(v xVal, s string) (bool, error) {
	if v.kind == 'n' || v.kind == 'b' {
		f, err := parseDouble(s)
		if err != nil {
			return false, err
		}
		return v.num == f, nil
	}
	return v.text() == s, nil
}

// compare orders two present values: numbers numerically, strings by
// bytes.
func compare(a, b xVal) (int, error) {
	if (a.kind == 'n' || a.kind == 'b') && (b.kind == 'n' || b.kind == 'b') {
		switch {
		case a.num < b.num:
			return -1, nil
		case a.num > b.num:
			return 1, nil
		case a.num == b.num:
			return 0, nil
		}
		return 0, fmt.Errorf("comparing NaN")
	}
	if a.kind == 's' && b.kind == 's' {
		return strings.Compare(a.str, b.str), nil
	}
	return 0, fmt.Errorf("cannot compare %+v with %+v", a, b)
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }
