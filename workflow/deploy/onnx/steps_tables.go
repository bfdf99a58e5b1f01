package onnx

import (
	"math"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// date_parts and join.

// planDateParts computes the parts from the seconds since 1970 UTC with
// exact double arithmetic: the day and the second of the day by fmod, the
// civil date by Howard Hinnant's days-to-civil algorithm (whole numbers
// far below 2^53, so every Floor of a quotient is exact), the weekday as
// (days + 3) mod 7 (1970-01-01 was a Thursday; Monday is 0) and the hour as
// Floor(second of day / 3600). A missing date (NaN) gives NaN in every part.
func planDateParts(s *prep.DatePartsExport, target string) (string, emitter, error) {
	if err := reads(&s.StepInfo, target, s.Columns, data.Datetime); err != nil {
		return "", nil, err
	}
	for _, p := range s.Parts {
		switch p {
		case "year", "month", "day", "weekday", "hour":
		default:
			return "", nil, unsupportedStep(&s.StepInfo, "the date part %q is unknown to the exporter", p)
		}
	}
	return "Mod, Floor, Div and Where: the civil date from the days since 1970 (Hinnant's algorithm)", func(t *translator) map[string]column {
		out := map[string]column{}
		for i, c := range s.Columns {
			parts := t.g.dateParts(t.get(c).t)
			for p, name := range s.Parts {
				out[s.Outputs[i][p]] = column{kind: data.Numeric, t: parts[name]}
			}
		}
		return out
	}, nil
}

// dateParts returns every part of the instants x (seconds since 1970 UTC).
func (g *graph) dateParts(x string) map[string]string {
	c := g.scalar
	fmod := func(a string, m float64) string { return g.op("Mod", []string{a, c(m)}, aInt("fmod", 1)) }
	fdiv := func(a string, d float64) string { return g.floor(g.div(a, c(d))) }
	positive := func(r string, m float64) string { return g.where(g.less(r, c(0)), g.add(r, c(m)), r) }

	sec := positive(fmod(x, 86400), 86400) // second of the day, [0, 86400)
	days := g.div(g.sub(x, sec), c(86400)) // whole days since 1970-01-01
	weekday := positive(fmod(g.add(days, c(3)), 7), 7)
	hour := fdiv(sec, 3600)

	z := g.add(days, c(719468))
	era := fdiv(z, 146097)
	doe := g.sub(z, g.mul(era, c(146097)))                                                           // [0, 146096]
	yoe := fdiv(g.sub(g.add(g.sub(doe, fdiv(doe, 1460)), fdiv(doe, 36524)), fdiv(doe, 146096)), 365) // [0, 399]
	doy := g.sub(doe, g.sub(g.add(g.mul(yoe, c(365)), fdiv(yoe, 4)), fdiv(yoe, 100)))                // [0, 365]
	mp := fdiv(g.add(g.mul(doy, c(5)), c(2)), 153)                                                   // [0, 11], March first
	day := g.add(g.sub(doy, fdiv(g.add(g.mul(mp, c(153)), c(2)), 5)), c(1))
	month := g.where(g.less(mp, c(10)), g.add(mp, c(3)), g.sub(mp, c(9)))
	year := g.add(g.add(yoe, g.mul(era, c(400))), g.toDouble(g.lessEq(month, c(2))))
	return map[string]string{"year": year, "month": month, "day": day, "weekday": weekday, "hour": hour}
}

// planJoin carries the stored table: the key's row in it by the label
// matcher, then one Gather per added column (missing values for a key
// that matches no row or is missing).
func planJoin(s *prep.JoinExport, target string) (string, emitter, error) {
	if err := reads(&s.StepInfo, target, []string{s.Key}); err != nil {
		return "", nil, err
	}
	key, _ := field(s.Input, s.Key)
	if key.Kind == data.Boolean {
		return "", nil, unsupportedStep(&s.StepInfo, "its key %q holds yes/no values, matched by their spelling in the data being scored, which the graph's input does not carry", s.Key)
	}
	if err := distinct(s.Keys); err != nil {
		return "", nil, unsupportedStep(&s.StepInfo, "its stored keys: %v", err)
	}
	for _, c := range s.Columns {
		if c.Len() != len(s.Keys) {
			return "", nil, unsupportedStep(&s.StepInfo, "the stored column %q has %d rows for %d keys", c.Name(), c.Len(), len(s.Keys))
		}
		if c.Kind() == data.Text || c.Kind() == data.Categorical {
			for r := 0; r < c.Len(); r++ {
				if !c.IsMissing(r) && c.Format(r) == "" {
					return "", nil, unsupportedStep(&s.StepInfo, "the stored column %q holds an empty text, which the graph's strings cannot tell from a missing one", c.Name())
				}
			}
		}
	}
	m, err := planMatch(&s.StepInfo, s.Key, key.Kind, s.Keys)
	if err != nil {
		return "", nil, err
	}
	return "LabelEncoder (or Equal on numbers) and Gather from the stored table", func(t *translator) map[string]column {
		g := t.g
		code := m(t)
		out := map[string]column{}
		n := int64(len(s.Keys) + 2)
		for _, c := range s.Columns {
			var table string
			switch c.Kind() {
			case data.Categorical, data.Text:
				v := []string{"", ""}
				for r := 0; r < c.Len(); r++ {
					v = append(v, c.Format(r)) // "" when missing
				}
				table = g.strings([]int64{n}, v...)
			default:
				v := []float64{math.NaN(), math.NaN()}
				for r := 0; r < c.Len(); r++ {
					v = append(v, storedNumber(c, r))
				}
				table = g.doubles([]int64{n}, v...)
			}
			out[c.Name()] = column{kind: c.Kind(), t: g.lookup(table, code)}
		}
		return out
	}, nil
}

// storedNumber is row r of a stored numeric, yes/no or date column as the
// graph holds it (NaN when missing).
func storedNumber(c data.Column, r int) float64 {
	if c.IsMissing(r) {
		return math.NaN()
	}
	switch x := c.(type) {
	case *data.NumericColumn:
		return x.Values()[r]
	case *data.BooleanColumn:
		if v, _ := x.At(r); v {
			return 1
		}
		return 0
	case *data.DatetimeColumn:
		return float64(x.UnixNanos()[r]) / 1e9
	}
	panic("onnx: a stored join column of an unknown kind")
}
