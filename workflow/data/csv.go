package data

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"fmt"
	"io"
	"strings"

	"modelbench/workflow/progress"
)

// CSVOptions says how to read delimited text. The zero value sniffs the
// delimiter, the quote character, the encoding and whether the first row
// is a header, and reads every row.
type CSVOptions struct {
	ParseOptions
	// Delimiter separates fields; 0 sniffs among ',', ';', tab and '|'.
	Delimiter rune `json:"delimiter,omitempty"`
	// Quote wraps fields that hold delimiters or newlines; 0 sniffs between
	// '"' and '\''.
	Quote rune `json:"quote,omitempty"`
	// Header says whether the first row names the columns; HeaderAuto (the
	// zero value) decides from the values.
	Header HeaderMode `json:"header,omitempty"`
	// NoHeader says the first row is data (the same as Header: HeaderNo);
	// columns are then named column_1...
	NoHeader bool `json:"no_header,omitempty"`
	// Encoding is "" (UTF-8, or Latin-1 when the start of the file is not
	// UTF-8), "utf-8" or "latin-1" (also "iso-8859-1").
	Encoding string `json:"encoding,omitempty"`
	// Types forces the kind of the named columns instead of inferring it.
	Types map[string]Kind `json:"types,omitempty"`
	// MaxRows stops after that many data rows (for previews); 0 reads all.
	MaxRows int `json:"max_rows,omitempty"`
	// MemoryLimit is the most memory, in bytes, the decoded table may take;
	// 0 uses the environment variable MODELBENCH_MEMORY_LIMIT or else the
	// memory available on the machine; a negative value turns the check off.
	MemoryLimit int64 `json:"memory_limit,omitempty"`
}

// HeaderMode says whether the first row of a file names the columns.
type HeaderMode int

// The header modes.
const (
	HeaderAuto HeaderMode = iota // decide from the values
	HeaderYes                    // the first row names the columns
	HeaderNo                     // the first row is data
)

// ErrEmptyFile is returned for a file with no bytes, or only blank lines.
var ErrEmptyFile = errors.New("the file is empty")

// ErrBinary is wrapped by the error for input that is not text.
var ErrBinary = errors.New("this looks like a binary file (it contains NUL bytes), not delimited text")

// ErrNoRows is wrapped by the error for a file with a header but no data.
var ErrNoRows = errors.New("the file has a header but no data rows")

// headPeek is how much of the input is sniffed; a first record longer than
// that is read up to maxHeadPeek.
const (
	headPeek    = 64 << 10
	maxHeadPeek = 1 << 20
)

// ReadCSV reads delimited text from r into a Table. size is the number of
// bytes expected (for progress and the memory check; 0 if unknown) and
// name is used in messages. Gzip input is detected by its magic bytes. It
// stops with ctx.Err() when ctx is cancelled, checking at least every
// chunk of about a megabyte.
//
// Every row is typed, not a sample: a column read as numbers that later
// holds a few words keeps its numbers and reads those words as missing,
// with a warning Issue naming them; one that holds many is read again as
// text when r is an io.Seeker (from where it stood when ReadCSV was
// called), and is an error naming the line otherwise.
func ReadCSV(ctx context.Context, r io.Reader, size int64, name string, opt CSVOptions, report progress.Func) (*Table, error) {
	sk, seekable := r.(io.Seeker)
	var start int64
	if seekable {
		var err error
		if start, err = sk.Seek(0, io.SeekCurrent); err != nil {
			seekable = false
		}
	}
	t, redo, err := readOnce(ctx, r, size, name, opt, nil, report)
	if err != nil || redo == nil {
		return t, err
	}
	if !seekable {
		return nil, redo.err(name)
	}
	if _, err := sk.Seek(start, io.SeekStart); err != nil {
		return nil, redo.err(name)
	}
	report.Send(0, "reading again: some columns are text after all")
	t, again, err := readOnce(ctx, r, size, name, opt, redo.columns, report)
	if again != nil {
		return nil, again.err(name)
	}
	if err != nil {
		return nil, err
	}
	t.Issues = append([]Issue{redo.issue(name)}, t.Issues...)
	return t, nil
}

