package data

import (
	"bytes"
	"fmt"
	"strings"
)

// sniffed is what the start of the input told about the whole.
type sniffed struct {
	sample
	hasHeader   bool
	headerLines int // lines taken by the header (0 without one)
}

// planRead sniffs the start of the input, consumes the BOM and the header
// from in, and fixes the column names and how each column is stored.
func planRead(in *input, name string, opt CSVOptions, asText map[int]bool) (*readPlan, sniffed, []Issue, error) {
	var smp sniffed
	head, atEOF, err := peekHead(in.br)
	if err != nil {
		return nil, smp, nil, fmt.Errorf("%s: %w", name, err)
	}
	bom := bytes.HasPrefix(head, []byte("\xef\xbb\xbf"))
	if bom {
		head = head[3:]
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return nil, smp, nil, fmt.Errorf("%s: %w", name, ErrEmptyFile)
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, smp, nil, fmt.Errorf("%s: %w", name, ErrBinary)
	}
	latin1, issues, err := chooseEncoding(head, atEOF, name, opt.Encoding)
	if err != nil {
		return nil, smp, nil, err
	}
	d, err := sniffDialect(head, opt)
	if err != nil {
		return nil, smp, nil, fmt.Errorf("%s: %w", name, err)
	}
	smp.sample, err = readSample(head, d, atEOF, latin1)
	if err != nil {
		return nil, smp, nil, withFile(err, name)
	}
	if len(smp.records) == 0 {
		return nil, smp, nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("the first record is longer than %d bytes; is this really a delimited text file?", maxHeadPeek)}
	}
	header, note := chooseHeader(smp.records, opt)
	if note != "" {
		issues = append(issues, Issue{Level: "info", Text: name + ": " + note})
	}
	smp.hasHeader = header
	width := len(smp.records[0])
	var names []string
	if header {
		var hIssues []Issue
		names, hIssues = FixNames(name+", line 1", smp.records[0])
		issues = append(issues, hIssues...)
		smp.headerLines = smp.firstNL
		skip := smp.firstEnd
		if bom {
			skip += 3
		}
		if _, err := in.br.Discard(skip); err != nil {
			return nil, smp, nil, fmt.Errorf("%s: %w", name, err)
		}
		smp.records = smp.records[1:]
	} else {
		names = make([]string, width)
		for i := range names {
			names[i] = fmt.Sprintf("column_%d", i+1)
		}
		if bom {
			_, _ = in.br.Discard(3)
		}
		smp.dataBytes += smp.firstEnd
	}
	plan := &readPlan{file: name, d: d, names: names, opt: opt.ParseOptions, latin1: latin1,
		plainFP: !opt.DecimalComma && opt.Thousands == 0,
		modes:   make([]colMode, width), forced: make([]bool, width)}
	for _, tok := range opt.MissingTokens {
		if _, ok := opt.ParseFloat(tok); ok {
			plan.numTokens = true
		}
	}
	for j, n := range names {
		k, isForced := opt.Types[n]
		switch {
		case isForced && k == Numeric:
			plan.modes[j], plan.forced[j] = modeNumber, true
		case isForced || asText[j]:
			plan.modes[j] = modeString
		case columnIsNumeric(smp.records, j, opt.ParseOptions):
			plan.modes[j] = modeNumber
		default:
			plan.modes[j] = modeString
		}
	}
	return plan, smp, issues, nil
}

func chooseHeader(recs [][]string, opt CSVOptions) (bool, string) {
	switch {
	case opt.NoHeader || opt.Header == HeaderNo:
		return false, ""
	case opt.Header == HeaderYes:
		return true, ""
	}
	return sniffHeader(recs, opt.ParseOptions)
}

// chooseEncoding applies the Encoding option, falling back to Latin-1 with
// an Issue when the start of the input is not UTF-8.
func chooseEncoding(head []byte, atEOF bool, name, enc string) (bool, []Issue, error) {
	switch strings.ToLower(strings.ReplaceAll(enc, "_", "-")) {
	case "latin-1", "latin1", "iso-8859-1", "iso8859-1":
		return true, nil, nil
	case "utf-8", "utf8":
		return false, nil, nil
	case "":
		if headLooksUTF8(head, atEOF) {
			return false, nil, nil
		}
		return true, []Issue{{Level: "warning", Text: name + ": the start of the file is not valid UTF-8, so it is read as Latin-1 (ISO-8859-1); choose another encoding if accents look wrong"}}, nil
	}
	return false, nil, fmt.Errorf("%s: unknown encoding %q (want utf-8 or latin-1)", name, enc)
}

// estimateRows guesses the number of data rows from the input size and the
// sample's bytes per row; 0 when it cannot tell.
func estimateRows(s sniffed, size int64, maxRows int) int {
	n := len(s.records)
	if s.complete {
		return n
	}
	if size <= 0 || n == 0 || s.dataBytes == 0 {
		return maxRows
	}
	est := int(float64(size)/(float64(s.dataBytes)/float64(n))*1.02) + 1024
	if maxRows > 0 && maxRows < est {
		return maxRows
	}
	return est
}
