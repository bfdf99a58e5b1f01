package data

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// colMode is how the loader stores a column while reading.
type colMode uint8

const (
	modeNumber colMode = iota // parsed straight into float64
	modeString                // dictionary-encoded text, typed at the end
)

// readPlan is what every chunk parser needs to know, fixed before the
// first chunk is cut.
type readPlan struct {
	file    string
	d       dialect
	names   []string
	modes   []colMode
	forced  []bool // a numeric column whose kind the user chose: junk is an error
	opt     ParseOptions
	latin1  bool
	plainFP bool // no decimal comma nor thousands separator: fast float path
	// numTokens says some missing-value token reads as a number ("-99"),
	// so tokens must be checked before numbers.
	numTokens bool
}

// chunk is a run of whole records cut from the input.
type chunk struct {
	seq    int
	buf    []byte // owned; returned to the free list after parsing
	data   []byte // the records: a prefix of buf
	line   int    // 1-based line number of the first record
	endPos int64  // input bytes consumed once this chunk is read, for progress
	err    error  // a read error that ends the input
}

// junkNote records a value that is not a number in a numeric column.
type junkNote struct {
	line  int
	value string
}

// piece is one chunk parsed into typed column pieces.
type piece struct {
	seq      int
	rows     int
	line     int  // first line of the chunk
	lines    int  // newlines consumed
	plain    bool // every record is one line and no line is blank
	endPos   int64
	nums     [][]float64 // per column; nil for string columns
	codes    [][]int32   // per column; nil for numeric columns
	levels   [][]string  // local levels of string columns
	junk     [][]junkNote
	junkN    []int
	err      error
	chunkBuf []byte
}

// chunkParser parses chunks for one worker goroutine, reusing its maps.
type chunkParser struct {
	p      *readPlan
	dicts  []map[string]int32
	fields [][]byte
}

func newChunkParser(p *readPlan) *chunkParser {
	cp := &chunkParser{p: p, dicts: make([]map[string]int32, len(p.names))}
	for j, m := range p.modes {
		if m == modeString {
			cp.dicts[j] = make(map[string]int32)
		}
	}
	return cp
}

// newPiece readies a piece for chunk c, reusing old's slices when old is
// not nil.
func (cp *chunkParser) newPiece(c *chunk, old *piece) *piece {
	p := cp.p
	est := bytes.Count(c.data, []byte{'\n'}) + 1
	n := len(p.names)
	pc := old
	if pc == nil {
		pc = &piece{nums: make([][]float64, n), codes: make([][]int32, n),
			levels: make([][]string, n), junk: make([][]junkNote, n), junkN: make([]int, n)}
	}
	*pc = piece{seq: c.seq, line: c.line, endPos: c.endPos, plain: true, chunkBuf: c.buf,
		nums: pc.nums, codes: pc.codes, levels: pc.levels, junk: pc.junk, junkN: pc.junkN}
	for j, m := range p.modes {
		pc.junk[j], pc.junkN[j] = pc.junk[j][:0], 0
		if m == modeNumber {
			if cap(pc.nums[j]) < est {
				pc.nums[j] = make([]float64, 0, est)
			}
			pc.nums[j] = pc.nums[j][:0]
		} else {
			if cap(pc.codes[j]) < est {
				pc.codes[j] = make([]int32, 0, est)
			}
			pc.codes[j], pc.levels[j] = pc.codes[j][:0], nil
			clear(cp.dicts[j])
		}
	}
	return pc
}

