package serve

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"modelbench/workflow/deploy/serve/predlog"
)

// Options configure a Server. The zero value of a field takes the default
// named beside it.
type Options struct {
	// Name is the model's name in the Open Inference Protocol's paths
	// (default: the deployment directory's name).
	Name       string
	AppVersion string // the serving program's version, shown in metadata
	// APIKeys are the keys clients send as "Authorization: Bearer KEY";
	// none means every endpoint is open.
	APIKeys []string
	// ProtectHealth requires a key for /healthz, /readyz, /v2/health/*,
	// /ping and /health too; OpenMetrics and OpenMonitor open /metrics,
	// and /monitor with /v1/monitoring, without one.
	ProtectHealth, OpenMetrics, OpenMonitor bool
	// MaxBodyBytes limits a request body (DefaultMaxBody); MaxBatch the
	// rows of one request (DefaultMaxBatch).
	MaxBodyBytes int64
	MaxBatch     int
	// Log receives every scored row and feedback; nil runs without a log
	// (then /v1/feedback, /v1/monitoring and the drift gauges answer 503
	// or stay empty). The Server does not close it.
	Log *predlog.Log
	// MonitorWindow is the window of the drift gauges
	// (DefaultMonitorWindow), recomputed every MonitorInterval
	// (DefaultMonitorInterval); MonitorMaxRows caps the rows a report
	// reads, the most recent ones (DefaultMonitorMaxRows).
	MonitorWindow   time.Duration
	MonitorInterval time.Duration
	MonitorMaxRows  int
	// Logger receives the structured log (default: discarded). It never
	// receives request bodies or credentials.
	Logger *slog.Logger
	// AccessLog logs one line per request: method, endpoint, status,
	// duration and sizes.
	AccessLog bool
}

// The defaults of Options.
const (
	DefaultMaxBody         = 10 << 20
	DefaultMaxBatch        = 1000
	DefaultMonitorWindow   = time.Hour
	DefaultMonitorInterval = time.Minute
	DefaultMonitorMaxRows  = 100_000
)

// Server is the scoring service over one deployment: an http.Handler
// whose routes are documented in the package doc. Start begins the timer
// that refreshes the drift gauges; Drain makes it report not ready before
// a shutdown; Close stops the timer. It is safe for concurrent use.
type Server struct {
	d         *Deployment
	opt       Options
	lim       limits
	log       *predlog.Log
	keys      *keyring
	logger    *slog.Logger
	metrics   *metrics
	predictor *coalescer
	mux       *http.ServeMux
	started   time.Time

	draining atomic.Bool
	requests atomic.Int64 // every request since start
	failures atomic.Int64 // requests answered 4xx or 5xx
	rows     atomic.Int64 // rows scored
	stopOnce sync.Once
	stop     chan struct{}
	done     chan struct{}
}

