package predlog

import (
	"strconv"
	"strings"
	"time"
)

// The log's tables, the same in SQLite and PostgreSQL (apart from the
// sequence column's type). Times are Unix microseconds; inputs,
// predictions, probabilities and truths are JSON text.
const (
	metaTable = "modelbench_log_meta"
	predTable = "modelbench_predictions"
	// Format and Version identify the layout in the meta table; a log
	// with a newer version is refused.
	Format  = "modelbench.predictions"
	Version = 1
)

// dialect is what differs between SQLite and PostgreSQL.
type dialect struct {
	seqType string
	// param returns the n-th (1-based) placeholder.
	param func(n int) string
	// insertPrefix and insertSuffix wrap the VALUES of an insert that
	// ignores IDs already logged.
	insertPrefix, insertSuffix string
}

var sqliteDialect = dialect{
	seqType:      "INTEGER PRIMARY KEY",
	param:        func(int) string { return "?" },
	insertPrefix: "INSERT OR IGNORE INTO " + predTable,
}

var postgresDialect = dialect{
	seqType:      "BIGSERIAL PRIMARY KEY",
	param:        func(n int) string { return "$" + strconv.Itoa(n) },
	insertPrefix: "INSERT INTO " + predTable,
	insertSuffix: " ON CONFLICT (id) DO NOTHING",
}

func (d dialect) schema() []string {
	return []string{
		"CREATE TABLE IF NOT EXISTS " + metaTable + " (format TEXT NOT NULL, version INTEGER NOT NULL)",
		"CREATE TABLE IF NOT EXISTS " + predTable + ` (
	seq ` + d.seqType + `,
	id TEXT NOT NULL UNIQUE,
	time_us BIGINT NOT NULL,
	model_version TEXT NOT NULL,
	inputs TEXT NOT NULL,
	prediction TEXT NOT NULL,
	probabilities TEXT,
	latency_us BIGINT NOT NULL,
	truth TEXT,
	feedback_us BIGINT
)`,
		"CREATE INDEX IF NOT EXISTS " + predTable + "_time ON " + predTable + " (time_us)",
	}
}

// insertColumns are the columns an insert fills, in order.
const insertColumns = "(id, time_us, model_version, inputs, prediction, probabilities, latency_us)"

const insertWidth = 7

// rowsPerInsert is how many predictions one INSERT statement carries.
const rowsPerInsert = 100

// insert returns an INSERT of n rows.
func (d dialect) insert(n int) string {
	var b strings.Builder
	b.WriteString(d.insertPrefix)
	b.WriteString(" " + insertColumns + " VALUES ")
	p := 1
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteByte('(')
		for j := range insertWidth {
			if j > 0 {
				b.WriteByte(',')
			}
			b.WriteString(d.param(p))
			p++
		}
		b.WriteByte(')')
	}
	b.WriteString(d.insertSuffix)
	return b.String()
}

func insertArgs(es []encoded) []any {
	args := make([]any, 0, len(es)*insertWidth)
	for _, e := range es {
		var probs any
		if e.probs != nil {
			probs = *e.probs
		}
		args = append(args, e.id, e.timeUS, e.version, e.inputs, e.prediction, probs, e.latencyUS)
	}
	return args
}

func (d dialect) feedback() string {
	return "UPDATE " + predTable + " SET truth = " + d.param(1) + ", feedback_us = " + d.param(2) + " WHERE id = " + d.param(3)
}

// selectRows returns the query of q and its arguments.
func (d dialect) selectRows(q Query) (string, []any) {
	where, args := d.conditions(q)
	cols := "seq, id, time_us, model_version, inputs, prediction, probabilities, latency_us, truth"
	sql := "SELECT " + cols + " FROM " + predTable + whereClause(where)
	if q.Limit > 0 {
		args = append(args, q.Limit)
		sql = "SELECT " + cols + " FROM (" + sql + " ORDER BY time_us DESC, seq DESC LIMIT " + d.param(len(args)) + ") AS recent"
	}
	return sql + " ORDER BY time_us, seq", args
}

// selectVersions counts the rows q selects (Limit aside) per model
// version, with their first and last times and how many have feedback.
func (d dialect) selectVersions(q Query) (string, []any) {
	where, args := d.conditions(q)
	return "SELECT model_version, COUNT(*), MIN(time_us), MAX(time_us), COUNT(truth) FROM " + predTable + whereClause(where) +
		" GROUP BY model_version ORDER BY MIN(time_us)", args
}

func whereClause(where []string) string {
	if len(where) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(where, " AND ")
}

// conditions are q's time and version conditions with their arguments.
func (d dialect) conditions(q Query) ([]string, []any) {
	var where []string
	var args []any
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.Replace(cond, "?", d.param(len(args)), 1))
	}
	if !q.Since.IsZero() {
		add("time_us >= ?", q.Since.UnixMicro())
	}
	if !q.Until.IsZero() {
		add("time_us < ?", q.Until.UnixMicro())
	}
	if q.ModelVersion != "" {
		add("model_version = ?", q.ModelVersion)
	}
	return where, args
}

// pruneAge and pruneRows delete by age and beyond a row count.
func (d dialect) pruneAge() string {
	return "DELETE FROM " + predTable + " WHERE time_us < " + d.param(1)
}

func (d dialect) pruneRows() string {
	return "DELETE FROM " + predTable + " WHERE seq <= (SELECT seq FROM " + predTable + " ORDER BY seq DESC LIMIT 1 OFFSET " + d.param(1) + ")"
}

func (d dialect) knownIDs(n int) string {
	var b strings.Builder
	b.WriteString("SELECT id FROM " + predTable + " WHERE id IN (")
	for i := range n {
		if i > 0 {
			b.WriteByte(',')
		}
		b.WriteString(d.param(i + 1))
	}
	b.WriteByte(')')
	return b.String()
}

func micros(t time.Time) int64 { return t.UnixMicro() }
