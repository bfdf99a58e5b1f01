package predlog

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"reflect"
	"testing"
	"time"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

func pred(i int, at time.Time) Prediction {
	return Prediction{ID: fmt.Sprintf("p%04d", i), Time: at, ModelVersion: "abc123",
		Inputs:        map[string]any{"age": float64(20 + i), "sex": []string{"male", "female"}[i%2], "ok": i%3 == 0, "gone": nil},
		Prediction:    []string{"yes", "no"}[i%2],
		Probabilities: map[string]float64{"yes": 0.25, "no": 0.75},
		Latency:       time.Duration(i+1) * time.Millisecond}
}

func openSQLiteLog(t testing.TB, path string, opt Options) *Log {
	t.Helper()
	l, err := Open(context.Background(), "sqlite:"+path, opt)
	if err != nil {
		t.Fatal(err)
	}
	return l
}

func TestLog_RoundTripWithFeedback(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	l := openSQLiteLog(t, path, Options{MaxAge: -1})
	ctx := context.Background()
	var ps []Prediction
	for i := range 30 {
		ps = append(ps, pred(i, t0.Add(time.Duration(i)*time.Second)))
	}
	if err := l.Add(ctx, ps...); err != nil {
		t.Fatal(err)
	}
	// Queued predictions are known before they are committed.
	if k, err := l.Known(ctx, []string{"p0003", "nope"}); err != nil || !k["p0003"] || k["nope"] {
		t.Fatalf("Known = %v, %v", k, err)
	}
	if err := l.AddFeedback(ctx, Feedback{ID: "p0003", Truth: "yes", Time: t0.Add(time.Hour)}, Feedback{ID: "p0004", Truth: "yes", Time: t0.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := l.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if s := l.Stats(); s.Written != 32 || s.Queued != 0 {
		t.Fatalf("stats %+v: want 32 written, none queued", s)
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if err := l.Add(ctx, pred(99, t0)); !errors.Is(err, ErrClosed) {
		t.Fatalf("Add after Close: %v", err)
	}

	r, err := OpenReader(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close(ctx)
	es, err := r.Entries(ctx, Query{})
	if err != nil {
		t.Fatal(err)
	}
	if len(es) != 30 {
		t.Fatalf("%d entries, want 30", len(es))
	}
	for i, e := range es {
		p := ps[i]
		want := map[string]any{"age": float64(20 + i), "sex": p.Inputs["sex"], "ok": p.Inputs["ok"], "gone": nil}
		if e.ID != p.ID || !e.Time.Equal(p.Time) || e.ModelVersion != "abc123" || e.Prediction != p.Prediction ||
			e.Latency != p.Latency || !reflect.DeepEqual(e.Inputs, want) || !reflect.DeepEqual(e.Probabilities, p.Probabilities) {
			t.Fatalf("entry %d = %+v, want %+v", i, e, p)
		}
		switch i {
		case 3, 4:
			if e.Truth != "yes" {
				t.Fatalf("entry %d truth %v, want yes", i, e.Truth)
			}
		default:
			if e.Truth != nil {
				t.Fatalf("entry %d has truth %v without feedback", i, e.Truth)
			}
		}
	}
	// Selections: a time range, the most recent rows, another version.
	recs, err := r.Records(ctx, Query{Since: t0.Add(10 * time.Second), Until: t0.Add(20 * time.Second)})
	if err != nil || len(recs) != 10 || !recs[0].Time.Equal(t0.Add(10*time.Second)) {
		t.Fatalf("range: %d records, %v", len(recs), err)
	}
	recs, err = r.Records(ctx, Query{Limit: 5})
	if err != nil || len(recs) != 5 || !recs[0].Time.Equal(t0.Add(25*time.Second)) || !recs[4].Time.Equal(t0.Add(29*time.Second)) {
		t.Fatalf("limit: %d records, %v", len(recs), err)
	}
	if recs, err = r.Records(ctx, Query{ModelVersion: "other"}); err != nil || len(recs) != 0 {
		t.Fatalf("other version: %d records, %v", len(recs), err)
	}
	if err := r.Add(ctx, pred(1, t0)); !errors.Is(err, ErrClosed) {
		t.Fatalf("Add to a reader: %v", err)
	}
}

func TestLog_DuplicateIDIgnored(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	l := openSQLiteLog(t, path, Options{MaxAge: -1})
	ctx := context.Background()
	first := pred(1, t0)
	second := pred(1, t0.Add(time.Minute))
	second.Prediction = "changed"
	if err := l.Add(ctx, first); err != nil {
		t.Fatal(err)
	}
	if err := l.Flush(ctx); err != nil {
		t.Fatal(err)
	}
	if err := l.Add(ctx, second, pred(2, t0)); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	r, _ := OpenReader(ctx, "sqlite:"+path)
	defer r.Close(ctx)
	es, err := r.Entries(ctx, Query{})
	if err != nil || len(es) != 2 || es[0].Prediction != first.Prediction {
		t.Fatalf("entries %+v, %v: want the first p0001 kept and p0002 written", es, err)
	}
}

func TestLog_CloseCommitsEverythingQueued(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	// A flush interval far longer than the test: only Close commits.
	l := openSQLiteLog(t, path, Options{FlushInterval: time.Hour, MaxBatch: 10_000, MaxAge: -1})
	ctx := context.Background()
	for i := range 500 {
		if err := l.Add(ctx, pred(i, t0)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, path); n != 500 {
		t.Fatalf("%d rows after Close, want 500", n)
	}
}

// Backpressure: with the database locked by another connection, the
// writer cannot commit; once QueueSize entries wait, Add waits too and
// gives up with ErrFull when its context ends. Nothing is dropped: when
// the lock goes, everything queued is written.
func TestLog_FullQueueAppliesBackpressure(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	l := openSQLiteLog(t, path, Options{QueueSize: 4, MaxBatch: 2, FlushInterval: time.Millisecond, MaxAge: -1})
	ctx := context.Background()
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=busy_timeout(10000)")
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
	for i := range 4 {
		if err := l.Add(ctx, pred(i, t0)); err != nil {
			t.Fatalf("Add %d with room in the queue: %v", i, err)
		}
	}
	short, cancel := context.WithTimeout(ctx, 200*time.Millisecond)
	err = l.Add(short, pred(4, t0))
	cancel()
	if !errors.Is(err, ErrFull) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Add to a full queue: %v, want ErrFull after the deadline", err)
	}
	if s := l.Stats(); s.Waits != 1 || s.Full != 1 || s.Queued != 4 {
		t.Fatalf("stats %+v: want one wait, one give-up, 4 queued", s)
	}
	// A waiting Add proceeds once the writer makes room.
	done := make(chan error, 1)
	go func() { done <- l.Add(ctx, pred(5, t0)) }()
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	if err := <-done; err != nil {
		t.Fatalf("Add after the lock was released: %v", err)
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	if n := count(t, path); n != 5 {
		t.Fatalf("%d rows, want the 4 queued and the one that waited", n)
	}
}

func TestLog_RetentionByRowsAndAge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	ctx := context.Background()
	l := openSQLiteLog(t, path, Options{MaxRows: -1, MaxAge: -1})
	now := time.Now()
	for i := range 25 {
		at := now.Add(time.Duration(i-25) * time.Minute)
		if i < 5 {
			at = now.Add(-40 * 24 * time.Hour) // older than the default 30 days
		}
		if err := l.Add(ctx, pred(i, at)); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	// Reopening applies the limits: age first, then at most 10 rows.
	l = openSQLiteLog(t, path, Options{MaxRows: 10})
	if s := l.Stats(); s.Pruned != 15 {
		t.Fatalf("pruned %d, want 5 by age and 10 by count", s.Pruned)
	}
	es, err := l.Entries(ctx, Query{})
	l.Close(ctx)
	if err != nil || len(es) != 10 || es[0].ID != "p0015" || es[9].ID != "p0024" {
		t.Fatalf("kept %d entries (%v), want p0015..p0024", len(es), err)
	}
}

func TestOpen_Errors(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	for _, spec := range []string{"", "mysql://x", "sqlite:", "sqlite:" + dir, "sqlite:" + filepath.Join(dir, "no", "such", "dir", "log.db")} {
		if _, err := Open(ctx, spec, Options{}); err == nil {
			t.Errorf("Open(%q) succeeded", spec)
		}
	}
	if _, err := OpenReader(ctx, "sqlite:"+filepath.Join(dir, "missing.db")); err == nil {
		t.Error("OpenReader of a missing file succeeded")
	}
	other := filepath.Join(dir, "other.db")
	db, _ := sql.Open("sqlite", other)
	if _, err := db.Exec("CREATE TABLE t (x)"); err != nil {
		t.Fatal(err)
	}
	db.Close()
	if _, err := OpenReader(ctx, "sqlite:"+other); !errors.Is(err, ErrNotLog) {
		t.Errorf("OpenReader of another database: %v, want ErrNotLog", err)
	}
	if _, err := Open(ctx, "postgres://u:secret@127.0.0.1:1/db?connect_timeout=1", Options{}); err == nil || containsSecret(err.Error()) {
		t.Errorf("Open of an unreachable server: %v (must fail without showing the password)", err)
	}
}

func containsSecret(s string) bool {
	for i := 0; i+6 <= len(s); i++ {
		if s[i:i+6] == "secret" {
			return true
		}
	}
	return false
}

func count(t *testing.T, path string) int {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+path+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow("SELECT COUNT(*) FROM " + predTable).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// TestLog_RawInputsAndOddValues: inputs given as JSON text are written as
// they are; probabilities and predictions that JSON cannot hold become
// null instead of stopping the writer.
func TestLog_RawInputsAndOddValues(t *testing.T) {
	path := filepath.Join(t.TempDir(), "log.db")
	l := openSQLiteLog(t, path, Options{MaxAge: -1})
	ctx := context.Background()
	raw := pred(1, t0)
	raw.Inputs = nil
	raw.InputsJSON = []byte(`{"age": 31, "sex": "fe\"male", "extra": [1, 2]}`)
	raw.Probabilities = map[string]float64{"b\"": 0.5, "a": math.NaN()}
	odd := pred(2, t0)
	odd.Prediction = math.Inf(1)
	odd.Inputs = map[string]any{"x": math.NaN()}
	if err := l.Add(ctx, raw, odd); err != nil {
		t.Fatal(err)
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	r, _ := OpenReader(ctx, "sqlite:"+path)
	defer r.Close(ctx)
	es, err := r.Entries(ctx, Query{})
	if err != nil || len(es) != 2 {
		t.Fatalf("%d entries, %v", len(es), err)
	}
	want := map[string]any{"age": float64(31), "sex": `fe"male`, "extra": []any{float64(1), float64(2)}}
	if !reflect.DeepEqual(es[0].Inputs, want) || es[0].Probabilities["b\""] != 0.5 {
		t.Fatalf("raw inputs read back as %v, probabilities %v", es[0].Inputs, es[0].Probabilities)
	}
	if es[1].Prediction != nil || es[1].Inputs["x"] != nil {
		t.Fatalf("odd values read back as %v, %v", es[1].Prediction, es[1].Inputs)
	}
}