// parse turns a chunk into a piece. Errors name the file, line and column.
func (cp *chunkParser) parse(c *chunk, old *piece) *piece {
	pc := cp.newPiece(c, old)
	if c.err != nil {
		pc.err = c.err
		return pc
	}
	data, pos, line := c.data, 0, c.line
	fast := cp.p.plainFP && !cp.p.numTokens && (cp.p.d.quote == 0 || bytes.IndexByte(data, cp.p.d.quote) < 0)
	ncols := len(cp.p.names)
	for pos < len(data) {
		if fast {
			var n int
			n, line = cp.parsePlain(pc, data[pos:], line)
			if pos += n; pc.err != nil {
				return pc
			}
			if pos >= len(data) {
				break
			}
		}
		fields, next, nl, openAt, err := cp.p.d.splitRecord(data, pos, cp.fields)
		cp.fields = fields
		if err != nil {
			l := line + bytes.Count(data[pos:openAt], []byte{'\n'})
			pc.err = &ParseError{File: cp.p.file, Line: l, Err: fmt.Errorf("%w: the quote that opens it is on this line", errOpenQuote)}
			return pc
		}
		if isBlankLine(fields) {
			pc.plain = false
			pos, line = next, line+nl
			continue
		}
		if len(fields) != ncols {
			pc.err = &ParseError{File: cp.p.file, Line: line,
				Err: fmt.Errorf("%w: this row has %d fields but the header has %d", ErrRaggedRow, len(fields), ncols)}
			return pc
		}
		if nl > 1 {
			pc.plain = false
		}
		for j, f := range fields {
			if err := cp.store(pc, j, f, line); err != nil {
				pc.err = err
				return pc
			}
		}
		pc.rows++
		pos, line = next, line+nl
	}
	pc.lines = line - c.line
	return pc
}

// ErrRaggedRow is wrapped by the error for a row whose field count differs
// from the header's.
var ErrRaggedRow = errors.New("wrong number of fields")

func (cp *chunkParser) store(pc *piece, j int, f []byte, line int) error {
	if cp.p.modes[j] == modeNumber {
		return cp.storeNumber(pc, j, f, line)
	}
	return cp.storeString(pc, j, f, line)
}

func (cp *chunkParser) storeNumber(pc *piece, j int, f []byte, line int) error {
	if len(f) == 0 {
		pc.nums[j] = append(pc.nums[j], math.NaN())
		return nil
	}
	if cp.p.numTokens && cp.p.opt.IsMissing(string(f)) {
		pc.nums[j] = append(pc.nums[j], math.NaN())
		return nil
	}
	if cp.p.plainFP && !cp.p.numTokens {
		if v, ok := parseFloatFast(f); ok {
			pc.nums[j] = append(pc.nums[j], v)
			return nil
		}
	}
	s := string(f)
	if v, ok := cp.p.opt.ParseFloat(s); ok {
		pc.nums[j] = append(pc.nums[j], v)
		return nil
	}
	pc.nums[j] = append(pc.nums[j], math.NaN())
	if cp.p.opt.IsMissing(s) {
		return nil
	}
	if cp.p.forced[j] {
		return &ParseError{File: cp.p.file, Line: line, Column: j + 1, ColumnName: cp.p.names[j],
			Err: fmt.Errorf("%q is not a number, but the column's type was set to numeric", cp.text(f))}
	}
	if pc.junkN[j] < maxJunkNotes {
		pc.junk[j] = append(pc.junk[j], junkNote{line: line, value: cp.text(f)})
	}
	pc.junkN[j]++
	return nil
}

// maxJunkNotes bounds the non-numbers remembered per column and chunk.
const maxJunkNotes = 8

func (cp *chunkParser) storeString(pc *piece, j int, f []byte, line int) error {
	f = bytes.TrimSpace(f)
	d := cp.dicts[j]
	code, ok := d[string(f)]
	if !ok {
		s, err := cp.decode(f, line, j)
		if err != nil {
			return err
		}
		code = -1
		if !cp.p.opt.IsMissing(s) {
			code = int32(len(pc.levels[j]))
			pc.levels[j] = append(pc.levels[j], s)
		}
		d[string(f)] = code
	}
	pc.codes[j] = append(pc.codes[j], code)
	return nil
}

// decode turns a field's bytes into a Go string in UTF-8.
func (cp *chunkParser) decode(f []byte, line, j int) (string, error) {
	if cp.p.latin1 {
		return latin1ToUTF8(f), nil
	}
	if !utf8.Valid(f) {
		return "", &ParseError{File: cp.p.file, Line: line, Column: j + 1, ColumnName: cp.p.names[j], Err: ErrInvalidUTF8}
	}
	return string(f), nil
}

