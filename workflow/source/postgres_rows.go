package source

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// pgTextOIDs are the PostgreSQL types whose values stay text: categorical
// or free text, never parsed into numbers or dates.
var pgTextOIDs = map[uint32]bool{pgtype.TextOID: true, pgtype.VarcharOID: true, pgtype.BPCharOID: true,
	pgtype.NameOID: true, 18 /* "char" */ : true}

// scanPGRows streams rows into column builders, one per result column,
// typed by the column's OID.
func scanPGRows(ctx context.Context, rows pgx.Rows, where string, total int, report progress.Func) (*data.Table, error) {
	fds := rows.FieldDescriptions()
	b := make([]*cellBuilder, len(fds))
	for i := range b {
		b[i] = &cellBuilder{}
	}
	start := time.Now()
	n := 0
	for rows.Next() {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			sendPGRows(report, n, total, start)
		}
		vals, err := rows.Values()
		if err != nil {
			return nil, fmt.Errorf("%s, row %d: %w", where, n+1, err)
		}
		for i, v := range vals {
			addPGValue(b[i], v)
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: the query returned no rows", where)
	}
	sendPGRows(report, n, total, start)
	types := rows.Conn().TypeMap()
	cols := make([]data.Column, len(fds))
	infs := make([]data.Inference, len(fds))
	for i, fd := range fds {
		typ := "type " + fmt.Sprint(fd.DataTypeOID)
		if t, ok := types.TypeForOID(fd.DataTypeOID); ok {
			typ = t.Name
		}
		col, inf, err := pgColumn(where, fd.Name, typ, pgTextOIDs[fd.DataTypeOID], b[i])
		if err != nil {
			return nil, err
		}
		cols[i], infs[i] = col, inf
	}
	return assemble(where, cols, infs, nil)
}

func sendPGRows(report progress.Func, n, total int, start time.Time) {
	rate := ""
	if s := time.Since(start).Seconds(); s > 0.5 {
		rate = fmt.Sprintf(", %.0f rows/s", float64(n)/s)
	}
	if total > 0 {
		report.Send(0.95*float64(n)/float64(total), fmt.Sprintf("%d of %d rows read%s", n, total, rate))
	} else {
		report.Send(-1, fmt.Sprintf("%d rows read%s", n, rate))
	}
}

// addPGValue stores one value as pgx decodes it.
func addPGValue(b *cellBuilder, v any) {
	switch x := v.(type) {
	case nil:
		b.addNull()
	case int16:
		b.addNum(float64(x))
	case int32:
		b.addNum(float64(x))
	case int64:
		b.addNum(float64(x))
	case float32:
		b.addNum(float64(x))
	case float64:
		b.addNum(x)
	case bool:
		b.addBool(x)
	case string:
		b.addText(x)
	case time.Time:
		b.addTime(x)
	case pgtype.Numeric:
		f, err := x.Float64Value()
		if err != nil || !f.Valid || math.IsNaN(f.Float64) {
			b.addNull()
		} else {
			b.addNum(f.Float64)
		}
	case [16]byte:
		b.addText(fmt.Sprintf("%x-%x-%x-%x-%x", x[0:4], x[4:6], x[6:8], x[8:10], x[10:16]))
	case pgtype.InfinityModifier:
		b.addNull()
	case []byte:
		b.addText(fmt.Sprintf("%x", x))
	default:
		if t, err := json.Marshal(x); err == nil {
			b.addText(string(t))
		} else {
			b.addText(fmt.Sprint(x))
		}
	}
}

// pgColumn builds a column; values of text types become categorical or
// free text, whatever they look like.
func pgColumn(where, name, typ string, text bool, b *cellBuilder) (data.Column, data.Inference, error) {
	why := fmt.Sprintf("declared %s in PostgreSQL", typ)
	if !text || b.kind != cellText {
		return b.finish(where, name, why, nullOnly, 1)
	}
	col, inf, err := b.finish(where, name, why, nullOnly, 1)
	if err != nil || col.Kind() == data.Categorical || col.Kind() == data.Text {
		return col, inf, err
	}
	present, seen := 0, map[string]bool{}
	for i, s := range b.texts {
		if !b.isMissing(i) && s != "" {
			present++
			seen[s] = true
		}
	}
	if len(seen) <= 2 || 2*len(seen) <= present {
		c := data.NewCategoricalFromStrings(name, b.texts, func(s string) bool { return s == "" })
		return c, data.Inference{Kind: data.Categorical, Label: data.LabelCategorical,
			Reason: fmt.Sprintf("%s; %d different values repeat over %d rows", why, len(seen), present)}, nil
	}
	c := data.NewText(name, b.texts, b.mask())
	return c, data.Inference{Kind: data.Text, Label: data.LabelText,
		Reason: fmt.Sprintf("%s; %d of %d values are different, too many to be categories", why, len(seen), present)}, nil
}
