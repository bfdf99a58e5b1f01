package source

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// Load reads the whole source (up to spec.Limit rows) into a Table whose
// Source is spec.String(). Errors name the file or server and, where they
// apply, the row and column; a cancelled ctx returns ctx.Err(). report may
// be nil.
func Load(ctx context.Context, spec Spec, report progress.Func) (*data.Table, error) {
	if err := spec.Validate(); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	var t *data.Table
	var err error
	switch spec.Kind {
	case CSV:
		t, err = loadCSV(ctx, spec, report)
	case Excel:
		err = guard(spec.Path, func() (e error) { t, e = loadExcel(ctx, spec, report); return })
	case JSON:
		t, err = loadJSON(ctx, spec, report)
	case Parquet:
		err = guard(spec.Path, func() (e error) { t, e = loadParquet(ctx, spec, report); return })
	case ARFF:
		t, err = loadARFF(ctx, spec, report)
	case SQLite:
		err = guard(spec.Path, func() (e error) { t, e = loadSQLite(ctx, spec, report); return })
	case Postgres:
		t, err = loadPostgres(ctx, spec, report)
	}
	if err != nil {
		return nil, err
	}
	t.Source = spec.String()
	report.Send(1, "loaded")
	return t, nil
}

// Preview reads at most rows rows of the source (the first ones), for the
// live preview of the Data dialog. rows <= 0 means 20.
func Preview(ctx context.Context, spec Spec, rows int) (*data.Table, error) {
	if rows <= 0 {
		rows = 20
	}
	if spec.Limit == 0 || spec.Limit > rows {
		spec.Limit = rows
	}
	return Load(ctx, spec, nil)
}

func loadCSV(ctx context.Context, spec Spec, report progress.Func) (*data.Table, error) {
	var opt data.CSVOptions
	if spec.CSV != nil {
		opt = *spec.CSV
	}
	if spec.Parse != nil {
		opt.ParseOptions = *spec.Parse
	}
	if spec.Limit > 0 && (opt.MaxRows == 0 || opt.MaxRows > spec.Limit) {
		opt.MaxRows = spec.Limit
	}
	return data.LoadCSV(ctx, spec.Path, opt, report)
}

// extensions maps lower-case file extensions to the kind that reads them.
var extensions = map[string]Kind{
	".csv": CSV, ".tsv": CSV, ".txt": CSV, ".dat": CSV, ".tab": CSV, ".gz": CSV,
	".xlsx": Excel, ".xlsm": Excel,
	".json": JSON, ".jsonl": JSON, ".ndjson": JSON,
	".parquet": Parquet, ".pq": Parquet,
	".arff":   ARFF,
	".sqlite": SQLite, ".sqlite3": SQLite, ".db": SQLite,
}

// Detect chooses the kind of source for a path or URL: a postgres:// or
// postgresql:// URL becomes a Postgres Spec (the password, if the URL has
// one, goes to Conn.Password only); a file is recognised by its extension,
// else by its first bytes. It fails for a file it cannot read or whose
// format it does not know, naming the file.
func Detect(path string) (Spec, error) {
	if strings.HasPrefix(path, "postgres://") || strings.HasPrefix(path, "postgresql://") {
		c, err := ParseURL(path)
		if err != nil {
			return Spec{}, err
		}
		return Spec{Kind: Postgres, Conn: c}, nil
	}
	ext := strings.ToLower(filepath.Ext(path))
	if ext == ".xls" {
		return Spec{}, fmt.Errorf("%s: the old binary .xls format cannot be read; save the workbook as .xlsx", path)
	}
	if k, ok := extensions[ext]; ok {
		return Spec{Kind: k, Path: path}, nil
	}
	head, err := readHead(path, 512)
	if err != nil {
		return Spec{}, err
	}
	k, ok := sniff(head)
	if !ok {
		return Spec{}, fmt.Errorf("%s: the format is not known (supported: %s)", path, kindList())
	}
	return Spec{Kind: k, Path: path}, nil
}

func readHead(path string, n int) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	buf := make([]byte, n)
	m, err := io.ReadFull(f, buf)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return buf[:m], nil
}

// sniff recognises a format by its first bytes.
func sniff(head []byte) (Kind, bool) {
	switch {
	case bytes.HasPrefix(head, []byte("PAR1")):
		return Parquet, true
	case bytes.HasPrefix(head, []byte("SQLite format 3\x00")):
		return SQLite, true
	case bytes.HasPrefix(head, []byte("PK\x03\x04")):
		return Excel, true
	case bytes.HasPrefix(head, []byte{0x1f, 0x8b}):
		return CSV, true
	}
	text := bytes.TrimSpace(bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")))
	if len(text) == 0 || bytes.IndexByte(text, 0) >= 0 {
		return "", false
	}
	if text[0] == '[' || text[0] == '{' {
		return JSON, true
	}
	for _, line := range strings.Split(string(text), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "%") {
			continue
		}
		if strings.HasPrefix(strings.ToLower(line), "@relation") {
			return ARFF, true
		}
		break
	}
	return CSV, true
}

// Tables lists the tables and views a database source offers (its Table
// and Query are ignored), sorted by name; PostgreSQL names outside the
// public schema are qualified as schema.table.
func Tables(ctx context.Context, spec Spec) ([]string, error) {
	switch spec.Kind {
	case SQLite:
		var names []string
		err := guard(spec.Path, func() (e error) { names, e = sqliteTables(ctx, spec.Path); return })
		return names, err
	case Postgres:
		if spec.Conn == nil {
			return nil, fmt.Errorf("postgres source: %w", ErrNoSource)
		}
		return postgresTables(ctx, *spec.Conn)
	}
	return nil, fmt.Errorf("%s: a %s source has no tables", spec, spec.Kind)
}
