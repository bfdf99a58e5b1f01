package data

import (
	"bytes"
	"errors"
)

// dialect is how a delimited file separates fields and quotes them. Both
// bytes are ASCII.
type dialect struct {
	delim byte
	quote byte // 0 means no quoting
}

// A quote opens a quoted section only at the start of a field. Inside it
// a doubled quote stands for one quote and a single quote closes it; any
// bytes after the closing quote up to the delimiter are kept as they are
// (the lenient reading of RFC 4180 that spreadsheets and pandas share).

// errOpenQuote reports a quoted field still open at the end of the input.
var errOpenQuote = errors.New("a quoted field is never closed")

// recordEnd returns the position just past the record that starts at
// buf[pos] (past its '\n', or len(buf) when the last record has none) and
// the number of '\n' bytes it contains. quoteAt is the offset of the quote
// that is still open when the input ends; it is -1 otherwise.
func (d dialect) recordEnd(buf []byte, pos int) (end, newlines, quoteAt int) {
	fieldStart, inQuote, open := true, false, -1
	for i := pos; i < len(buf); i++ {
		c := buf[i]
		switch {
		case inQuote:
			if c == d.quote {
				if i+1 < len(buf) && buf[i+1] == d.quote {
					i++
					continue
				}
				inQuote = false
			} else if c == '\n' {
				newlines++
			}
		case c == '\n':
			return i + 1, newlines + 1, -1
		case c == d.delim:
			fieldStart = true
			continue
		case fieldStart && c == d.quote && d.quote != 0:
			inQuote, open = true, i
		}
		fieldStart = false
	}
	if inQuote {
		return len(buf), newlines, open
	}
	return len(buf), newlines, -1
}

// lastBoundary returns the position just past the last complete record of
// buf, which starts at a record boundary; 0 when buf holds no complete
// record. It uses a fast search when buf contains no quote.
func (d dialect) lastBoundary(buf []byte) int {
	if d.quote == 0 || bytes.IndexByte(buf, d.quote) < 0 {
		return bytes.LastIndexByte(buf, '\n') + 1
	}
	last, pos := 0, 0
	for pos < len(buf) {
		end, _, open := d.recordEnd(buf, pos)
		if open >= 0 || buf[end-1] != '\n' {
			break
		}
		last, pos = end, end
	}
	return last
}

// splitRecord splits the record that starts at buf[pos] into fields,
// appending them to fields[:0]. Unquoted fields share buf's memory; quoted
// fields share it unless they hold doubled quotes. A trailing '\r' before
// the newline is dropped. It returns the fields, the position past the
// record, the number of '\n' bytes consumed, and errOpenQuote (with the
// offset of the opening quote) when the input ends inside a quoted field.
func (d dialect) splitRecord(buf []byte, pos int, fields [][]byte) ([][]byte, int, int, int, error) {
	fields = fields[:0]
	newlines := 0
	i := pos
	for {
		if i < len(buf) && buf[i] == d.quote && d.quote != 0 {
			f, next, nl, err := d.quoted(buf, i)
			newlines += nl
			if err != nil {
				return fields, len(buf), newlines, i, err
			}
			fields = append(fields, f)
			i = next
		} else {
			start := i
			for i < len(buf) && buf[i] != d.delim && buf[i] != '\n' {
				i++
			}
			fields = append(fields, buf[start:i])
		}
		if i >= len(buf) {
			fields[len(fields)-1] = trimCR(fields[len(fields)-1])
			return fields, i, newlines, -1, nil
		}
		if buf[i] == '\n' {
			fields[len(fields)-1] = trimCR(fields[len(fields)-1])
			return fields, i + 1, newlines + 1, -1, nil
		}
		i++ // the delimiter
	}
}

// quoted reads the quoted field whose opening quote is at buf[start]. It
// returns the field's text, the position of the delimiter or newline that
// ends it (or len(buf)) and the newlines inside it.
func (d dialect) quoted(buf []byte, start int) ([]byte, int, int, error) {
	var out []byte // nil until a doubled quote forces a copy
	newlines := 0
	seg := start + 1
	for i := start + 1; i < len(buf); i++ {
		switch buf[i] {
		case '\n':
			newlines++
		case d.quote:
			if i+1 < len(buf) && buf[i+1] == d.quote {
				out = append(out, buf[seg:i+1]...)
				i++
				seg = i + 1
				continue
			}
			var f []byte
			if out == nil {
				f = buf[seg:i]
			} else {
				f = append(out, buf[seg:i]...)
			}
			// Bytes after the closing quote up to the delimiter are kept.
			j := i + 1
			for j < len(buf) && buf[j] != d.delim && buf[j] != '\n' {
				j++
			}
			if tail := buf[i+1 : j]; len(tail) > 0 && !(len(tail) == 1 && tail[0] == '\r') {
				f = append(append([]byte(nil), f...), tail...)
			}
			return f, j, newlines, nil
		}
	}
	return nil, len(buf), newlines, errOpenQuote
}

func trimCR(b []byte) []byte {
	if n := len(b); n > 0 && b[n-1] == '\r' {
		return b[:n-1]
	}
	return b
}

// isBlankLine reports whether a record is an empty line (only "\r").
func isBlankLine(fields [][]byte) bool {
	return len(fields) == 1 && len(fields[0]) == 0
}
