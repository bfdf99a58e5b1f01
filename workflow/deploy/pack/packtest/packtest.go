// Package packtest builds the prebuilt modelbench-serve binaries that the
// tests of the deployment package (workflow/deploy/pack, the workflow's
// ExportPackage, the command line and the Deploy screen) copy into
// packages, the way `make package` builds them for the desktop app:
// go build of modelbench/cmd/modelbench-serve with CGO_ENABLED=0, cross-
// compiled for each target, into DIR/<os>_<arch>/.
//
// Start runs a package's server the way an operator would, from the
// package folder alone, with an empty environment.
//
// It is test support and needs the Go toolchain. BuildServers is safe to
// call from several goroutines on different folders.
package packtest

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"
)

// ServerPackage is the scoring server's import path.
const ServerPackage = "modelbench/cmd/modelbench-serve"

// BuildServers builds modelbench-serve for each target ("os/arch"; none:
// the host) into dir/<os>_<arch>/modelbench-serve[.exe] and returns a
// locator over dir (a pack.Locator: this package does not import pack, so
// that pack's own tests can use it). Go's build cache makes a second build
// of an unchanged tree quick; a first cross-compilation takes minutes.
func BuildServers(ctx context.Context, dir string, targets ...string) (func(goos, goarch string) (string, error), error) {
	if len(targets) == 0 {
		targets = []string{runtime.GOOS + "/" + runtime.GOARCH}
	}
	for _, t := range targets {
		goos, goarch, ok := strings.Cut(t, "/")
		if !ok {
			return nil, fmt.Errorf("packtest: target %q is not os/arch", t)
		}
		cmd := exec.CommandContext(ctx, "go", "build", "-o", Binary(dir, goos, goarch), ServerPackage)
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos, "GOARCH="+goarch)
		if b, err := cmd.CombinedOutput(); err != nil {
			return nil, fmt.Errorf("building %s for %s: %v\n%s", ServerPackage, t, err, b)
		}
	}
	return func(goos, goarch string) (string, error) {
		p := Binary(dir, goos, goarch)
		if _, err := os.Stat(p); err != nil {
			return "", fmt.Errorf("no server built for %s/%s: looked for %s", goos, goarch, p)
		}
		return p, nil
	}, nil
}

// Binary is where BuildServers puts the server for goos/goarch under dir.
func Binary(dir, goos, goarch string) string {
	name := "modelbench-serve"
	if goos == "windows" {
		name += ".exe"
	}
	return filepath.Join(dir, goos+"_"+goarch, name)
}

// Server is a modelbench-serve process started by Start.
type Server struct {
	URL    string
	cmd    *exec.Cmd
	log    *logBuffer
	exited chan error
}

// Start runs the server binary bin on the deployment folder dir with
// exactly the environment env (nil: an empty one — no PATH, no HOME:
// nothing installed is reachable), on a free port of 127.0.0.1 with a
// SQLite log in logDir, plus args, and waits up to a minute until it
// listens.
func Start(ctx context.Context, bin, dir, logDir string, env []string, args ...string) (*Server, error) {
	full := append([]string{dir, "--addr", "127.0.0.1:0", "--log", "sqlite:" + filepath.Join(logDir, "log.db")}, args...)
	s := &Server{cmd: exec.Command(bin, full...), log: &logBuffer{}, exited: make(chan error, 1)}
	s.cmd.Env = env
	if env == nil {
		s.cmd.Env = []string{}
	}
	s.cmd.Dir = dir
	pr, pw := io.Pipe()
	s.cmd.Stderr = io.MultiWriter(s.log, pw)
	s.cmd.Stdout = s.log
	if err := s.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		err := s.cmd.Wait()
		pw.Close()
		s.exited <- err
	}()
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		sent := false
		for sc.Scan() {
			var line struct{ Msg, URL string }
			if !sent && json.Unmarshal(sc.Bytes(), &line) == nil && line.Msg == "listening" {
				urls <- line.URL
				sent = true
			}
		}
		if !sent {
			close(urls)
		}
	}()
	select {
	case u, ok := <-urls:
		if !ok {
			return nil, fmt.Errorf("%s exited before listening:\n%s", bin, s.log)
		}
		s.URL = u
		return s, nil
	case <-ctx.Done():
		_ = s.cmd.Process.Kill()
		return nil, ctx.Err()
	case <-time.After(time.Minute):
		_ = s.cmd.Process.Kill()
		return nil, fmt.Errorf("%s did not listen within a minute:\n%s", bin, s.log)
	}
}

// Log is what the server wrote so far.
func (s *Server) Log() string { return s.log.String() }

// Stop sends SIGINT and waits for a clean exit (up to a minute).
func (s *Server) Stop() error {
	if err := s.cmd.Process.Signal(os.Interrupt); err != nil {
		return err
	}
	select {
	case err := <-s.exited:
		if err != nil {
			return fmt.Errorf("the server exited with %v:\n%s", err, s.log)
		}
		return nil
	case <-time.After(time.Minute):
		_ = s.cmd.Process.Kill()
		return fmt.Errorf("the server did not stop within a minute:\n%s", s.log)
	}
}

// Kill stops the server at once (for cleanups).
func (s *Server) Kill() {
	if s.cmd.ProcessState == nil {
		_ = s.cmd.Process.Kill()
	}
}

type logBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// CopyTree copies the folder src to dst (created), keeping each file's
// mode, so that a package can be run from somewhere it was not written.
func CopyTree(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		return os.WriteFile(target, b, info.Mode().Perm())
	})
}
