package watch

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/contract"
	"modelbench/workflow/deploy/serve"
	"modelbench/workflow/deploy/serve/predlog"
	"modelbench/workflow/deploy/serve/servetest"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

const testKey = "k3y-not-to-be-printed"

// service is a scoring service on a titanic deployment with an SQLite
// log, behind API keys.
type service struct {
	f   *servetest.Fixture
	url string
	log string // the log's spec
	srv *serve.Server
	l   *predlog.Log
}

func newService(t *testing.T) *service {
	t.Helper()
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
	s := &service{f: f, log: "sqlite:" + filepath.Join(t.TempDir(), "log.db")}
	if s.l, err = predlog.Open(ctx, s.log, predlog.Options{}); err != nil {
		t.Fatal(err)
	}
	if s.srv, err = serve.New(d, serve.Options{Name: "titanic", Log: s.l, APIKeys: []string{testKey}}); err != nil {
		t.Fatal(err)
	}
	s.srv.Start()
	hs := httptest.NewServer(s.srv)
	s.url = hs.URL
	t.Cleanup(func() {
		hs.Close()
		s.srv.Close()
		s.l.Close(context.Background())
	})
	return s
}

func (s *service) post(t *testing.T, path string, body any) []byte {
	t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(http.MethodPost, s.url+path, bytes.NewReader(b))
	req.Header.Set("Authorization", "Bearer "+testKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out bytes.Buffer
	out.ReadFrom(resp.Body)
	if resp.StatusCode != 200 {
		t.Fatalf("%s: %d %s", path, resp.StatusCode, out.String())
	}
	return out.Bytes()
}

// records are the fixture's test rows as JSON records, typed by the
// contract.
func records(t *testing.T, f *servetest.Fixture) []map[string]any {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(f.TestNoTarget)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	var missing data.ParseOptions
	var out []map[string]any
	for _, row := range rows[1:] {
		m := map[string]any{}
		for j, h := range rows[0] {
			fl, _ := f.Contract.Field(h)
			switch cell := row[j]; {
			case missing.IsMissing(cell):
				m[h] = nil
			case fl.Type == contract.TypeNumber || fl.Type == contract.TypeInteger:
				v, err := strconv.ParseFloat(strings.TrimSpace(cell), 64)
				if err != nil {
					t.Fatal(err)
				}
				m[h] = v
			default:
				m[h] = cell
			}
		}
		out = append(out, m)
	}
	return out
}

// shifted copies recs with 30 years on every age and "unknown" as the sex
// of every other row.
func shifted(recs []map[string]any) []map[string]any {
	out := make([]map[string]any, len(recs))
	for i, r := range recs {
		c := map[string]any{}
		for k, v := range r {
			c[k] = v
		}
		if a, ok := c["age"].(float64); ok {
			c["age"] = a + 30
		}
		if i%2 == 0 {
			c["sex"] = "unknown"
		}
		out[i] = c
	}
	return out
}

// score sends recs and feedback for every other one; it returns how many
// outcomes were sent.
func (s *service) score(t *testing.T, recs []map[string]any) int {
	t.Helper()
	var resp serve.PredictResponse
	if err := json.Unmarshal(s.post(t, "/v1/predict", recs), &resp); err != nil {
		t.Fatal(err)
	}
	target, _ := s.f.Test.Lookup("survived")
	var fb []map[string]any
	for i, p := range resp.Predictions {
		if i%2 == 0 && !target.IsMissing(i) {
			fb = append(fb, map[string]any{"id": p.ID, "truth": target.Format(i)})
		}
	}
	s.post(t, "/v1/feedback", fb)
	if err := s.l.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	return len(fb)
}

// TestOpen_LogGivesTheServiceReport: the same window read from the
// running service and from its log directly gives the same report (the
// service reads typed columns, the log is streamed record by record), and
// drift shows on exactly the shifted features.
func TestOpen_LogGivesTheServiceReport(t *testing.T) {
	s := newService(t)
	recs := records(t, s.f)
	sent := s.score(t, recs) + s.score(t, shifted(recs))
	ctx := context.Background()
	svc, err := ParseSource(s.url+"/", "")
	if err != nil {
		t.Fatal(err)
	}
	fromService, err := Open(ctx, svc, Options{Window: LastDay, APIKey: testKey}, nil)
	if err != nil {
		t.Fatal(err)
	}
	lg, err := ParseSource(s.log, s.f.Dir)
	if err != nil {
		t.Fatal(err)
	}
	var fractions []float64
	fromLog, err := Open(ctx, lg, Options{Window: LastDay}, func(r progress.Report) { fractions = append(fractions, r.Fraction) })
	if err != nil {
		t.Fatal(err)
	}
	if fromLog.Rows != 2*len(recs) || fromService.Rows != fromLog.Rows || fromLog.ModelVersion != fromService.ModelVersion || len(fromLog.Versions) != 1 {
		t.Fatalf("rows: log %d (version %s), service %d (version %s); sent %d", fromLog.Rows, fromLog.ModelVersion, fromService.Rows, fromService.ModelVersion, 2*len(recs))
	}
	if len(fractions) == 0 || fractions[len(fractions)-1] != 1 {
		t.Errorf("progress %v", fractions)
	}
	a, b := fromService.Report, fromLog.Report
	if a.Feedback != sent || b.Feedback != sent || a.Live == nil || b.Live == nil {
		t.Fatalf("feedback: service %d, log %d, sent %d", a.Feedback, b.Feedback, sent)
	}
	for k, v := range a.Live.Metrics {
		if math.Abs(b.Live.Metrics[k]-v) > 1e-12 {
			t.Errorf("live %s: service %v, log %v", k, v, b.Live.Metrics[k])
		}
	}
	var drifted []string
	for i, fa := range a.Features {
		fb := b.Features[i]
		if fa.Name != fb.Name || fa.Drift.Test != fb.Drift.Test || fa.Drift.Drifted != fb.Drift.Drifted ||
			!near(fa.Drift.Statistic, fb.Drift.Statistic) || !near(fa.Drift.PValue, fb.Drift.PValue) || fa.Missing != fb.Missing {
			t.Errorf("%s: service %+v, log %+v", fa.Name, fa.Drift, fb.Drift)
		}
		if fa.Drift.Drifted {
			drifted = append(drifted, fa.Name)
		}
	}
	slices.Sort(drifted)
	if !slices.Equal(drifted, []string{"age", "sex"}) {
		t.Fatalf("drifted %v, want age and sex", drifted)
	}
	if fromLog.Expected == nil || fromLog.Expected.Test["accuracy"] != s.f.Metrics["test"]["accuracy"] {
		t.Errorf("the log's expected metrics %+v", fromLog.Expected)
	}
	if len(b.Activity) == 0 || b.Activity[0].Requests != 2*len(recs) {
		t.Errorf("activity %+v", b.Activity)
	}
	// The labelled rows are the ones with feedback.
	n, err := ScanLabelled(ctx, lg, Options{}, func(e *predlog.Logged) error {
		if e.Truth == nil || e.Inputs["passengerClass"] == nil && e.Inputs["age"] == nil {
			t.Errorf("a labelled row without truth or inputs: %+v", e)
		}
		return nil
	}, nil)
	if err != nil || n != sent {
		t.Fatalf("ScanLabelled: %d rows, %v; sent %d outcomes", n, err, sent)
	}
}

func near(a, b float64) bool {
	return a == b || math.IsNaN(a) && math.IsNaN(b) || math.IsInf(a, 1) && math.IsInf(b, 1) || math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(a))
}

