package onnx_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/onnx"
)

// The independent runtimes the tests check exported files with: ONNX
// Runtime 1.30.0 from npm (onnxruntime-node, whose CPU runtime ships in the
// package), run by testdata/score.js under Node, and the ONNX checker of
// Debian's python3-onnx. When one is missing the tests skip, unless
// MODELBENCH_REQUIRE_CHROMIUM is set (make test sets it), when they fail.

const ortVersion = "1.30.0"

// unavailable skips the test, or fails it when the runtimes are required.
func unavailable(t *testing.T, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("MODELBENCH_REQUIRE_CHROMIUM") != "" {
		t.Fatalf("%s (MODELBENCH_REQUIRE_CHROMIUM is set: the ONNX tests may not be skipped)", msg)
	}
	t.Skip(msg)
}

var (
	ortOnce sync.Once
	ortDir  string
	ortErr  error
)

// onnxRuntime returns the folder holding node_modules/onnxruntime-node,
// installing it there with npm when it is missing: MODELBENCH_ORT_DIR, or
// modelbench/onnxruntime-node-1.30.0 in the user's cache folder (never in
// the repository).
func onnxRuntime(t *testing.T) string {
	t.Helper()
	ortOnce.Do(func() { ortDir, ortErr = installRuntime() })
	if ortErr != nil {
		unavailable(t, "ONNX Runtime cannot run: %v", ortErr)
	}
	return ortDir
}

func installRuntime() (string, error) {
	dir := os.Getenv("MODELBENCH_ORT_DIR")
	if dir == "" {
		cache, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("no cache folder for onnxruntime-node: %w", err)
		}
		dir = filepath.Join(cache, "modelbench", "onnxruntime-node-"+ortVersion)
	}
	if _, err := exec.LookPath("node"); err != nil {
		return "", errors.New("node is not installed (apt-get install nodejs npm)")
	}
	if runtimeInstalled(dir) {
		return dir, nil
	}
	npm, err := exec.LookPath("npm")
	if err != nil {
		return "", errors.New("npm is not installed (apt-get install nodejs npm)")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	cmd := exec.Command(npm, "install", "--ignore-scripts", "--no-audit", "--no-fund", "--prefix", dir, "onnxruntime-node@"+ortVersion)
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("npm install onnxruntime-node@%s into %s: %v\n%s", ortVersion, dir, err, out)
	}
	if !runtimeInstalled(dir) {
		return "", fmt.Errorf("npm installed something other than onnxruntime-node %s into %s", ortVersion, dir)
	}
	return dir, nil
}

func runtimeInstalled(dir string) bool {
	b, err := os.ReadFile(filepath.Join(dir, "node_modules", "onnxruntime-node", "package.json"))
	if err != nil {
		return false
	}
	var pkg struct{ Version string }
	return json.Unmarshal(b, &pkg) == nil && pkg.Version == ortVersion
}

// feed is one graph input for score.js.
type feed struct {
	Name   string   `json:"name"`
	Type   string   `json:"type"`
	Values []string `json:"values"`
}

// ortOutput is one output as score.js writes it.
type ortOutput struct {
	Type   string   `json:"type"`
	Dims   []int    `json:"dims"`
	Values []string `json:"values"`
}

// ortJob is one model and the rows to score with it.
type ortJob struct {
	model []byte
	feeds []feed
	rows  int
	// result, filled by runORT
	outputs map[string]ortOutput
	err     string
}

