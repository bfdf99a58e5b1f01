package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/jackc/pgx/v5"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
	"modelbench/workflow/source"
)

// source/parquet-1m: the 1M x 23 classification file as Parquet, read with
// source.Load. The Parquet file is made once from the harness's CSV with
// source.Export and kept beside it; making it is setup, never timed.
// Compare with load/csv-1m in the same run (data.LoadCSV of the same
// data); the reference side is pandas read_csv of the CSV, since Debian's
// pandas has no Parquet engine.
//
// source/postgres-100k: the 100k-row file as a PostgreSQL table, streamed
// into a Table by source.Load with progress; the note gives rows/s. The
// table is created once (COPY, in the setup) in the database of
// MODELBENCH_TEST_PG; the task reports a skip when that variable is unset.
// The reference is pandas read_sql over psycopg2 when Debian's
// python3-psycopg2 is installed.
func init() {
	register(task("source/parquet-1m", "source", "clf1m", true, ensureParquet, loadParquet))
	register(task("source/postgres-100k", "source", "clf100k", false, ensurePGTable, postgres100k))
}

// ensureParquet writes the Parquet copy of the CSV at path unless it
// exists, and returns its path.
func ensureParquet(ctx context.Context, path string) (string, error) {
	pq := path + ".parquet"
	if _, err := os.Stat(pq); err == nil {
		return pq, nil
	}
	t, err := loadTable(ctx, path)
	if err != nil {
		return "", err
	}
	return pq, source.Export(ctx, t.Frame, pq, nil)
}

func loadParquet(ctx context.Context, pq string) (string, error) {
	t, err := source.Load(ctx, source.Spec{Kind: source.Parquet, Path: pq}, nil)
	if err != nil {
		return "", err
	}
	st, err := os.Stat(pq)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("%d rows x %d cols from %.0f MB of Parquet", t.Frame.NumRows(), t.Frame.NumCols(), float64(st.Size())/1e6), nil
}

const pgBenchTable = "mb_bench_clf100k"

// postgres100k streams the benchmark table (or reports the skip that
// ensurePGTable decided on).
func postgres100k(ctx context.Context, spec *source.Spec) (string, error) {
	if spec == nil {
		return "skipped: MODELBENCH_TEST_PG is unset (see .ci/postgres.sh)", nil
	}
	var last progress.Report
	reports := 0
	start := time.Now()
	t, err := source.Load(ctx, *spec, func(r progress.Report) { last = r; reports++ })
	if err != nil {
		return "", err
	}
	secs := time.Since(start).Seconds()
	return fmt.Sprintf("%d rows x %d cols, %.0f rows/s, %d progress reports (last %q)", t.Frame.NumRows(), t.Frame.NumCols(),
		float64(t.Frame.NumRows())/secs, reports, last.Message), nil
}

// ensurePGTable returns the source of the benchmark table, first copying
// the CSV at path into it unless it exists; nil when MODELBENCH_TEST_PG is
// unset.
func ensurePGTable(ctx context.Context, path string) (*source.Spec, error) {
	url := os.Getenv("MODELBENCH_TEST_PG")
	if url == "" {
		return nil, nil
	}
	spec, err := source.Detect(url)
	if err != nil {
		return nil, err
	}
	spec.Table = pgBenchTable
	return &spec, copyToPG(ctx, url, path)
}

// copyToPG copies the CSV into the benchmark table unless it exists.
func copyToPG(ctx context.Context, url, path string) error {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", pgBenchTable).Scan(&exists); err != nil || exists {
		return err
	}
	t, err := loadTable(ctx, path)
	if err != nil {
		return err
	}
	f := t.Frame
	ddl := "CREATE TABLE " + pgBenchTable + " ("
	for j, c := range f.Columns() {
		typ := "double precision"
		if c.Kind() != data.Numeric {
			typ = "text"
		}
		if j > 0 {
			ddl += ", "
		}
		ddl += pgx.Identifier{c.Name()}.Sanitize() + " " + typ
	}
	if _, err := conn.Exec(ctx, ddl+")"); err != nil {
		return err
	}
	rows := make([][]any, f.NumRows())
	for i := range rows {
		rows[i] = make([]any, f.NumCols())
		for j, c := range f.Columns() {
			if n, ok := c.(*data.NumericColumn); ok {
				rows[i][j] = n.At(i)
			} else {
				rows[i][j] = c.Format(i)
			}
		}
	}
	_, err = conn.CopyFrom(ctx, pgx.Identifier{pgBenchTable}, f.Names(), pgx.CopyFromRows(rows))
	return err
}
