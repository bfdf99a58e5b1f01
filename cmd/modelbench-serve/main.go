// Command modelbench-serve serves a deployment directory (model.json,
// schema.json, baseline.json and optionally metrics.json) over HTTP: the
// Modelbench REST API, the Open Inference Protocol and MLflow's scoring
// protocol, with Prometheus metrics, a prediction log and a monitoring
// dashboard. It is a small main over modelbench/workflow/deploy/serve,
// which `modelbench serve` uses too, with the same flags.
//
//	modelbench-serve DIR [--addr 127.0.0.1:8080] [--api-keys FILE] [--log sqlite:PATH | postgres://...] [--tls-cert F --tls-key F] [--open-metrics] [...]
//	modelbench-serve healthcheck [--addr 127.0.0.1:8080] [--path /healthz] [--tls] [--timeout 3s]
//
// healthcheck probes a running server and exits 0 when it is healthy, so
// that an image with nothing but this binary can have a HEALTHCHECK (a
// deployment directory named healthcheck is served as ./healthcheck).
//
// It builds without cgo and links no GUI, plotting, exploration or
// data-source code (workflow/imports_test.go). Exit codes: 0 after a clean
// shutdown (SIGTERM or SIGINT), 1 when serving failed, 2 for wrong usage.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"modelbench/workflow/deploy/serve"
)

// version is the program's version; release builds set it with
// -ldflags "-X main.version=...".
var version = "0.1.0"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGTERM, os.Interrupt)
	defer stop()
	os.Exit(run(ctx, os.Args[1:], os.Stdout, os.Stderr))
}

func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("modelbench-serve", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fmt.Fprintln(stdout, "usage: modelbench-serve DIR [options]")
		fmt.Fprintln(stdout, "       modelbench-serve healthcheck [--addr 127.0.0.1:8080] [--path /healthz] (see healthcheck --help)")
		fmt.Fprintln(stdout, "\nServes a Modelbench deployment directory over HTTP.\n\noptions:")
		fs.SetOutput(stdout)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	if len(args) > 0 && args[0] == "healthcheck" {
		return healthcheck(ctx, args[1:], stdout, stderr)
	}
	if len(args) == 1 && (args[0] == "version" || args[0] == "--version") {
		fmt.Fprintln(stdout, "modelbench-serve", version)
		return 0
	}
	cfg, err := serve.ParseArgs(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return 0 // fs.Usage printed the help
	}
	var ue *serve.UsageError
	if errors.As(err, &ue) {
		fmt.Fprintf(stderr, "modelbench-serve: %s\n(see modelbench-serve --help)\n", ue.Msg)
		return 2
	}
	if err != nil {
		fmt.Fprintln(stderr, "modelbench-serve:", err)
		return 2
	}
	cfg.AppVersion = version
	if err := serve.Run(ctx, cfg, stderr); err != nil {
		if errors.As(err, &ue) {
			fmt.Fprintf(stderr, "modelbench-serve: %s\n", ue.Msg)
			return 2
		}
		fmt.Fprintln(stderr, "modelbench-serve:", err)
		return 1
	}
	return 0
}