// runORT scores every job with ONNX Runtime in one Node process.
func runORT(t *testing.T, jobs []*ortJob) {
	t.Helper()
	dir := onnxRuntime(t)
	tmp := t.TempDir()
	type entry struct {
		Model string `json:"model"`
		Feeds string `json:"feeds"`
		Out   string `json:"out"`
	}
	manifest := struct {
		Runtime string  `json:"runtime"`
		Cases   []entry `json:"cases"`
	}{Runtime: dir}
	for i, j := range jobs {
		e := entry{Model: filepath.Join(tmp, fmt.Sprintf("m%d.onnx", i)), Feeds: filepath.Join(tmp, fmt.Sprintf("f%d.json", i)), Out: filepath.Join(tmp, fmt.Sprintf("o%d.json", i))}
		feeds, err := json.Marshal(struct {
			Rows   int    `json:"rows"`
			Inputs []feed `json:"inputs"`
		}{j.rows, j.feeds})
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(e.Model, j.model, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(e.Feeds, feeds, 0o644); err != nil {
			t.Fatal(err)
		}
		manifest.Cases = append(manifest.Cases, e)
	}
	mpath := filepath.Join(tmp, "manifest.json")
	b, _ := json.Marshal(manifest)
	if err := os.WriteFile(mpath, b, 0o644); err != nil {
		t.Fatal(err)
	}
	script, _ := filepath.Abs(filepath.Join("testdata", "score.js"))
	if out, err := exec.Command("node", script, mpath).CombinedOutput(); err != nil {
		t.Fatalf("node score.js: %v\n%s", err, out)
	}
	for i, j := range jobs {
		b, err := os.ReadFile(manifest.Cases[i].Out)
		if err != nil {
			t.Fatalf("score.js wrote no result for model %d: %v", i, err)
		}
		var res struct {
			Outputs map[string]ortOutput `json:"outputs"`
			Error   string               `json:"error"`
		}
		if err := json.Unmarshal(b, &res); err != nil {
			t.Fatalf("result %d: %v", i, err)
		}
		j.outputs, j.err = res.Outputs, res.Error
	}
}

// checkONNX runs onnx.checker.check_model(full_check=True) of Debian's
// python3-onnx on every file and returns the failures by file index.
func checkONNX(t *testing.T, models [][]byte) map[int]string {
	t.Helper()
	const py = "/usr/bin/python3"
	if out, err := exec.Command(py, "-c", "import onnx").CombinedOutput(); err != nil {
		unavailable(t, "Debian's python3-onnx is not installed (apt-get install python3-onnx): %v %s", err, out)
	}
	tmp := t.TempDir()
	args := []string{"-c", `import sys, onnx
for i, f in enumerate(sys.argv[1:]):
    try:
        onnx.checker.check_model(onnx.load(f), full_check=True)
    except Exception as e:
        print("%d\t%s" % (i, str(e).replace("\n", " ")))`}
	for i, m := range models {
		f := filepath.Join(tmp, fmt.Sprintf("m%d.onnx", i))
		if err := os.WriteFile(f, m, 0o644); err != nil {
			t.Fatal(err)
		}
		args = append(args, f)
	}
	out, err := exec.Command(py, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("python3 onnx.checker: %v\n%s", err, out)
	}
	bad := map[int]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		if i, msg, ok := strings.Cut(line, "\t"); ok {
			n, _ := strconv.Atoi(i)
			bad[n] = msg
		}
	}
	return bad
}

// feedsOf writes the frame's columns as the graph's inputs (report.Inputs)
// want them: numbers and dates (seconds since 1970) as doubles, labels and
// yes/no values as strings, "" when missing. spell, when not nil, rewrites
// each yes/no label (to test other spellings).
func feedsOf(t *testing.T, f *data.Frame, ports []onnx.Port, spell func(string) string) []feed {
	t.Helper()
	var out []feed
	for _, p := range ports {
		c, ok := f.Lookup(p.Column)
		if !ok {
			t.Fatalf("the rows have no column %q", p.Column)
		}
		fd := feed{Name: p.Name, Type: p.Type, Values: make([]string, c.Len())}
		for i := range fd.Values {
			fd.Values[i] = cell(c, i, spell)
		}
		out = append(out, fd)
	}
	return out
}

func cell(c data.Column, i int, spell func(string) string) string {
	switch x := c.(type) {
	case *data.NumericColumn:
		return number(x.Values()[i])
	case *data.DatetimeColumn:
		if x.IsMissing(i) {
			return "NaN"
		}
		return number(float64(x.UnixNanos()[i]) / 1e9)
	case *data.BooleanColumn:
		s := c.Format(i)
		if spell != nil && s != "" {
			s = spell(s)
		}
		return s
	}
	return c.Format(i)
}

// number writes a double as score.js reads it (JavaScript's Number()).
func number(v float64) string {
	switch {
	case math.IsNaN(v):
		return "NaN"
	case math.IsInf(v, 1):
		return "Infinity"
	case math.IsInf(v, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}

// parseNumber reads a double as score.js writes it (JavaScript's String()).
func parseNumber(s string) (float64, error) { return strconv.ParseFloat(s, 64) }
