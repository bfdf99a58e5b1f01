package main

import (
	"context"
	"crypto/tls"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"strings"
	"time"

	"modelbench/workflow/deploy/serve"
)

// healthcheck is `modelbench-serve healthcheck [--addr HOST:PORT]
// [--path /healthz] [--tls] [--timeout 3s]`: it asks a running server
// whether it is healthy and exits 0 when it answers 2xx, 1 when it does
// not answer or answers anything else, and 2 for wrong usage. It needs
// nothing but the binary itself, so that a container built FROM scratch
// (no shell, no curl) can run it as its HEALTHCHECK. An address without
// a host (":8080", "0.0.0.0:8080") is probed on 127.0.0.1. When
// MODELBENCH_API_KEYS is set (as it is in the server's own container),
// its first key is sent, so that --protect-health servers can be probed
// too. With --tls it speaks HTTPS without verifying the certificate: it
// checks that the local server answers, not who it is.
func healthcheck(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("modelbench-serve healthcheck", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	addr := fs.String("addr", serve.DefaultAddr, "address of the server to probe (host:port; no host means 127.0.0.1)")
	path := fs.String("path", "/healthz", "path to ask: /healthz (alive) or /readyz (ready for traffic)")
	useTLS := fs.Bool("tls", false, "speak HTTPS (the certificate is not verified)")
	timeout := fs.Duration("timeout", 3*time.Second, "how long to wait for the answer")
	fs.Usage = func() {
		fmt.Fprintln(stdout, "usage: modelbench-serve healthcheck [--addr 127.0.0.1:8080] [--path /healthz] [--tls] [--timeout 3s]")
		fmt.Fprintln(stdout, "\nExits 0 when the server answers the path with 2xx, 1 otherwise.\n\noptions:")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		fmt.Fprintf(stderr, "modelbench-serve healthcheck: %v\n", err)
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "modelbench-serve healthcheck: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	if !strings.HasPrefix(*path, "/") {
		fmt.Fprintf(stderr, "modelbench-serve healthcheck: --path %q must start with /\n", *path)
		return 2
	}
	target, err := probeAddr(*addr)
	if err != nil {
		fmt.Fprintf(stderr, "modelbench-serve healthcheck: %v\n", err)
		return 2
	}
	scheme := "http"
	tr := &http.Transport{Proxy: nil, DisableKeepAlives: true}
	if *useTLS {
		scheme = "https"
		tr.TLSClientConfig = &tls.Config{InsecureSkipVerify: true} //nolint:gosec // a local liveness probe
	}
	ctx, cancel := context.WithTimeout(ctx, *timeout)
	defer cancel()
	url := scheme + "://" + target + *path
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		fmt.Fprintf(stderr, "modelbench-serve healthcheck: %v\n", err)
		return 2
	}
	if keys, err := serve.SplitAPIKeys(os.Getenv(serve.EnvAPIKeys)); err == nil && len(keys) > 0 {
		req.Header.Set("Authorization", "Bearer "+keys[0])
	}
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		fmt.Fprintf(stderr, "unhealthy: %s: %v\n", url, err)
		return 1
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if resp.StatusCode/100 != 2 {
		fmt.Fprintf(stderr, "unhealthy: %s answered %s: %s\n", url, resp.Status, strings.TrimSpace(string(body)))
		return 1
	}
	fmt.Fprintf(stdout, "healthy: %s answered %s\n", url, resp.Status)
	return 0
}

// probeAddr is where to probe a server listening on addr: a missing or
// unspecified host becomes 127.0.0.1 (::1 for [::]).
func probeAddr(addr string) (string, error) {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return "", fmt.Errorf("--addr %q is not host:port (%v)", addr, err)
	}
	if port == "" || port == "0" {
		return "", fmt.Errorf("--addr %q names no port to probe", addr)
	}
	switch ip := net.ParseIP(host); {
	case host == "":
		host = "127.0.0.1"
	case ip != nil && ip.IsUnspecified() && ip.To4() == nil:
		host = "::1"
	case ip != nil && ip.IsUnspecified():
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port), nil
}
