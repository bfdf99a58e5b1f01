package main

import (
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestHealthcheck_RunningServer probes a running server with the binary
// itself, the way a scratch image's HEALTHCHECK does: healthy on /healthz
// and /readyz, unhealthy on a path that answers 404.
func TestHealthcheck_RunningServer(t *testing.T) {
	s := start(t, "penguins", nil)
	addr := strings.TrimPrefix(s.URL, "http://")
	for _, path := range []string{"/healthz", "/readyz"} {
		out, err := runBinary(t, "healthcheck", "--addr", addr, "--path", path)
		if exitCode(err) != 0 || !strings.Contains(out, "healthy: ") || !strings.Contains(out, "200") {
			t.Errorf("healthcheck %s: exit %d, %s", path, exitCode(err), out)
		}
	}
	out, err := runBinary(t, "healthcheck", "--addr", addr, "--path", "/nothing-here")
	if exitCode(err) != 1 || !strings.Contains(out, "unhealthy") || !strings.Contains(out, "404") {
		t.Errorf("healthcheck of a 404 path: exit %d, %s", exitCode(err), out)
	}
	// A port without a host is probed on loopback.
	_, port, _ := net.SplitHostPort(addr)
	if out, err := runBinary(t, "healthcheck", "--addr", ":"+port); exitCode(err) != 0 {
		t.Errorf("healthcheck --addr :%s: exit %d, %s", port, exitCode(err), out)
	}
	s.stop()
	// Once stopped, nothing answers.
	if out, err := runBinary(t, "healthcheck", "--addr", addr); exitCode(err) != 1 || !strings.Contains(out, "unhealthy") {
		t.Errorf("healthcheck of a stopped server: exit %d, %s", exitCode(err), out)
	}
}

// TestHealthcheck_ProtectedHealth probes a server that requires a key for
// its health endpoints: refused without MODELBENCH_API_KEYS, healthy with
// it (the container has it in its environment).
func TestHealthcheck_ProtectedHealth(t *testing.T) {
	key := "hc-key-0123456789abcdef"
	s := start(t, "penguins", []string{"MODELBENCH_API_KEYS=" + key}, "--protect-health")
	addr := strings.TrimPrefix(s.URL, "http://")
	out, err := runBinary(t, "healthcheck", "--addr", addr)
	if exitCode(err) != 1 || !strings.Contains(out, "401") {
		t.Errorf("healthcheck without a key: exit %d, %s", exitCode(err), out)
	}
	out, err = runBinaryEnv(t, []string{"MODELBENCH_API_KEYS=" + key}, "healthcheck", "--addr", addr)
	if exitCode(err) != 0 {
		t.Errorf("healthcheck with the key: exit %d, %s", exitCode(err), out)
	}
	if strings.Contains(out, key) {
		t.Errorf("healthcheck printed the API key: %s", out)
	}
}

func TestHealthcheck_Usage(t *testing.T) {
	for _, args := range [][]string{{"--addr", "nonsense"}, {"--addr", "127.0.0.1:0"}, {"--path", "healthz"}, {"extra"}, {"--bogus"}} {
		out, err := runBinary(t, append([]string{"healthcheck"}, args...)...)
		if exitCode(err) != 2 {
			t.Errorf("healthcheck %q: exit %d, want 2: %s", args, exitCode(err), out)
		}
	}
	out, err := runBinary(t, "healthcheck", "--help")
	if exitCode(err) != 0 || !strings.Contains(out, "--path") {
		t.Errorf("healthcheck --help: exit %d, %s", exitCode(err), out)
	}
}

// runBinaryEnv runs the binary with env added to the environment.
func runBinaryEnv(t *testing.T, env []string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Env = append(os.Environ(), env...)
	out, err := cmd.CombinedOutput()
	return string(out), err
}
