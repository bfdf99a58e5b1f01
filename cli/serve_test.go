package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"modelbench/workflow/deploy/serve/servetest"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
)

// TestServe_SameServiceAsModelbenchServe runs `modelbench serve DIR`
// (the serve package's flags and Run), scores a row over HTTP and stops
// cleanly when its context ends.
func TestServe_SameServiceAsModelbenchServe(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "titanic")
	if _, err := servetest.Build(context.Background(), dir, servetest.Spec{Sample: "titanic", Task: model.Classification,
		Learner: "tree", Params: param.Values{"max_depth": 3}, Drop: []string{"name"}}); err != nil {
		t.Fatal(err)
	}
	pr, pw := io.Pipe()
	env := &Env{Stdout: io.Discard, Stderr: pw}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- runServe(ctx, env, []string{dir, "--addr", "127.0.0.1:0", "--log", "sqlite:" + filepath.Join(t.TempDir(), "log.db")})
		pw.Close()
	}()
	url := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			var l struct{ Msg, URL string }
			if json.Unmarshal(sc.Bytes(), &l) == nil && l.Msg == "listening" {
				url <- l.URL
			}
		}
	}()
	var base string
	select {
	case base = <-url:
	case err := <-done:
		t.Fatalf("modelbench serve stopped: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("modelbench serve did not listen")
	}
	resp, err := http.Post(base+"/v1/predict", "application/json", strings.NewReader(`{"sex": "female", "age": 30, "passengerClass": "1st"}`))
	if err != nil {
		t.Fatal(err)
	}
	var r struct {
		ModelVersion string `json:"model_version"`
		AppVersion   string `json:"app_version"`
		Predictions  []struct{ Prediction string }
	}
	json.NewDecoder(resp.Body).Decode(&r)
	resp.Body.Close()
	if resp.StatusCode != 200 || len(r.Predictions) != 1 || r.AppVersion != Version || len(r.ModelVersion) != 12 {
		t.Fatalf("status %d, %+v", resp.StatusCode, r)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("modelbench serve: %v", err)
		}
	case <-time.After(60 * time.Second):
		t.Fatal("modelbench serve did not stop")
	}
}

func TestServe_Usage(t *testing.T) {
	if code, _, errOut := run(t, "serve"); code != 2 || !strings.Contains(errOut, "DIR") {
		t.Fatalf("serve without DIR: %d %q", code, errOut)
	}
	if code, _, errOut := run(t, "serve", t.TempDir(), "--tls-key", "k"); code != 2 || !strings.Contains(errOut, "--tls-cert and --tls-key") {
		t.Fatalf("half of TLS: %d %q", code, errOut)
	}
	if code, out, _ := run(t, "serve", "--help"); code != 0 || !strings.Contains(out, "-api-keys") || !strings.Contains(out, "-open-metrics") || !strings.Contains(out, "(default 30d)") {
		t.Fatalf("serve --help: %d %q", code, out)
	}
	if code, _, errOut := run(t, "serve", t.TempDir(), "--log", "off"); code != 1 || !strings.Contains(errOut, "has no model.json") {
		t.Fatalf("serve of an empty directory: %d %q", code, errOut)
	}
}
