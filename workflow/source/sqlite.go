package source

import (
	"context"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	_ "modernc.org/sqlite" // registers the pure-Go "sqlite" driver

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// ErrNoTable is wrapped when the requested table does not exist.
var ErrNoTable = errors.New("no such table")

// openSQLite opens an existing database file read-only; it never creates
// one.
func openSQLite(path string) (*sql.DB, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.IsDir() {
		return nil, fmt.Errorf("%s is a folder, not a database file", path)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: "mode=ro"}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	db.SetMaxOpenConns(1)
	return db, nil
}

func sqliteTables(ctx context.Context, path string) ([]string, error) {
	db, err := openSQLite(path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	return listSQLiteTables(ctx, db, path)
}

func listSQLiteTables(ctx context.Context, db *sql.DB, path string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT name FROM sqlite_master WHERE type IN ('table', 'view') AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("%s: not a readable SQLite database: %w", path, err)
	}
	defer rows.Close()
	var names []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		names = append(names, n)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: not a readable SQLite database: %w", path, err)
	}
	return names, nil
}

// quoteIdent quotes an SQL identifier with double quotes.
func quoteIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }

// limitQuery wraps a query so that the server stops after limit rows.
func limitQuery(q string, limit int) string {
	q = strings.TrimRight(strings.TrimSpace(q), "; \t\n")
	if limit <= 0 {
		return q
	}
	return "SELECT * FROM (" + q + "\n) AS modelbench_q LIMIT " + strconv.Itoa(limit)
}

func loadSQLite(ctx context.Context, spec Spec, report progress.Func) (*data.Table, error) {
	db, err := openSQLite(spec.Path)
	if err != nil {
		return nil, err
	}
	defer db.Close()
	where := spec.String()
	q := spec.Query
	total := -1
	if q == "" {
		names, err := listSQLiteTables(ctx, db, spec.Path)
		if err != nil {
			return nil, err
		}
		if !contains(names, spec.Table) {
			return nil, fmt.Errorf("%s: %w %q (the tables are %s)", spec.Path, ErrNoTable, spec.Table, quoteList(names))
		}
		q = "SELECT * FROM " + quoteIdent(spec.Table)
		_ = db.QueryRowContext(ctx, "SELECT count(*) FROM "+quoteIdent(spec.Table)).Scan(&total)
	}
	if spec.Limit > 0 && (total < 0 || total > spec.Limit) {
		total = spec.Limit
	}
	rows, err := db.QueryContext(ctx, limitQuery(q, spec.Limit))
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s: the query failed: %w", where, err)
	}
	defer rows.Close()
	return scanSQLRows(ctx, rows, where, total, spec.parseOptions(nullOnly), report)
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// scanSQLRows streams database/sql rows into column builders. total is
// the expected row count for progress (-1 when unknown).
func scanSQLRows(ctx context.Context, rows *sql.Rows, where string, total int, opt data.ParseOptions, report progress.Func) (*data.Table, error) {
	types, err := rows.ColumnTypes()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", where, err)
	}
	b := make([]*cellBuilder, len(types))
	vals := make([]any, len(types))
	ptrs := make([]any, len(types))
	for i := range b {
		b[i] = &cellBuilder{}
		ptrs[i] = &vals[i]
	}
	var issues []data.Issue
	noted := make([]bool, len(types))
	n := 0
	for rows.Next() {
		if n%4096 == 0 {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			sendRows(report, n, total)
		}
		if err := rows.Scan(ptrs...); err != nil {
			return nil, fmt.Errorf("%s, row %d: %w", where, n+1, err)
		}
		for i, v := range vals {
			if blob := addSQLValue(b[i], v, types[i].DatabaseTypeName()); blob && !noted[i] {
				noted[i] = true
				issues = append(issues, data.Issue{Level: "info",
					Text: fmt.Sprintf("%s, column %q: binary values are shown as hexadecimal text", where, types[i].Name())})
			}
		}
		n++
	}
	if err := rows.Err(); err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		return nil, fmt.Errorf("%s, row %d: %w", where, n+1, err)
	}
	if n == 0 {
		return nil, fmt.Errorf("%s: the query returned no rows", where)
	}
	cols := make([]data.Column, len(b))
	infs := make([]data.Inference, len(b))
	for i, t := range types {
		why := fmt.Sprintf("the database returns numbers (declared %s)", declared(t.DatabaseTypeName()))
		col, inf, err := b[i].finish(where, t.Name(), why, opt, 1)
		if err != nil {
			return nil, err
		}
		cols[i], infs[i] = col, inf
	}
	return assemble(where, cols, infs, issues)
}

func declared(t string) string {
	if t == "" {
		return "without a type"
	}
	return "as " + t
}

func sendRows(report progress.Func, n, total int) {
	if total > 0 {
		report.Send(0.95*float64(n)/float64(total), fmt.Sprintf("%d of %d rows read", n, total))
	} else {
		report.Send(-1, fmt.Sprintf("%d rows read", n))
	}
}

// addSQLValue stores one value of SQLite's dynamic types; declared is the
// column's declared type, which decides whether 0 and 1 are booleans. It
// reports whether the value was a blob that is not text.
func addSQLValue(b *cellBuilder, v any, declared string) (blob bool) {
	switch x := v.(type) {
	case nil:
		b.addNull()
	case int64:
		if strings.Contains(strings.ToUpper(declared), "BOOL") && (x == 0 || x == 1) {
			b.addBool(x == 1)
		} else {
			b.addNum(float64(x))
		}
	case float64:
		b.addNum(x)
	case bool:
		b.addBool(x)
	case time.Time:
		b.addTime(x)
	case string:
		b.addText(x)
	case []byte:
		if utf8.Valid(x) {
			b.addText(string(x))
		} else {
			b.addText(hex.EncodeToString(x))
			return true
		}
	default:
		b.addText(fmt.Sprint(x))
	}
	return false
}