// readOnce reads the input once. asText lists columns that must be read as
// text; the returned redo is non-nil when another read with more such
// columns is needed.
func readOnce(ctx context.Context, r io.Reader, size int64, name string, opt CSVOptions, asText map[int]bool, report progress.Func) (*Table, *redoRequest, error) {
	in, err := openInput(r, size, name)
	if err != nil {
		return nil, nil, err
	}
	defer in.close()
	plan, smp, issues, err := planRead(in, name, opt, asText)
	if err != nil {
		return nil, nil, err
	}
	estSize := in.size
	if in.gz != nil {
		estSize = 0 // the compressed size says little about the rows
	}
	est := estimateRows(smp, estSize, opt.MaxRows)
	if err := checkMemory(name, est, plan, opt.MemoryLimit); err != nil {
		return nil, nil, err
	}
	asm := newAssembler(plan, est, opt.MaxRows)
	pl := &pipeline{plan: plan, src: in.br, pos: in.pos, line: 1 + smp.headerLines, chunkSize: chunkSize}
	if in.gz == nil {
		pl.chunkSize = min(chunkSize, bufferFor(in.size))
	}
	sizeF := float64(in.size)
	err = pl.run(ctx, func(p *piece) bool {
		if sizeF > 0 {
			report.Send(0.95*min(1, float64(p.endPos)/sizeF), "reading rows")
		}
		return asm.merge(p)
	})
	if err != nil {
		return nil, nil, withFile(err, name)
	}
	if asm.rows == 0 {
		if smp.hasHeader {
			return nil, nil, &ParseError{File: name, Line: 1, Err: ErrNoRows}
		}
		return nil, nil, fmt.Errorf("%s: %w", name, ErrEmptyFile)
	}
	report.Send(0.95, "typing columns")
	t, redo, err := asm.finish(opt)
	if err != nil || redo != nil {
		return nil, redo, err
	}
	t.Issues = append(issues, t.Issues...)
	t.Text = smp.layout()
	report.Send(1, "done")
	return t, nil, nil
}

// input is the opened, possibly decompressed byte stream.
type input struct {
	br    *bufio.Reader
	gz    *gzip.Reader
	size  int64 // bytes of the raw input, for progress; 0 if unknown
	count *countingReader
}

func (in *input) pos() int64 { return in.count.n }

func (in *input) close() {
	if in.gz != nil {
		in.gz.Close()
	}
}

type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func openInput(r io.Reader, size int64, name string) (*input, error) {
	cr := &countingReader{r: r}
	in := &input{br: bufio.NewReaderSize(cr, bufferFor(size)), size: size, count: cr}
	if magic, _ := in.br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		gz, err := gzip.NewReader(in.br)
		if err != nil {
			return nil, fmt.Errorf("%s: broken gzip data: %w", name, err)
		}
		in.gz = gz
		in.br = bufio.NewReaderSize(gz, 1<<20)
	}
	return in, nil
}

// bufferFor returns the read buffer size for an input of size bytes (0 if
// unknown): a small file gets a small buffer.
func bufferFor(size int64) int {
	if size > 0 && size < maxHeadPeek {
		return max(4096, int(size)+1)
	}
	return maxHeadPeek
}

// peekHead returns the start of the input without consuming it: at least
// headPeek bytes, more when the first record is longer, and whether that
// is the whole input.
func peekHead(br *bufio.Reader) ([]byte, bool, error) {
	n := min(headPeek, br.Size())
	for {
		head, err := br.Peek(n)
		if err == io.EOF {
			return head, true, nil
		}
		if err != nil {
			return nil, false, err
		}
		if bytes.IndexByte(head, '\n') >= 0 || n >= br.Size() {
			return head, false, nil
		}
		n = min(4*n, br.Size())
	}
}

// withFile makes sure an error names the file.
func withFile(err error, name string) error {
	var pe *ParseError
	if errors.As(err, &pe) {
		if pe.File == "" {
			pe.File = name
		}
		return err
	}
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	if strings.HasPrefix(err.Error(), name+":") {
		return err
	}
	return fmt.Errorf("%s: %w", name, err)
}
