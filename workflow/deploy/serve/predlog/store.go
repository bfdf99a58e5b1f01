package predlog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the pure-Go "sqlite" driver
)

// sqlStore keeps the log in SQLite or PostgreSQL through database/sql.
type sqlStore struct {
	db       *sql.DB
	d        dialect
	label    string
	full     string    // the insert of rowsPerInsert rows
	fullStmt *sql.Stmt // full, prepared once (nil for a reader)
}

// openSQLite opens the log file at path (creating it when create is set;
// its folder must exist).
func openSQLite(ctx context.Context, path string, create bool) (store, error) {
	if path == "" {
		return nil, errors.New("the log sqlite: names no file")
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(abs); err == nil && st.IsDir() {
		return nil, fmt.Errorf("the log %s is a folder, not a file", path)
	} else if err != nil && (!create || !errors.Is(err, os.ErrNotExist)) {
		return nil, fmt.Errorf("the log %s: %w", path, err)
	}
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	if create {
		q.Add("_pragma", "journal_mode(WAL)")
		q.Add("_pragma", "synchronous(NORMAL)")
		q.Set("_txlock", "immediate")
	} else {
		q.Set("mode", "ro")
	}
	u := url.URL{Scheme: "file", Path: filepath.ToSlash(abs), RawQuery: q.Encode()}
	db, err := sql.Open("sqlite", u.String())
	if err != nil {
		return nil, fmt.Errorf("the log %s: %w", path, err)
	}
	db.SetMaxOpenConns(4)
	return newSQLStore(ctx, db, sqliteDialect, "sqlite:"+path, create)
}

// openPostgres connects to the log's database at the URL.
func openPostgres(ctx context.Context, dsn string, create bool) (store, error) {
	label := redact(dsn)
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("the log %s: %w", label, err)
	}
	db.SetMaxOpenConns(8)
	db.SetConnMaxIdleTime(5 * time.Minute)
	return newSQLStore(ctx, db, postgresDialect, label, create)
}

// redact hides a URL's password.
func redact(spec string) string {
	u, err := url.Parse(spec)
	if err != nil || u.User == nil {
		if err != nil {
			return "(an unreadable URL)"
		}
		return spec
	}
	return u.Redacted()
}

func newSQLStore(ctx context.Context, db *sql.DB, d dialect, label string, create bool) (store, error) {
	s := &sqlStore{db: db, d: d, label: label, full: d.insert(rowsPerInsert)}
	fail := func(err error) (store, error) {
		db.Close()
		return nil, fmt.Errorf("the log %s: %w", label, err)
	}
	if err := db.PingContext(ctx); err != nil {
		return fail(err)
	}
	if create {
		for _, stmt := range d.schema() {
			if _, err := db.ExecContext(ctx, stmt); err != nil {
				return fail(err)
			}
		}
	}
	if err := s.checkMeta(ctx, create); err != nil {
		return fail(err)
	}
	if create {
		stmt, err := db.PrepareContext(ctx, s.full)
		if err != nil {
			return fail(err)
		}
		s.fullStmt = stmt
	}
	return s, nil
}

// checkMeta reads the log's format and version, writing them into a new
// log.
func (s *sqlStore) checkMeta(ctx context.Context, create bool) error {
	var format string
	var version int
	err := s.db.QueryRowContext(ctx, "SELECT format, version FROM "+metaTable).Scan(&format, &version)
	switch {
	case errors.Is(err, sql.ErrNoRows) && create:
		_, err = s.db.ExecContext(ctx, "INSERT INTO "+metaTable+" (format, version) VALUES ("+s.d.param(1)+", "+s.d.param(2)+")", Format, Version)
		return err
	case err != nil:
		return fmt.Errorf("%w (%v)", ErrNotLog, err)
	case format != Format:
		return fmt.Errorf("%w (format %q)", ErrNotLog, format)
	case version > Version:
		return fmt.Errorf("the log has version %d; this Modelbench reads versions 1 to %d", version, Version)
	}
	return nil
}

func (s *sqlStore) name() string { return s.label }

func (s *sqlStore) write(ctx context.Context, es []encoded) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	defer tx.Rollback() //nolint:errcheck // a no-op after Commit
	var preds []encoded
	flush := func() error {
		for len(preds) > 0 {
			n := min(len(preds), rowsPerInsert)
			var err error
			if n == rowsPerInsert && s.fullStmt != nil {
				_, err = tx.StmtContext(ctx, s.fullStmt).ExecContext(ctx, insertArgs(preds[:n])...)
			} else {
				_, err = tx.ExecContext(ctx, s.d.insert(n), insertArgs(preds[:n])...)
			}
			if err != nil {
				return err
			}
			preds = preds[n:]
		}
		return nil
	}
	for _, e := range es {
		if !e.feedback {
			preds = append(preds, e)
			continue
		}
		if err := flush(); err != nil { // keep predictions before their feedback
			return err
		}
		if _, err := tx.ExecContext(ctx, s.d.feedback(), e.truth, e.timeUS, e.id); err != nil {
			return err
		}
	}
	if err := flush(); err != nil {
		return err
	}
	return tx.Commit()
}

func (s *sqlStore) known(ctx context.Context, ids []string) (map[string]bool, error) {
	out := map[string]bool{}
	for len(ids) > 0 {
		n := min(len(ids), 500)
		args := make([]any, n)
		for i := range n {
			args[i] = ids[i]
		}
		rows, err := s.db.QueryContext(ctx, s.d.knownIDs(n), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return nil, err
			}
			out[id] = true
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
		if err := rows.Err(); err != nil {
			return nil, err
		}
		ids = ids[n:]
	}
	return out, nil
}

func (s *sqlStore) prune(ctx context.Context, cutoff time.Time, maxRows int64) (int64, error) {
	var total int64
	if !cutoff.IsZero() {
		res, err := s.db.ExecContext(ctx, s.d.pruneAge(), micros(cutoff))
		if err != nil {
			return total, err
		}
		n, _ := res.RowsAffected()
		total += n
	}
	if maxRows >= 0 {
		res, err := s.db.ExecContext(ctx, s.d.pruneRows(), maxRows)
		if err != nil {
			return total, err
		}
		n, _ := res.RowsAffected()
		total += n
	}
	return total, nil
}

func (s *sqlStore) scan(ctx context.Context, q Query, fn func(*row) error) error {
	stmt, args := s.d.selectRows(q)
	rows, err := s.db.QueryContext(ctx, stmt, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var r row
		var seq int64
		if err := rows.Scan(&seq, &r.id, &r.timeUS, &r.version, &r.inputs, &r.prediction, &r.probs, &r.latencyUS, &r.truth); err != nil {
			return err
		}
		if err := fn(&r); err != nil {
			return err
		}
	}
	return rows.Err()
}

func (s *sqlStore) versions(ctx context.Context, q Query) ([]VersionCount, error) {
	stmt, args := s.d.selectVersions(q)
	rows, err := s.db.QueryContext(ctx, stmt, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []VersionCount
	for rows.Next() {
		var v VersionCount
		var first, last int64
		if err := rows.Scan(&v.ModelVersion, &v.Rows, &first, &last, &v.Feedback); err != nil {
			return nil, err
		}
		v.First, v.Last = time.UnixMicro(first).UTC(), time.UnixMicro(last).UTC()
		out = append(out, v)
	}
	return out, rows.Err()
}

func (s *sqlStore) ping(ctx context.Context) error { return s.db.PingContext(ctx) }

func (s *sqlStore) close() error {
	if s.fullStmt != nil {
		s.fullStmt.Close()
	}
	return s.db.Close()
}
