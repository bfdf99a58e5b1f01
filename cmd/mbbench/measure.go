package main

import (
	"bufio"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
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
	seconds float64
	peakMB  float64
	note    string
	err     error
}

type row struct {
	task      string
	ours, ref result
}

// workerLine is what a worker prints on its last line of output.
type workerLine struct {
	Seconds float64 `json:"seconds"`
	Note    string  `json:"note"`
	Error   string  `json:"error,omitempty"`
}

func runWorker(name, path string) int {
	t, ok := tasks[name]
	if !ok {
		fmt.Fprintln(os.Stderr, "unknown task", name)
		return 2
	}
	start := time.Now()
	note, err := t.Run(context.Background(), path)
	out := workerLine{Seconds: time.Since(start).Seconds(), Note: note}
	if err != nil {
		out.Error = err.Error()
	}
	_ = json.NewEncoder(os.Stdout).Encode(out)
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
	r := result{seconds: wl.Seconds, note: wl.Note}
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

func printRow(r row) {
	side := func(x result) string {
		if x.err != nil {
			return "error: " + x.err.Error()
		}
		if x.seconds == 0 && x.peakMB == 0 {
			return "-"
		}
		return fmt.Sprintf("%7.3f s %7.0f MB  %s", x.seconds, x.peakMB, x.note)
	}
	ratio := "-"
	if r.ours.err == nil && r.ref.err == nil && r.ours.seconds > 0 && r.ref.seconds > 0 {
		ratio = fmt.Sprintf("%.2fx faster, memory %.2fx", r.ref.seconds/r.ours.seconds, r.ours.peakMB/r.ref.peakMB)
		if r.ours.seconds > r.ref.seconds {
			ratio = fmt.Sprintf("%.2fx SLOWER, memory %.2fx", r.ours.seconds/r.ref.seconds, r.ours.peakMB/r.ref.peakMB)
		}
	}
	fmt.Printf("%-28s modelbench %s\n%-28s reference  %s\n%-28s ratio      %s\n", r.task, side(r.ours), "", side(r.ref), "", ratio)
}

func machineLine() string {
	load, _ := os.ReadFile("/proc/loadavg")
	return fmt.Sprintf("%d cores, GOMAXPROCS %d, load %s", runtime.NumCPU(), runtime.GOMAXPROCS(0), strings.Join(strings.Fields(string(load))[:3], " "))
}
