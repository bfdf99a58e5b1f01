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
// source.Export and kept beside it; the run that makes it says so in its
// note, so time a second run. Compare with load/csv-1m in the same run
// (data.LoadCSV of the same data); the reference side is pandas read_csv of
// the CSV, since Debian's pandas has no Parquet engine.
//
// source/postgres-100k: the 100k-row file as a PostgreSQL table, streamed
// into a Table by source.Load with progress; the note gives rows/s. The
// table is created once (COPY) in the database of MODELBENCH_TEST_PG; the
// task reports a skip when that variable is unset. The reference is pandas
// read_sql over psycopg2 when Debian's python3-psycopg2 is installed.
func init() {
	register(Task{Name: "source/parquet-1m", Area: "source", Data: "clf1m", Run: parquet1M})
	register(Task{Name: "source/postgres-100k", Area: "source", Data: "clf100k", Run: postgres100k})
}

func parquet1M(ctx context.Context, path string) (string, error) {
	pq := path + ".parquet"
	setup := ""
	if _, err := os.Stat(pq); err != nil {
		start := time.Now()
		t, err := data.LoadCSV(ctx, path, data.CSVOptions{}, nil)
		if err != nil {
			return "", err
		}
		if err := source.Export(ctx, t.Frame, pq, nil); err != nil {
			return "", err
		}
		setup = fmt.Sprintf(" (this run also wrote the Parquet file: %.1f s; run again)", time.Since(start).Seconds())
	}
	start := time.Now()
	t, err := source.Load(ctx, source.Spec{Kind: source.Parquet, Path: pq}, nil)
	if err != nil {
		return "", err
	}
	st, _ := os.Stat(pq)
	return fmt.Sprintf("load %.3f s, %d rows x %d cols from %.0f MB%s", time.Since(start).Seconds(),
		t.Frame.NumRows(), t.Frame.NumCols(), float64(st.Size())/1e6, setup), nil
}

const pgBenchTable = "mb_bench_clf100k"

func postgres100k(ctx context.Context, path string) (string, error) {
	url := os.Getenv("MODELBENCH_TEST_PG")
	if url == "" {
		return "skipped: MODELBENCH_TEST_PG is unset (see .ci/postgres.sh)", nil
	}
	spec, err := source.Detect(url)
	if err != nil {
		return "", err
	}
	setup, err := ensurePGTable(ctx, url, path)
	if err != nil {
		return "", err
	}
	spec.Table = pgBenchTable
	var last progress.Report
	reports := 0
	start := time.Now()
	t, err := source.Load(ctx, spec, func(r progress.Report) { last = r; reports++ })
	if err != nil {
		return "", err
	}
	secs := time.Since(start).Seconds()
	return fmt.Sprintf("%d rows x %d cols, %.0f rows/s, %d progress reports (last %q)%s", t.Frame.NumRows(), t.Frame.NumCols(),
		float64(t.Frame.NumRows())/secs, reports, last.Message, setup), nil
}

// ensurePGTable copies the CSV into the benchmark table unless it exists.
func ensurePGTable(ctx context.Context, url, path string) (string, error) {
	conn, err := pgx.Connect(ctx, url)
	if err != nil {
		return "", err
	}
	defer conn.Close(context.Background())
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", pgBenchTable).Scan(&exists); err != nil || exists {
		return "", err
	}
	start := time.Now()
	t, err := data.LoadCSV(ctx, path, data.CSVOptions{}, nil)
	if err != nil {
		return "", err
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
		return "", err
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
	if _, err := conn.CopyFrom(ctx, pgx.Identifier{pgBenchTable}, f.Names(), pgx.CopyFromRows(rows)); err != nil {
		return "", err
	}
	return fmt.Sprintf(" (this run also created the table: %.1f s; run again)", time.Since(start).Seconds()), nil
}