// TestOpen_ServiceKeys: a missing or wrong key is said plainly and the
// key never appears in an error or the snapshot.
func TestOpen_ServiceKeys(t *testing.T) {
	s := newService(t)
	src, _ := ParseSource(s.url, "")
	ctx := context.Background()
	if _, err := Open(ctx, src, Options{Window: LastHour}, nil); err == nil || !strings.Contains(err.Error(), "needs an API key") {
		t.Fatalf("no key: %v", err)
	}
	if _, err := Open(ctx, src, Options{Window: LastHour, APIKey: "wrong-" + testKey}, nil); err == nil || !strings.Contains(err.Error(), "refused") || strings.Contains(err.Error(), testKey) {
		t.Fatalf("wrong key: %v", err)
	}
	snap, err := Open(ctx, src, Options{Window: LastHour, APIKey: testKey}, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.Marshal(snap)
	if strings.Contains(string(b), testKey) || snap.Report.Requests != 0 {
		t.Fatalf("snapshot %s", b)
	}
	if fs := Findings(snap, Thresholds{}); len(fs) != 1 || fs[0].Kind != "traffic" || Crossed(fs) {
		t.Fatalf("findings of an empty window %+v", fs)
	}
	if _, err := Open(ctx, Source{Kind: Service, Target: "http://127.0.0.1:1"}, Options{}, nil); err == nil || !strings.Contains(err.Error(), "cannot be reached") {
		t.Fatalf("unreachable: %v", err)
	}
}
