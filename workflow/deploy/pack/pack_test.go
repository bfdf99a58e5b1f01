package pack

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"modelbench/workflow/artifact"
	"modelbench/workflow/deploy/pack/packtest"
	"modelbench/workflow/deploy/serve"
)

// TestWrite_FolderIsADeploymentDirectory: the package of each fixture
// holds every file, loads as a deployment directory with the package's
// model version, lists every file with its true size and hash, and
// records that its own server's predictions equal the model's on every
// test row.
func TestWrite_FolderIsADeploymentDirectory(t *testing.T) {
	for _, name := range []string{"penguins", "titanic", "diamonds"} {
		t.Run(name, func(t *testing.T) {
			dir, m := written(t, name)
			for _, f := range []string{serve.ModelFile, serve.SchemaFile, serve.BaselineFile, serve.MetricsFile, Host().Binary(),
				DockerFile, DockerIgnoreFile, OpenAPIFile, ExampleRequestFile, ExampleResponseFile, ReadmeFile,
				DeploymentFile, ServiceFile, HPAFile, ManifestFile} {
				if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
					t.Errorf("missing %s: %v", f, err)
				}
			}
			d, err := serve.LoadDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			if d.ModelVersion != m.ModelVersion || d.Metrics == nil || d.Metrics.Metric != fixtures[name].Metric {
				t.Errorf("loaded version %s metrics %+v; manifest version %s", d.ModelVersion, d.Metrics, m.ModelVersion)
			}
			back, err := ReadManifest(dir)
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(back.Files, m.Files) || back.ModelVersion != m.ModelVersion || back.Resources != m.Resources {
				t.Errorf("manifest.json differs from the returned manifest")
			}
			checkHashes(t, dir, m)
			r := m.Resources
			if !r.Checked || r.Mismatches != 0 || r.CheckedRows != fixtures[name].Test.NumRows() || r.CheckedPart != "test" {
				t.Errorf("check: %+v", r)
			}
			if r.MeasuredWith != Host().Binary() || r.MemorySource != MemoryRSS || r.MemoryLoadedBytes <= 1<<20 || r.MemoryBytes <= 1<<20 {
				t.Errorf("memory: %+v", r)
			}
			if st, _ := os.Stat(filepath.Join(dir, serve.ModelFile)); r.ModelBytes != st.Size() {
				t.Errorf("model bytes %d, file %d", r.ModelBytes, st.Size())
			}
			if r.LatencyMS <= 0 || r.LatencyP90MS < r.LatencyMS || r.LatencyRequests != 50 {
				t.Errorf("latency: %+v", r)
			}
			if len(m.Targets) != 1 || m.Targets[0].Target != Host().String() || m.Targets[0].Path != Host().Binary() {
				t.Errorf("targets %+v", m.Targets)
			}
			if st, _ := os.Stat(filepath.Join(dir, Host().Binary())); st.Mode().Perm()&0o111 == 0 {
				t.Errorf("the server is not executable: %v", st.Mode())
			}
		})
	}
}

// checkHashes recomputes every listed file's size and SHA-256 and fails
// on a file the manifest does not list.
func checkHashes(t *testing.T, dir string, m *Manifest) {
	t.Helper()
	listed := map[string]bool{}
	for _, f := range m.Files {
		listed[f.Path] = true
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Errorf("%s: %v", f.Path, err)
			continue
		}
		sum := sha256.Sum256(b)
		if int64(len(b)) != f.Bytes || hex.EncodeToString(sum[:]) != f.SHA256 {
			t.Errorf("%s: %d bytes, sha %s; manifest %d, %s", f.Path, len(b), hex.EncodeToString(sum[:]), f.Bytes, f.SHA256)
		}
	}
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			rel, _ := filepath.Rel(dir, p)
			if rel = filepath.ToSlash(rel); rel != ManifestFile && !listed[rel] {
				t.Errorf("%s is not in the manifest", rel)
			}
		}
		return err
	})
}