// New makes the server for d.
func New(d *Deployment, opt Options) (*Server, error) {
	if d == nil {
		return nil, errors.New("serve: no deployment")
	}
	if opt.Name == "" {
		opt.Name = modelName(d.Dir)
	}
	if opt.MaxBodyBytes <= 0 {
		opt.MaxBodyBytes = DefaultMaxBody
	}
	if opt.MaxBatch <= 0 {
		opt.MaxBatch = DefaultMaxBatch
	}
	if opt.MonitorWindow <= 0 {
		opt.MonitorWindow = DefaultMonitorWindow
	}
	if opt.MonitorInterval <= 0 {
		opt.MonitorInterval = DefaultMonitorInterval
	}
	if opt.MonitorMaxRows <= 0 {
		opt.MonitorMaxRows = DefaultMonitorMaxRows
	}
	if opt.Logger == nil {
		opt.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	s := &Server{d: d, opt: opt, lim: limits{maxRows: opt.MaxBatch}, log: opt.Log, keys: newKeyring(opt.APIKeys),
		logger: opt.Logger, mux: http.NewServeMux(), started: time.Now(), stop: make(chan struct{}), done: make(chan struct{})}
	s.metrics = newMetrics(d, opt.Name, opt.AppVersion, opt.Log)
	s.predictor = newCoalescer(d.Artifact)
	s.routes()
	return s, nil
}

// modelName is a deployment directory's name, as a path segment.
func modelName(dir string) string {
	n := filepath.Base(filepath.Clean(dir))
	if n == "." || n == "/" || n == "" {
		return "model"
	}
	return strings.Map(func(r rune) rune {
		if r == '/' || r == '\\' || r == ' ' || r == '?' || r == '#' {
			return '-'
		}
		return r
	}, n)
}

// Name is the model's name in the Open Inference Protocol's paths.
func (s *Server) Name() string { return s.opt.Name }

// access says who may call an endpoint.
type access int

const (
	accessHealth  access = iota // open unless ProtectHealth
	accessMetrics               // open with OpenMetrics
	accessMonitor               // open with OpenMonitor
	accessKey                   // a key, whenever there are keys
)

func (s *Server) open(a access) bool {
	switch {
	case s.keys.empty():
		return true
	case a == accessHealth:
		return !s.opt.ProtectHealth
	case a == accessMetrics:
		return s.opt.OpenMetrics
	case a == accessMonitor:
		return s.opt.OpenMonitor
	}
	return false
}

// errorWriter writes a failed request in one protocol's error format.
type errorWriter func(w http.ResponseWriter, err error)

// handler is an endpoint: it writes its response or returns an error.
type handler func(w http.ResponseWriter, r *http.Request) error

func (s *Server) routes() {
	s.handle("POST /v1/predict", accessKey, writeError, s.handlePredict)
	s.handle("POST /v1/feedback", accessKey, writeError, s.handleFeedback)
	s.handle("GET /v1/model", accessKey, writeError, s.handleModel)
	s.handle("GET /v1/monitoring", accessMonitor, writeError, s.handleMonitoring)
	s.handle("GET /monitor", accessMonitor, writeError, s.handleDashboard)
	s.handle("GET /healthz", accessHealth, writeError, s.handleLive)
	s.handle("GET /readyz", accessHealth, writeError, s.handleReady)
	metricsHandler := promhttp.HandlerFor(s.metrics.reg, promhttp.HandlerOpts{ErrorHandling: promhttp.ContinueOnError})
	s.handle("GET /metrics", accessMetrics, writeError, func(w http.ResponseWriter, r *http.Request) error {
		metricsHandler.ServeHTTP(w, r)
		return nil
	})
	s.oipRoutes()
	s.mlflowRoutes()
	s.handle("/", accessHealth, writeError, s.handleUnknown)
}

// handle registers h with authentication, the body limit, panic
// recovery, the request metrics and the access log.
func (s *Server) handle(pattern string, a access, onError errorWriter, h handler) {
	endpoint := pattern
	if _, path, ok := strings.Cut(pattern, " "); ok {
		endpoint = path
	}
	if endpoint == "/" {
		endpoint = "other"
	}
	em := s.metrics.endpoint(endpoint)
	open := s.open(a)
	s.mux.HandleFunc(pattern, func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			if v := recover(); v != nil {
				s.logger.Error("panic while serving a request", "endpoint", endpoint, "panic", fmt.Sprint(v))
				if sw.status == 0 {
					onError(sw, statusError(http.StatusInternalServerError, "internal error"))
				}
			}
			took := time.Since(start)
			status := sw.code()
			em.observe(status, took)
			s.requests.Add(1)
			if status >= 400 {
				s.failures.Add(1)
			}
			if s.opt.AccessLog {
				s.logger.Info("request", "method", r.Method, "endpoint", endpoint, "status", status,
					"duration_ms", float64(took.Microseconds())/1000, "bytes_in", r.ContentLength, "bytes_out", sw.bytes)
			} else if status >= 500 {
				s.logger.Warn("request failed", "method", r.Method, "endpoint", endpoint, "status", status)
			}
		}()
		if !open && !s.keys.allows(r) {
			sw.Header().Set("WWW-Authenticate", `Bearer realm="modelbench"`)
			if endpoint == "/monitor" {
				sw.Header().Add("WWW-Authenticate", `Basic realm="modelbench monitor (any user name, the API key as password)"`)
			}
			onError(sw, statusError(http.StatusUnauthorized, "a valid API key is required: send the header Authorization: Bearer KEY"))
			return
		}
		r = r.WithContext(context.WithValue(r.Context(), startKey{}, start))
		if err := h(sw, r); err != nil {
			onError(sw, err)
		}
	})
}

