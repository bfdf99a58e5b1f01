package serve

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strings"
)

// batch is a decoded request before validation: one map of raw values per
// row, by field name. JSON values are what encoding/json decodes into an
// any (float64, string, bool, nil, and []any or map[string]any, which no
// field accepts); text says that every value is a string read from CSV,
// to be parsed as its field's type.
type batch struct {
	rows []map[string]any
	text bool
	// raws, when set, holds each row's record as the request's JSON
	// wrote it, for the prediction log.
	raws [][]byte
}

// limits bound what a request may ask for.
type limits struct {
	maxRows int // rows per request
}

func (l limits) check(n int) error {
	if n == 0 {
		return badRequest("the request holds no rows")
	}
	if n > l.maxRows {
		return statusError(http.StatusRequestEntityTooLarge, "the request holds %d rows; this server scores at most %d per request (--max-batch)", n, l.maxRows)
	}
	return nil
}

// isCSV reports whether the request's Content-Type is CSV.
func isCSV(r *http.Request) bool {
	ct := strings.ToLower(r.Header.Get("Content-Type"))
	return strings.HasPrefix(ct, "text/csv") || strings.HasPrefix(ct, "application/csv")
}

// decodeJSON parses a JSON body into v, with a message a client can act on.
func decodeJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		return badRequest("the request body is empty; send JSON (or CSV with Content-Type: text/csv)")
	}
	if err := json.Unmarshal(body, v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			return badRequest("the body is not valid JSON: %v (at byte %d)", err, se.Offset)
		}
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return badRequest("the body has the wrong shape: %s is %s, expected %s", fieldOrTop(te.Field), te.Value, te.Type)
		}
		return badRequest("the body is not valid JSON: %v", err)
	}
	return nil
}

func fieldOrTop(f string) string {
	if f == "" {
		return "the top level"
	}
	return "\"" + f + "\""
}

// decodePredictBody reads /v1/predict's JSON forms: one record {...}, an
// array of records [{...}], {"records": [...]} or {"columns": {"name":
// [...]}}. An object whose only key is "records" (holding an array) or
// "columns" (holding an object) is a batch; any other object is one
// record.
func decodePredictBody(body []byte, lim limits) (*batch, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) > 0 && trimmed[0] == '{' {
		if m, ok := flatRecord(trimmed); ok { // one record of plain values
			return &batch{rows: []map[string]any{m}, raws: [][]byte{trimmed}}, nil
		}
	}
	if len(trimmed) > 0 && trimmed[0] == '[' {
		if b, ok := rawRecords(trimmed, lim); ok {
			return b, nil
		}
	}
	var v any
	if err := decodeJSON(body, &v); err != nil {
		return nil, err
	}
	switch x := v.(type) {
	case []any:
		return recordsBatch(x, lim)
	case map[string]any:
		if len(x) == 1 {
			if recs, ok := x["records"].([]any); ok {
				return recordsBatch(recs, lim)
			}
			if cols, ok := x["columns"].(map[string]any); ok {
				return columnsBatch(cols, lim)
			}
		}
		return &batch{rows: []map[string]any{x}, raws: [][]byte{trimmed}}, nil
	}
	return nil, badRequest("the body is a JSON %s; send a record {...}, an array of records, {\"records\": [...]} or {\"columns\": {...}}", jsonKind(v))
}

// rawRecords reads an array of JSON objects keeping each one's text; ok
// is false when body is anything else (the caller then reports why).
func rawRecords(body []byte, lim limits) (*batch, bool) {
	var raws []json.RawMessage
	if json.Unmarshal(body, &raws) != nil || lim.check(len(raws)) != nil {
		return nil, false
	}
	b := &batch{rows: make([]map[string]any, len(raws)), raws: make([][]byte, len(raws))}
	for i, r := range raws {
		if len(r) == 0 || r[0] != '{' {
			return nil, false
		}
		var m map[string]any
		if json.Unmarshal(r, &m) != nil {
			return nil, false
		}
		b.rows[i], b.raws[i] = m, r
	}
	return b, true
}

