package main

import (
	"context"
	"fmt"

	"modelbench/workflow/data"
)

// loadCSV is the whole of what a user waits for when opening a file:
// sniffing, parsing, typing every column and inferring the schema.
func loadCSV(ctx context.Context, path string) (string, error) {
	t, err := data.LoadCSV(ctx, path, data.CSVOptions{}, nil)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d rows x %d cols, %.0f MB decoded", t.Frame.NumRows(), t.Frame.NumCols(), float64(t.Frame.MemSize())/1e6), nil
}

func init() {
	register(Task{Name: "load/csv-1m", Area: "data", Data: "clf1m", Run: loadCSV})
	register(Task{Name: "load/csv-100k", Area: "data", Data: "clf100k", Run: loadCSV})
}
