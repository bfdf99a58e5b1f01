// Command servebench measures the scoring service against a Flask +
// scikit-learn reference on loopback (make bench-serve), and checks that
// its memory stays flat under a bounded soak (make soak). It is a
// benchmark, not a test: it prints numbers and ratios and asserts only
// the soak's flatness.
//
// Setup (untimed): a synthetic classification table (workflow/synth,
// 20 numeric features), a deployment directory with a 100-tree forest
// trained on 60% of its rows (servetest.Build), the same rows for
// scikit-learn, the real modelbench-serve binary with an API key and its
// SQLite prediction log, and ref_flask.py under gunicorn.
//
// Work: single-row predictions over HTTP/1.1 keep-alive from vegeta
// (github.com/tsenart/vegeta/v12, a Go load-testing library), all to
// 127.0.0.1, each attack bounded by time and by count:
//   - the highest throughput of each server (closed loop, -connections
//     concurrent requests, -duration long);
//   - the latency percentiles at a fixed rate (-rate, default 1,000
//     requests/s, open loop, so a slow response does not slow the load).
//
// With -soak D it instead loads modelbench-serve at -soak-rate for D and
// samples its resident memory every 5 s; it fails unless the last
// minute's peak stays within 10% (plus 8 MiB) of the peak of the minute
// after the warm-up (the first 40% of D, at least two minutes).
//
// With -keep DIR it writes the same deployment, key file and wrk script
// into DIR and prints the commands that serve and load it, so that the
// server can be run under a profiler.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

func main() {
	opt := options{}
	flag.StringVar(&opt.server, "server", "", "the modelbench-serve binary (built with CGO_ENABLED=0)")
	flag.IntVar(&opt.rows, "rows", 20000, "rows of the synthetic table (60% train the forest)")
	flag.IntVar(&opt.trees, "trees", 100, "trees of the forest")
	flag.DurationVar(&opt.duration, "duration", 10*time.Second, "length of each timed attack")
	flag.IntVar(&opt.connections, "connections", 32, "concurrent requests in the throughput attacks")
	flag.IntVar(&opt.rate, "rate", 1000, "requests per second of the latency attack")
	flag.BoolVar(&opt.noFlask, "no-flask", false, "skip the Flask reference")
	flag.DurationVar(&opt.soak, "soak", 0, "instead of the benchmark, soak modelbench-serve for this long (e.g. 5m)")
	flag.IntVar(&opt.soakRate, "soak-rate", 1000, "requests per second during the soak")
	flag.StringVar(&opt.keep, "keep", "", "instead of the benchmark, write the deployment, the API key file and wrk's request script into this folder and print how to load it by hand (for profiling)")
	flag.StringVar(&opt.python, "python", "/usr/bin/python3", "Debian's python3 with scikit-learn, Flask and gunicorn")
	flag.Parse()
	if err := run(opt); err != nil {
		fmt.Fprintln(os.Stderr, "servebench:", err)
		os.Exit(1)
	}
}

type options struct {
	server, python    string
	keep              string
	rows, trees       int
	duration          time.Duration
	connections, rate int
	noFlask           bool
	soak              time.Duration
	soakRate          int
}

func run(opt options) error {
	if opt.keep != "" {
		return keep(context.Background(), opt)
	}
	if opt.server == "" {
		return fmt.Errorf("-server is required (CGO_ENABLED=0 go build -o /tmp/modelbench-serve ./cmd/modelbench-serve)")
	}
	dir, err := os.MkdirTemp("", "servebench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	fmt.Printf("setup: %d synthetic rows, a %d-tree forest on 60%% of them ...\n", opt.rows, opt.trees)
	fx, err := setup(ctx, filepath.Join(dir, "deploy"), opt)
	if err != nil {
		return err
	}
	if opt.soak > 0 {
		return soak(ctx, opt, fx, dir)
	}
	return bench(ctx, opt, fx, dir)
}