// recordsBatch reads an array of JSON objects.
func recordsBatch(recs []any, lim limits) (*batch, error) {
	if err := lim.check(len(recs)); err != nil {
		return nil, err
	}
	b := &batch{rows: make([]map[string]any, len(recs))}
	for i, r := range recs {
		m, ok := r.(map[string]any)
		if !ok {
			return nil, &requestError{status: http.StatusBadRequest, msg: fmt.Sprintf("record %d is a JSON %s, not an object", i+1, jsonKind(r)),
				details: []Problem{{Row: i + 1, Problem: "a JSON " + jsonKind(r), Expected: "an object of field values"}}}
		}
		b.rows[i] = m
	}
	return b, nil
}

// columnsBatch reads {"name": [values...], ...}: arrays of one length.
func columnsBatch(cols map[string]any, lim limits) (*batch, error) {
	names := make([]string, 0, len(cols))
	for name := range cols {
		names = append(names, name)
	}
	sort.Strings(names)
	n := -1
	arrays := make([][]any, len(names))
	for k, name := range names {
		a, ok := cols[name].([]any)
		if !ok {
			return nil, &requestError{status: http.StatusBadRequest, msg: fmt.Sprintf("column %q is a JSON %s, not an array of values", name, jsonKind(cols[name])),
				details: []Problem{{Field: name, Problem: "a JSON " + jsonKind(cols[name]), Expected: "an array with one value per row"}}}
		}
		if n >= 0 && len(a) != n {
			return nil, &requestError{status: http.StatusBadRequest, msg: fmt.Sprintf("the columns have different lengths: %q has %d values, %q has %d", names[0], n, name, len(a)),
				details: []Problem{{Field: name, Problem: fmt.Sprintf("%d values", len(a)), Expected: fmt.Sprintf("%d values, as many as %q", n, names[0])}}}
		}
		n = len(a)
		arrays[k] = a
	}
	if n < 0 {
		n = 0
	}
	if err := lim.check(n); err != nil {
		return nil, err
	}
	return columnsToRows(names, arrays, n), nil
}

func columnsToRows(names []string, arrays [][]any, n int) *batch {
	b := &batch{rows: make([]map[string]any, n)}
	for i := range n {
		m := make(map[string]any, len(names))
		for k, name := range names {
			m[name] = arrays[k][i]
		}
		b.rows[i] = m
	}
	return b
}

// decodeCSV reads comma-separated text with a header line (RFC 4180
// quoting); every row must have as many fields as the header. Values stay
// text, parsed later as their field's type.
func decodeCSV(body []byte, lim limits) (*batch, error) {
	body = bytes.TrimPrefix(body, []byte("\xef\xbb\xbf"))
	cr := csv.NewReader(bytes.NewReader(body))
	cr.ReuseRecord = false
	header, err := cr.Read()
	if err == io.EOF {
		return nil, badRequest("the CSV body is empty; send a header line and one line per row")
	}
	if err != nil {
		return nil, badRequest("the CSV body cannot be read: %v", err)
	}
	for i, h := range header {
		header[i] = strings.TrimSpace(h)
	}
	b := &batch{text: true}
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, badRequest("the CSV body cannot be read: %v", err)
		}
		if len(b.rows) >= lim.maxRows {
			return nil, statusError(http.StatusRequestEntityTooLarge, "the CSV holds more than %d rows; this server scores at most %d per request (--max-batch)", lim.maxRows, lim.maxRows)
		}
		m := make(map[string]any, len(header))
		for k, h := range header {
			m[h] = rec[k]
		}
		b.rows = append(b.rows, m)
	}
	if err := lim.check(len(b.rows)); err != nil {
		return nil, err
	}
	return b, nil
}

// jsonKind names the JSON type of a decoded value.
func jsonKind(v any) string {
	switch v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case float64, json.Number:
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}
