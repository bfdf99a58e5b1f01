package data

import (
	"bytes"
	"fmt"
	"strings"
)

// sniffed is what the start of the input told about the whole.
type sniffed struct {
	sample
	d           dialect
	bom         bool // the input starts with a UTF-8 byte-order mark
	latin1      bool // the input is read as Latin-1, not UTF-8
	hasHeader   bool
	headerLines int // lines taken by the header (0 without one)
}

// planRead sniffs the start of the input, consumes the BOM and the header
// from in, and fixes the column names and how each column is stored.
func planRead(in *input, name string, opt CSVOptions, asText map[int]bool) (*readPlan, sniffed, []Issue, error) {
	smp, issues, err := sniffHead(in, name, opt)
	if err != nil {
		return nil, smp, nil, err
	}
	header, note := chooseHeader(smp.records, opt)
	if note != "" {
		issues = append(issues, Issue{Level: "info", Text: name + ": " + note})
	}
	names, hIssues, err := takeHeader(in, &smp, header, name)
	if err != nil {
		return nil, smp, nil, err
	}
	issues = append(issues, hIssues...)
	plan := &readPlan{file: name, d: smp.d, names: names, opt: opt.ParseOptions, latin1: smp.latin1,
		plainFP: !opt.DecimalComma && opt.Thousands == 0}
	for _, tok := range opt.MissingTokens {
		if _, ok := opt.ParseFloat(tok); ok {
			plan.numTokens = true
		}
	}
	plan.modes, plan.forced = columnModes(smp.records, names, opt, asText)
	return plan, smp, issues, nil
}

// sniffHead peeks at the start of the input and reads a sample of records
// from it, noting a UTF-8 BOM, the encoding and the dialect, with the
// Issues they raise. Empty and binary input are errors.
func sniffHead(in *input, name string, opt CSVOptions) (sniffed, []Issue, error) {
	var smp sniffed
	head, atEOF, err := peekHead(in.br)
	if err != nil {
		return smp, nil, fmt.Errorf("%s: %w", name, err)
	}
	smp.bom = bytes.HasPrefix(head, []byte("\xef\xbb\xbf"))
	if smp.bom {
		head = head[3:]
	}
	if len(bytes.TrimSpace(head)) == 0 {
		return smp, nil, fmt.Errorf("%s: %w", name, ErrEmptyFile)
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return smp, nil, fmt.Errorf("%s: %w", name, ErrBinary)
	}
	var issues []Issue
	if smp.latin1, issues, err = chooseEncoding(head, atEOF, name, opt.Encoding); err != nil {
		return smp, nil, err
	}
	if smp.d, err = sniffDialect(head, opt); err != nil {
		return smp, nil, fmt.Errorf("%s: %w", name, err)
	}
	if smp.sample, err = readSample(head, smp.d, atEOF, smp.latin1); err != nil {
		return smp, nil, withFile(err, name)
	}
	if len(smp.records) == 0 {
		return smp, nil, &ParseError{File: name, Line: 1, Err: fmt.Errorf("the first record is longer than %d bytes; is this really a delimited text file?", maxHeadPeek)}
	}
	return smp, issues, nil
}

// takeHeader returns the column names: the first record, fixed by
// FixNames, which it consumes from in (with the BOM) and drops from the
// sample; or column_1, column_2, … when the input has no header.
func takeHeader(in *input, smp *sniffed, header bool, name string) ([]string, []Issue, error) {
	smp.hasHeader = header
	if !header {
		names := make([]string, len(smp.records[0]))
		for i := range names {
			names[i] = fmt.Sprintf("column_%d", i+1)
		}
		if smp.bom {
			_, _ = in.br.Discard(3)
		}
		smp.dataBytes += smp.firstEnd
		return names, nil, nil
	}
	names, issues := FixNames(name+", line 1", smp.records[0])
	smp.headerLines = smp.firstNL
	skip := smp.firstEnd
	if smp.bom {
		skip += 3
	}
	if _, err := in.br.Discard(skip); err != nil {
		return nil, nil, fmt.Errorf("%s: %w", name, err)
	}
	smp.records = smp.records[1:]
	return names, issues, nil
}

// columnModes chooses how each column is stored while reading: as numbers
// when the user forced Numeric or the sample's values are all numbers, as
// strings otherwise (any other forced kind, or a column asText names).
// forced marks the numeric columns the user chose.
func columnModes(records [][]string, names []string, opt CSVOptions, asText map[int]bool) ([]colMode, []bool) {
	modes, forced := make([]colMode, len(names)), make([]bool, len(names))
	for j, n := range names {
		k, isForced := opt.Types[n]
		switch {
		case isForced && k == Numeric:
			modes[j], forced[j] = modeNumber, true
		case isForced || asText[j]:
			modes[j] = modeString
		case columnIsNumeric(records, j, opt.ParseOptions):
			modes[j] = modeNumber
		default:
			modes[j] = modeString
		}
	}
	return modes, forced
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
