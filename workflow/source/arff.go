package source

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// arffType is the declared type of an ARFF attribute.
type arffType int

const (
	arffNumeric arffType = iota
	arffNominal
	arffString
	arffDate
)

// arffAttr is one @attribute declaration.
type arffAttr struct {
	name   string
	typ    arffType
	decl   string           // the type as written, for messages
	levels []string         // nominal values, in declared order
	index  map[string]int32 // nominal value -> code
	layout string           // Go layout of a date attribute
	line   int
}

// ErrARFFHeader is wrapped by every error about a malformed ARFF header.
var ErrARFFHeader = errors.New("malformed ARFF header")

func loadARFF(ctx context.Context, spec Spec, report progress.Func) (*data.Table, error) {
	f, err := os.Open(spec.Path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil {
		size = st.Size()
	}
	return ReadARFF(ctx, f, size, spec.Path, spec.Limit, spec.parseOptions(nullOnly), report)
}

// ReadARFF reads an ARFF file from r. name is used in messages and size
// (0 if unknown) for progress; limit > 0 stops after that many instances.
// Numeric, integer and real attributes become numeric columns, nominal
// ones categorical with their declared values as levels in declared order
// (leading and trailing spaces trimmed), dates datetime columns read with
// their declared format, and strings go through the shared inference with
// opt. '?' marks a missing value, '%' starts a comment, sparse instances
// {index value, ...} leave unnamed values at 0 (the first declared value of
// a nominal attribute), and an instance weight {w} is ignored. Errors are
// *data.ParseError values naming the line and, for values, the attribute.
func ReadARFF(ctx context.Context, r io.Reader, size int64, name string, limit int, opt data.ParseOptions, report progress.Func) (*data.Table, error) {
	br := bufio.NewReaderSize(r, 1<<16)
	lr := &lineReader{r: br}
	attrs, err := readARFFHeader(lr, name)
	if err != nil {
		return nil, err
	}
	cols := newARFFColumns(attrs)
	for limit <= 0 || cols.rows < limit {
		if lr.line%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			if size > 0 {
				report.Send(0.9*float64(lr.read)/float64(size), "reading instances")
			}
		}
		line, err := lr.next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if isBlankOrComment(line) {
			continue
		}
		if err := cols.addLine(line, lr.line); err != nil {
			return nil, fileError(name, err)
		}
	}
	return cols.table(name, opt)
}

// fileError fills in the file name of a *data.ParseError.
func fileError(name string, err error) error {
	var pe *data.ParseError
	if errors.As(err, &pe) && pe.File == "" {
		pe.File = name
		return err
	}
	if pe == nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	return err
}

// lineReader reads lines of any length, counting them and the bytes read.
type lineReader struct {
	r    *bufio.Reader
	line int
	read int64
}

func (l *lineReader) next() (string, error) {
	s, err := l.r.ReadString('\n')
	if err == io.EOF && s != "" {
		err = nil
	}
	if err != nil {
		return "", err
	}
	l.line++
	l.read += int64(len(s))
	return strings.TrimRight(s, "\r\n"), nil
}

