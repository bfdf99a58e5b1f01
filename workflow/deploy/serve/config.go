package serve

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"time"

	"modelbench/workflow/deploy/serve/predlog"
)

// Config is the command line of `modelbench-serve DIR` and `modelbench
// serve DIR`: both parse it with ParseArgs, so their flags cannot drift.
type Config struct {
	Dir         string
	Addr        string
	APIKeysFile string
	// Log is "sqlite:PATH", a PostgreSQL URL, or "off"; "" means
	// sqlite:DIR/predictions.db.
	Log             string
	TLSCert, TLSKey string
	Name            string
	OpenMetrics     bool
	OpenMonitor     bool
	ProtectHealth   bool
	AccessLog       bool
	LogLevel        string

	MaxBody         byteSize
	MaxBatch        int
	ReadTimeout     time.Duration
	WriteTimeout    time.Duration
	IdleTimeout     time.Duration
	ShutdownTimeout time.Duration

	LogQueue   int
	LogBatch   int
	LogFlush   time.Duration
	LogMaxRows int64
	LogMaxAge  window

	MonitorWindow   window
	MonitorInterval time.Duration

	// AppVersion is the program's version (set by the caller, not a flag).
	AppVersion string
}

// DefaultAddr is where the service listens unless --addr says otherwise:
// loopback only, so that exposing it is a decision.
const DefaultAddr = "127.0.0.1:8080"

// DefaultLogFile is the prediction log's file name in the deployment
// directory when --log is not given.
const DefaultLogFile = "predictions.db"

// Register defines the flags on fs, with their defaults.
func (c *Config) Register(fs *flag.FlagSet) {
	fs.StringVar(&c.Addr, "addr", DefaultAddr, "address to listen on (host:port; :8080 listens on every interface)")
	fs.StringVar(&c.APIKeysFile, "api-keys", "", "file of API keys, one per line (# comments); also "+EnvAPIKeys+" (comma-separated)")
	fs.StringVar(&c.Log, "log", "", "prediction log: sqlite:PATH, postgres://… (shared by replicas) or off (default sqlite:DIR/"+DefaultLogFile+")")
	fs.StringVar(&c.TLSCert, "tls-cert", "", "TLS certificate file (PEM); serve HTTPS with --tls-key")
	fs.StringVar(&c.TLSKey, "tls-key", "", "TLS private key file (PEM)")
	fs.StringVar(&c.Name, "name", "", "model name in /v2/models/NAME (default: the directory's name)")
	fs.BoolVar(&c.OpenMetrics, "open-metrics", false, "serve /metrics without an API key")
	fs.BoolVar(&c.OpenMonitor, "open-monitor", false, "serve /monitor and /v1/monitoring without an API key")
	fs.BoolVar(&c.ProtectHealth, "protect-health", false, "require an API key for /healthz, /readyz, /v2/health/*, /ping and /health too")
	fs.BoolVar(&c.AccessLog, "access-log", false, "log one line per request (never bodies or credentials)")
	fs.StringVar(&c.LogLevel, "log-level", "info", "structured log level: debug, info, warn or error")
	c.MaxBody = DefaultMaxBody
	fs.Var(&c.MaxBody, "max-body", "largest request body (bytes; 512KiB, 10MiB, 1GB accepted)")
	fs.IntVar(&c.MaxBatch, "max-batch", DefaultMaxBatch, "most rows in one request")
	fs.DurationVar(&c.ReadTimeout, "read-timeout", 30*time.Second, "time to read a whole request")
	fs.DurationVar(&c.WriteTimeout, "write-timeout", 30*time.Second, "time to handle a request and write the response")
	fs.DurationVar(&c.IdleTimeout, "idle-timeout", 120*time.Second, "how long an idle keep-alive connection stays open")
	fs.DurationVar(&c.ShutdownTimeout, "shutdown-timeout", 30*time.Second, "on SIGTERM, how long to finish requests and flush the log")
	fs.IntVar(&c.LogQueue, "log-queue", predlog.DefaultQueueSize, "prediction-log entries that may wait to be written (requests wait when full)")
	fs.IntVar(&c.LogBatch, "log-batch", predlog.DefaultMaxBatch, "most prediction-log entries per transaction")
	fs.DurationVar(&c.LogFlush, "log-flush", predlog.DefaultFlushInterval, "longest an entry waits before its batch is written")
	fs.Int64Var(&c.LogMaxRows, "log-max-rows", predlog.DefaultMaxRows, "keep at most this many predictions (-1: no limit)")
	c.LogMaxAge = window(predlog.DefaultMaxAge)
	fs.Var(&c.LogMaxAge, "log-max-age", "delete predictions older than this (30d, 12h; -1 no limit)")
	c.MonitorWindow = window(DefaultMonitorWindow)
	fs.Var(&c.MonitorWindow, "monitor-window", "window of the drift gauges in /metrics (1h, 24h, 7d)")
	fs.DurationVar(&c.MonitorInterval, "monitor-interval", DefaultMonitorInterval, "how often the drift gauges are recomputed")
}

