package data

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// sampleLimit is the number of records sniffing and the first typing look
// at.
const sampleLimit = 1000

// headLooksUTF8 reports whether head is valid UTF-8, allowing a rune cut
// off at its end.
func headLooksUTF8(head []byte, atEOF bool) bool {
	if !atEOF {
		for k := 0; k < utf8.UTFMax && len(head) > 0; k++ {
			r, size := utf8.DecodeLastRune(head)
			if r != utf8.RuneError || size != 1 {
				break
			}
			if utf8.Valid(head) {
				break
			}
			head = head[:len(head)-1]
		}
	}
	return utf8.Valid(head)
}

// sniffDialect picks the delimiter and quote character that split the
// first records most consistently, unless the options fix them.
func sniffDialect(head []byte, opt CSVOptions) (dialect, error) {
	d := dialect{delim: ',', quote: '"'}
	if opt.Quote != 0 {
		if opt.Quote < 0 || opt.Quote >= utf8.RuneSelf {
			return d, fmt.Errorf("the quote character %q is not a single-byte character", opt.Quote)
		}
		d.quote = byte(opt.Quote)
	}
	if opt.Delimiter != 0 {
		if opt.Delimiter < 0 || opt.Delimiter >= utf8.RuneSelf || opt.Delimiter == '\n' || opt.Delimiter == '\r' {
			return d, fmt.Errorf("the delimiter %q is not a single-byte character", opt.Delimiter)
		}
		d.delim = byte(opt.Delimiter)
	} else {
		d.delim = bestDelimiter(head, d.quote)
	}
	if opt.Quote == 0 && quoteScore(head, d.delim, '\'') > quoteScore(head, d.delim, '"') {
		d.quote = '\''
		if opt.Delimiter == 0 {
			d.delim = bestDelimiter(head, d.quote)
		}
	}
	if d.delim == d.quote {
		return d, fmt.Errorf("the delimiter and the quote character are both %q", d.delim)
	}
	return d, nil
}

// bestDelimiter scores each candidate by how many of the first records
// have the most common field count (which must be above one), then by
// that count.
func bestDelimiter(head []byte, quote byte) byte {
	best, bestRows, bestFields := byte(','), 0, 0
	for _, c := range []byte{',', ';', '\t', '|'} {
		d := dialect{delim: c, quote: quote}
		counts := map[int]int{}
		pos := 0
		for k := 0; k < 50 && pos < len(head); k++ {
			fields, next, _, _, err := d.splitRecord(head, pos, nil)
			if err != nil || (next >= len(head) && k > 0 && head[len(head)-1] != '\n') {
				break // the last record may be cut off
			}
			if !isBlankLine(fields) {
				counts[len(fields)]++
			}
			pos = next
		}
		for fields, rows := range counts {
			if fields > 1 && (rows > bestRows || rows == bestRows && fields > bestFields) {
				best, bestRows, bestFields = c, rows, fields
			}
		}
	}
	return best
}

// quoteScore counts the fields of the first lines that are wrapped in q.
func quoteScore(head []byte, delim, q byte) int {
	n := 0
	for k, line := range bytes.SplitN(head, []byte{'\n'}, 50) {
		if k == 49 {
			break
		}
		for _, f := range bytes.Split(line, []byte{delim}) {
			f = bytes.TrimSpace(f)
			if len(f) >= 2 && f[0] == q && f[len(f)-1] == q {
				n++
			}
		}
	}
	return n
}

// sample holds the first records of the input as text.
type sample struct {
	records   [][]string
	firstEnd  int // bytes of head taken by the first record
	firstNL   int // newlines in the first record
	dataBytes int // bytes of the records after the first
	complete  bool
}

// readSample splits up to sampleLimit complete records from head (all of
// them when head is the whole input). Blank lines are skipped.
func readSample(head []byte, d dialect, atEOF bool, latin1 bool) (sample, error) {
	var s sample
	pos, line := 0, 1
	for len(s.records) < sampleLimit && pos < len(head) {
		fields, next, nl, openAt, err := d.splitRecord(head, pos, nil)
		if err != nil {
			if !atEOF {
				break
			}
			l := line + bytes.Count(head[pos:openAt], []byte{'\n'})
			return s, &ParseError{Line: l, Err: fmt.Errorf("%w: the quote that opens it is on this line", errOpenQuote)}
		}
		if next >= len(head) && !atEOF && head[len(head)-1] != '\n' {
			break // cut off by the end of the sample
		}
		if !isBlankLine(fields) {
			rec := make([]string, len(fields))
			for i, f := range fields {
				rec[i] = decodeSample(f, latin1)
			}
			if len(s.records) == 0 {
				s.firstEnd, s.firstNL = next, nl
			} else {
				s.dataBytes += next - pos
			}
			s.records = append(s.records, rec)
		} else if len(s.records) == 0 {
			s.firstEnd, s.firstNL = next, s.firstNL+nl
		}
		pos, line = next, line+nl
	}
	s.complete = atEOF && pos >= len(head)
	return s, nil
}

func decodeSample(f []byte, latin1 bool) string {
	if latin1 {
		return latin1ToUTF8(f)
	}
	return strings.ToValidUTF8(string(f), "\uFFFD")
}

// sniffHeader decides whether the first record names the columns: it does
// not when, in every column whose sampled values are all numbers, the
// first record holds a number (or nothing) too.
func sniffHeader(recs [][]string, opt ParseOptions) (bool, string) {
	if len(recs) < 2 {
		return true, ""
	}
	numericCols, firstNumeric := 0, 0
	for j := range recs[0] {
		if !columnIsNumeric(recs[1:], j, opt) {
			continue
		}
		numericCols++
		if _, ok := opt.ParseFloat(recs[0][j]); ok || opt.IsMissing(recs[0][j]) {
			firstNumeric++
		}
	}
	if numericCols > 0 && firstNumeric == numericCols {
		return false, fmt.Sprintf("the first row was read as data, not as column names, because it holds numbers in all %d numeric columns; choose \"first row is a header\" if that is wrong", numericCols)
	}
	return true, ""
}

// columnIsNumeric reports whether column j has at least one present value
// in recs and every present value is a number. Records too short to have
// column j are skipped.
func columnIsNumeric(recs [][]string, j int, opt ParseOptions) bool {
	present := 0
	for _, r := range recs {
		if j >= len(r) || opt.IsMissing(r[j]) {
			continue
		}
		if _, ok := opt.ParseFloat(r[j]); !ok {
			return false
		}
		present++
	}
	return present > 0
}