// readARFFHeader reads up to and including the @data line.
func readARFFHeader(lr *lineReader, name string) ([]*arffAttr, error) {
	var attrs []*arffAttr
	seenRelation := false
	headerErr := func(format string, a ...any) error {
		return &data.ParseError{File: name, Line: lr.line, Err: fmt.Errorf("%w: "+format, append([]any{ErrARFFHeader}, a...)...)}
	}
	for {
		line, err := lr.next()
		if err == io.EOF {
			if len(attrs) == 0 && !seenRelation {
				return nil, fmt.Errorf("%s: %w: the file is empty or has no @relation line", name, ErrARFFHeader)
			}
			return nil, fmt.Errorf("%s: %w: the header never reaches an @data line", name, ErrARFFHeader)
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		if isBlankOrComment(line) {
			continue
		}
		t := strings.TrimSpace(line)
		word, rest := t, ""
		if i := strings.IndexAny(t, " \t"); i >= 0 {
			word, rest = t[:i], strings.TrimSpace(t[i:])
		}
		kw := strings.ToLower(word)
		if kw != "@relation" && !seenRelation {
			return nil, headerErr("the file must start with @relation, found %s", quoteSnippet(t))
		}
		switch kw {
		case "@relation":
			seenRelation = true
		case "@attribute":
			a, err := parseAttribute(rest, lr.line)
			if err != nil {
				return nil, headerErr("%v", err)
			}
			attrs = append(attrs, a)
		case "@data":
			if len(attrs) == 0 {
				return nil, headerErr("@data comes before any @attribute")
			}
			return attrs, nil
		default:
			return nil, headerErr("expected @attribute or @data, found %s", quoteSnippet(t))
		}
	}
}

// parseAttribute reads "name type" of an @attribute line.
func parseAttribute(s string, line int) (*arffAttr, error) {
	if s == "" {
		return nil, errors.New("@attribute needs a name and a type")
	}
	tok, rest, err := readToken(s, " \t{")
	if err != nil {
		return nil, fmt.Errorf("the attribute name: %w", err)
	}
	if tok.text == "" {
		return nil, errors.New("@attribute needs a name")
	}
	a := &arffAttr{name: tok.text, line: line, decl: strings.TrimSpace(rest)}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return nil, fmt.Errorf("attribute %q has no type", a.name)
	}
	if rest[0] == '{' {
		return a, a.parseNominal(rest[1:])
	}
	typ, arg := rest, ""
	if i := strings.IndexAny(rest, " \t"); i >= 0 {
		typ, arg = rest[:i], strings.TrimSpace(rest[i:])
	}
	switch strings.ToLower(typ) {
	case "numeric", "real", "integer":
		a.typ = arffNumeric
	case "string":
		a.typ = arffString
	case "date":
		a.typ = arffDate
		return a, a.parseDate(arg)
	case "relational":
		return nil, fmt.Errorf("attribute %q is relational, which Modelbench cannot read", a.name)
	default:
		return nil, fmt.Errorf("attribute %q has the unknown type %s (want numeric, integer, real, string, date or {values})", a.name, quoteSnippet(typ))
	}
	return a, nil
}

func (a *arffAttr) parseNominal(s string) error {
	a.typ = arffNominal
	if !strings.Contains(s, "}") {
		return fmt.Errorf("attribute %q: the list of values is not closed with }", a.name)
	}
	toks, rest, err := splitList(s)
	if err != nil {
		return fmt.Errorf("attribute %q: %w", a.name, err)
	}
	if strings.TrimSpace(rest) != "" && !isBlankOrComment(rest) {
		return fmt.Errorf("attribute %q: unexpected text after the list of values: %s", a.name, quoteSnippet(rest))
	}
	a.index = make(map[string]int32, len(toks))
	for _, t := range toks {
		v := strings.TrimSpace(t.text)
		if v == "" && !t.quoted && len(toks) == 1 {
			break // {} declares no values
		}
		if _, dup := a.index[v]; dup {
			return fmt.Errorf("attribute %q declares the value %q twice", a.name, v)
		}
		a.index[v] = int32(len(a.levels))
		a.levels = append(a.levels, v)
	}
	return nil
}

func (a *arffAttr) parseDate(arg string) error {
	format := "yyyy-MM-dd'T'HH:mm:ss"
	if arg != "" {
		tok, rest, err := readToken(arg, "%")
		if err != nil {
			return fmt.Errorf("attribute %q: the date format: %w", a.name, err)
		}
		if strings.TrimSpace(rest) != "" && !isBlankOrComment(rest) {
			return fmt.Errorf("attribute %q: unexpected text after the date format", a.name)
		}
		if tok.text != "" {
			format = tok.text
		}
	}
	layout, err := javaDateLayout(format)
	if err != nil {
		return fmt.Errorf("attribute %q: %w", a.name, err)
	}
	a.layout = layout
	return nil
}
