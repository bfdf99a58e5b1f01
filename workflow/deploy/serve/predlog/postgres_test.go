package predlog

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"testing"
	"time"
)

// PostgresURL returns the URL of a fresh schema in the test server
// MODELBENCH_TEST_PG names (.ci/postgres.sh starts it), dropped after the
// test. Without the variable the test is skipped, unless
// MODELBENCH_REQUIRE_CHROMIUM says this is CI, which must run it.
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
	schema := fmt.Sprintf("predlog_test_%d", time.Now().UnixNano())
	if _, err := db.Exec("CREATE SCHEMA " + schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		db, err := sql.Open("pgx", base)
		if err == nil {
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

// Two replicas share one log: what one writes, the other knows, and
// feedback sent to either joins the prediction.
func TestLog_PostgresSharedByTwoWriters(t *testing.T) {
	dsn := postgresURL(t)
	ctx := context.Background()
	a, err := Open(ctx, dsn, Options{MaxAge: -1})
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(ctx, dsn, Options{MaxAge: -1})
	if err != nil {
		t.Fatal(err)
	}
	for i := range 250 {
		w := a
		if i%2 == 1 {
			w = b
		}
		if err := w.Add(ctx, pred(i, t0.Add(time.Duration(i)*time.Second))); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	k, err := b.Known(ctx, []string{"p0000", "p0002", "p9999"})
	if err != nil || !k["p0000"] || !k["p0002"] || k["p9999"] {
		t.Fatalf("replica b knows %v (%v): want a's committed predictions only", k, err)
	}
	if err := b.AddFeedback(ctx, Feedback{ID: "p0000", Truth: "yes", Time: t0}); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if err := b.Close(ctx); err != nil {
		t.Fatal(err)
	}
	r, err := OpenReader(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)
	es, err := r.Entries(ctx, Query{})
	if err != nil || len(es) != 250 {
		t.Fatalf("%d entries (%v), want 250", len(es), err)
	}
	for i, e := range es {
		if e.ID != fmt.Sprintf("p%04d", i) || e.Inputs["age"] != float64(20+i) {
			t.Fatalf("entry %d: %+v", i, e)
		}
		if (i == 0) != (e.Truth == "yes") {
			t.Fatalf("entry %d truth %v", i, e.Truth)
		}
	}
	recent, err := r.Records(ctx, Query{Limit: 3, Since: t0.Add(100 * time.Second)})
	if err != nil || len(recent) != 3 || !recent[2].Time.Equal(t0.Add(249*time.Second)) {
		t.Fatalf("recent %d (%v)", len(recent), err)
	}
	// Retention works the same way in PostgreSQL.
	p, err := Open(ctx, dsn, Options{MaxRows: 100, MaxAge: -1})
	if err != nil {
		t.Fatal(err)
	}
	if s := p.Stats(); s.Pruned != 150 {
		t.Fatalf("pruned %d, want 150", s.Pruned)
	}
	p.Close(ctx)
}
