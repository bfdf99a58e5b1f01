package main

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary act as a worker, as the mbbench binary
// does when it re-executes itself with -worker.
func TestMain(m *testing.M) {
	register(task("test/sleep", "data", "clf100k", false, func(_ context.Context, path string) (string, error) {
		time.Sleep(150 * time.Millisecond) // setup: must not count as work
		return filepath.Base(path), nil
	}, func(_ context.Context, name string) (string, error) {
		time.Sleep(20 * time.Millisecond)
		return "read " + name, nil
	}))
	register(task("test/fail", "data", "clf100k", false, func(_ context.Context, path string) (string, error) {
		return "", errors.New("no such data")
	}, func(context.Context, string) (string, error) { return "", nil }))
	if len(os.Args) == 4 && os.Args[1] == "-worker" {
		os.Exit(runWorker(os.Stdout, os.Args[2], os.Args[3]))
	}
	os.Exit(m.Run())
}

// TestTasks_EveryTaskHasAReference checks that each Go task has a function
// of the same name in its ref_<area>.py, and that the headline comparisons
// the benchmark issues asked for are all there.
func TestTasks_EveryTaskHasAReference(t *testing.T) {
	for name, tk := range tasks {
		if strings.HasPrefix(name, "test/") {
			continue
		}
		b, err := refScripts.ReadFile("ref_" + tk.Area + ".py")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !regexp.MustCompile(`"` + regexp.QuoteMeta(name) + `": \(`).Match(b) {
			t.Errorf("%s: ref_%s.py has no (setup, run) entry for it", name, tk.Area)
		}
		if _, ok := datasets[tk.Data]; !ok {
			t.Errorf("%s: unknown dataset %q", name, tk.Data)
		}
	}
	head, _ := selectTasks("", false)
	want := "eda/describe-1m load/csv-1m model/forest-100k model/gbt-100k model/knn-predict-20k model/logistic-100k model/tree-100k prep/pipeline-1m process/train-forest-cv0 process/train-forest-cv5 process/train-logistic-cv0 process/train-logistic-cv5 source/parquet-1m"
	if strings.Join(head, " ") != want {
		t.Errorf("headline tasks %v, want %s", head, want)
	}
	all, _ := selectTasks("", true)
	some, _ := selectTasks("^model/(tree|knn)", false)
	if len(all) != len(tasks) || strings.Join(some, " ") != "model/knn-100k model/knn-predict-20k model/tree-100k" {
		t.Errorf("all %d of %d, pattern %v", len(all), len(tasks), some)
	}
	if _, err := selectTasks("(", false); err == nil {
		t.Error("a bad pattern was accepted")
	}
}

// TestMeasure_TimesWorkNotSetup runs a worker process and checks that the
// setup's time is reported apart from the work's, with peak memory.
func TestMeasure_TimesWorkNotSetup(t *testing.T) {
	r := measure(selfCommand("test/sleep", "/data/file.csv"))
	if r.err != nil {
		t.Fatal(r.err)
	}
	if r.setup < 0.15 || r.seconds < 0.02 || r.seconds > 0.15 || r.peakMB <= 0 || r.note != "read file.csv" {
		t.Errorf("setup %.3f s, work %.3f s, %.0f MB, note %q", r.setup, r.seconds, r.peakMB, r.note)
	}
	if r := measure(selfCommand("test/fail", "x")); r.err == nil || !strings.Contains(r.err.Error(), "no such data") {
		t.Errorf("a failing setup: %v", r.err)
	}
}

// TestMeasure_PythonReference runs ref_data.py on a tiny file through the
// same command the harness uses.
func TestMeasure_PythonReference(t *testing.T) {
	py, err := findPython()
	if err != nil {
		t.Skip(err)
	}
	scripts, err := writeScripts()
	if err != nil {
		t.Fatal(err)
	}
	defer os.RemoveAll(scripts)
	csv := filepath.Join(t.TempDir(), "tiny.csv")
	os.WriteFile(csv, []byte("a,b\n1,x\n2,y\n3,z\n"), 0o644)
	r := measure(pythonCommand(py, scripts, tasks["load/csv-100k"], csv))
	if r.err != nil || r.note != "3 rows x 2 cols" || r.peakMB <= 0 {
		t.Fatalf("%+v", r)
	}
	rows := []row{{task: "load/csv-100k", load: "0.1 0.2 0.3", ours: result{seconds: 0.5, peakMB: 100, note: "a|b"}, ref: r}}
	md := filepath.Join(t.TempDir(), "r.md")
	if err := writeMarkdown(md, "head", rows); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(md)
	if !strings.Contains(string(b), `| load/csv-100k | 0.1 0.2 0.3 | 0.500 |`) || !strings.Contains(string(b), `a\|b`) {
		t.Errorf("markdown:\n%s", b)
	}
}

func TestSpeed_SaysWhichSideIsFaster(t *testing.T) {
	for _, c := range []struct {
		ours, ref float64
		want      string
	}{{1, 2.5, "2.50x faster"}, {3, 1.5, "2.00x SLOWER"}, {0, 1, ""}} {
		r := row{ours: result{seconds: c.ours, peakMB: 50}, ref: result{seconds: c.ref, peakMB: 100}}
		if got := speed(r); got != c.want {
			t.Errorf("%v vs %v: %q, want %q", c.ours, c.ref, got, c.want)
		}
	}
	if m := memory(row{ours: result{seconds: 1, peakMB: 50}, ref: result{seconds: 1, peakMB: 100}}); m != "0.50x" {
		t.Errorf("memory ratio %q", m)
	}
	skip := row{ours: result{seconds: 1e-6, note: "skipped: no database"}, ref: result{seconds: 1e-5, note: "skipped"}}
	if speed(skip) != "" || memory(skip) != "" {
		t.Errorf("a skipped task has ratios %q %q", speed(skip), memory(skip))
	}
}

// TestSize_RatioOfFileSizes: a row whose sides both made a file reports
// our size over the reference's; without files or a comparison, nothing.
func TestSize_RatioOfFileSizes(t *testing.T) {
	r := row{ours: result{seconds: 1, bytes: 5_000_000}, ref: result{seconds: 2, bytes: 10_000_000}}
	if got := size(r); got != "0.50x (5.0 / 10.0 MB)" {
		t.Errorf("size %q", got)
	}
	r.ref.bytes = 0
	if got := size(r); got != "" {
		t.Errorf("size without the reference's file: %q", got)
	}
	r.ref.bytes, r.ours.err = 1, errors.New("failed")
	if got := size(r); got != "" {
		t.Errorf("size of a failed side: %q", got)
	}
}
