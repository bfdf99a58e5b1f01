package data

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"modelbench/workflow/progress"
)

// Table is a loaded Frame together with its inferred Schema, the per-column
// inferences and the non-fatal findings made while loading.
type Table struct {
	Source     string      // file path or connection description, for messages
	Frame      *Frame      // the values
	Schema     Schema      // kinds, labels, roles and reasons
	Inferences []Inference // one per column, in Frame order
	Issues     []Issue     // warnings and notes from loading
	// Text is how delimited text was read (ReadCSV), so that its records
	// can be read again as written (RecordReader); nil for other sources.
	Text *TextLayout
}

// NewTable infers the schema of a Frame built elsewhere.
func NewTable(source string, f *Frame, inf []Inference) *Table {
	return &Table{Source: source, Frame: f, Schema: InferSchema(f, inf), Inferences: inf}
}

// LoadOptions says how to read a file. The zero value sniffs everything.
type LoadOptions struct {
	CSV CSVOptions `json:"csv"`
}

// Load reads a file into a Table, choosing the reader by the file's
// extension (.csv, .tsv, .txt, .dat and their .gz forms). Errors name the
// file and, where they apply, the line and column.
func Load(ctx context.Context, path string, opt LoadOptions, report progress.Func) (*Table, error) {
	ext := strings.ToLower(filepath.Ext(strings.TrimSuffix(strings.ToLower(path), ".gz")))
	switch ext {
	case ".csv", ".tsv", ".txt", ".dat", ".tab", "":
		return LoadCSV(ctx, path, opt.CSV, report)
	}
	return nil, fmt.Errorf("%s: files of type %q cannot be read (supported: .csv, .tsv, .txt, .gz)", path, ext)
}

// LoadCSV opens path (optionally gzip-compressed) and reads it as delimited
// text with ReadCSV.
func LoadCSV(ctx context.Context, path string, opt CSVOptions, report progress.Func) (*Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a file", path)
	}
	t, err := ReadCSV(ctx, f, st.Size(), path, opt, report)
	if err != nil {
		return nil, err
	}
	t.Source = path
	return t, nil
}
