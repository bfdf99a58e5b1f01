package main

import (
	"database/sql"
	"fmt"
	"net/http"
	"net/url"
	"os"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib"
)

// postgresURL returns the URL of a fresh schema on the server
// MODELBENCH_TEST_PG names (.ci/postgres.sh starts it). Without it the
// test is skipped, unless MODELBENCH_REQUIRE_CHROMIUM marks a CI run,
// which must run it.
func postgresURL(t *testing.T) string {
	t.Helper()
	base := os.Getenv("MODELBENCH_TEST_PG")
	if base == "" {
		if os.Getenv("MODELBENCH_REQUIRE_CHROMIUM") != "" {
			t.Fatal("MODELBENCH_TEST_PG is not set: start PostgreSQL with .ci/postgres.sh")
		}
		t.Skip("MODELBENCH_TEST_PG is not set (bash .ci/postgres.sh | tail -1 gives it)")
	}
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	schema := fmt.Sprintf("serve_test_%d", time.Now().UnixNano())
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if db, err := sql.Open("pgx", base); err == nil {
			db.Exec("DROP SCHEMA " + schema + " CASCADE")
			db.Close()
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}

// TestServe_PostgresSharedLog: two replicas share one PostgreSQL log;
// feedback sent to one joins a prediction the other made, both report on
// every row, and the log outlives them.
func TestServe_PostgresSharedLog(t *testing.T) {
	dsn := postgresURL(t)
	a := start(t, "titanic", nil, "--log", dsn)
	b := start(t, "titanic", nil, "--log", dsn)
	recs := records(t, fixtures["titanic"])
	idsA, labelsA := predictAll(t, a, recs[:100])
	predictAll(t, b, recs[100:150])
	monitoring(t, a, "1h") // flushes a's queue
	var fb []map[string]any
	for i, id := range idsA[:30] {
		fb = append(fb, map[string]any{"id": id, "truth": labelsA[i]})
	}
	code, body := b.post("/v1/feedback", fb)
	want(t, "feedback on replica b for replica a's predictions", code, http.StatusOK, body)
	// Each replica sees the other's rows once they are committed (within
	// --log-flush): b first, whose report flushes its own queue.
	for _, s := range []*server{b, a} {
		rep := monitoring(t, s, "1h").Report
		if rep.Requests != 150 || rep.Feedback != 30 || rep.Live == nil || rep.Live.Metrics["accuracy"] != 1 {
			t.Fatalf("a replica reports %d rows, %d with feedback, live %+v; want 150, 30 and accuracy 1", rep.Requests, rep.Feedback, rep.Live)
		}
		if code, body := s.get("/readyz"); code != http.StatusOK {
			t.Fatalf("readyz %d %s", code, body)
		}
	}
	a.stop()
	b.stop()
	c := start(t, "titanic", nil, "--log", dsn)
	if rep := monitoring(t, c, "1h").Report; rep.Requests != 150 {
		t.Fatalf("after both stopped the log holds %d rows, want 150", rep.Requests)
	}
	if s := c.stderr.String(); containsPassword(s) {
		t.Fatalf("the log shows the database password:\n%s", s)
	}
}

func containsPassword(logs string) bool {
	u, err := url.Parse(os.Getenv("MODELBENCH_TEST_PG"))
	if err != nil || u.User == nil {
		return false
	}
	p, ok := u.User.Password()
	return ok && p != "" && contains(logs, p)
}

func contains(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}
