package cli

// The end-to-end test of the monitoring loop: a project is served by the
// real modelbench-serve binary on loopback, gets the test rows and a
// shifted copy with their outcomes, and `modelbench monitor`,
// `modelbench evaluate` and `modelbench retrain` close the loop on its
// log: drift on exactly the shifted features, live metrics equal to
// evaluate's, a retrained version 2 that scores better and is served as a
// new model version.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"modelbench/workflow"
	"modelbench/workflow/data"
	"modelbench/workflow/deploy/serve"
)

var (
	serveBinOnce sync.Once
	serveBin     string
	serveBinErr  error
)

// serveBinary builds cmd/modelbench-serve without cgo, once per test run.
func serveBinary(t *testing.T) string {
	t.Helper()
	serveBinOnce.Do(func() {
		dir, err := os.MkdirTemp("", "modelbench-loop-")
		if err != nil {
			serveBinErr = err
			return
		}
		serveBin = filepath.Join(dir, "modelbench-serve")
		cmd := exec.Command("go", "build", "-o", serveBin, "../cmd/modelbench-serve")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
		if out, err := cmd.CombinedOutput(); err != nil {
			serveBinErr = fmt.Errorf("building modelbench-serve: %v\n%s", err, out)
		}
	})
	if serveBinErr != nil {
		t.Fatal(serveBinErr)
	}
	return serveBin
}

const loopKey = "loop-test-key-never-printed"

// liveServer is a running modelbench-serve process.
type liveServer struct {
	url  string
	cmd  *exec.Cmd
	done chan error
	errb *bytes.Buffer
	mu   *sync.Mutex
}

// startServer runs the binary on dir with an SQLite log at logPath and an
// API key, and waits until it listens.
func startServer(t *testing.T, dir, logPath string) *liveServer {
	t.Helper()
	cmd := exec.Command(serveBinary(t), dir, "--addr", "127.0.0.1:0", "--log", "sqlite:"+logPath, "--name", "titanic")
	cmd.Env = append(os.Environ(), serve.EnvAPIKeys+"="+loopKey)
	pr, pw := io.Pipe()
	s := &liveServer{cmd: cmd, done: make(chan error, 1), errb: &bytes.Buffer{}, mu: &sync.Mutex{}}
	cmd.Stderr, cmd.Stdout = pw, pw
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { s.done <- cmd.Wait(); pw.Close() }()
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			s.mu.Lock()
			s.errb.Write(append(sc.Bytes(), '\n'))
			s.mu.Unlock()
			var l struct{ Msg, URL string }
			if json.Unmarshal(sc.Bytes(), &l) == nil && l.Msg == "listening" {
				url <- l.URL
			}
		}
	}()
	select {
	case s.url = <-url:
	case err := <-s.done:
		t.Fatalf("modelbench-serve exited: %v\n%s", err, s.errb)
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("modelbench-serve did not listen within 60 s")
	}
	t.Cleanup(func() { s.stop(t) })
	return s
}

// stop ends the server with SIGTERM (it commits its log) and waits.
func (s *liveServer) stop(t *testing.T) {
	if s.cmd.ProcessState != nil {
		return
	}
	s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(60 * time.Second):
		s.cmd.Process.Kill()
		<-s.done
		t.Errorf("modelbench-serve did not stop within 60 s")
	}
}

func (s *liveServer) do(t *testing.T, method, path string, body any) []byte {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, s.url+path, r)
	req.Header.Set("Authorization", "Bearer "+loopKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("%s %s: %d %s", method, path, resp.StatusCode, out)
	}
	return out
}

// score sends recs, then their outcomes; it returns the predictions.
func (s *liveServer) score(t *testing.T, recs []map[string]any, truth []string) []string {
	t.Helper()
	var resp serve.PredictResponse
	if err := json.Unmarshal(s.do(t, http.MethodPost, "/v1/predict", recs), &resp); err != nil {
		t.Fatal(err)
	}
	var fb []map[string]any
	pred := make([]string, len(recs))
	for i, p := range resp.Predictions {
		pred[i] = fmt.Sprint(p.Prediction)
		if truth[i] != "" {
			fb = append(fb, map[string]any{"id": p.ID, "truth": truth[i]})
		}
	}
	s.do(t, http.MethodPost, "/v1/feedback", fb)
	return pred
}

// loopRows are the project's test rows as the service receives them,
// with their outcomes, and the same rows shifted.
type loopRows struct {
	inputs       []string // the model's input columns
	target       string
	test, moved  []map[string]any
	truth        []string
	testCSV, all []byte // labelled CSV: the test rows; test and shifted rows
}

