package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/serve/predlog"
	"modelbench/workflow/deploy/serve/servetest"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/synth"
)

var (
	forestOnce sync.Once
	forestFix  *servetest.Fixture
	forestErr  error
	forestRoot string // removed by TestMain
)

// forestFixture is the benchmark's deployment: a 100-tree forest on 12,000
// synthetic rows of 20 numeric features (as make bench-serve uses).
func forestFixture(b *testing.B) *servetest.Fixture {
	forestOnce.Do(func() {
		var csv bytes.Buffer
		if forestErr = synth.Write(&csv, synth.Spec{Rows: 20000, Task: synth.Classification, Seed: 42}); forestErr != nil {
			return
		}
		if forestRoot, forestErr = os.MkdirTemp("", "serve-bench-"); forestErr != nil {
			return
		}
		forestFix, forestErr = servetest.Build(context.Background(), filepath.Join(forestRoot, "forest"), servetest.Spec{Sample: "synth", Data: csv.Bytes(),
			Target: "y", Task: model.Classification, Learner: "forest", Params: param.Values{"n_estimators": 100}, Drop: []string{"cat_a", "cat_b"}})
	})
	if forestErr != nil {
		b.Fatal(forestErr)
	}
	return forestFix
}

// BenchmarkPredict_ForestOneRow is one /v1/predict request of one JSON
// record through the handler (no network), from parallel clients, with
// the SQLite log: the server's own cost of a single-row prediction.
func BenchmarkPredict_ForestOneRow(b *testing.B) {
	f := forestFixture(b)
	d, err := LoadDir(f.Dir)
	if err != nil {
		b.Fatal(err)
	}
	l, err := predlog.Open(context.Background(), "sqlite:"+filepath.Join(b.TempDir(), "log.db"), predlog.Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer l.Close(context.Background())
	s, err := New(d, Options{Log: l, APIKeys: []string{"bench-key-0123456789"}})
	if err != nil {
		b.Fatal(err)
	}
	var bodies [][]byte
	for r := range 100 {
		rec := map[string]any{}
		for _, in := range d.Artifact.Input {
			c, _ := f.Test.Lookup(in.Name)
			rec[in.Name] = c.(*data.NumericColumn).At(r)
		}
		body, _ := json.Marshal(rec)
		bodies = append(bodies, body)
	}
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			i++
			req := httptest.NewRequest(http.MethodPost, "/v1/predict", bytes.NewReader(bodies[i%len(bodies)]))
			req.Header.Set("Content-Type", "application/json")
			req.Header.Set("Authorization", "Bearer bench-key-0123456789")
			w := httptest.NewRecorder()
			s.ServeHTTP(w, req)
			if w.Code != 200 {
				b.Fatalf("%d %s", w.Code, w.Body)
			}
		}
	})
}
