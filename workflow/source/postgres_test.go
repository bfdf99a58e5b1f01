package source

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// pgURL returns the test server's URL or skips the test.
func pgURL(t *testing.T) string {
	t.Helper()
	u := os.Getenv("MODELBENCH_TEST_PG")
	if u == "" {
		t.Skip("PostgreSQL tests need a server: export MODELBENCH_TEST_PG=\"$(bash .ci/postgres.sh | tail -n 1)\"")
	}
	return u
}

// pgTable creates a table of every mapped type on the test server, filled
// by generate_series, and drops it when the test ends.
func pgTable(t *testing.T, conn *pgx.Conn) string {
	t.Helper()
	name := fmt.Sprintf("mb_source_test_%d", time.Now().UnixNano())
	ctx := context.Background()
	_, err := conn.Exec(ctx, `CREATE TABLE `+name+` AS SELECT g AS id,
		(g % 7)::int2 AS small, g::int8 * 1000003 AS big,
		(g / 7.0)::float8 AS ratio, (g / 3.0)::float4 AS ratio4,
		CASE WHEN g % 13 = 0 THEN NULL ELSE (g * 1.25)::numeric(10,2) END AS amount,
		CASE WHEN g % 10 = 0 THEN NULL ELSE g % 2 = 0 END AS even,
		DATE '2024-01-01' + g AS day,
		TIMESTAMP '2024-01-01 00:00:00' + g * INTERVAL '90 minutes' AS at,
		TIMESTAMPTZ '2024-01-01 00:00:00+02' + g * INTERVAL '1 hour' AS at_tz,
		(ARRAY['red', 'green', 'blue'])[g % 3 + 1] AS colour,
		(CASE WHEN g % 11 = 0 THEN NULL ELSE 'item ' || g END)::varchar(20) AS label,
		lpad((g % 50)::text, 3, '0') AS code
		FROM generate_series(1, 1000) g`)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _, _ = conn.Exec(context.Background(), "DROP TABLE IF EXISTS "+name) })
	return name
}

func pgConnect(t *testing.T) (*Conn, *pgx.Conn) {
	t.Helper()
	c, err := ParseURL(pgURL(t))
	if err != nil {
		t.Fatal(err)
	}
	conn, err := connectPG(context.Background(), *c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { conn.Close(context.Background()) })
	return c, conn
}

// TestLoadPostgres_MatchesServer loads a table and compares each column
// with what the server itself computes: counts, sums, and the first rows
// as epoch seconds or text.
func TestLoadPostgres_MatchesServer(t *testing.T) {
	c, conn := pgConnect(t)
	table := pgTable(t, conn)
	var reports []progress.Report
	tab, err := Load(context.Background(), Spec{Kind: Postgres, Conn: c, Table: table}, func(r progress.Report) { reports = append(reports, r) })
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]data.Kind{"id": data.Numeric, "small": data.Numeric, "big": data.Numeric, "ratio": data.Numeric,
		"ratio4": data.Numeric, "amount": data.Numeric, "even": data.Boolean, "day": data.Datetime, "at": data.Datetime,
		"at_tz": data.Datetime, "colour": data.Categorical, "label": data.Text, "code": data.Categorical}
	f := tab.Frame
	if f.NumRows() != 1000 || f.NumCols() != len(kinds) {
		t.Fatalf("got %d x %d", f.NumRows(), f.NumCols())
	}
	for _, col := range f.Columns() {
		name := col.Name()
		if col.Kind() != kinds[name] {
			t.Errorf("%s: kind %s, want %s", name, col.Kind(), kinds[name])
		}
		var count int
		if err := conn.QueryRow(context.Background(), fmt.Sprintf("SELECT count(%q) FROM %s", name, table)).Scan(&count); err != nil {
			t.Fatal(err)
		}
		if col.Len()-col.Missing() != count {
			t.Errorf("%s: %d present, server counts %d", name, col.Len()-col.Missing(), count)
		}
		comparePGColumn(t, conn, table, col)
	}
	if len(reports) < 2 || !strings.Contains(reports[len(reports)-2].Message, "1000 of 1000 rows read") {
		t.Errorf("progress reports: %v", reports)
	}
	if f, _ := tab.Schema.Field("id"); f.Role != data.Identifier {
		t.Errorf("id: %+v", f)
	}
}

func comparePGColumn(t *testing.T, conn *pgx.Conn, table string, col data.Column) {
	t.Helper()
	ctx := context.Background()
	name := col.Name()
	switch c := col.(type) {
	case *data.NumericColumn:
		var sum float64
		_ = conn.QueryRow(ctx, fmt.Sprintf("SELECT sum(%q::float8) FROM %s", name, table)).Scan(&sum)
		checkSum(t, col, sum)
	case *data.DatetimeColumn:
		rows, _ := conn.Query(ctx, fmt.Sprintf("SELECT extract(epoch FROM %q)::float8 FROM %s ORDER BY id LIMIT 5", name, table))
		secs, err := pgx.CollectRows(rows, pgx.RowTo[float64])
		if err != nil {
			t.Fatal(err)
		}
		for r, s := range secs {
			if got, _ := c.At(r); got.Unix() != int64(s) {
				t.Errorf("%s row %d: %v, server says %v", name, r, got, time.Unix(int64(s), 0).UTC())
			}
		}
	default:
		rows, _ := conn.Query(ctx, fmt.Sprintf("SELECT coalesce(%q::text, '') FROM %s ORDER BY id LIMIT 20", name, table))
		texts, err := pgx.CollectRows(rows, pgx.RowTo[string])
		if err != nil {
			t.Fatal(err)
		}
		for r, s := range texts {
			if got := col.Format(r); got != s {
				t.Errorf("%s row %d: %q, server says %q", name, r, got, s)
			}
		}
	}
}

