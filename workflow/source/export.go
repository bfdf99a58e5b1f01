package source

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// Export writes f to path in the format its extension names: .csv (via
// data.WriteCSV), .parquet or .xlsx. The file is written beside the target
// and renamed into place, so a failed or cancelled export leaves no partial
// file. report may be nil.
func Export(ctx context.Context, f *data.Frame, path string, report progress.Func) error {
	var write func(io.Writer) error
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		write = func(w io.Writer) error { return data.WriteCSV(w, f) }
	case ".parquet", ".pq":
		write = func(w io.Writer) error { return WriteParquet(ctx, w, f, report) }
	case ".xlsx":
		write = func(w io.Writer) error { return WriteExcel(ctx, w, f, "Data", report) }
	default:
		return fmt.Errorf("%s: cannot export to %q files (supported: .csv, .parquet, .xlsx)", path, filepath.Ext(path))
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp made it private
		return err
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return err
	}
	report.Send(1, "exported")
	return nil
}
