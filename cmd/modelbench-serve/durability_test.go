package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"sync"
	"testing"
	"time"

	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/deploy/serve/predlog"
)

// load sends single-record predictions from several clients until stop
// is closed and returns the ids of the acknowledged ones (status 200 and
// a decoded body). Requests that fail because the server went away are
// not acknowledged.
func load(s *server, recs []map[string]any, clients int, stop <-chan struct{}, acked chan<- string) *sync.WaitGroup {
	var wg sync.WaitGroup
	c := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	for k := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := k; ; i += clients {
				select {
				case <-stop:
					return
				default:
				}
				b, _ := json.Marshal(recs[i%len(recs)])
				resp, err := c.Post(s.URL+"/v1/predict", "application/json", bytes.NewReader(b))
				if err != nil {
					return // the server is gone
				}
				var r serve.PredictResponse
				err = json.NewDecoder(resp.Body).Decode(&r)
				resp.Body.Close()
				if err != nil || resp.StatusCode != http.StatusOK {
					if resp.StatusCode == http.StatusOK {
						return // the body was cut off: not acknowledged
					}
					continue
				}
				acked <- r.Predictions[0].ID
			}
		}()
	}
	return &wg
}

// loggedIDs reads every prediction id in a SQLite log.
func loggedIDs(t *testing.T, path string) map[string]bool {
	t.Helper()
	ctx := context.Background()
	l, err := predlog.OpenReader(ctx, "sqlite:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close(ctx)
	es, err := l.Entries(ctx, predlog.Query{})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, e := range es {
		ids[e.ID] = true
	}
	return ids
}

// underLoad starts the titanic server with a long flush interval (so
// that up to the queue's 256 entries wait to be written), loads it until
// at least n predictions are acknowledged, then calls end and returns
// the acknowledged ids.
func underLoad(t *testing.T, n int, end func(*server)) (*server, []string) {
	t.Helper()
	s := start(t, "titanic", nil, "--log-queue", "256", "--log-batch", "256", "--log-flush", "10s")
	recs := records(t, fixtures["titanic"])
	stop := make(chan struct{})
	acked := make(chan string, 1<<16)
	wg := load(s, recs, 4, stop, acked)
	for len(acked) < n {
		time.Sleep(5 * time.Millisecond)
	}
	end(s)
	close(stop)
	wg.Wait()
	close(acked)
	var ids []string
	for id := range acked {
		ids = append(ids, id)
	}
	return s, ids
}

// TestServe_SIGTERMLosesNothing: a clean shutdown under load writes every
// acknowledged prediction, although the flush interval had not come.
func TestServe_SIGTERMLosesNothing(t *testing.T) {
	s, acked := underLoad(t, 1500, (*server).stop)
	logged := loggedIDs(t, s.logDB)
	lost := 0
	for _, id := range acked {
		if !logged[id] {
			lost++
		}
	}
	t.Logf("%d acknowledged, %d logged", len(acked), len(logged))
	if lost > 0 {
		t.Fatalf("%d of %d acknowledged predictions are not in the log after SIGTERM", lost, len(acked))
	}
	if len(logged) > len(acked)+4 {
		t.Fatalf("%d logged for %d acknowledged (4 clients in flight at most)", len(logged), len(acked))
	}
}

// TestServe_KillLosesAtMostOneBatch: kill -9 under load loses at most the
// entries not yet committed, never more than the queue (--log-queue 256);
// the restarted server keeps every committed row, and feedback for them
// still works.
func TestServe_KillLosesAtMostOneBatch(t *testing.T) {
	s, acked := underLoad(t, 1500, (*server).kill)
	// Restart on the same log: SQLite recovers the write-ahead log.
	again := start(t, "titanic", nil, "--log", "sqlite:"+s.logDB)
	m := monitoring(t, again, "1h")
	again.stop()
	logged := loggedIDs(t, s.logDB)
	lost := 0
	var kept string
	for _, id := range acked {
		if !logged[id] {
			lost++
		} else {
			kept = id
		}
	}
	t.Logf("kill -9: %d acknowledged, %d logged, %d lost (the bound is 256)", len(acked), len(logged), lost)
	if lost > 256 {
		t.Fatalf("kill -9 lost %d acknowledged predictions; at most the queue's 256 may be lost", lost)
	}
	if m.Report.Requests != len(logged) {
		t.Fatalf("the restarted server reports %d rows, the log holds %d", m.Report.Requests, len(logged))
	}
	third := start(t, "titanic", nil, "--log", "sqlite:"+s.logDB)
	code, b := third.post("/v1/feedback", map[string]any{"id": kept, "truth": "yes"})
	want(t, "feedback for a prediction from before the restart", code, http.StatusOK, b)
}

// TestServe_RestartKeepsLog: predictions and feedback survive a restart.
func TestServe_RestartKeepsLog(t *testing.T) {
	s := start(t, "titanic", nil)
	recs := records(t, fixtures["titanic"])
	ids, _ := predictAll(t, s, recs[:40])
	code, b := s.post("/v1/feedback", map[string]any{"id": ids[0], "truth": "no"})
	want(t, "feedback", code, http.StatusOK, b)
	s.stop()
	again := start(t, "titanic", nil, "--log", "sqlite:"+s.logDB)
	predictAll(t, again, recs[40:50])
	rep := monitoring(t, again, "1h").Report
	if rep.Requests != 50 || rep.Feedback != 1 {
		t.Fatalf("after a restart: %d rows, %d with feedback; want 50 and 1", rep.Requests, rep.Feedback)
	}
}
