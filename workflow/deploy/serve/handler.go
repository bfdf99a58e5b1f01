package serve

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"
)

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
		sw := &statusWriter{ResponseWriter: w, start: start}
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
		if err := h(sw, r); err != nil {
			onError(sw, err)
		}
	})
}

// arrival is when the request whose response w writes arrived (now, for
// a writer the handlers' wrapper did not make).
func arrival(w http.ResponseWriter) time.Time {
	if sw, ok := w.(*statusWriter); ok {
		return sw.start
	}
	return time.Now()
}

// statusWriter remembers the status and size of a response.
type statusWriter struct {
	http.ResponseWriter
	start  time.Time // when the request arrived
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
