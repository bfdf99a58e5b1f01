package data

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"modelbench/workflow/progress"
)

// CSVOptions says how to read delimited text. The zero value sniffs the
// delimiter, assumes a header row and reads every row.
type CSVOptions struct {
	ParseOptions
	// Delimiter separates fields; 0 sniffs among ',', ';', tab and '|'.
	Delimiter rune `json:"delimiter,omitempty"`
	// NoHeader says the first row is data; columns are then named column_1...
	NoHeader bool `json:"no_header,omitempty"`
	// Types forces the kind of the named columns instead of inferring it.
	Types map[string]Kind `json:"types,omitempty"`
	// MaxRows stops after that many data rows (for previews); 0 reads all.
	MaxRows int `json:"max_rows,omitempty"`
}

// ErrEmptyFile is returned for a file with no bytes, or only blank lines.
var ErrEmptyFile = errors.New("the file is empty")

// ReadCSV reads delimited text from r into a Table. size is the number of
// bytes expected (for progress; 0 if unknown) and name is used in messages.
// Gzip input is detected by its magic bytes. It stops with ctx.Err() when
// ctx is cancelled.
func ReadCSV(ctx context.Context, r io.Reader, size int64, name string, opt CSVOptions, report progress.Func) (*Table, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("%s: broken gzip data: %w", name, err)
		}
		defer gz.Close()
		br = bufio.NewReaderSize(gz, 1<<16)
		size = 0
	}
	head, _ := br.Peek(64 << 10)
	if len(bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrEmptyFile)
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, fmt.Errorf("%s: this looks like a binary file (it contains NUL bytes), not delimited text", name)
	}
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
		head = head[3:]
	}
	delim := opt.Delimiter
	if delim == 0 {
		delim = sniffDelimiter(head)
	}
	cr := csv.NewReader(br)
	cr.Comma = delim
	cr.FieldsPerRecord = -1
	cr.LazyQuotes = true
	cr.ReuseRecord = true

	var header []string
	var columns [][]string
	line := 0
	for {
		if line%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if size > 0 {
				report.Send(float64(cr.InputOffset())/float64(size)*0.9, "reading rows")
			}
		}
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		line++
		recLine, _ := cr.FieldPos(0)
		if header == nil {
			if opt.NoHeader {
				header = make([]string, len(rec))
				for i := range rec {
					header[i] = fmt.Sprintf("column_%d", i+1)
				}
			} else {
				header = append([]string(nil), rec...)
				columns = make([][]string, len(header))
				continue
			}
			columns = make([][]string, len(header))
		}
		if len(rec) == 1 && rec[0] == "" && len(header) > 1 {
			continue // blank line
		}
		if len(rec) != len(header) {
			return nil, &ParseError{File: name, Line: recLine, Err: fmt.Errorf("this row has %d fields but the header has %d", len(rec), len(header))}
		}
		for i, v := range rec {
			if !utf8.ValidString(v) {
				return nil, &ParseError{File: name, Line: recLine, Column: i + 1, ColumnName: header[i], Err: errors.New("the text is not valid UTF-8")}
			}
			columns[i] = append(columns[i], strings.Clone(v))
		}
		if opt.MaxRows > 0 && len(columns[0]) >= opt.MaxRows {
			break
		}
	}
	if header == nil {
		return nil, fmt.Errorf("%s: %w", name, ErrEmptyFile)
	}
	return buildTable(name, header, columns, opt, report)
}

func buildTable(name string, header []string, columns [][]string, opt CSVOptions, report progress.Func) (*Table, error) {
	if len(columns) == 0 || len(columns[0]) == 0 {
		return nil, fmt.Errorf("%s: the file has a header but no data rows", name)
	}
	var issues []Issue
	header, issues = fixHeader(name, header)
	cols := make([]Column, len(header))
	infs := make([]Inference, len(header))
	for i, h := range header {
		var force *Kind
		if k, ok := opt.Types[h]; ok {
			force = &k
		}
		c, inf, err := BuildColumn(h, columns[i], opt.ParseOptions, force, 2)
		if err != nil {
			var pe *ParseError
			if errors.As(err, &pe) {
				pe.File, pe.Column = name, i+1
			}
			return nil, err
		}
		cols[i], infs[i] = c, inf
		report.Send(float64(i+1)/float64(len(header)), "typing columns")
	}
	f, err := NewFrame(cols...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	t := NewTable(name, f, infs)
	t.Issues = issues
	return t, nil
}

// fixHeader names empty headers column_N and renames repeats name_2, name_3,
// returning a warning for each change.
func fixHeader(file string, header []string) ([]string, []Issue) {
	out := make([]string, len(header))
	seen := map[string]int{}
	var issues []Issue
	for i, h := range header {
		h = strings.TrimSpace(h)
		if h == "" {
			h = fmt.Sprintf("column_%d", i+1)
			issues = append(issues, Issue{Level: "warning", Text: fmt.Sprintf("%s, line 1, column %d: the header is empty; the column is called %q", file, i+1, h)})
		}
		if n := seen[h]; n > 0 {
			nh := fmt.Sprintf("%s_%d", h, n+1)
			issues = append(issues, Issue{Level: "warning", Text: fmt.Sprintf("%s, line 1, column %d: the name %q is used twice; this column is called %q", file, i+1, h, nh)})
			seen[h]++
			h = nh
		}
		seen[h]++
		out[i] = h
	}
	return out, issues
}

// sniffDelimiter picks the candidate that splits the first lines into the
// same, largest number of fields.
func sniffDelimiter(head []byte) rune {
	lines := strings.Split(string(head), "\n")
	if len(lines) > 20 {
		lines = lines[:20]
	}
	if len(lines) > 1 {
		lines = lines[:len(lines)-1] // the last may be cut off
	}
	best, bestScore := ',', 0
	for _, d := range []rune{',', ';', '\t', '|'} {
		counts := map[int]int{}
		for _, l := range lines {
			if strings.TrimSpace(l) != "" {
				counts[strings.Count(l, string(d))]++
			}
		}
		for n, k := range counts {
			if n > 0 && k*n > bestScore && k*2 >= len(lines) {
				best, bestScore = d, k*n
			}
		}
	}
	return best
}
