package data

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
)

// TextLayout is how the loader read a delimited text file: what
// RecordReader needs to read the same records again, each field's text as
// it was written. ReadCSV sets Table.Text to it.
type TextLayout struct {
	Delimiter rune `json:"delimiter"`
	Quote     rune `json:"quote,omitempty"` // 0: fields are never quoted
	// Latin1 says the bytes are ISO-8859-1, not UTF-8.
	Latin1 bool `json:"latin1,omitempty"`
	// Header says the first record names the columns.
	Header bool `json:"header,omitempty"`
	// BOM says the input starts with a UTF-8 byte-order mark.
	BOM bool `json:"bom,omitempty"`
}

func (l TextLayout) dialect() dialect {
	return dialect{delim: byte(l.Delimiter), quote: byte(l.Quote)}
}

// layout returns the TextLayout of what planRead sniffed.
func (s sniffed) layout() *TextLayout {
	return &TextLayout{Delimiter: rune(s.d.delim), Quote: rune(s.d.quote), Latin1: s.latin1, Header: s.hasHeader, BOM: s.bom}
}

// RecordReader reads the records of delimited text as ReadCSV splits
// them, without typing them: the header (when the layout has one) and
// then one record per data row of the loaded Table, in order. Blank
// lines are skipped as the loader skips them; a field's text is exactly
// what the file holds between the delimiters (quotes removed, doubled
// quotes single, spaces and "NA" kept), decoded to UTF-8 for Latin-1
// input (UTF-8 input is passed on byte for byte, even when it is not
// valid). Gzip input is read by its magic bytes. It is not safe for
// concurrent use.
type RecordReader struct {
	src    *bufio.Reader
	closer io.Closer
	d      dialect
	latin1 bool
	buf    []byte
	pos    int
	eof    bool
	line   int // 1-based line of the next record
	fields [][]byte
}

// NewRecordReader reads r as text in layout l. The delimiter and quote
// must be single bytes, as the loader sniffs them.
func NewRecordReader(r io.Reader, l TextLayout) (*RecordReader, error) {
	if l.Delimiter <= 0 || l.Delimiter > 0x7f || l.Quote < 0 || l.Quote > 0x7f {
		return nil, fmt.Errorf("the delimiter %q and quote %q must be single-byte characters", l.Delimiter, l.Quote)
	}
	in, err := openInput(r, 0, "input")
	if err != nil {
		return nil, err
	}
	rr := &RecordReader{src: in.br, d: l.dialect(), latin1: l.Latin1, line: 1}
	if in.gz != nil {
		rr.closer = in.gz
	}
	if bom, _ := in.br.Peek(3); bytes.Equal(bom, []byte("\xef\xbb\xbf")) {
		_, _ = in.br.Discard(3)
	}
	return rr, nil
}

// Read returns the next record's fields, or io.EOF after the last. The
// slice is new on every call. An unclosed quote at the end of the input
// is a *ParseError naming the line.
func (rr *RecordReader) Read() ([]string, error) {
	for {
		end, err := rr.next()
		if err != nil {
			return nil, err
		}
		fields, next, nl, _, err := rr.d.splitRecord(rr.buf[:end], rr.pos, rr.fields)
		rr.fields = fields
		if err != nil {
			return nil, &ParseError{Line: rr.line, Err: fmt.Errorf("%w: the quote that opens it is on this line", errOpenQuote)}
		}
		rr.pos, rr.line = next, rr.line+nl
		if isBlankLine(fields) {
			continue
		}
		out := make([]string, len(fields))
		for i, f := range fields {
			if rr.latin1 {
				out[i] = latin1ToUTF8(f)
			} else {
				out[i] = string(f)
			}
		}
		return out, nil
	}
}

// next makes sure buf holds a whole record from pos and returns where it
// ends; io.EOF when nothing is left.
func (rr *RecordReader) next() (int, error) {
	for {
		if rr.pos < len(rr.buf) {
			end, _, open := rr.d.recordEnd(rr.buf, rr.pos)
			complete := open < 0 && rr.buf[end-1] == '\n'
			if complete || rr.eof {
				return end, nil
			}
		} else if rr.eof {
			return 0, io.EOF
		}
		if err := rr.fill(); err != nil {
			return 0, err
		}
	}
}

// fill drops the bytes already read and reads more.
func (rr *RecordReader) fill() error {
	rr.buf = append(rr.buf[:0], rr.buf[rr.pos:]...)
	rr.pos = 0
	if free := cap(rr.buf) - len(rr.buf); free < 64<<10 {
		nb := make([]byte, len(rr.buf), 2*cap(rr.buf)+128<<10)
		copy(nb, rr.buf)
		rr.buf = nb
	}
	n, err := rr.src.Read(rr.buf[len(rr.buf):cap(rr.buf)])
	rr.buf = rr.buf[:len(rr.buf)+n]
	switch {
	case err == io.EOF:
		rr.eof = true
	case err != nil:
		return err
	}
	return nil
}

// Close releases the gzip reader, if any; it does not close the input.
func (rr *RecordReader) Close() error {
	if rr.closer != nil {
		return rr.closer.Close()
	}
	return nil
}
