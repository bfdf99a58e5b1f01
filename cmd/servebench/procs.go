package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// proc is a server process under test.
type proc struct {
	name string
	cmd  *exec.Cmd
	url  string
	done chan error
	logs *os.File
}

// apiKey is the key the benchmark's modelbench-serve requires.
const apiKey = "servebench-key-0123456789abcdef"

// startServe runs modelbench-serve on dir with an API key and a SQLite
// log, and waits until it listens.
func startServe(server, dir, work string, extra ...string) (*proc, error) {
	keys := filepath.Join(work, "keys")
	if err := os.WriteFile(keys, []byte(apiKey+"\n"), 0o600); err != nil {
		return nil, err
	}
	args := append([]string{dir, "--addr", "127.0.0.1:0", "--api-keys", keys, "--log", "sqlite:" + filepath.Join(work, "predictions.db")}, extra...)
	cmd := exec.Command(server, args...)
	logs, err := os.Create(filepath.Join(work, "serve.log"))
	if err != nil {
		return nil, err
	}
	pr, pw := io.Pipe()
	cmd.Stderr = io.MultiWriter(logs, pw)
	p := &proc{name: "modelbench-serve", cmd: cmd, done: make(chan error, 1), logs: logs}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() { p.done <- cmd.Wait(); pw.Close() }()
	found := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		for sc.Scan() {
			var l struct{ Msg, URL string }
			if json.Unmarshal(sc.Bytes(), &l) == nil && l.Msg == "listening" {
				found <- l.URL
			}
		}
	}()
	select {
	case p.url = <-found:
		return p, nil
	case err := <-p.done:
		return nil, fmt.Errorf("modelbench-serve exited: %v (see %s)", err, logs.Name())
	case <-time.After(2 * time.Minute):
		cmd.Process.Kill()
		return nil, fmt.Errorf("modelbench-serve did not listen within 2 minutes")
	}
}

// startFlask runs ref_flask.py under gunicorn, one worker per core, and
// waits until /healthz answers (the model is trained before the workers
// fork).
func startFlask(python string, fx *fixture, work string) (*proc, error) {
	here, err := sourceDir()
	if err != nil {
		return nil, err
	}
	port, err := freePort()
	if err != nil {
		return nil, err
	}
	workers := strconv.Itoa(runtime.NumCPU())
	cmd := exec.Command(python, "-m", "gunicorn", "--preload", "-w", workers, "-b", "127.0.0.1:"+strconv.Itoa(port),
		"--chdir", here, "--log-level", "warning", "--backlog", "2048", "ref_flask:app")
	cmd.Env = append(os.Environ(), "MB_TRAIN="+fx.trainCSV, "MB_TARGET=y", "MB_FEATURES="+fx.featureList())
	logs, err := os.Create(filepath.Join(work, "flask.log"))
	if err != nil {
		return nil, err
	}
	cmd.Stdout, cmd.Stderr = logs, logs
	p := &proc{name: "flask", cmd: cmd, url: "http://127.0.0.1:" + strconv.Itoa(port), done: make(chan error, 1), logs: logs}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting gunicorn (apt-get install python3-flask gunicorn): %w", err)
	}
	go func() { p.done <- cmd.Wait() }()
	deadline := time.Now().Add(5 * time.Minute)
	for time.Now().Before(deadline) {
		select {
		case err := <-p.done:
			b, _ := os.ReadFile(logs.Name())
			return nil, fmt.Errorf("gunicorn exited: %v\n%s", err, b)
		default:
		}
		if resp, err := http.Get(p.url + "/healthz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				return p, nil
			}
		}
		time.Sleep(200 * time.Millisecond)
	}
	p.stop()
	return nil, fmt.Errorf("the Flask reference did not answer within 5 minutes")
}

// stop sends SIGTERM and waits (SIGKILL after 30 s).
func (p *proc) stop() {
	if p.cmd.Process == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-p.done:
	case <-time.After(30 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
	p.logs.Close()
}

// rssMiB reads the process's resident memory from /proc.
func (p *proc) rssMiB() (float64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			kb, err := strconv.ParseFloat(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 64)
			return kb / 1024, err
		}
	}
	return 0, fmt.Errorf("no VmRSS in /proc/%d/status", p.cmd.Process.Pid)
}

func freePort() (int, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer ln.Close()
	return ln.Addr().(*net.TCPAddr).Port, nil
}

// sourceDir is this command's source folder, where ref_flask.py is
// (the Makefile runs servebench from the repository root).
func sourceDir() (string, error) {
	for _, d := range []string{"cmd/servebench", "."} {
		if _, err := os.Stat(filepath.Join(d, "ref_flask.py")); err == nil {
			return filepath.Abs(d)
		}
	}
	return "", fmt.Errorf("ref_flask.py not found: run servebench from the repository root")
}

// cpuSeconds is the CPU time (user and system) the process has used, from
// /proc/PID/stat (clock ticks of 1/100 s, Linux's USER_HZ).
func (p *proc) cpuSeconds() (float64, error) {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(p.cmd.Process.Pid) + "/stat")
	if err != nil {
		return 0, err
	}
	s := string(b)
	// The command name (field 2) may hold spaces; fields resume after ')'.
	fields := strings.Fields(s[strings.LastIndexByte(s, ')')+1:])
	if len(fields) < 13 {
		return 0, fmt.Errorf("/proc/%d/stat is short", p.cmd.Process.Pid)
	}
	utime, err1 := strconv.ParseFloat(fields[11], 64)
	stime, err2 := strconv.ParseFloat(fields[12], 64)
	if err1 != nil || err2 != nil {
		return 0, fmt.Errorf("/proc/%d/stat: %v %v", p.cmd.Process.Pid, err1, err2)
	}
	return (utime + stime) / 100, nil
}

// selfCPUSeconds is this process's CPU time (the load generator's).
func selfCPUSeconds() float64 {
	var ru syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &ru) != nil {
		return 0
	}
	return float64(ru.Utime.Nano()+ru.Stime.Nano()) / 1e9
}

// loadAverage is /proc/loadavg's first three fields: how busy the shared
// machine was.
func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// keep writes the benchmark's deployment, API key file and wrk script
// into opt.keep and prints the commands that serve and load them.
func keep(ctx context.Context, opt options) error {
	dir, err := filepath.Abs(opt.keep)
	if err != nil {
		return err
	}
	fmt.Printf("setup: %d synthetic rows, a %d-tree forest on 60%% of them into %s ...\n", opt.rows, opt.trees, dir)
	fx, err := setup(ctx, filepath.Join(dir, "deploy"), opt)
	if err != nil {
		return err
	}
	keys := filepath.Join(dir, "keys")
	if err := os.WriteFile(keys, []byte(apiKey+"\n"), 0o600); err != nil {
		return err
	}
	script := filepath.Join(dir, "bodies.lua")
	if err := writeWrkScript(script, fx.bodies); err != nil {
		return err
	}
	fmt.Printf("serve: modelbench-serve %s --addr 127.0.0.1:8080 --api-keys %s --log sqlite:%s\n",
		filepath.Join(dir, "deploy"), keys, filepath.Join(dir, "predictions.db"))
	fmt.Printf("load:  wrk -t 2 -c %d -d 10s -s %s http://127.0.0.1:8080/v1/predict\n", opt.connections, script)
	return nil
}
