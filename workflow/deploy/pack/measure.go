package pack

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"

	"modelbench/workflow/deploy/serve"
)

// Resources are the figures measured at export by running the package's
// server on 127.0.0.1 and sending it requests.
type Resources struct {
	// ModelBytes is model.json's size.
	ModelBytes int64 `json:"model_bytes"`
	// MemoryLoadedBytes is the server's memory once it listens (the model
	// loaded), MemoryBytes after the check and latency requests; what
	// they are says MemorySource.
	MemoryLoadedBytes int64  `json:"memory_loaded_bytes"`
	MemoryBytes       int64  `json:"memory_bytes"`
	MemorySource      string `json:"memory_source"`
	// LatencyMS is the median time of LatencyRequests single-row
	// /v1/predict requests, one after another over a kept-alive
	// connection, as the client saw it; LatencyP90MS their 90th
	// percentile.
	LatencyMS       float64 `json:"latency_ms"`
	LatencyP90MS    float64 `json:"latency_p90_ms"`
	LatencyRequests int     `json:"latency_requests"`
	// MeasuredWith is the server that was run: the package's binary for
	// this machine (its path in the package, or where it was found), or
	// "in-process" when there was no binary for this machine.
	MeasuredWith string `json:"measured_with"`
	// CheckedRows is how many rows (of CheckedPart: "test", "training")
	// were sent to the server and compared with the app's predictions;
	// Mismatches how many differed in the prediction or a probability;
	// Checked says every one agreed exactly. FirstMismatch describes the
	// first that did not.
	CheckedRows   int    `json:"checked_rows"`
	CheckedPart   string `json:"checked_part"`
	Mismatches    int    `json:"mismatches"`
	Checked       bool   `json:"checked"`
	FirstMismatch string `json:"first_mismatch,omitempty"`
}

// Memory sources.
const (
	MemoryRSS      = "process_resident_memory_bytes" // the server's resident set, from its /metrics
	MemoryGoSys    = "go_memstats_sys_bytes"         // the Go runtime's memory from the OS, where the platform reports no RSS
	MemoryInProcHp = "in-process heap"               // heap growth of loading the model in the exporting process
)

// checkBatch is the most rows sent in one check request (the server's
// default --max-batch is 1000).
const checkBatch = 500

// running is a started server: its URL and how to stop it.
type running struct {
	url  string
	stop func() error
}

// startBinary starts the server binary bin on dir, listening on a free
// loopback port with a prediction log in logDir, and waits until it
// listens. The environment is this process's without API keys, so the
// server answers without credentials (only on 127.0.0.1).
func startBinary(ctx context.Context, bin, dir, name, logDir string) (*running, error) {
	cmd := exec.Command(bin, dir, "--addr", "127.0.0.1:0", "--name", name, "--log", "sqlite:"+filepath.Join(logDir, "measure.db"))
	cmd.Env = slices.DeleteFunc(os.Environ(), func(kv string) bool { return strings.HasPrefix(kv, serve.EnvAPIKeys+"=") })
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	var logTail tail
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting %s: %w", bin, err)
	}
	exited := make(chan error, 1)
	urls := listenURL(io.TeeReader(stderr, &logTail))
	go func() { exited <- cmd.Wait() }()
	stop := func() error {
		if runtime.GOOS == "windows" {
			_ = cmd.Process.Kill()
		} else {
			_ = cmd.Process.Signal(os.Interrupt)
		}
		select {
		case err := <-exited:
			var ee *exec.ExitError
			if errors.As(err, &ee) && runtime.GOOS == "windows" {
				return nil
			}
			return err
		case <-time.After(30 * time.Second):
			_ = cmd.Process.Kill()
			<-exited
			return fmt.Errorf("%s did not stop within 30 s", bin)
		}
	}
	select {
	case u, ok := <-urls:
		if !ok {
			<-exited
			return nil, fmt.Errorf("%s %s exited before listening: %s", bin, dir, logTail.String())
		}
		return &running{url: u, stop: stop}, nil
	case <-ctx.Done():
		_ = cmd.Process.Kill()
		<-exited
		return nil, ctx.Err()
	case <-time.After(60 * time.Second):
		_ = cmd.Process.Kill()
		<-exited
		return nil, fmt.Errorf("%s did not listen within 60 s: %s", bin, logTail.String())
	}
}

