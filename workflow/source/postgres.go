package source

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/pgconn/ctxwatch"

	"modelbench/workflow/data"
	"modelbench/workflow/progress"
)

// ErrBadURL is returned for a PostgreSQL URL that cannot be read. The
// message never repeats the URL, which may hold a password.
var ErrBadURL = errors.New("the PostgreSQL URL cannot be read (want postgres://user@host:port/database)")

// ParseURL reads a postgres:// or postgresql:// URL into connection fields.
// A password in the URL goes to Conn.Password only; without one, the
// PGPASSWORD environment variable (then ~/.pgpass) is used at connect
// time. The sslmode query parameter is kept; other parameters are
// ignored.
func ParseURL(s string) (*Conn, error) {
	u, err := url.Parse(s)
	if err != nil || (u.Scheme != "postgres" && u.Scheme != "postgresql") {
		return nil, ErrBadURL
	}
	c := &Conn{Host: u.Hostname(), Database: strings.TrimPrefix(u.Path, "/"), SSLMode: u.Query().Get("sslmode")}
	if p := u.Port(); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n <= 0 || n > 65535 {
			return nil, ErrBadURL
		}
		c.Port = n
	}
	if u.User != nil {
		c.User = u.User.Username()
		if pw, ok := u.User.Password(); ok {
			c.Password = NewSecret(pw)
		}
	}
	return c, nil
}

// pgConfig builds the driver's configuration from the fields. Environment
// defaults (PGHOST, PGPASSWORD, ~/.pgpass...) fill what the fields leave
// empty. Cancelling a query's context sends a cancel request to the server
// at once, so the query stops there too.
func pgConfig(c Conn) (*pgx.ConnConfig, error) {
	var kv []string
	add := func(k, v string) {
		if v != "" {
			kv = append(kv, k+"='"+strings.NewReplacer(`\`, `\\`, `'`, `\'`).Replace(v)+"'")
		}
	}
	add("host", c.Host)
	if c.Port != 0 {
		add("port", strconv.Itoa(c.Port))
	}
	add("user", c.User)
	add("dbname", c.Database)
	add("sslmode", c.SSLMode)
	add("connect_timeout", "10")
	cfg, err := pgx.ParseConfig(strings.Join(kv, " "))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c, scrub(err, c.Password))
	}
	if c.Password.IsSet() {
		cfg.Password = c.Password.value
	}
	cfg.BuildContextWatcherHandler = func(pc *pgconn.PgConn) ctxwatch.Handler {
		return &pgconn.CancelRequestContextWatcherHandler{Conn: pc, DeadlineDelay: 5 * time.Second}
	}
	return cfg, nil
}

func connectPG(ctx context.Context, c Conn) (*pgx.Conn, error) {
	cfg, err := pgConfig(c)
	if err != nil {
		return nil, err
	}
	conn, err := pgx.ConnectConfig(ctx, cfg)
	if err != nil {
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		pw := c.Password
		if !pw.IsSet() {
			pw = NewSecret(cfg.Password) // from PGPASSWORD or .pgpass
		}
		return nil, fmt.Errorf("%s: cannot connect: %w", c, scrub(err, pw))
	}
	return conn, nil
}

// scrub returns err, or a copy of its message without the password when
// the message contains it.
func scrub(err error, pw Secret) error {
	if err == nil || !pw.IsSet() || !strings.Contains(err.Error(), pw.value) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), pw.value, "***"))
}

func postgresTables(ctx context.Context, c Conn) ([]string, error) {
	conn, err := connectPG(ctx, c)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	rows, err := conn.Query(ctx, `SELECT CASE WHEN table_schema = 'public' THEN table_name
		ELSE table_schema || '.' || table_name END AS name
		FROM information_schema.tables
		WHERE table_schema NOT IN ('pg_catalog', 'information_schema') ORDER BY 1`)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c, scrub(err, c.Password))
	}
	names, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return nil, fmt.Errorf("%s: %w", c, scrub(err, c.Password))
	}
	return names, nil
}

func loadPostgres(ctx context.Context, spec Spec, report progress.Func) (*data.Table, error) {
	c := *spec.Conn
	where := spec.String()
	conn, err := connectPG(ctx, c)
	if err != nil {
		return nil, err
	}
	defer conn.Close(context.Background())
	q, total, err := pgQuery(ctx, conn, spec)
	if err != nil {
		return nil, err
	}
	report.Send(0, "running the query")
	rows, err := conn.Query(ctx, limitQuery(q, spec.Limit))
	if err != nil {
		return nil, queryError(ctx, where, err, c.Password)
	}
	defer rows.Close()
	t, err := scanPGRows(ctx, rows, where, total, report)
	if err != nil {
		return nil, queryError(ctx, where, err, c.Password)
	}
	return t, nil
}

// pgQuery returns the query to run and the number of rows expected (-1 if
// unknown). A table that does not exist is reported as ErrNoTable.
func pgQuery(ctx context.Context, conn *pgx.Conn, spec Spec) (string, int, error) {
	total := -1
	q := spec.Query
	if q == "" {
		ident := pgx.Identifier(strings.Split(spec.Table, ".")).Sanitize()
		var exists bool
		if err := conn.QueryRow(ctx, "SELECT to_regclass($1) IS NOT NULL", ident).Scan(&exists); err != nil {
			return "", 0, queryError(ctx, spec.String(), err, spec.Conn.Password)
		}
		if !exists {
			return "", 0, fmt.Errorf("%s: %w %q", spec.Conn, ErrNoTable, spec.Table)
		}
		q = "SELECT * FROM " + ident
		var n int64
		if err := conn.QueryRow(ctx, "SELECT count(*) FROM "+ident).Scan(&n); err == nil {
			total = int(n)
		}
	}
	if spec.Limit > 0 && (total < 0 || total > spec.Limit) {
		total = spec.Limit
	}
	return q, total, nil
}

func queryError(ctx context.Context, where string, err error, pw Secret) error {
	if ctx.Err() != nil {
		return ctx.Err()
	}
	var pe *data.ParseError
	if errors.As(err, &pe) || strings.HasPrefix(err.Error(), where) {
		return scrub(err, pw)
	}
	return fmt.Errorf("%s: the query failed: %w", where, scrub(err, pw))
}