// UsageError is wrong usage of the command line (exit code 2).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

func usage(format string, args ...any) error { return &UsageError{Msg: fmt.Sprintf(format, args...)} }

// ParseArgs parses args (DIR and the flags, in any order) with the flags
// Register defines on fs. -h returns flag.ErrHelp after fs.Usage; other
// mistakes are *UsageError values saying what is wrong.
func ParseArgs(fs *flag.FlagSet, args []string) (*Config, error) {
	c := &Config{}
	c.Register(fs)
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usage("%v", err)
		}
		rest := fs.Args()
		if len(rest) == 0 {
			break
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
	switch {
	case len(pos) == 0:
		return nil, usage("DIR (a deployment directory with model.json, schema.json and baseline.json) is required")
	case len(pos) > 1:
		return nil, usage("expected one deployment directory, got %q", pos)
	case (c.TLSCert == "") != (c.TLSKey == ""):
		return nil, usage("--tls-cert and --tls-key go together")
	case c.MaxBatch <= 0:
		return nil, usage("--max-batch must be positive")
	case c.LogQueue <= 0 || c.LogBatch <= 0 || c.LogFlush <= 0:
		return nil, usage("--log-queue, --log-batch and --log-flush must be positive")
	case c.MonitorWindow <= 0 || c.MonitorInterval <= 0:
		return nil, usage("--monitor-window and --monitor-interval must be positive")
	}
	if _, err := parseLevel(c.LogLevel); err != nil {
		return nil, usage("%v", err)
	}
	c.Dir = pos[0]
	return c, nil
}

// byteSize is a flag of bytes with an optional unit.
type byteSize int64

func (b *byteSize) String() string {
	n := int64(*b)
	switch {
	case n >= 1<<30 && n%(1<<30) == 0:
		return strconv.FormatInt(n>>30, 10) + "GiB"
	case n >= 1<<20 && n%(1<<20) == 0:
		return strconv.FormatInt(n>>20, 10) + "MiB"
	case n >= 1<<10 && n%(1<<10) == 0:
		return strconv.FormatInt(n>>10, 10) + "KiB"
	}
	return strconv.FormatInt(n, 10)
}

func (b *byteSize) Set(s string) error {
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"KB", 1000}, {"MB", 1000 * 1000}, {"GB", 1000 * 1000 * 1000}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if rest, ok := strings.CutSuffix(s, u.suffix); ok {
			s, mult = rest, u.mult
			break
		}
	}
	n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
	if err != nil || n <= 0 || n > (1<<62)/mult {
		return fmt.Errorf("not a positive size such as 1048576, 512KiB or 10MiB")
	}
	*b = byteSize(n * mult)
	return nil
}

// window is a duration flag that also reads days ("7d"); -1 means no
// limit where that is allowed.
type window time.Duration

func (w *window) String() string {
	if *w < 0 {
		return "-1"
	}
	return windowLabel(time.Duration(*w))
}

func (w *window) Set(s string) error {
	if s == "-1" {
		*w = -1
		return nil
	}
	d, err := ParseWindow(s)
	if err != nil {
		return err
	}
	*w = window(d)
	return nil
}
