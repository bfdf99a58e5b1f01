package data

import (
	"bufio"
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
	var line []byte
	for j, name := range f.Names() {
		if j > 0 {
			line = append(line, ',')
		}
		line = appendField(line, name)
	}
	line = append(line, '\n')
	if _, err := bw.Write(line); err != nil {
		return err
	}
	cols := f.Columns()
	for i := 0; i < f.NumRows(); i++ {
		line = line[:0]
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
		line = append(line, '\n')
		if _, err := bw.Write(line); err != nil {
			return err
		}
	}
	return bw.Flush()
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
