package main

import (
	"bufio"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
	"time"
)

//go:embed *.py
var refScripts embed.FS

// result is one side's measurement of a task.
type result struct {
	setup   float64 // seconds of untimed setup
	seconds float64 // seconds of the timed work
	peakMB  float64 // the whole process's peak resident memory
	bytes   int64   // size of the file the task made, 0 when none
	note    string
	err     error
}

type row struct {
	task      string
	load      string // load average when the task started
	ours, ref result
}

// workerLine is what a worker prints on its last line of output.
type workerLine struct {
	Setup   float64 `json:"setup_seconds"`
	Seconds float64 `json:"seconds"`
	Note    string  `json:"note"`
	Bytes   int64   `json:"bytes,omitempty"`
	Error   string  `json:"error,omitempty"`
}

// runWorker runs one task's setup, then times its work, and prints the
// worker line to w.
func runWorker(w io.Writer, name, path string) int {
	t, ok := tasks[name]
	if !ok {
		fmt.Fprintln(os.Stderr, "unknown task", name)
		return 2
	}
	ctx := context.Background()
	var out workerLine
	start := time.Now()
	var in any = path
	var err error
	if t.Setup != nil {
		in, err = t.Setup(ctx, path)
	}
	out.Setup = time.Since(start).Seconds()
	if err == nil {
		start = time.Now()
		out.Note, err = t.Run(ctx, in)
		out.Seconds = time.Since(start).Seconds()
		if err == nil && t.Finish != nil {
			var more string
			more, out.Bytes = t.Finish(in)
			out.Note += more
		}
	}
	if err != nil {
		out.Error = err.Error()
	}
	_ = json.NewEncoder(w).Encode(out)
	return 0
}

func selfCommand(task, path string) *exec.Cmd {
	exe, _ := os.Executable()
	return exec.Command(exe, "-worker", task, path)
}

func findPython() (string, error) {
	const py = "/usr/bin/python3"
	if _, err := os.Stat(py); err != nil {
		return "", errors.New("/usr/bin/python3 from Debian is missing (apt-get install python3-pandas python3-sklearn)")
	}
	if err := exec.Command(py, "-c", "import pandas, sklearn").Run(); err != nil {
		return "", errors.New("pandas or scikit-learn is missing (apt-get install python3-pandas python3-sklearn)")
	}
	return py, nil
}

// writeScripts copies the embedded reference scripts to a temporary folder.
func writeScripts() (string, error) {
	dir, err := os.MkdirTemp("", "mbbench-ref")
	if err != nil {
		return "", err
	}
	entries, _ := refScripts.ReadDir(".")
	for _, e := range entries {
		b, _ := refScripts.ReadFile(e.Name())
		if err := os.WriteFile(filepath.Join(dir, e.Name()), b, 0o644); err != nil {
			return "", err
		}
	}
	return dir, nil
}

func pythonCommand(py, scripts string, t Task, path string) *exec.Cmd {
	cmd := exec.Command(py, filepath.Join(scripts, "ref_"+t.Area+".py"), t.Name, path)
	// Unset the OpenBLAS overrides for this comparison only (see env notes).
	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "OPENBLAS_CORETYPE=") && !strings.HasPrefix(kv, "OPENBLAS_L2_SIZE=") {
			env = append(env, kv)
		}
	}
	cmd.Env = env
	return cmd
}

// measure runs a worker command and reads its JSON line and peak memory.
func measure(cmd *exec.Cmd) result {
	var stderr strings.Builder
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return result{err: fmt.Errorf("%v: %s", err, lastLine(stderr.String()))}
	}
	var wl workerLine
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	var last string
	for sc.Scan() {
		if l := strings.TrimSpace(sc.Text()); l != "" {
			last = l
		}
	}
	if err := json.Unmarshal([]byte(last), &wl); err != nil {
		return result{err: fmt.Errorf("unreadable worker output %q", last)}
	}
	r := result{setup: wl.Setup, seconds: wl.Seconds, note: wl.Note, bytes: wl.Bytes}
	if wl.Error != "" {
		r.err = errors.New(wl.Error)
	}
	if ru, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		r.peakMB = float64(ru.Maxrss) / 1024 // Linux reports KiB
	}
	return r
}

func lastLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.LastIndexByte(s, '\n'); i >= 0 {
		return s[i+1:]
	}
	return s
}

func machineLine() string {
	return fmt.Sprintf("%d cores, GOMAXPROCS %d, load %s", runtime.NumCPU(), runtime.GOMAXPROCS(0), loadAverage())
}

// loadAverage is the 1, 5 and 15 minute load average.
func loadAverage() string {
	b, _ := os.ReadFile("/proc/loadavg")
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}
