package main

// These tests start the real modelbench-serve binary, built once in
// TestMain without cgo, on a free loopback port, and talk to it over
// HTTP. The deployment directories come from the bundled samples
// (servetest.Build), also built once.

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"modelbench/workflow/deploy/serve/servetest"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
)

var (
	binary   string                            // the built modelbench-serve
	fixtures = map[string]*servetest.Fixture{} // by name
)

func specs() map[string]servetest.Spec {
	bare := prep.NewPipeline()
	return map[string]servetest.Spec{
		// Classification with a forest; yes/no labels as the file spells them.
		"titanic": {Sample: "titanic", Task: model.Classification, Learner: "forest", Params: param.Values{"n_estimators": 30}, Drop: []string{"name"}},
		// Classification with the default preparation: categories, integers, missing values.
		"penguins": {Sample: "penguins", Task: model.Classification, Learner: "logistic"},
		// Regression on numbers only, no imputation: every field is required.
		"diamonds": {Sample: "diamonds", Target: "price", Task: model.Regression, Learner: "linear", Drop: []string{"cut", "color", "clarity"}, Rows: 3000, Pipeline: &bare},
	}
}

func TestMain(m *testing.M) {
	os.Exit(testMain(m))
}

func testMain(m *testing.M) int {
	root, err := os.MkdirTemp("", "modelbench-serve-test-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(root)
	binary = filepath.Join(root, "modelbench-serve")
	build := exec.Command("go", "build", "-o", binary, ".")
	build.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := build.CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building modelbench-serve without cgo: %v\n%s", err, out)
		return 1
	}
	for name, s := range specs() {
		f, err := servetest.Build(context.Background(), filepath.Join(root, name), s)
		if err != nil {
			fmt.Fprintf(os.Stderr, "building the %s deployment: %v\n", name, err)
			return 1
		}
		fixtures[name] = f
	}
	return m.Run()
}

// server is a running modelbench-serve process.
type server struct {
	t      *testing.T
	cmd    *exec.Cmd
	URL    string
	stderr *syncBuffer
	exited chan error
	logDB  string
}

// syncBuffer collects the process's log lines.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// start runs the binary on fixture name with args (a SQLite log in the
// test's temporary directory unless args give --log) and waits until it
// listens. env adds environment variables.
func start(t *testing.T, name string, env []string, args ...string) *server {
	t.Helper()
	dir := fixtures[name].Dir
	return startDir(t, dir, env, args...)
}

func startDir(t *testing.T, dir string, env []string, args ...string) *server {
	t.Helper()
	s := &server{t: t, stderr: &syncBuffer{}, exited: make(chan error, 1)}
	full := []string{dir, "--addr", "127.0.0.1:0"}
	if !hasFlag(args, "--log") {
		s.logDB = filepath.Join(t.TempDir(), "log.db")
		full = append(full, "--log", "sqlite:"+s.logDB)
	}
	full = append(full, args...)
	s.cmd = exec.Command(binary, full...)
	s.cmd.Env = append(os.Environ(), env...)
	pr, pw := io.Pipe()
	s.cmd.Stderr = io.MultiWriter(s.stderr, pw)
	s.cmd.Stdout = s.stderr
	if err := s.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() {
		err := s.cmd.Wait()
		pw.Close()
		s.exited <- err
	}()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		sent := false
		for sc.Scan() {
			var line struct {
				Msg, Addr, URL string
			}
			if !sent && json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				addr <- line.URL
				sent = true
			}
		}
		if !sent {
			close(addr)
		}
	}()
	select {
	case u, ok := <-addr:
		if !ok {
			t.Fatalf("modelbench-serve exited before listening:\n%s", s.stderr)
		}
		s.URL = u
	case <-time.After(60 * time.Second):
		s.cmd.Process.Kill()
		t.Fatalf("modelbench-serve did not listen within 60 s:\n%s", s.stderr)
	}
	t.Cleanup(func() {
		if s.cmd.ProcessState == nil {
			s.cmd.Process.Kill()
			<-s.exited
		}
	})
	return s
}

func hasFlag(args []string, f string) bool {
	for _, a := range args {
		if a == f || strings.HasPrefix(a, f+"=") {
			return true
		}
	}
	return false
}

// stop sends SIGTERM and waits for a clean exit.
func (s *server) stop() {
	s.t.Helper()
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		s.t.Fatal(err)
	}
	select {
	case err := <-s.exited:
		if err != nil {
			s.t.Fatalf("modelbench-serve exited with %v after SIGTERM:\n%s", err, s.stderr)
		}
	case <-time.After(60 * time.Second):
		s.t.Fatalf("modelbench-serve did not stop within 60 s of SIGTERM:\n%s", s.stderr)
	}
}

// kill sends SIGKILL and waits.
func (s *server) kill() {
	s.t.Helper()
	if err := s.cmd.Process.Kill(); err != nil {
		s.t.Fatal(err)
	}
	<-s.exited
}

var client = &http.Client{Timeout: 60 * time.Second}

// do sends a request with the headers (name, value, ...) and returns the
// status, the response headers and the body.
func (s *server) do(method, path, contentType string, body []byte, header ...string) (int, http.Header, []byte) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.URL+path, bytes.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	resp, err := client.Do(req)
	if err != nil {
		s.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// post sends v as JSON.
func (s *server) post(path string, v any, header ...string) (int, []byte) {
	s.t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		s.t.Fatal(err)
	}
	code, _, body := s.do(http.MethodPost, path, "application/json", b, header...)
	return code, body
}

func (s *server) get(path string, header ...string) (int, []byte) {
	s.t.Helper()
	code, _, body := s.do(http.MethodGet, path, "", nil, header...)
	return code, body
}

// want fails unless code is the expected status.
func want(t *testing.T, what string, code, expected int, body []byte) {
	t.Helper()
	if code != expected {
		t.Fatalf("%s: status %d, want %d: %s", what, code, expected, body)
	}
}

func decode[T any](t *testing.T, b []byte) T {
	t.Helper()
	var v T
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	return v
}

func jsonEncoder(w io.Writer) *json.Encoder { return json.NewEncoder(w) }

// runBinary runs the binary to completion and returns its output.
func runBinary(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}

// exitCode is a finished process's exit code (0 for nil).
func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}