// rowsOf builds the rows from the project's test split; the shifted copy
// adds 30 years to every age and spells the sexes F and M (levels the
// model never saw).
func rowsOf(t *testing.T, p *workflow.Project) *loopRows {
	t.Helper()
	a := p.Training().Chosen
	f := p.Table().Frame.Take(p.Preparation().Split.Test)
	lr := &loopRows{target: a.Target}
	for _, in := range a.Input {
		if in.Name != a.Target {
			lr.inputs = append(lr.inputs, in.Name)
		}
	}
	tc, _ := f.Lookup(a.Target)
	for i := range f.NumRows() {
		rec := map[string]any{}
		for _, n := range lr.inputs {
			c, _ := f.Lookup(n)
			switch {
			case c.IsMissing(i):
				rec[n] = nil
			case c.Kind() == data.Numeric:
				rec[n] = c.(*data.NumericColumn).Values()[i]
			default:
				rec[n] = c.Format(i)
			}
		}
		lr.test = append(lr.test, rec)
		lr.truth = append(lr.truth, tc.Format(i))
		moved := map[string]any{}
		for k, v := range rec {
			moved[k] = v
		}
		if age, ok := moved["age"].(float64); ok {
			moved["age"] = age + 30
		}
		moved["sex"] = map[string]string{"female": "F", "male": "M"}[fmt.Sprint(moved["sex"])]
		lr.moved = append(lr.moved, moved)
	}
	lr.testCSV = lr.csv(t, lr.test)
	lr.all = lr.csv(t, lr.test, lr.moved)
	return lr
}

