package serve

import (
	"context"
	"database/sql"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"modelbench/workflow/deploy/serve/predlog"
)

// TestPredict_FullLogQueueIs503: when the log cannot be written (here:
// another connection holds the SQLite file locked) and its queue is full,
// a request waits LogWait and fails with 503, and nothing it scored is
// acknowledged; when the database
// is free again, everything queued is written and requests succeed.
func TestPredict_FullLogQueueIs503(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	ctx := context.Background()
	l, err := predlog.Open(ctx, "sqlite:"+path, predlog.Options{QueueSize: 3, MaxBatch: 3, FlushInterval: time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close(ctx)
	ts := newTestServer(t, "titanic", Options{Log: l, LogWait: 300 * time.Millisecond})
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(20000)")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(ctx, "BEGIN EXCLUSIVE"); err != nil {
		t.Fatal(err)
	}
	rec := map[string]any{"sex": "male", "age": 30, "passengerClass": "3rd"}
	for i := range 3 {
		if code, b := ts.postJSON(t, "/v1/predict", rec); code != 200 {
			t.Fatalf("request %d with room in the queue: %d %s", i+1, code, b)
		}
	}
	code, b := ts.postJSON(t, "/v1/predict", rec)
	if code != http.StatusServiceUnavailable || !strings.Contains(decode[errorBody](t, b).Error, "prediction log is full") {
		t.Fatalf("a request with the queue full: %d %s", code, b)
	}
	if s := l.Stats(); s.Full != 1 || s.Queued != 3 {
		t.Fatalf("log stats %+v", s)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	if err := l.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if code, b := ts.postJSON(t, "/v1/predict", rec); code != 200 {
		t.Fatalf("after the lock: %d %s", code, b)
	}
	if code, b := ts.do(t, http.MethodGet, "/readyz", "", nil); code != 200 {
		t.Fatalf("readyz after recovery: %d %s", code, b)
	}
	l.Flush(ctx)
	es, err := l.Entries(ctx, predlog.Query{})
	if err != nil || len(es) != 4 {
		t.Fatalf("%d logged (%v), want the 3 acknowledged before and 1 after; the refused one is not logged", len(es), err)
	}
}