// text renders a field for a message, whatever its encoding.
func (cp *chunkParser) text(f []byte) string {
	if cp.p.latin1 {
		return latin1ToUTF8(f)
	}
	return strings.ToValidUTF8(string(f), "\uFFFD")
}

// ErrInvalidUTF8 is wrapped by the error for text that is not UTF-8 in a
// file read as UTF-8.
var ErrInvalidUTF8 = errors.New("the text is not valid UTF-8; if the file was saved as Latin-1 (ISO-8859-1) or Windows-1252, choose the Latin-1 encoding option")

// latin1ToUTF8 decodes ISO-8859-1 bytes: every byte is the code point of
// the same value.
func latin1ToUTF8(b []byte) string {
	ascii := true
	for _, c := range b {
		if c >= 0x80 {
			ascii = false
			break
		}
	}
	if ascii {
		return string(b)
	}
	out := make([]byte, 0, len(b)+8)
	for _, c := range b {
		out = utf8.AppendRune(out, rune(c))
	}
	return string(out)
}

// parsePlain is the fast path for chunks without quotes: it walks each
// record once, parsing numbers where they stand. It stops at the first
// record it cannot handle (a ragged or blank one, or one whose numbers
// need the general parser) and returns where parse must go on.
func (cp *chunkParser) parsePlain(pc *piece, data []byte, line int) (int, int) {
	ncols, delim := len(cp.p.names), cp.p.d.delim
	modes := cp.p.modes
	pos := 0
	for pos < len(data) {
		if blankAt(data, pos) {
			return pos, line // parse skips it, as every blank line
		}
		i := pos
		ok := true
		for j := 0; j < ncols && ok; j++ {
			last := j == ncols-1
			if modes[j] == modeNumber {
				v, n, good := scanNumber(data[i:])
				if !good && fieldEnds(data, i, delim, last) {
					v, good = math.NaN(), true // an empty cell
				}
				end := i + n
				if !good || !fieldEnds(data, end, delim, last) {
					ok = false
					break
				}
				pc.nums[j] = append(pc.nums[j], v)
				i = end
			} else {
				end := i
				for end < len(data) && data[end] != delim && data[end] != '\n' {
					end++
				}
				if !fieldEnds(data, end, delim, last) {
					ok = false
					break
				}
				if err := cp.storeString(pc, j, trimCR(data[i:end]), line); err != nil {
					pc.err = err
					return pos, line
				}
				i = end
			}
			if !last {
				i++ // the delimiter
			}
		}
		if !ok {
			cp.unwind(pc)
			return pos, line
		}
		if i < len(data) && data[i] == '\r' {
			i++
		}
		if i < len(data) {
			i++ // the newline
		}
		pc.rows++
		pos, line = i, line+1
	}
	return pos, line
}

// blankAt reports whether the record at data[pos] is an empty line.
func blankAt(data []byte, pos int) bool {
	return data[pos] == '\n' || data[pos] == '\r' && (pos+1 == len(data) || data[pos+1] == '\n')
}

// fieldEnds reports whether a field ending at end is followed by what
// must follow it: the delimiter, or for the last field a line end.
func fieldEnds(data []byte, end int, delim byte, last bool) bool {
	if !last {
		return end < len(data) && data[end] == delim
	}
	return end == len(data) || data[end] == '\n' || (data[end] == '\r' && (end+1 == len(data) || data[end+1] == '\n'))
}

// unwind drops the values of a partly stored record, so that the general
// path can store it again.
func (cp *chunkParser) unwind(pc *piece) {
	for j, m := range cp.p.modes {
		if m == modeNumber {
			if len(pc.nums[j]) > pc.rows {
				pc.nums[j] = pc.nums[j][:pc.rows]
			}
		} else if len(pc.codes[j]) > pc.rows {
			pc.codes[j] = pc.codes[j][:pc.rows]
		}
	}
}