// csv writes labelled rows as evaluate reads them.
func (lr *loopRows) csv(t *testing.T, sets ...[]map[string]any) []byte {
	t.Helper()
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.Write(append(slices.Clone(lr.inputs), lr.target))
	for _, set := range sets {
		for i, rec := range set {
			row := make([]string, 0, len(lr.inputs)+1)
			for _, n := range lr.inputs {
				switch v := rec[n].(type) {
				case nil:
					row = append(row, "")
				case float64:
					row = append(row, data.FormatFloat(v))
				default:
					row = append(row, fmt.Sprint(v))
				}
			}
			w.Write(append(row, lr.truth[i]))
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// loopProject makes, runs and saves a titanic project with a chosen,
// evaluated logistic regression, and exports its first version. The seed
// is 1: with the default seed (42) the test rows happen to hold fewer
// first- and second-class passengers than the training rows (59, 41, 162
// against 264, 236, 547; chi-square p = 0.004), which the monitor rightly
// reports as drift of the unshifted rows.
func loopProject(t *testing.T, dir string) (*workflow.Project, string, string) {
	t.Helper()
	proj := filepath.Join(dir, "titanic.mbproj")
	if code, _, e := run(t, "init", "--sample", "titanic", "--target", "survived", "--model", "logistic", "--cv", "3",
		"--seed", "1", "--out", proj); code != 0 {
		t.Fatalf("init: %s", e)
	}
	if code, _, e := run(t, "run", proj); code != 0 {
		t.Fatalf("run: %s", e)
	}
	v1 := filepath.Join(dir, "v1")
	withServers(t)
	if code, _, e := run(t, "package", proj, "--out", v1); code != 0 {
		t.Fatalf("package: %s", e)
	}
	ctx := context.Background()
	p, err := workflow.Open(ctx, proj, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := p.Resume(ctx, nil); err != nil {
		t.Fatal(err)
	}
	return p, proj, v1
}

type monitorJSON struct {
	Crossed  bool `json:"threshold_crossed"`
	Rows     int  `json:"rows"`
	Snapshot struct {
		Report struct {
			Features []struct {
				Name  string `json:"name"`
				Drift struct {
					Drifted bool `json:"drifted"`
				} `json:"drift"`
				NewLevels []struct {
					Level string `json:"level"`
				} `json:"new_levels"`
			} `json:"features"`
			Live *struct {
				Rows    int                `json:"rows"`
				Metrics map[string]float64 `json:"metrics"`
			} `json:"live"`
		} `json:"report"`
	} `json:"snapshot"`
}

func monitorRun(t *testing.T, env []string, args ...string) (int, monitorJSON, string) {
	t.Helper()
	for _, kv := range env {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	code, out, errOut := run(t, append([]string{"monitor"}, args...)...)
	var m monitorJSON
	if code == 0 || code == ExitThreshold {
		if err := json.Unmarshal([]byte(out), &m); err != nil {
			t.Fatalf("monitor %v: exit %d, %v\n%s\n%s", args, code, err, out, errOut)
		}
	}
	if strings.Contains(out+errOut, loopKey) {
		t.Fatal("monitor printed the API key")
	}
	return code, m, errOut
}

func drifted(m monitorJSON) []string {
	var out []string
	for _, f := range m.Snapshot.Report.Features {
		if f.Drift.Drifted {
			out = append(out, f.Name)
		}
	}
	slices.Sort(out)
	return out
}

func evaluateMetrics(t *testing.T, dir string, csvText []byte) map[string]float64 {
	t.Helper()
	path := filepath.Join(t.TempDir(), "rows.csv")
	if err := os.WriteFile(path, csvText, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, e := run(t, "evaluate", dir, path, "--json")
	if code != 0 {
		t.Fatalf("evaluate: %s", e)
	}
	var ev struct {
		Rows    int                `json:"rows"`
		Metrics map[string]float64 `json:"metrics"`
	}
	if err := json.Unmarshal([]byte(out), &ev); err != nil {
		t.Fatal(err)
	}
	return ev.Metrics
}

func sameMetrics(t *testing.T, what string, live, want map[string]float64) {
	t.Helper()
	for _, k := range []string{"accuracy", "balanced_accuracy", "f1_macro"} {
		if math.Abs(live[k]-want[k]) > 1e-12 {
			t.Errorf("%s: live %s = %v, modelbench evaluate gives %v", what, k, live[k], want[k])
		}
	}
}

// TestLoop_ServeLogDriftRetrainExport is the loop of issue 14 on the
// titanic sample, through the real server binary and the command line.
func TestLoop_ServeLogDriftRetrainExport(t *testing.T) {
	dir := t.TempDir()
	p, proj, v1 := loopProject(t, dir)
	rows := rowsOf(t, p)
	logPath := filepath.Join(dir, "log.db")
	srv := startServer(t, v1, logPath)

	// The test rows alone: no drift, and the live metrics are evaluate's.
	srv.score(t, rows.test, rows.truth)
	code, m, e := monitorRun(t, []string{EnvAPIKey + "=" + loopKey}, srv.url, "--window", "1h", "--json")
	if code != 0 || m.Rows != len(rows.test) || len(drifted(m)) != 0 {
		t.Fatalf("the service on the test rows: exit %d, %d rows, drifted %v (%s)", code, m.Rows, drifted(m), e)
	}
	sameMetrics(t, "test rows", m.Snapshot.Report.Live.Metrics, evaluateMetrics(t, v1, rows.testCSV))
	if code, _, e := monitorRun(t, []string{EnvAPIKey + "="}, srv.url, "--json"); code != 1 || !strings.Contains(e, "needs an API key") {
		t.Fatalf("without the key: exit %d, %s", code, e)
	}
	undrifted := filepath.Join(dir, "undrifted.db")
	copyFile(t, logPath, undrifted) // the log so far, before the shifted rows

	// The shifted copy: drift on exactly age and sex.
	srv.score(t, rows.moved, rows.truth)
	code, m, e = monitorRun(t, nil, srv.url, "--api-key", loopKey, "--window", "24h", "--json")
	if code != ExitThreshold || !slices.Equal(drifted(m), []string{"age", "sex"}) {
		t.Fatalf("the service after the shifted rows: exit %d, drifted %v (%s)", code, drifted(m), e)
	}
	srv.stop(t) // commits the log

	// The log read directly says the same, and the live metrics on both
	// sets of rows are evaluate's.
	code, m, e = monitorRun(t, nil, logPath, "--baseline", v1, "--window", "all", "--json")
	if code != ExitThreshold || !slices.Equal(drifted(m), []string{"age", "sex"}) || m.Rows != 2*len(rows.test) {
		t.Fatalf("the drifted log: exit %d, %d rows, drifted %v (%s)", code, m.Rows, drifted(m), e)
	}
	sameMetrics(t, "test and shifted rows", m.Snapshot.Report.Live.Metrics, evaluateMetrics(t, v1, rows.all))
	if code, m, e = monitorRun(t, nil, undrifted, "--baseline", v1, "--window", "all", "--json"); code != 0 || len(drifted(m)) != 0 || m.Rows != len(rows.test) {
		t.Fatalf("the undrifted log: exit %d, %d rows, drifted %v (%s)", code, m.Rows, drifted(m), e)
	}
	code, out, _ := run(t, "monitor", logPath, "--baseline", v1, "--window", "all")
	if code != ExitThreshold || !strings.Contains(out, "ALERT") || !strings.Contains(out, "“age” has drifted") || !strings.Contains(out, "exit code 3") {
		t.Fatalf("the text report: exit %d\n%s", code, out)
	}

	// Retrain on the feedback: better on the held-out recent rows, kept as
	// version 2 and exported as a new model version.
	v2 := filepath.Join(dir, "v2")
	code, out, e = run(t, "retrain", proj, "--feedback", logPath, "--baseline", v1, "--out", v2, "--package", "--json")
	if code != 0 {
		t.Fatalf("retrain: exit %d: %s", code, e)
	}
	var rt retrainOutput
	if err := json.Unmarshal([]byte(out), &rt); err != nil {
		t.Fatal(err)
	}
	t.Logf("retrain: %s: current %.3f, retrained %.3f on %d rows", rt.Sentence, rt.Current[rt.Metric], rt.Retrained[rt.Metric], rt.CompareRows)
	if !rt.Better || !rt.Accepted || rt.Version != 2 || rt.Retrained[rt.Metric] <= rt.Current[rt.Metric] || rt.Package != v2 {
		t.Fatalf("retrain %+v", rt)
	}
	srv2 := startServer(t, v2, filepath.Join(dir, "log2.db"))
	var meta struct {
		Name     string   `json:"name"`
		Versions []string `json:"versions"`
	}
	if err := json.Unmarshal(srv2.do(t, http.MethodGet, "/v2/models/titanic", nil), &meta); err != nil {
		t.Fatal(err)
	}
	d1, err := serve.LoadDir(v1)
	if err != nil {
		t.Fatal(err)
	}
	if len(meta.Versions) != 1 || meta.Versions[0] != rt.ModelVersion || meta.Versions[0] == d1.ModelVersion {
		t.Fatalf("/v2/models/titanic says versions %v; version 1 is %s, the retrain %s", meta.Versions, d1.ModelVersion, rt.ModelVersion)
	}
	// The new version is profiled on the rows it learnt from: the
	// shifted rows' sexes are no longer new levels to it (their mix still
	// differs from its training rows', a third of which were shifted).
	srv2.score(t, rows.moved, rows.truth)
	code, m, e = monitorRun(t, []string{EnvAPIKey + "=" + loopKey}, srv2.url, "--window", "1h", "--json")
	if code != 0 && code != ExitThreshold || m.Rows != len(rows.moved) {
		t.Fatalf("version 2: exit %d, %d rows (%s)", code, m.Rows, e)
	}
	for _, f := range m.Snapshot.Report.Features {
		if len(f.NewLevels) > 0 {
			t.Errorf("version 2 finds new levels of %s: %v", f.Name, f.NewLevels)
		}
	}
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	// The service flushed its log for the monitoring request just made, so
	// the database and its write-ahead log hold every row; SQLite replays
	// the copied WAL when the copy is opened.
	for _, suffix := range []string{"", "-wal"} {
		b, err := os.ReadFile(from + suffix)
		if err != nil {
			if suffix != "" && os.IsNotExist(err) {
				continue
			}
			t.Fatal(err)
		}
		if err := os.WriteFile(to+suffix, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// TestMonitor_Usage: wrong usage exits 2, an unreadable source 1.
func TestMonitor_Usage(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"monitor"}, 2, "one SOURCE"},
		{[]string{"monitor", "log.db"}, 2, "--baseline DIR"},
		{[]string{"monitor", "http://127.0.0.1:1", "--window", "fortnight"}, 2, "--window"},
		{[]string{"monitor", "http://me:pw@127.0.0.1:1"}, 2, "API key apart"},
		{[]string{"monitor", "http://127.0.0.1:1", "--max-drop", "2"}, 2, "--max-drop"},
		{[]string{"monitor", "http://127.0.0.1:1"}, 1, "cannot be reached"},
		{[]string{"monitor", filepath.Join(t.TempDir(), "none.db"), "--baseline", t.TempDir()}, 1, "baseline.json"},
	} {
		code, _, e := run(t, c.args...)
		if code != c.code || !strings.Contains(e, c.msg) {
			t.Errorf("%v: exit %d, %q; want %d and %q", c.args, code, e, c.code, c.msg)
		}
	}
}
