package pack

import (
	"fmt"
	"math"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/contract"
)

// records returns the given rows of f as /v1/predict records: one mapping
// per row with the contract's fields in its order, each value as a
// client sends it — a JSON number, a boolean, a string (a category's
// level, a text, a date-time in the field's layout, or RFC 3339 when the
// layout would lose precision) — and null where the row has no value.
// The target and other columns are left out. f must hold every field.
func records(c *contract.Contract, f *data.Frame, rows []int) ([]mapping, error) {
	cols := make([]data.Column, len(c.Fields))
	for k, fl := range c.Fields {
		col, ok := f.Lookup(fl.Name)
		if !ok {
			return nil, fmt.Errorf("the rows have no column %q, an input of the model", fl.Name)
		}
		cols[k] = col
	}
	out := make([]mapping, len(rows))
	for i, r := range rows {
		rec := make(mapping, len(cols))
		for k, col := range cols {
			rec[k] = pair{c.Fields[k].Name, value(col, r, c.Fields[k].Layout)}
		}
		out[i] = rec
	}
	return out, nil
}

// value is row r of col as a JSON value (null{} when missing).
func value(col data.Column, r int, layout string) any {
	if col.IsMissing(r) {
		return null{}
	}
	switch x := col.(type) {
	case *data.NumericColumn:
		v := x.At(r)
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return null{}
		}
		return v
	case *data.BooleanColumn:
		v, _ := x.At(r)
		return v
	case *data.DatetimeColumn:
		t, _ := x.At(r)
		s := x.Format(r)
		if layout == "" {
			layout = time.RFC3339
		}
		if back, err := time.Parse(layout, s); err == nil && back.Equal(t) {
			return s
		}
		return t.UTC().Format(time.RFC3339Nano)
	}
	return col.Format(r)
}

// predictBody is a /v1/predict body of records: {"records": [...]}.
func predictBody(recs []mapping) mapping {
	l := make([]any, len(recs))
	for i := range recs {
		l[i] = recs[i]
	}
	return mapping{{"records", l}}
}
