package serve

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"time"

	"modelbench/workflow/deploy/serve/predlog"
)

func parseLevel(s string) (slog.Level, error) {
	var l slog.Level
	if err := l.UnmarshalText([]byte(s)); err != nil {
		return 0, fmt.Errorf("--log-level %q is not debug, info, warn or error", s)
	}
	return l, nil
}

// Run serves the deployment c names until ctx ends (the callers cancel it
// on SIGTERM or SIGINT), then shuts down gracefully: /readyz turns 503,
// the listener closes, requests in flight finish (up to
// ShutdownTimeout), and the prediction log commits everything queued. It
// logs JSON lines to logOut (log/slog), never request bodies or API
// keys. The address it listens on is logged as "listening" with "addr".
// Errors name what failed: the directory, a file, the log, the address.
func Run(ctx context.Context, c *Config, logOut io.Writer) error {
	level, err := parseLevel(c.LogLevel)
	if err != nil {
		return usage("%v", err)
	}
	logger := slog.New(slog.NewJSONHandler(logOut, &slog.HandlerOptions{Level: level}))
	keys, err := apiKeys(c)
	if err != nil {
		return err
	}
	d, err := LoadDir(c.Dir)
	if err != nil {
		return err
	}
	var cert tls.Certificate
	if c.TLSCert != "" {
		if cert, err = tls.LoadX509KeyPair(c.TLSCert, c.TLSKey); err != nil {
			return fmt.Errorf("the TLS certificate %s and key %s: %w", c.TLSCert, c.TLSKey, err)
		}
	}
	plog, err := openLog(ctx, c, logger)
	if err != nil {
		return err
	}
	s, err := New(d, Options{Name: c.Name, AppVersion: c.AppVersion, APIKeys: keys, ProtectHealth: c.ProtectHealth,
		OpenMetrics: c.OpenMetrics, OpenMonitor: c.OpenMonitor, MaxBodyBytes: int64(c.MaxBody), MaxBatch: c.MaxBatch,
		Log: plog, LogWait: min(DefaultLogWait, c.WriteTimeout/2), MonitorWindow: time.Duration(c.MonitorWindow), MonitorInterval: c.MonitorInterval, Logger: logger, AccessLog: c.AccessLog})
	if err != nil {
		return closeLog(plog, err)
	}
	ln, err := net.Listen("tcp", c.Addr)
	if err != nil {
		return closeLog(plog, fmt.Errorf("listening on %s: %w", c.Addr, err))
	}
	srv := &http.Server{Handler: s, ReadHeaderTimeout: min(10*time.Second, c.ReadTimeout), ReadTimeout: c.ReadTimeout,
		WriteTimeout: c.WriteTimeout, IdleTimeout: c.IdleTimeout, ErrorLog: slog.NewLogLogger(logger.Handler(), slog.LevelWarn),
		MaxHeaderBytes: 64 << 10}
	scheme := "http"
	if c.TLSCert != "" {
		scheme = "https"
		srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		ln = tls.NewListener(ln, srv.TLSConfig)
	}
	announce(logger, c, s, d, ln.Addr().String(), scheme, plog, len(keys))
	s.Start()
	served := make(chan error, 1)
	go func() { served <- srv.Serve(ln) }()
	select {
	case err = <-served:
		err = fmt.Errorf("serving on %s: %w", ln.Addr(), err)
	case <-ctx.Done():
		err = nil
	}
	return shutdown(c, s, srv, plog, logger, err)
}

// shutdown drains the server, finishes the requests in flight and closes
// the log; cause is why it stops (nil: asked to).
func shutdown(c *Config, s *Server, srv *http.Server, plog *predlog.Log, logger *slog.Logger, cause error) error {
	logger.Info("shutting down: finishing requests in flight and writing the prediction log", "timeout", c.ShutdownTimeout.String())
	s.Drain()
	ctx, cancel := context.WithTimeout(context.Background(), c.ShutdownTimeout)
	defer cancel()
	err := srv.Shutdown(ctx)
	if err != nil {
		err = fmt.Errorf("finishing requests in flight: %w", err)
	}
	s.Close()
	if plog != nil {
		if cerr := plog.Close(ctx); cerr != nil {
			err = errors.Join(err, cerr)
		}
		st := plog.Stats()
		logger.Info("prediction log closed", "log", plog.Name(), "written", st.Written, "waits", st.Waits, "refused", st.Full)
	}
	err = errors.Join(cause, err)
	if err != nil {
		logger.Error("stopped with an error", "error", err.Error())
		return err
	}
	logger.Info("stopped")
	return nil
}

// apiKeys reads --api-keys and MODELBENCH_API_KEYS.
func apiKeys(c *Config) ([]string, error) {
	var keys []string
	if c.APIKeysFile != "" {
		k, err := ReadAPIKeys(c.APIKeysFile)
		if err != nil {
			return nil, err
		}
		if len(k) == 0 {
			return nil, fmt.Errorf("the API-key file %s holds no key", c.APIKeysFile)
		}
		keys = append(keys, k...)
	}
	if env := os.Getenv(EnvAPIKeys); env != "" {
		k, err := SplitAPIKeys(env)
		if err != nil {
			return nil, err
		}
		keys = append(keys, k...)
	}
	return keys, nil
}

// openLog opens the prediction log --log names (nil for "off").
func openLog(ctx context.Context, c *Config, logger *slog.Logger) (*predlog.Log, error) {
	spec := c.Log
	switch spec {
	case "off", "none":
		logger.Warn("the prediction log is off (--log off): no feedback, no monitoring, no drift gauges")
		return nil, nil
	case "":
		spec = "sqlite:" + filepath.Join(c.Dir, DefaultLogFile)
	}
	opt := predlog.Options{QueueSize: c.LogQueue, MaxBatch: c.LogBatch, FlushInterval: c.LogFlush, MaxRows: c.LogMaxRows,
		MaxAge: time.Duration(c.LogMaxAge), OnError: func(err error) { logger.Error("prediction log", "error", err.Error()) }}
	octx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	return predlog.Open(octx, spec, opt)
}

func closeLog(l *predlog.Log, err error) error {
	if l != nil {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return errors.Join(err, l.Close(ctx))
	}
	return err
}

// announce logs what is served where, and warns loudly about an open
// server.
func announce(logger *slog.Logger, c *Config, s *Server, d *Deployment, addr, scheme string, plog *predlog.Log, keys int) {
	logName := "off"
	if plog != nil {
		logName = plog.Name()
	}
	logger.Info("listening", "addr", addr, "url", scheme+"://"+addr, "model", s.Name(), "model_version", d.ModelVersion,
		"learner", d.Artifact.Learner, "task", d.Artifact.Task.String(), "target", d.Artifact.Target, "log", logName,
		"api_keys", keys, "tls", scheme == "https", "max_body", int64(c.MaxBody), "max_batch", c.MaxBatch)
	if keys == 0 {
		msg := "NO API KEYS: every endpoint is open to anyone who can reach " + addr + "; give --api-keys FILE or " + EnvAPIKeys
		if host, _, err := net.SplitHostPort(addr); err == nil && !net.ParseIP(host).IsLoopback() {
			msg += ". THIS ADDRESS IS REACHABLE FROM OTHER MACHINES"
		}
		logger.Warn(msg)
	}
}
