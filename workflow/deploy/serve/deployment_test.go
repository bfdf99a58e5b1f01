package serve

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"modelbench/workflow/deploy/serve/servetest"
	"modelbench/workflow/model"
)

// TestLoadDir_NamesTheFileAtFault: a missing or damaged file, or files
// that do not belong together, are errors naming the file.
func TestLoadDir_NamesTheFileAtFault(t *testing.T) {
	src := fixture(t, "titanic").Dir
	other := fixture(t, "penguins").Dir
	copyDir := func(t *testing.T) string {
		dir := t.TempDir()
		for _, n := range []string{ModelFile, SchemaFile, BaselineFile, MetricsFile} {
			b, err := os.ReadFile(filepath.Join(src, n))
			if err != nil {
				t.Fatal(err)
			}
			os.WriteFile(filepath.Join(dir, n), b, 0o644)
		}
		return dir
	}
	cases := []struct {
		name   string
		change func(dir string)
		want   string
	}{
		{"no model", func(d string) { os.Remove(filepath.Join(d, ModelFile)) }, "has no model.json"},
		{"no schema", func(d string) { os.Remove(filepath.Join(d, SchemaFile)) }, "has no schema.json"},
		{"no baseline", func(d string) { os.Remove(filepath.Join(d, BaselineFile)) }, "has no baseline.json"},
		{"damaged model", func(d string) { os.WriteFile(filepath.Join(d, ModelFile), []byte("{"), 0o644) }, ModelFile},
		{"a schema of another format", func(d string) { os.WriteFile(filepath.Join(d, SchemaFile), []byte(`{"format": "x"}`), 0o644) }, SchemaFile},
		{"a damaged baseline", func(d string) { os.WriteFile(filepath.Join(d, BaselineFile), []byte(`[]`), 0o644) }, BaselineFile},
		{"bad metrics", func(d string) {
			os.WriteFile(filepath.Join(d, MetricsFile), []byte(`{"test": {"accuracy": "high"}}`), 0o644)
		}, MetricsFile},
		{"another model's schema", func(d string) { cp(filepath.Join(other, SchemaFile), filepath.Join(d, SchemaFile)) }, SchemaFile},
		{"another model's baseline", func(d string) {
			cp(filepath.Join(fixture(t, "diamonds").Dir, BaselineFile), filepath.Join(d, BaselineFile))
		}, BaselineFile},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			dir := copyDir(t)
			c.change(dir)
			_, err := LoadDir(dir)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("LoadDir: %v, want an error naming %q", err, c.want)
			}
		})
	}
	// metrics.json is optional.
	dir := copyDir(t)
	os.Remove(filepath.Join(dir, MetricsFile))
	d, err := LoadDir(dir)
	if err != nil || d.Metrics != nil || len(d.ModelVersion) != 12 {
		t.Fatalf("without metrics.json: %v, %+v", err, d)
	}
	if _, err := LoadDir(filepath.Join(dir, ModelFile)); err == nil || !strings.Contains(err.Error(), "not a directory") {
		t.Fatalf("LoadDir of a file: %v", err)
	}
}

func cp(from, to string) {
	b, _ := os.ReadFile(from)
	os.WriteFile(to, b, 0o644)
}

// TestDeployment_ModelVersion: the version is the SHA-256 of model.json's
// bytes, so the same file gives the same version and another file
// another.
func TestDeployment_ModelVersion(t *testing.T) {
	a, _ := LoadDir(fixture(t, "titanic").Dir)
	b, _ := LoadDir(fixture(t, "titanic").Dir)
	c, _ := LoadDir(fixture(t, "penguins").Dir)
	if a.ModelVersion != b.ModelVersion || a.ModelVersion == c.ModelVersion {
		t.Fatalf("versions %s %s %s", a.ModelVersion, b.ModelVersion, c.ModelVersion)
	}
}

