package watch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"
	"time"

	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/deploy/serve/predlog"
	"modelbench/workflow/deploy/serve/servetest"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// TestOpen_MillionPredictionLog measures what the Monitor view does with a
// large log: a million titanic predictions (half of them shifted, a fifth
// with feedback) written with the service's own log writer into SQLite,
// then opened as the view opens it (Open, streamed). It reports the
// time, the peak heap and how often progress was reported — the view
// runs this in the task runner and applies only the small Snapshot, so
// the window never waits for it. Opt in with MODELBENCH_MILLION=1 (about
// a minute to write the log here); it asserts the counts, never a time.
func TestOpen_MillionPredictionLog(t *testing.T) {
	if os.Getenv("MODELBENCH_MILLION") == "" {
		t.Skip("set MODELBENCH_MILLION=1 to write and open a million-prediction log")
	}
	const n = 1_000_000
	ctx := context.Background()
	dir := filepath.Join(t.TempDir(), "titanic")
	f, err := servetest.Build(ctx, dir, servetest.Spec{Sample: "titanic", Task: model.Classification, Learner: "tree",
		Params: param.Values{"max_depth": 4}, Drop: []string{"name"}})
	if err != nil {
		t.Fatal(err)
	}
	d, err := serve.LoadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	recs := records(t, f)
	moved := shifted(recs)
	spec := "sqlite:" + filepath.Join(t.TempDir(), "big.db")
	l, err := predlog.Open(ctx, spec, predlog.Options{MaxAge: -1, QueueSize: 50_000})
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	t0 := start.UTC().Add(-7 * 24 * time.Hour)
	const batch = 10_000
	for lo := 0; lo < n; lo += batch {
		ps := make([]predlog.Prediction, 0, batch)
		var fb []predlog.Feedback
		for i := lo; i < lo+batch; i++ {
			in := recs[i%len(recs)]
			if i >= n/2 {
				in = moved[i%len(moved)]
			}
			id := fmt.Sprint("p", i)
			at := t0.Add(time.Duration(i) * 600 * time.Millisecond)
			ps = append(ps, predlog.Prediction{ID: id, Time: at, ModelVersion: d.ModelVersion, Inputs: in, Prediction: "0", Latency: time.Millisecond})
			if i%5 == 0 {
				fb = append(fb, predlog.Feedback{ID: id, Truth: "1", Time: at})
			}
		}
		if err := l.Add(ctx, ps...); err != nil {
			t.Fatal(err)
		}
		if err := l.AddFeedback(ctx, fb...); err != nil {
			t.Fatal(err)
		}
	}
	if err := l.Close(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("wrote %d predictions in %v", n, time.Since(start).Round(time.Millisecond))

	src, err := ParseSource(spec, dir)
	if err != nil {
		t.Fatal(err)
	}
	var reports int
	var peak uint64
	stop := make(chan struct{})
	done := make(chan struct{})
	go func() { // sample the heap while the log is read
		defer close(done)
		var ms runtime.MemStats
		for {
			select {
			case <-stop:
				return
			case <-time.After(50 * time.Millisecond):
				runtime.ReadMemStats(&ms)
				peak = max(peak, ms.HeapInuse)
			}
		}
	}()
	start = time.Now()
	s, err := Open(ctx, src, Options{Window: All}, func(progress.Report) { reports++ })
	took := time.Since(start)
	close(stop)
	<-done
	if err != nil {
		t.Fatal(err)
	}
	if s.Rows != n || s.Report.Feedback != n/5 || !s.Report.Features[0].Drift.Drifted {
		t.Fatalf("read %d rows, %d with feedback; top feature %+v", s.Rows, s.Report.Feedback, s.Report.Features[0])
	}
	t.Logf("opened %d predictions in %v (%.0f rows/s), peak heap in use %.0f MiB, %d progress reports",
		n, took.Round(time.Millisecond), float64(n)/took.Seconds(), float64(peak)/(1<<20), reports)
}
