package serve

import (
	"context"
	"net/http"
	"strings"
	"time"
)

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