// startInProcess serves dir from this process (serve.Run), for machines
// without a server binary of their own.
func startInProcess(ctx context.Context, dir, name, logDir string) (*running, error) {
	fs := newFlagSet()
	cfg, err := serve.ParseArgs(fs, []string{dir, "--addr", "127.0.0.1:0", "--name", name, "--log", "sqlite:" + filepath.Join(logDir, "measure.db")})
	if err != nil {
		return nil, err
	}
	runCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := serve.Run(runCtx, cfg, pw)
		pw.CloseWithError(io.EOF)
		done <- err
	}()
	urls := listenURL(pr)
	stop := func() error {
		cancel()
		go func() { _, _ = io.Copy(io.Discard, pr) }()
		return <-done
	}
	select {
	case u, ok := <-urls:
		if !ok {
			cancel()
			return nil, <-done
		}
		go func() { _, _ = io.Copy(io.Discard, pr) }()
		return &running{url: u, stop: stop}, nil
	case <-ctx.Done():
		_ = stop()
		return nil, ctx.Err()
	}
}

// listenURL reads the server's JSON log lines and sends the URL of its
// "listening" line; the channel closes without one when the log ends
// first. The rest of the log is read and dropped.
func listenURL(r io.Reader) <-chan string {
	out := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		sent := false
		for sc.Scan() {
			var line struct{ Msg, URL string }
			if !sent && json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" && line.URL != "" {
				out <- line.URL
				sent = true
			}
		}
		if !sent {
			close(out)
		}
	}()
	return out
}

// tail keeps the last few kilobytes written to it, for error messages.
type tail struct{ b []byte }

func (t *tail) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > 4096 {
		t.b = t.b[len(t.b)-4096:]
	}
	return len(p), nil
}

func (t *tail) String() string { return strings.TrimSpace(string(t.b)) }

// client talks to the measured server on loopback, never through a proxy.
var client = &http.Client{Timeout: 2 * time.Minute, Transport: &http.Transport{Proxy: nil, MaxIdleConnsPerHost: 2}}

// post sends body to path and returns the answer's status and body.
func post(ctx context.Context, url string, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	return resp.StatusCode, b, err
}

// serverMemory reads the server's memory from its /metrics: the resident
// set where the platform reports it, else the Go runtime's memory from
// the OS.
func serverMemory(ctx context.Context, base string) (int64, string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, base+"/metrics", nil)
	if err != nil {
		return 0, "", err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, "", err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, "", fmt.Errorf("/metrics answered %s", resp.Status)
	}
	values := map[string]float64{}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		for _, name := range []string{MemoryRSS, MemoryGoSys} {
			if rest, ok := strings.CutPrefix(line, name+" "); ok {
				if v, err := strconv.ParseFloat(strings.TrimSpace(rest), 64); err == nil {
					values[name] = v
				}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return 0, "", err
	}
	for _, name := range []string{MemoryRSS, MemoryGoSys} {
		if v, ok := values[name]; ok && v > 0 {
			return int64(v), name, nil
		}
	}
	return 0, "", errors.New("/metrics reports neither " + MemoryRSS + " nor " + MemoryGoSys)
}

// latency sends n single-row requests (after a few to warm up), one
// after another, and returns the median and 90th percentile in
// milliseconds.
func latency(ctx context.Context, base string, rows []mapping, n int) (median, p90 float64, err error) {
	bodies := make([][]byte, len(rows))
	for i, r := range rows {
		if bodies[i], err = json.Marshal(r); err != nil {
			return 0, 0, err
		}
	}
	took := make([]float64, 0, n)
	for i := -5; i < n; i++ {
		b := bodies[(i+len(bodies))%len(bodies)]
		start := time.Now()
		code, resp, err := post(ctx, base+"/v1/predict", b)
		d := time.Since(start)
		if err != nil {
			return 0, 0, err
		}
		if code != http.StatusOK {
			return 0, 0, fmt.Errorf("a single-row request was answered %d: %s", code, bytes.TrimSpace(resp))
		}
		if i >= 0 {
			took = append(took, float64(d.Nanoseconds())/1e6)
		}
	}
	slices.Sort(took)
	return percentile(took, 0.5), percentile(took, 0.9), nil
}

// percentile is the linear-interpolation quantile q of sorted values.
func percentile(sorted []float64, q float64) float64 {
	if len(sorted) == 0 {
		return 0
	}
	pos := q * float64(len(sorted)-1)
	lo := int(pos)
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (pos-float64(lo))*(sorted[lo+1]-sorted[lo])
}

// inProcessHeap is the live heap after a garbage collection.
func inProcessHeap() int64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return int64(ms.HeapAlloc)
}
