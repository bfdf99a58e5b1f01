package source

import (
	"context"
	"fmt"
	"io"
	"math"

	"github.com/parquet-go/parquet-go"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// orderedGroup is a Parquet group whose fields keep the Frame's column
// order (parquet.Group alone sorts them by name).
type orderedGroup struct {
	parquet.Group
	fields []parquet.Field
}

// Fields implements parquet.Node.
func (g orderedGroup) Fields() []parquet.Field { return g.fields }

// parquetSchema maps each column to an optional Parquet leaf: whole
// numbers to INT64, other numbers to DOUBLE, categorical to
// dictionary-encoded strings, text to strings, booleans to BOOLEAN,
// datetimes to DATE when the column shows days only, else to nanosecond
// TIMESTAMP (UTC).
func parquetSchema(f *data.Frame) *parquet.Schema {
	g := parquet.Group{}
	for _, c := range f.Columns() {
		g[c.Name()] = parquet.Optional(parquetNode(c))
	}
	byName := map[string]parquet.Field{}
	for _, fl := range g.Fields() {
		byName[fl.Name()] = fl
	}
	fields := make([]parquet.Field, f.NumCols())
	for i, name := range f.Names() {
		fields[i] = byName[name]
	}
	return parquet.NewSchema("modelbench", orderedGroup{Group: g, fields: fields})
}

func parquetNode(c data.Column) parquet.Node {
	switch x := c.(type) {
	case *data.NumericColumn:
		if wholeInt64(x) {
			return parquet.Int(64)
		}
		return parquet.Leaf(parquet.DoubleType)
	case *data.CategoricalColumn:
		return parquet.Encoded(parquet.String(), &parquet.RLEDictionary)
	case *data.BooleanColumn:
		return parquet.Leaf(parquet.BooleanType)
	case *data.DatetimeColumn:
		if daysOnly(x) {
			return parquet.Date()
		}
		return parquet.Timestamp(parquet.Nanosecond)
	}
	return parquet.String()
}

func wholeInt64(c *data.NumericColumn) bool {
	if !c.IsInteger() {
		return false
	}
	for i, v := range c.Values() {
		if !c.IsMissing(i) && math.Abs(v) > 1<<62 {
			return false
		}
	}
	return true
}

func daysOnly(c *data.DatetimeColumn) bool {
	for i, v := range c.UnixNanos() {
		if !c.IsMissing(i) && v%86400e9 != 0 {
			return false
		}
	}
	return true
}

// WriteParquet writes f to w as one Parquet file (snappy-compressed, row
// groups of up to 128k rows), keeping its types as parquetSchema says.
// It stops with ctx.Err() when ctx is cancelled.
func WriteParquet(ctx context.Context, w io.Writer, f *data.Frame, report progress.Func) error {
	if f.NumCols() == 0 {
		return data.ErrNoColumns
	}
	schema := parquetSchema(f)
	pw := parquet.NewWriter(w, schema, parquet.Compression(&parquet.Snappy), parquet.MaxRowsPerRowGroup(128<<10))
	encode := make([]func(row int) parquet.Value, f.NumCols())
	for j, c := range f.Columns() {
		encode[j] = parquetEncoder(c, j)
	}
	const batch = 4096
	rows := make([]parquet.Row, 0, batch)
	for start := 0; start < f.NumRows(); start += batch {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows = rows[:0]
		for i := start; i < min(start+batch, f.NumRows()); i++ {
			row := make(parquet.Row, len(encode))
			for j, enc := range encode {
				row[j] = enc(i)
			}
			rows = append(rows, row)
		}
		if _, err := pw.WriteRows(rows); err != nil {
			return err
		}
		report.Send(0.95*float64(start+len(rows))/float64(f.NumRows()), "writing rows")
	}
	return pw.Close()
}

// parquetEncoder returns a function giving row i of c as a Parquet value
// of leaf column j (definition level 1 when present, 0 when missing).
func parquetEncoder(c data.Column, j int) func(int) parquet.Value {
	level := func(i int, v parquet.Value) parquet.Value {
		if c.IsMissing(i) {
			return parquet.NullValue().Level(0, 0, j)
		}
		return v.Level(0, 1, j)
	}
	switch x := c.(type) {
	case *data.NumericColumn:
		if wholeInt64(x) {
			return func(i int) parquet.Value { return level(i, parquet.Int64Value(int64(x.At(i)))) }
		}
		return func(i int) parquet.Value { return level(i, parquet.DoubleValue(x.At(i))) }
	case *data.BooleanColumn:
		return func(i int) parquet.Value { v, _ := x.At(i); return level(i, parquet.BooleanValue(v)) }
	case *data.DatetimeColumn:
		ns := x.UnixNanos()
		if daysOnly(x) {
			return func(i int) parquet.Value { return level(i, parquet.Int32Value(int32(ns[i]/86400e9))) }
		}
		return func(i int) parquet.Value { return level(i, parquet.Int64Value(ns[i])) }
	case *data.CategoricalColumn:
		levels := make([][]byte, len(x.Levels()))
		for k, l := range x.Levels() {
			levels[k] = []byte(l)
		}
		codes := x.Codes()
		return func(i int) parquet.Value {
			if codes[i] < 0 {
				return parquet.NullValue().Level(0, 0, j)
			}
			return parquet.ByteArrayValue(levels[codes[i]]).Level(0, 1, j)
		}
	}
	return func(i int) parquet.Value { return level(i, parquet.ByteArrayValue([]byte(c.Format(i)))) }
}

// errTooManyRows is returned when a Frame does not fit in one worksheet.
var errTooManyRows = fmt.Errorf("an Excel worksheet holds at most %d rows", excelMaxRows-1)