func TestLoadPostgres_QueryLimitAndURL(t *testing.T) {
	u := pgURL(t)
	c, conn := pgConnect(t)
	table := pgTable(t, conn)
	spec, err := Detect(u)
	if err != nil || spec.Kind != Postgres {
		t.Fatalf("Detect: %+v, %v", spec, err)
	}
	spec.Query = "select id, colour from " + table + " where id > 100 order by id;"
	tab, err := Preview(context.Background(), spec, 7)
	if err != nil {
		t.Fatal(err)
	}
	if tab.Frame.NumRows() != 7 || tab.Frame.Col(0).Format(0) != "101" {
		t.Errorf("preview: %d rows, first id %s", tab.Frame.NumRows(), tab.Frame.Col(0).Format(0))
	}
	// Without a password in the URL, PGPASSWORD is used.
	t.Setenv("PGPASSWORD", c.Password.value)
	noPW := *c
	noPW.Password = Secret{}
	if _, err := Load(context.Background(), Spec{Kind: Postgres, Conn: &noPW, Table: table, Limit: 3}, nil); err != nil {
		t.Errorf("with PGPASSWORD: %v", err)
	}
	names, err := Tables(context.Background(), Spec{Kind: Postgres, Conn: c})
	if err != nil || !contains(names, table) {
		t.Errorf("Tables: %v does not list %s (%v)", names, table, err)
	}
}

// TestPostgres_PasswordNeverShown checks that the password is in no JSON,
// no formatted Spec and no error, even a wrong one.
func TestPostgres_PasswordNeverShown(t *testing.T) {
	c, _ := pgConnect(t)
	const wrong = "Wr0ng-Pa55word-xyzzy"
	bad := *c
	bad.Password = NewSecret(wrong)
	spec := Spec{Kind: Postgres, Conn: &bad, Table: "whatever"}
	_, err := Load(context.Background(), spec, nil)
	if err == nil {
		t.Fatal("a wrong password connected")
	}
	if !strings.Contains(err.Error(), "cannot connect") || !strings.Contains(err.Error(), c.Host) {
		t.Errorf("error does not say what failed: %v", err)
	}
	js, _ := json.Marshal(spec)
	for _, s := range []string{err.Error(), string(js), fmt.Sprint(spec), fmt.Sprintf("%+v %#v %s %q", spec, bad, bad, bad)} {
		if strings.Contains(s, wrong) {
			t.Errorf("the password shows in %q", s)
		}
	}
	_, err = Load(context.Background(), Spec{Kind: Postgres, Conn: c, Table: "no_such_table_here"}, nil)
	if !errors.Is(err, ErrNoTable) || strings.Contains(err.Error(), c.Password.value) {
		t.Errorf("unknown table: %v", err)
	}
	_, err = Load(context.Background(), Spec{Kind: Postgres, Conn: c, Query: "select nope"}, nil)
	if err == nil || !strings.Contains(err.Error(), "the query failed") || !strings.Contains(err.Error(), "nope") {
		t.Errorf("bad query: %v", err)
	}
}

// TestLoadPostgres_CancelStopsServerQuery cancels a long query and checks
// that the server no longer runs it.
func TestLoadPostgres_CancelStopsServerQuery(t *testing.T) {
	c, conn := pgConnect(t)
	marker := fmt.Sprintf("mb_cancel_%d", time.Now().UnixNano())
	ctx, cancel := context.WithTimeout(context.Background(), 500*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := Load(ctx, Spec{Kind: Postgres, Conn: c, Query: "select pg_sleep(30), '" + marker + "' as m"}, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("got %v, want context.DeadlineExceeded", err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("cancelling took %v", d)
	}
	for i := 0; ; i++ {
		var n int
		err := conn.QueryRow(context.Background(), "SELECT count(*) FROM pg_stat_activity WHERE state = 'active' AND query LIKE '%'||$1||'%' AND pid <> pg_backend_pid()", marker).Scan(&n)
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			break
		}
		if i == 50 {
			t.Fatalf("the server still runs the cancelled query")
		}
		time.Sleep(100 * time.Millisecond)
	}
}

func TestParseURL(t *testing.T) {
	c, err := ParseURL("postgresql://ann:s3cr%40t@db.example:6543/sales?sslmode=require&x=1")
	if err != nil {
		t.Fatal(err)
	}
	if c.User != "ann" || c.Host != "db.example" || c.Port != 6543 || c.Database != "sales" || c.SSLMode != "require" || c.Password.value != "s3cr@t" {
		t.Errorf("ParseURL: %+v", c)
	}
	if c.String() != "postgres://ann@db.example:6543/sales" {
		t.Errorf("String: %s", c)
	}
	for _, bad := range []string{"postgres://ann:pw@host:99999/db", "mysql://x", "postgres://ann:pw@ho st/db"} {
		if _, err := ParseURL(bad); !errors.Is(err, ErrBadURL) || strings.Contains(err.Error(), "pw") {
			t.Errorf("ParseURL(%q): %v", bad, err)
		}
	}
	if cfg, err := pgConfig(Conn{Host: "h", User: `o'brien\x`, Database: "d b"}); err != nil || cfg.User != `o'brien\x` || cfg.Database != "d b" {
		t.Errorf("pgConfig quoting: %+v, %v", cfg, err)
	}
}