type startKey struct{}

// arrival is when the request arrived.
func arrival(r *http.Request) time.Time {
	if t, ok := r.Context().Value(startKey{}).(time.Time); ok {
		return t
	}
	return time.Now()
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

func (w *statusWriter) code() int {
	if w.status == 0 {
		return http.StatusOK
	}
	return w.status
}

// Unwrap lets http.ResponseController reach the connection.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// ServeHTTP serves a request.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) { s.mux.ServeHTTP(w, r) }

// body reads the request body, at most MaxBodyBytes (413 beyond).
func (s *Server) body(w http.ResponseWriter, r *http.Request) ([]byte, error) {
	max := s.opt.MaxBodyBytes
	tooLarge := statusError(http.StatusRequestEntityTooLarge, "the request body is larger than %d bytes (--max-body)", max)
	if r.ContentLength > max {
		return nil, tooLarge
	}
	rd := http.MaxBytesReader(w, r.Body, max)
	size := 4096
	if r.ContentLength > 0 {
		size = int(r.ContentLength) + 1
	}
	buf := make([]byte, 0, size)
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := rd.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			var mb *http.MaxBytesError
			if errors.As(err, &mb) {
				return nil, tooLarge
			}
			return nil, badRequest("the request body could not be read: %v", err)
		}
	}
}

// Start begins refreshing the drift gauges every MonitorInterval, from
// the log's last MonitorWindow; it returns at once. Without a log it does
// nothing.
func (s *Server) Start() {
	if s.log == nil {
		close(s.done)
		return
	}
	go s.refreshLoop()
}

// Drain makes /readyz and /v2/health/ready answer 503, so that a load
// balancer stops sending requests before the server shuts down.
func (s *Server) Drain() { s.draining.Store(true) }

// Close stops the drift refresher started by Start (waiting for it) and
// the prediction workers; requests served after Close are predicted on
// their own goroutine.
func (s *Server) Close() {
	s.stopOnce.Do(func() {
		close(s.stop)
		s.predictor.close()
	})
	<-s.done
}

func (s *Server) counters() ServerCounters {
	return ServerCounters{Started: s.started.UTC(), Requests: s.requests.Load(), Errors: s.failures.Load(), Rows: s.rows.Load()}
}

func (s *Server) handleLive(w http.ResponseWriter, r *http.Request) error {
	writeJSON(w, http.StatusOK, map[string]any{"status": "ok"})
	return nil
}

// readiness says whether the server can take traffic, and why not.
func (s *Server) readiness(ctx context.Context) (bool, string) {
	if s.draining.Load() {
		return false, "shutting down"
	}
	if s.log != nil {
		ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
		defer cancel()
		if err := s.log.Ping(ctx); err != nil {
			return false, "the prediction log is not writable: " + err.Error()
		}
	}
	return true, ""
}

func (s *Server) handleReady(w http.ResponseWriter, r *http.Request) error {
	ok, why := s.readiness(r.Context())
	if !ok {
		writeJSON(w, http.StatusServiceUnavailable, map[string]any{"ready": false, "reason": why})
		return nil
	}
	writeJSON(w, http.StatusOK, map[string]any{"ready": true, "model_version": s.d.ModelVersion})
	return nil
}

// handleUnknown answers paths no endpoint serves (404) and known paths
// called with the wrong method (405), in JSON.
func (s *Server) handleUnknown(w http.ResponseWriter, r *http.Request) error {
	var allow []string
	for _, m := range []string{http.MethodGet, http.MethodPost} {
		probe := r.Clone(r.Context())
		probe.Method = m
		if _, p := s.mux.Handler(probe); p != "" && p != "/" {
			allow = append(allow, m)
		}
	}
	if len(allow) > 0 {
		w.Header().Set("Allow", strings.Join(allow, ", "))
		return statusError(http.StatusMethodNotAllowed, "%s is not allowed on %s; use %s", r.Method, r.URL.Path, strings.Join(allow, " or "))
	}
	return statusError(http.StatusNotFound, "no endpoint %s; see /v1/model, /v1/predict, /v2/models/%s, /invocations", r.URL.Path, s.opt.Name)
}
