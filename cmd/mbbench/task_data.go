package main

import (
	"context"
	"fmt"

	"modelbench/workflow/data"
)

// load/csv-1m and load/csv-100k: the whole of what a user waits for when
// opening a file (sniffing, parsing, typing every column and inferring the
// schema), against pandas read_csv in ref_data.py. Nothing is set up: the
// reading is the work.
func init() {
	for _, c := range []struct {
		name, key string
		headline  bool
	}{{"load/csv-1m", "clf1m", true}, {"load/csv-100k", "clf100k", false}} {
		register(task(c.name, "data", c.key, c.headline, func(_ context.Context, path string) (string, error) { return path, nil }, loadCSV))
	}
}

func loadCSV(ctx context.Context, path string) (string, error) {
	t, err := data.LoadCSV(ctx, path, data.CSVOptions{}, nil)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d rows x %d cols, %.0f MB decoded", t.Frame.NumRows(), t.Frame.NumCols(), float64(t.Frame.MemSize())/1e6), nil
}
