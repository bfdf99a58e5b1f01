package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// wrkOutcome is a closed-loop attack by Debian's wrk: a load generator in
// C that spends much less CPU per request than vegeta, so on a machine
// whose cores the server shares with it the server gets more of them.
type wrkOutcome struct {
	throughput float64 // requests per second
	requests   int
	non2xx     int
	serverCPU  float64 // CPU seconds per request of the server
}

// wrkAttack runs wrk with threads threads and connections connections for
// duration against url, posting the bodies round-robin with the API key.
// ok is false when wrk is not installed.
func wrkAttack(ctx context.Context, srv *proc, url string, bodies [][]byte, connections, threads int, duration time.Duration, work string) (wrkOutcome, bool, error) {
	bin, err := exec.LookPath("wrk")
	if err != nil {
		return wrkOutcome{}, false, nil
	}
	script := filepath.Join(work, "bodies.lua")
	if err := writeWrkScript(script, bodies); err != nil {
		return wrkOutcome{}, true, err
	}
	before, _ := srv.cpuSeconds()
	cmd := exec.CommandContext(ctx, bin, "-t", strconv.Itoa(threads), "-c", strconv.Itoa(connections),
		"-d", fmt.Sprintf("%ds", int(duration.Seconds())), "--timeout", "10s", "-s", script, url)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return wrkOutcome{}, true, fmt.Errorf("wrk: %v: %s", err, out)
	}
	after, _ := srv.cpuSeconds()
	o, err := parseWrk(string(out))
	if err != nil {
		return o, true, err
	}
	if o.requests > 0 {
		o.serverCPU = (after - before) / float64(o.requests)
	}
	return o, true, nil
}

// writeWrkScript writes a wrk script that posts bodies round-robin with
// the API key.
func writeWrkScript(path string, bodies [][]byte) error {
	var b strings.Builder
	b.WriteString("wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\n")
	fmt.Fprintf(&b, "wrk.headers[\"Authorization\"] = %q\nlocal bodies = {\n", "Bearer "+apiKey)
	for _, body := range bodies {
		fmt.Fprintf(&b, "%s,\n", luaString(body))
	}
	b.WriteString("}\nlocal i = 0\nrequest = function()\n  i = i % #bodies + 1\n  return wrk.format(nil, nil, nil, bodies[i])\nend\n")
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// luaString quotes b as a Lua string literal (bytes escaped as \ddd).
func luaString(b []byte) string {
	var s strings.Builder
	s.WriteByte('"')
	for _, c := range b {
		if c == '"' || c == '\\' || c < 0x20 || c >= 0x7f {
			fmt.Fprintf(&s, "\\%03d", c)
		} else {
			s.WriteByte(c)
		}
	}
	s.WriteByte('"')
	return s.String()
}

var (
	wrkRate     = regexp.MustCompile(`Requests/sec:\s+([0-9.]+)`)
	wrkRequests = regexp.MustCompile(`(\d+) requests in`)
	wrkNon2xx   = regexp.MustCompile(`Non-2xx or 3xx responses:\s+(\d+)`)
)

// parseWrk reads wrk's summary.
func parseWrk(out string) (wrkOutcome, error) {
	var o wrkOutcome
	m := wrkRate.FindStringSubmatch(out)
	n := wrkRequests.FindStringSubmatch(out)
	if m == nil || n == nil {
		return o, fmt.Errorf("wrk's output has no summary:\n%s", out)
	}
	o.throughput, _ = strconv.ParseFloat(m[1], 64)
	o.requests, _ = strconv.Atoi(n[1])
	if e := wrkNon2xx.FindStringSubmatch(out); e != nil {
		o.non2xx, _ = strconv.Atoi(e[1])
	}
	return o, nil
}
