package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"modelbench/workflow/deploy/serve/predlog"
	"modelbench/workflow/deploy/serve/servetest"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
)

// The deployment directories the tests share, built once.
var (
	fixtureOnce sync.Once
	fixtures    map[string]*servetest.Fixture
	fixtureErr  error
	fixtureRoot string
)

var fixtureSpecs = map[string]servetest.Spec{
	"titanic":  {Sample: "titanic", Task: model.Classification, Learner: "forest", Params: param.Values{"n_estimators": 20}, Drop: []string{"name"}},
	"penguins": {Sample: "penguins", Task: model.Classification, Learner: "logistic"},
	"diamonds": {Sample: "diamonds", Target: "price", Task: model.Regression, Learner: "linear", Drop: []string{"cut", "color", "clarity"}, Rows: 3000},
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, dir := range []string{fixtureRoot, forestRoot} {
		if dir != "" {
			os.RemoveAll(dir)
		}
	}
	os.Exit(code)
}

func fixture(t testing.TB, name string) *servetest.Fixture {
	t.Helper()
	fixtureOnce.Do(func() {
		fixtureRoot, fixtureErr = os.MkdirTemp("", "serve-fixtures-")
		if fixtureErr != nil {
			return
		}
		fixtures = map[string]*servetest.Fixture{}
		for n, s := range fixtureSpecs {
			f, err := servetest.Build(context.Background(), filepath.Join(fixtureRoot, n), s)
			if err != nil {
				fixtureErr = err
				return
			}
			fixtures[n] = f
		}
	})
	if fixtureErr != nil {
		t.Fatal(fixtureErr)
	}
	return fixtures[name]
}

// testServer serves a fixture with a fresh SQLite log through httptest.
type testServer struct {
	*Server
	URL string
	Log *predlog.Log
	hs  *httptest.Server
}

func newTestServer(t testing.TB, name string, opt Options) *testServer {
	t.Helper()
	f := fixture(t, name)
	d, err := LoadDir(f.Dir)
	if err != nil {
		t.Fatal(err)
	}
	if opt.Log == nil {
		l, err := predlog.Open(context.Background(), "sqlite:"+filepath.Join(t.TempDir(), "log.db"), predlog.Options{})
		if err != nil {
			t.Fatal(err)
		}
		opt.Log = l
		t.Cleanup(func() { l.Close(context.Background()) })
	}
	s, err := New(d, opt)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(s)
	t.Cleanup(hs.Close)
	return &testServer{Server: s, URL: hs.URL, Log: opt.Log, hs: hs}
}

// do sends a request and returns the status and the body.
func (ts *testServer) do(t testing.TB, method, path, contentType string, body []byte, header ...string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, ts.URL+path, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, b
}

func (ts *testServer) postJSON(t testing.TB, path string, v any) (int, []byte) {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return ts.do(t, http.MethodPost, path, "application/json", b)
}

func decode[T any](t testing.TB, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return v
}
