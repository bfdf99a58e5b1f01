package pack

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"os"
	"strconv"
	"strings"
)

// latencyRows is how many different rows the latency requests cycle
// through.
const latencyRows = 20

// measure runs the package's server for this machine on the package
// folder, on 127.0.0.1: it reads the server's memory once it listens,
// writes its answer to the example request, checks its predictions on
// the check rows against the app's, times single-row requests and reads
// the memory again. Without a server binary for this machine it serves
// the folder from this process and says so.
func (w *writer) measure(ctx context.Context) error {
	host := Host()
	bin, where := "", ""
	if _, ok := w.bins[host]; ok {
		bin, where = w.path(host.Binary()), host.Binary()
	} else if p, err := w.opt.Binary(host.OS, host.Arch); err == nil && checkBinary(p, host) == nil {
		bin, where = p, p
	}
	logDir, err := os.MkdirTemp("", "modelbench-measure-*")
	if err != nil {
		return err
	}
	defer os.RemoveAll(logDir)
	r := &w.m.Resources
	var srv *running
	var heap0 int64
	if bin != "" {
		srv, err = startBinary(ctx, bin, w.root, w.m.Name, logDir)
	} else {
		where = "in-process"
		w.m.LeftOut = append(w.m.LeftOut, fmt.Sprintf("there is no server binary for this machine (%s), so memory and latency were measured with the server running inside Modelbench; memory is the heap the loaded model takes, not a process's resident set", host))
		heap0 = inProcessHeap()
		srv, err = startInProcess(ctx, w.root, w.m.Name, logDir)
	}
	if err != nil {
		return fmt.Errorf("running the package's server (%s): %w", where, err)
	}
	r.MeasuredWith = where
	stopped := false
	defer func() {
		if !stopped {
			_ = srv.stop()
		}
	}()
	memory := func() (int64, string, error) {
		if bin == "" {
			return max(inProcessHeap()-heap0, 0), MemoryInProcHp, nil
		}
		return serverMemory(ctx, srv.url)
	}
	if r.MemoryLoadedBytes, r.MemorySource, err = memory(); err != nil {
		return fmt.Errorf("reading the server's memory: %w", err)
	}
	if err := w.exampleResponse(ctx, srv.url); err != nil {
		return err
	}
	w.report.Send(0.6, "checking the server's predictions against the app's")
	n, bad, first, err := checkPredictions(ctx, srv.url, w.in.Artifact, w.contract, w.check, w.m.ModelVersion)
	if err != nil {
		return fmt.Errorf("checking the server's predictions: %w", err)
	}
	r.CheckedRows, r.Mismatches, r.FirstMismatch = n, bad, first
	r.Checked = n > 0 && bad == 0
	w.report.Send(0.75, "timing single-row requests")
	recs, err := records(w.contract, w.check, seq(min(latencyRows, w.check.NumRows())))
	if err != nil {
		return err
	}
	if r.LatencyMS, r.LatencyP90MS, err = latency(ctx, srv.url, recs, w.opt.LatencyRequests); err != nil {
		return fmt.Errorf("timing the server: %w", err)
	}
	r.LatencyRequests = w.opt.LatencyRequests
	if r.MemoryBytes, _, err = memory(); err != nil {
		return fmt.Errorf("reading the server's memory: %w", err)
	}
	stopped = true
	if err := srv.stop(); err != nil {
		return fmt.Errorf("stopping the server after measuring it: %w", err)
	}
	w.m.Sizing = sizing(max(r.MemoryBytes, r.MemoryLoadedBytes))
	return nil
}

// exampleResponse sends example-request.json and writes the answer.
func (w *writer) exampleResponse(ctx context.Context, base string) error {
	body, err := json.Marshal(w.example)
	if err != nil {
		return err
	}
	code, resp, err := post(ctx, base+"/v1/predict", body)
	if err != nil {
		return fmt.Errorf("sending the example request: %w", err)
	}
	if code != http.StatusOK {
		return fmt.Errorf("the server refused the example request: %d %s", code, clip(strings.TrimSpace(string(resp)), 400))
	}
	if w.response, err = pretty(resp); err != nil {
		return fmt.Errorf("the server's answer to the example request: %w", err)
	}
	return os.WriteFile(w.path(ExampleResponseFile), w.response, 0o644)
}

// Sizing are the Kubernetes resources of the server's container, derived
// from the memory measured at export.
type Sizing struct {
	MemoryRequest string `json:"memory_request"`
	MemoryLimit   string `json:"memory_limit"`
	CPURequest    string `json:"cpu_request"`
	CPULimit      string `json:"cpu_limit"`
	Basis         string `json:"basis"`
}

// Sizing rules: the request is the measured memory with half again as
// much headroom (for batches and the prediction log's queue), at least
// MinMemoryRequest, rounded up to 16 MiB; the limit is twice the
// request. CPU is a quarter core requested, one core at most: scoring is
// CPU-bound and the autoscaler adds replicas on CPU.
const (
	MinMemoryRequest = 32 << 20
	memoryHeadroom   = 1.5
	cpuRequest       = "250m"
	cpuLimit         = "1"
)

func sizing(mem int64) Sizing {
	const unit = 16 << 20
	req := max(int64(math.Ceil(float64(mem)*memoryHeadroom)), MinMemoryRequest)
	req = (req + unit - 1) / unit * unit
	return Sizing{MemoryRequest: mebi(req), MemoryLimit: mebi(2 * req), CPURequest: cpuRequest, CPULimit: cpuLimit,
		Basis: fmt.Sprintf("memory request = %.1f × the %s MiB measured at export (at least %d MiB, rounded up to 16 MiB), limit = 2 × request; CPU %s requested, %s core at most",
			memoryHeadroom, strconv.FormatFloat(float64(mem)/(1<<20), 'f', 1, 64), MinMemoryRequest>>20, cpuRequest, cpuLimit)}
}

func mebi(b int64) string { return strconv.FormatInt(b>>20, 10) + "Mi" }
