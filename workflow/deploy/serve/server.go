package serve

import (
	"errors"
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
	// LogWait is how long a request waits for room in the log's queue
	// before it fails with 503 (DefaultLogWait).
	LogWait time.Duration
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
	DefaultLogWait         = 10 * time.Second
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
	if opt.LogWait <= 0 {
		opt.LogWait = DefaultLogWait
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