// TestWrite_RunsFromACopyWithNothingInstalled: the package copied to a
// fresh folder serves with an empty environment (no PATH: no Go, Python
// or Modelbench), and its answers to the example request and to every
// test row as CSV (the sample's own cells) are the model's exactly.
func TestWrite_RunsFromACopyWithNothingInstalled(t *testing.T) {
	for _, name := range []string{"penguins", "titanic"} {
		t.Run(name, func(t *testing.T) {
			src, m := written(t, name)
			dir := filepath.Join(t.TempDir(), "unpacked")
			if err := packtest.CopyTree(src, dir); err != nil {
				t.Fatal(err)
			}
			s, err := packtest.Start(context.Background(), filepath.Join(dir, Host().Binary()), dir, t.TempDir(), nil)
			if err != nil {
				t.Fatal(err)
			}
			defer s.Kill()
			a := fixtures[name].Artifact
			body, _ := os.ReadFile(filepath.Join(dir, ExampleRequestFile))
			got := predictJSON(t, s.URL, "application/json", body)
			want, err := a.Predict(context.Background(), fixtures[name].Test.Take([]int{0, 1, 2}))
			if err != nil {
				t.Fatal(err)
			}
			samePredictions(t, a, want, got, m.ModelVersion)
			got = predictJSON(t, s.URL, "text/csv", fixtures[name].TestNoTarget)
			if want, err = a.Predict(context.Background(), fixtures[name].Test); err != nil {
				t.Fatal(err)
			}
			samePredictions(t, a, want, got, m.ModelVersion)
			if err := s.Stop(); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func predictJSON(t *testing.T, base, contentType string, body []byte) served {
	t.Helper()
	resp, err := http.Post(base+"/v1/predict", contentType, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("/v1/predict: %d %s", resp.StatusCode, b)
	}
	var s served
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return s
}

func samePredictions(t *testing.T, a *artifact.Artifact, want *artifact.Predictions, got served, version string) {
	t.Helper()
	if got.ModelVersion != version || len(got.Predictions) != len(want.Index) {
		t.Fatalf("version %s (want %s), %d predictions for %d rows", got.ModelVersion, version, len(got.Predictions), len(want.Index))
	}
	for i, p := range got.Predictions {
		if a.Task.String() == "classification" {
			if p.Prediction != want.Classes[int(want.Index[i])] {
				t.Errorf("row %d: %v, want %s", i, p.Prediction, want.Classes[int(want.Index[i])])
			}
			for k, c := range want.Classes {
				if p.Probabilities[c] != want.Proba[i][k] {
					t.Errorf("row %d: P(%s) %v, want %v", i, c, p.Probabilities[c], want.Proba[i][k])
				}
			}
		} else if p.Prediction != want.Index[i] {
			t.Errorf("row %d: %v, want %v", i, p.Prediction, want.Index[i])
		}
	}
}

// TestWrite_ExampleFiles: the example request holds the first three test
// rows' input fields (not the target), and the example response is the
// server's answer to them.
func TestWrite_ExampleFiles(t *testing.T) {
	dir, m := written(t, "penguins")
	var req struct {
		Records []map[string]any `json:"records"`
	}
	b, _ := os.ReadFile(filepath.Join(dir, ExampleRequestFile))
	if err := json.Unmarshal(b, &req); err != nil || len(req.Records) != exampleRows {
		t.Fatalf("example request: %v %s", err, b)
	}
	f := fixtures["penguins"]
	for i, rec := range req.Records {
		if _, ok := rec[f.Artifact.Target]; ok {
			t.Errorf("record %d carries the target", i)
		}
		if len(rec) != len(f.Artifact.Input) {
			t.Errorf("record %d has %d fields, the model %d inputs", i, len(rec), len(f.Artifact.Input))
		}
		for _, in := range f.Artifact.Input {
			col, _ := f.Test.Lookup(in.Name)
			v := rec[in.Name]
			if col.IsMissing(i) != (v == nil) {
				t.Errorf("record %d field %s: %v, missing in the rows: %v", i, in.Name, v, col.IsMissing(i))
			} else if s, ok := v.(string); ok && s != col.Format(i) {
				t.Errorf("record %d field %s: %q, the rows %q", i, in.Name, s, col.Format(i))
			}
		}
	}
	var resp served
	b, _ = os.ReadFile(filepath.Join(dir, ExampleResponseFile))
	if err := json.Unmarshal(b, &resp); err != nil || len(resp.Predictions) != exampleRows || resp.ModelVersion != m.ModelVersion {
		t.Fatalf("example response: %v %s", err, b)
	}
}

// TestWrite_Readme: the README names the model, shows every flag of the
// server and the ways to start, secure, scale, monitor and update it, and
// its curl line is the first example row.
func TestWrite_Readme(t *testing.T) {
	dir, m := written(t, "titanic")
	b, err := os.ReadFile(filepath.Join(dir, ReadmeFile))
	if err != nil {
		t.Fatal(err)
	}
	text := string(b)
	for _, want := range []string{"# The titanic model", m.ModelVersion, "## What it predicts", "## Start", "## Configure", "## Secure",
		"## Scale", "## Monitor", "## Update and roll back", "## Measured at export", "docker build -t titanic:" + m.ModelVersion,
		"kubectl create secret generic titanic-api-keys", "/v2/models/titanic/infer", "/invocations", "MODELBENCH_API_KEYS",
		"postgres://", "/v1/feedback", "kubectl rollout undo deployment/titanic", "./" + Host().Binary() + " . --addr 127.0.0.1:8080 --name titanic",
		serve.MetricRequests, serve.MetricFeatureDrifted, "identical to Modelbench's on all"} {
		if !strings.Contains(text, want) {
			t.Errorf("the README lacks %q", want)
		}
	}
	for _, f := range ServerFlags() {
		if !strings.Contains(text, "`--"+f.Name+"`") {
			t.Errorf("the README does not list --%s", f.Name)
		}
	}
	if len(ServerFlags()) < 20 {
		t.Errorf("only %d server flags", len(ServerFlags()))
	}
	var first map[string]any
	ex, _ := os.ReadFile(filepath.Join(dir, ExampleRequestFile))
	var req struct{ Records []json.RawMessage }
	_ = json.Unmarshal(ex, &req)
	_ = json.Unmarshal(req.Records[0], &first)
	line := text[strings.Index(text, "--data '{")+len("--data '"):]
	line = line[:strings.Index(line, "'\n")]
	var curl struct{ Records []map[string]any }
	if err := json.Unmarshal([]byte(line), &curl); err != nil || len(curl.Records) != 1 || !reflect.DeepEqual(curl.Records[0], first) {
		t.Errorf("the curl body %s is not the first example row %v (%v)", line, first, err)
	}
}
