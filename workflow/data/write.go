package data

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// WriteCSV writes f as RFC 4180 CSV: a header row, comma-separated
// fields, CRLF-free "\n" line ends, fields quoted when they hold a comma,
// a quote, a line break or surrounding spaces (quotes doubled inside).
// Missing cells are empty fields; numbers are written in the shortest form
// that reads back exactly; dates in their column's layout. A present empty
// text and a missing cell both come out empty.
func WriteCSV(w io.Writer, f *Frame) error {
	bw := bufio.NewWriterSize(w, 1<<16)
	line := appendRecord(nil, f.Names())
	if _, err := bw.Write(line); err != nil {
		return err
	}
	cols := f.Columns()
	for i := 0; i < f.NumRows(); i++ {
		line = appendRow(line[:0], cols, i)
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// appendRecord appends fields as one CSV line, with its line end.
func appendRecord(line []byte, fields []string) []byte {
	for j, s := range fields {
		if j > 0 {
			line = append(line, ',')
		}
		line = appendField(line, s)
	}
	return append(line, '\n')
}

// appendRow appends row i of cols as CSV fields, without a line end.
func appendRow(line []byte, cols []Column, i int) []byte {
	for j, c := range cols {
		if j > 0 {
			line = append(line, ',')
		}
		if c.IsMissing(i) {
			continue
		}
		if n, ok := c.(*NumericColumn); ok {
			line = strconv.AppendFloat(line, n.At(i), 'g', -1, 64)
			continue
		}
		line = appendField(line, c.Format(i))
	}
	return line
}

// WriteCSVAsRead writes t's rows as CSV (the rules of WriteCSV) with every
// input field's text as the file holds it, each row followed by the same
// row of extra: src must be the delimited text t was read from (t.Text
// says how), read again from its start. The header is the file's own
// header record, or t's column names (column_1, ...) when it has none,
// followed by extra's names; a UTF-8 byte-order mark is kept; Latin-1
// text is written as UTF-8. Only the first t.Frame.NumRows() data records
// are written (t may be a preview). It returns the rows written. A t not
// read from delimited text, an extra whose row count is not t's, and a
// src whose records do not fit t (fewer of them, or another number of
// fields: the file changed) are errors; a cancelled ctx returns ctx.Err().
func (t *Table) WriteCSVAsRead(ctx context.Context, w io.Writer, src io.Reader, extra *Frame) (int, error) {
	if t.Text == nil {
		return 0, fmt.Errorf("%s was not read from delimited text", t.Source)
	}
	n, ncols := t.Frame.NumRows(), t.Frame.NumCols()
	if extra.NumRows() != n {
		return 0, fmt.Errorf("%d rows to add to the %d rows of %s", extra.NumRows(), n, t.Source)
	}
	rr, err := NewRecordReader(src, *t.Text)
	if err != nil {
		return 0, fmt.Errorf("%s: %w", t.Source, err)
	}
	defer rr.Close()
	bw := bufio.NewWriterSize(w, 1<<16)
	var line []byte
	if t.Text.BOM {
		line = append(line, "\xef\xbb\xbf"...)
	}
	header := t.Frame.Names()
	if t.Text.Header {
		if header, err = rr.Read(); err != nil {
			return 0, t.changed(err, 0)
		}
	}
	line = appendRecord(line, append(append([]string(nil), header...), extra.Names()...))
	if _, err := bw.Write(line); err != nil {
		return 0, err
	}
	cols := extra.Columns()
	for i := 0; i < n; i++ {
		if i%4096 == 0 && ctx.Err() != nil {
			return i, ctx.Err()
		}
		rec, err := rr.Read()
		if err == nil && len(rec) != ncols {
			err = fmt.Errorf("a row has %d fields instead of %d", len(rec), ncols)
		}
		if err != nil {
			return i, t.changed(err, i+1)
		}
		line = appendRecord(line[:0], rec)
		if len(cols) > 0 {
			line = append(line[:len(line)-1], ',')
			line = append(appendRow(line, cols, i), '\n')
		}
		if _, err := bw.Write(line); err != nil {
			return i, err
		}
	}
	return n, bw.Flush()
}

// changed explains a re-read that does not match the table.
func (t *Table) changed(err error, row int) error {
	if err == io.EOF {
		err = fmt.Errorf("the file ends after %d data rows instead of %d", max(row-1, 0), t.Frame.NumRows())
	}
	return fmt.Errorf("%s, data row %d: reading it again: %w (did the file change?)", t.Source, row, err)
}

func appendField(b []byte, s string) []byte {
	if !needsQuotes(s) {
		return append(b, s...)
	}
	b = append(b, '"')
	b = append(b, strings.ReplaceAll(s, `"`, `""`)...)
	return append(b, '"')
}

func needsQuotes(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == ' ' || s[0] == '\t' || s[len(s)-1] == ' ' || s[len(s)-1] == '\t' {
		return true
	}
	return strings.ContainsAny(s, ",\"\r\n")
}