// typesFixture has a yes/no field spelled Yes/No, a date, an integer, a
// number and a category.
func typesFixture(t *testing.T) *servetest.Fixture {
	t.Helper()
	var csv bytes.Buffer
	csv.WriteString("member,joined,visits,spend,colour,bought\n")
	for i := range 200 {
		fmt.Fprintf(&csv, "%s,2024-%02d-%02d,%d,%.1f,%s,%s\n", []string{"Yes", "No"}[i%2], 1+i%12, 1+i%28, i%7, float64(i%50)/2,
			[]string{"red", "green", "blue"}[i%3], []string{"yes", "no"}[(i/2+i%3)%2])
	}
	f, err := servetest.Build(context.Background(), t.TempDir(), servetest.Spec{Sample: "types", Data: csv.Bytes(), Target: "bought", Task: model.Classification, Learner: "tree"})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

// TestValidate_EveryType checks what each field type accepts, refuses
// and warns about.
func TestValidate_EveryType(t *testing.T) {
	f := typesFixture(t)
	types := map[string]string{}
	for _, fl := range f.Contract.Fields {
		types[fl.Name] = fl.Type
	}
	if types["member"] != "boolean" || types["joined"] != "datetime" || types["visits"] != "integer" || types["spend"] != "number" || types["colour"] != "category" {
		t.Fatalf("the fixture's types are %v", types)
	}
	d, err := LoadDir(f.Dir)
	if err != nil {
		t.Fatal(err)
	}
	good := map[string]any{"member": "Yes", "joined": "2024-03-05", "visits": 3.0, "spend": 4.5, "colour": "red"}
	cases := []struct {
		field   string
		value   any
		text    bool   // as CSV text
		problem string // "" = accepted
		warning string
	}{
		{field: "member", value: true},
		{field: "member", value: "no"},
		{field: "member", value: " NO "},
		{field: "member", value: "Y"},
		{field: "member", value: 1.0},
		{field: "member", value: "maybe", problem: `"maybe" is not a yes/no value`},
		{field: "member", value: 2.0, problem: "2 is neither 0 nor 1"},
		{field: "joined", value: "2024-11-30"},
		{field: "joined", value: "2024-06-01T10:00:00Z"},
		{field: "joined", value: "2031-01-01", warning: "outside the training range"},
		{field: "joined", value: "yesterday", problem: `"yesterday" is not a date-time in that layout`},
		{field: "joined", value: 20240101.0, problem: "a JSON number"},
		{field: "visits", value: 2.0},
		{field: "visits", value: "4", text: true},
		{field: "visits", value: 2.5, problem: "2.5 is not a whole number"},
		{field: "visits", value: 99.0, warning: "outside the training range"},
		{field: "visits", value: "4", problem: "a string (4)"},
		{field: "spend", value: " 1.5 ", text: true},
		{field: "spend", value: "1,5", text: true, problem: `"1,5" is not a number`},
		{field: "spend", value: false, problem: "a JSON boolean"},
		{field: "colour", value: "green"},
		{field: "colour", value: 7.0, warning: "not seen in training"},
		{field: "colour", value: "purple", warning: "not seen in training"},
		{field: "colour", value: map[string]any{}, problem: "a JSON object"},
		{field: "colour", value: "NA"}, // a missing-value text: nullable
	}
	for _, c := range cases {
		t.Run(fmt.Sprintf("%s=%v", c.field, c.value), func(t *testing.T) {
			row := map[string]any{}
			for k, v := range good {
				row[k] = v
			}
			row[c.field] = c.value
			b := &batch{rows: []map[string]any{row}}
			if c.text {
				for k, v := range row {
					row[k] = fmt.Sprint(v)
				}
				b.text = true
			}
			v, err := d.validate(b)
			if c.problem != "" {
				var re *requestError
				if !errors.As(err, &re) || len(re.details) != 1 || re.details[0].Problem != c.problem || re.details[0].Field != c.field || re.details[0].Row != 1 {
					t.Fatalf("validate: %v %+v, want the problem %q", err, re, c.problem)
				}
				return
			}
			if err != nil {
				t.Fatalf("validate: %v", err)
			}
			var warned string
			for _, w := range v.warnings {
				if w.Field == c.field {
					warned = w.Problem
				}
			}
			if !strings.Contains(warned, c.warning) || (c.warning == "") != (warned == "") {
				t.Fatalf("warning %q, want %q", warned, c.warning)
			}
			if _, err := predictParts(context.Background(), d.Artifact, []*validated{v}); err != nil {
				t.Fatalf("the validated row could not be scored: %v", err)
			}
		})
	}
}

// TestValidate_SameAsFile: values sent as JSON give the same frame the
// CSV form gives, and the boolean column keeps the file's spelling.
func TestValidate_SameAsFile(t *testing.T) {
	f := typesFixture(t)
	d, _ := LoadDir(f.Dir)
	jb, err := decodePredictBody([]byte(`[{"member": true, "joined": "2024-03-05", "visits": 3, "spend": 4.5, "colour": "red"}]`), limits{maxRows: 10})
	if err != nil {
		t.Fatal(err)
	}
	cb, err := decodeCSV([]byte("member,joined,visits,spend,colour\nYes,2024-03-05,3,4.50,red\n"), limits{maxRows: 10})
	if err != nil {
		t.Fatal(err)
	}
	a, errA := d.validate(jb)
	b, errB := d.validate(cb)
	if errA != nil || errB != nil {
		t.Fatal(errA, errB)
	}
	fa, _ := a.frame()
	fb, _ := b.frame()
	for j := range fa.NumCols() {
		if x, y := fa.Col(j).Format(0), fb.Col(j).Format(0); x != y || fa.Col(j).Kind() != fb.Col(j).Kind() {
			t.Fatalf("column %s: %q from JSON, %q from CSV", fa.Col(j).Name(), x, y)
		}
	}
	if m, _ := fa.Lookup("member"); m.Format(0) != "Yes" {
		t.Fatalf("member reads %q, want the file's spelling Yes", m.Format(0))
	}
}

// TestParseArgs: DIR and flags in any order, the documented defaults,
// and usage errors.
func TestParseArgs(t *testing.T) {
	fs := flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	c, err := ParseArgs(fs, []string{"--addr", ":9000", "deploy", "--max-body", "2MiB", "--log-max-age", "7d", "--open-metrics"})
	if err != nil {
		t.Fatal(err)
	}
	if c.Dir != "deploy" || c.Addr != ":9000" || c.MaxBody != 2<<20 || time.Duration(c.LogMaxAge) != 7*24*time.Hour || !c.OpenMetrics ||
		c.MaxBatch != DefaultMaxBatch || c.LogQueue != 8192 || c.ReadTimeout != 30*time.Second || time.Duration(c.MonitorWindow) != time.Hour {
		t.Fatalf("config %+v", c)
	}
	fs = flag.NewFlagSet("t", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	if c, err := ParseArgs(fs, []string{"d"}); err != nil || c.Addr != DefaultAddr || c.MaxBody != DefaultMaxBody {
		t.Fatalf("defaults: %+v %v", c, err)
	}
	for _, args := range [][]string{{}, {"a", "b"}, {"d", "--tls-cert", "c"}, {"d", "--max-body", "0"}, {"d", "--max-body", "lots"},
		{"d", "--monitor-window", "-1"}, {"d", "--log-level", "loud"}, {"d", "--no-such-flag"}, {"d", "--max-batch", "0"}} {
		fs := flag.NewFlagSet("t", flag.ContinueOnError)
		fs.SetOutput(io.Discard)
		var ue *UsageError
		if _, err := ParseArgs(fs, args); !errors.As(err, &ue) {
			t.Errorf("ParseArgs(%q) = %v, want a usage error", args, err)
		}
	}
}

func TestParseWindow(t *testing.T) {
	for in, want := range map[string]time.Duration{"1h": time.Hour, "24h": 24 * time.Hour, "7d": 7 * 24 * time.Hour, "15m": 15 * time.Minute} {
		if got, err := ParseWindow(in); err != nil || got != want {
			t.Errorf("ParseWindow(%q) = %v, %v", in, got, err)
		}
		if l := windowLabel(want); l != in {
			t.Errorf("windowLabel(%v) = %q, want %q", want, l, in)
		}
	}
	for _, in := range []string{"", "0h", "-1h", "xd", "0d", "week"} {
		if _, err := ParseWindow(in); err == nil {
			t.Errorf("ParseWindow(%q) succeeded", in)
		}
	}
}

// TestAPIKeys: the file format, the environment's list, and what a
// keyring accepts.
func TestAPIKeys(t *testing.T) {
	path := filepath.Join(t.TempDir(), "keys")
	os.WriteFile(path, []byte("# comment\n\n  key-aaaaaaaaaaaaaaaa \r\nkey-bbbbbbbbbbbbbbbb\n"), 0o600)
	keys, err := ReadAPIKeys(path)
	if err != nil || len(keys) != 2 || keys[0] != "key-aaaaaaaaaaaaaaaa" {
		t.Fatalf("keys %q, %v", keys, err)
	}
	os.WriteFile(path, []byte("ok-key-cccccccccccc\ns3cr3t\n"), 0o600)
	if _, err := ReadAPIKeys(path); err == nil || !strings.Contains(err.Error(), "line 2") || strings.Contains(err.Error(), "s3cr3t") {
		t.Fatalf("a short key: %v", err)
	}
	if k, err := SplitAPIKeys(" key-dddddddddddddddd ,, key-eeeeeeeeeeeeeeee"); err != nil || len(k) != 2 {
		t.Fatalf("split %q %v", k, err)
	}
	ring := newKeyring(keys)
	for h, ok := range map[string]bool{"Bearer key-aaaaaaaaaaaaaaaa": true, "bearer  key-bbbbbbbbbbbbbbbb": true, "Bearer key-aaaaaaaaaaaaaaa": false,
		"Bearer ": false, "key-aaaaaaaaaaaaaaaa": false, "Basic dTprZXktYWFhYWFhYWFhYWFhYWFhYQ==": true, "Basic !!": false, "": false} {
		r, _ := http.NewRequest("GET", "/", nil)
		r.Header.Set("Authorization", h)
		if ring.allows(r) != ok {
			t.Errorf("Authorization %q: allowed %v, want %v", h, !ok, ok)
		}
	}
}
