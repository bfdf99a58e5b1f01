package source

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strconv"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

func loadJSON(ctx context.Context, spec Spec, report progress.Func) (*data.Table, error) {
	b, err := os.ReadFile(spec.Path)
	if err != nil {
		return nil, err
	}
	return ReadJSON(ctx, b, spec.Path, spec.Limit, spec.parseOptions(data.ParseOptions{}), report)
}

// ReadJSON reads records from b: either one JSON array of objects, or
// newline-delimited JSON (one object after another). name is used in
// messages; limit > 0 stops after that many records. Nested objects are
// flattened to dotted column names ("address.city"), arrays are kept as
// their JSON text, null and absent keys are missing. A key whose values are
// all numbers (or all booleans) becomes a numeric (or boolean) column;
// strings and mixed values go through the shared inference with opt.
// Errors are *data.ParseError values naming the line and the record.
func ReadJSON(ctx context.Context, b []byte, name string, limit int, opt data.ParseOptions, report progress.Func) (*data.Table, error) {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(b)
	if len(trimmed) == 0 {
		return nil, fmt.Errorf("%s: %w", name, data.ErrEmptyFile)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	array := trimmed[0] == '['
	if array {
		if _, err := dec.Token(); err != nil {
			return nil, jsonError(name, b, dec, 0, err)
		}
	}
	r := &jsonRecords{index: map[string]int{}}
	for limit <= 0 || r.rows < limit {
		if r.rows%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			report.Send(0.9*float64(dec.InputOffset())/float64(len(b)), "reading records")
		}
		if array && !dec.More() {
			break
		}
		var rec json.RawMessage
		start := dec.InputOffset()
		if err := dec.Decode(&rec); err == io.EOF {
			break
		} else if err != nil {
			return nil, jsonError(name, b, dec, r.rows+1, err)
		}
		if rec[0] != '{' {
			return nil, &data.ParseError{File: name, Line: lineAt(b, skipSpace(b, start)),
				Err: fmt.Errorf("record %d is %s, not an object {...}", r.rows+1, jsonTypeName(rec[0]))}
		}
		r.add(rec)
	}
	if array && (limit <= 0 || r.rows < limit) {
		if _, err := dec.Token(); err != nil {
			return nil, jsonError(name, b, dec, r.rows+1, err)
		}
	}
	return r.table(name, opt)
}

// jsonRecords collects flattened records column by column.
type jsonRecords struct {
	names []string
	index map[string]int
	cols  []*cellBuilder
	rows  int
	seen  []bool
}

func (r *jsonRecords) add(obj json.RawMessage) {
	for i := range r.seen {
		r.seen[i] = false
	}
	r.flatten("", obj)
	for i, ok := range r.seen {
		if !ok {
			r.cols[i].addNull()
		}
	}
	r.rows++
}

// flatten stores every leaf of the object obj under its dotted name, in the
// order of the file. obj was already checked to be valid JSON.
func (r *jsonRecords) flatten(prefix string, obj json.RawMessage) {
	dec := json.NewDecoder(bytes.NewReader(obj))
	_, _ = dec.Token() // {
	for dec.More() {
		tok, _ := dec.Token()
		key, _ := tok.(string)
		var v json.RawMessage
		_ = dec.Decode(&v)
		name := key
		if prefix != "" {
			name = prefix + "." + key
		}
		if v[0] == '{' && len(bytes.TrimSpace(v[1:len(v)-1])) > 0 {
			r.flatten(name, v)
			continue
		}
		c := r.column(name)
		if r.seen[c] {
			continue // a key given twice, or "a.b" both nested and dotted: the first wins
		}
		r.seen[c] = true
		addJSONValue(r.cols[c], v)
	}
}

func (r *jsonRecords) column(name string) int {
	if i, ok := r.index[name]; ok {
		return i
	}
	c := &cellBuilder{}
	for j := 0; j < r.rows; j++ {
		c.addNull()
	}
	r.index[name] = len(r.cols)
	r.names = append(r.names, name)
	r.cols = append(r.cols, c)
	r.seen = append(r.seen, false)
	return len(r.cols) - 1
}

// addJSONValue stores one leaf: null, a boolean, a number, a string, or
// the compact text of an array or empty object.
func addJSONValue(c *cellBuilder, v json.RawMessage) {
	switch v[0] {
	case 'n':
		c.addNull()
	case 't', 'f':
		c.addBool(v[0] == 't')
	case '"':
		var s string
		_ = json.Unmarshal(v, &s)
		c.addText(s)
	case '[', '{':
		var buf bytes.Buffer
		_ = json.Compact(&buf, v)
		c.addText(buf.String())
	default:
		if f, err := strconv.ParseFloat(string(v), 64); err == nil {
			c.addNum(f)
		} else {
			c.addText(string(v))
		}
	}
}

func (r *jsonRecords) table(name string, opt data.ParseOptions) (*data.Table, error) {
	if r.rows == 0 {
		return nil, fmt.Errorf("%s: the file holds no records", name)
	}
	cols := make([]data.Column, len(r.cols))
	infs := make([]data.Inference, len(r.cols))
	for i, c := range r.cols {
		why := "the JSON values are numbers"
		if c.kind == cellBool {
			why = "the JSON values are true and false"
		}
		col, inf, err := c.finish(name, r.names[i], why, opt, 1)
		if err != nil {
			return nil, err
		}
		cols[i], infs[i] = col, inf
	}
	return assemble(name, cols, infs, nil)
}

// jsonError turns a decoding error into a *data.ParseError with the line.
func jsonError(name string, b []byte, dec *json.Decoder, record int, err error) error {
	off := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		off = se.Offset
	}
	if errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
		err = errors.New("the file ends in the middle of a value (is it truncated?)")
		off = int64(len(b))
	}
	msg := err
	if record > 0 {
		msg = fmt.Errorf("record %d: %w", record, err)
	}
	return &data.ParseError{File: name, Line: lineAt(b, off), Err: msg}
}

func lineAt(b []byte, off int64) int {
	if off > int64(len(b)) {
		off = int64(len(b))
	}
	return bytes.Count(b[:off], []byte("\n")) + 1
}

func skipSpace(b []byte, off int64) int64 {
	for off < int64(len(b)) && (b[off] == ' ' || b[off] == '\n' || b[off] == '\r' || b[off] == '\t' || b[off] == ',') {
		off++
	}
	return off
}

func jsonTypeName(first byte) string {
	switch first {
	case 'n':
		return "null"
	case 't', 'f':
		return "a boolean"
	case '"':
		return "a string"
	case '[':
		return "an array"
	}
	return "a number"
}
