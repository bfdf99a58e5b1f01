package pmml

import (
	"fmt"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// dateParts computes the parts of a date or date-time input from the
// days (and seconds) since 1970-01-01 that PMML's dateDaysSinceYear and
// dateSecondsSinceYear give, with floor and integer arithmetic: the
// civil-from-days conversion of the proleptic Gregorian calendar (Howard
// Hinnant, "chrono-compatible low-level date algorithms"), the weekday
// from 1970-01-01 being a Thursday, the hour from the seconds past
// midnight. Every value is an integer below 2^53, so each floor of a
// quotient is exact. A missing date gives missing parts.
func (fs *fields) dateParts(s *prep.DatePartsExport) (string, error) {
	for i, name := range s.Columns {
		c, err := fs.col(name)
		if err != nil {
			return "", err
		}
		r := fs.rawByID[c.field]
		if c.kind != data.Datetime || r == nil {
			return "", fmt.Errorf("column %q is not a date input", name)
		}
		dp := &datePart{fs: fs, base: name}
		var days, secs string
		if r.dataType == "date" {
			days = dp.field("days", apply("dateDaysSinceYear", fieldRef(c.field), el("Constant", "dataType", "integer").withText("1970")))
		} else {
			secs = dp.field("seconds", apply("dateSecondsSinceYear", fieldRef(c.field), el("Constant", "dataType", "integer").withText("1970")))
			days = dp.field("days", dp.floorDiv(fieldRef(secs), 86400))
		}
		parts := map[string]string{}
		need := func(p string) bool {
			for _, q := range s.Parts {
				if q == p {
					return true
				}
			}
			return false
		}
		if need("year") || need("month") || need("day") {
			dp.civil(days, parts)
		}
		if need("weekday") {
			w := apply("+", fieldRef(days), constant(3))
			parts["weekday"] = dp.field("weekday", apply("-", w, apply("*", constant(7), dp.floorDiv(apply("+", fieldRef(days), constant(3)), 7))))
		}
		if need("hour") {
			if secs == "" {
				parts["hour"] = dp.field("hour", unlessMissing(days, "double", constant(0)))
			} else {
				parts["hour"] = dp.field("hour", dp.floorDiv(apply("-", fieldRef(secs), apply("*", fieldRef(days), constant(86400))), 3600))
			}
		}
		for p, part := range s.Parts {
			f, ok := parts[part]
			if !ok {
				return "", unsupported(fmt.Sprintf("step %d (date_parts)", s.Index), "the part %q is not known to the exporter", part)
			}
			fs.set(s.Outputs[i][p], f, data.Numeric)
		}
		delete(fs.cols, name)
	}
	return "dateDaysSinceYear / dateSecondsSinceYear, then floor arithmetic (civil calendar, weekday, hour)", nil
}

// datePart builds the derived fields of one date column.
type datePart struct {
	fs   *fields
	base string
}

func (d *datePart) field(part string, e *elem) string { return d.fs.addNumber(d.base+"@"+part, e) }

// floorDiv is floor(e / k).
func (d *datePart) floorDiv(e *elem, k float64) *elem {
	return apply("floor", apply("/", e, constant(k)))
}

// civil adds year, month and day from the days since 1970-01-01.
func (d *datePart) civil(days string, parts map[string]string) {
	z := d.field("z", apply("+", fieldRef(days), constant(719468)))
	era := d.field("era", d.floorDiv(fieldRef(z), 146097))
	doe := d.field("doe", apply("-", fieldRef(z), apply("*", fieldRef(era), constant(146097))))
	// yoe = floor((doe - floor(doe/1460) + floor(doe/36524) - floor(doe/146096)) / 365)
	yoe := d.field("yoe", d.floorDiv(apply("-", apply("+", apply("-", fieldRef(doe), d.floorDiv(fieldRef(doe), 1460)),
		d.floorDiv(fieldRef(doe), 36524)), d.floorDiv(fieldRef(doe), 146096)), 365))
	// doy = doe - (365*yoe + floor(yoe/4) - floor(yoe/100))
	doy := d.field("doy", apply("-", fieldRef(doe), apply("-", apply("+", apply("*", constant(365), fieldRef(yoe)),
		d.floorDiv(fieldRef(yoe), 4)), d.floorDiv(fieldRef(yoe), 100))))
	mp := d.field("mp", d.floorDiv(apply("+", apply("*", constant(5), fieldRef(doy)), constant(2)), 153))
	parts["day"] = d.field("day", apply("+", apply("-", fieldRef(doy), d.floorDiv(apply("+", apply("*", constant(153), fieldRef(mp)), constant(2)), 5)), constant(1)))
	month := d.field("month", ifElse(apply("lessThan", fieldRef(mp), constant(10)), apply("+", fieldRef(mp), constant(3)), apply("-", fieldRef(mp), constant(9))))
	parts["month"] = month
	y := apply("+", fieldRef(yoe), apply("*", fieldRef(era), constant(400)))
	parts["year"] = d.field("year", apply("+", y, ifElse(apply("lessOrEqual", fieldRef(month), constant(2)), constant(1), constant(0))))
}
