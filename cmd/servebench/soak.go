package main

import (
	"context"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"time"
)

// soak loads modelbench-serve at a steady rate for opt.soak and samples
// its resident memory. The first 40% of the soak is warm-up: the
// monitoring window, which the drift refresher reads every 10 s, fills up
// to its cap (100,000 rows: 100 s at 1,000 requests/s). Memory is flat
// when the last minute's peak is within 10% (plus 8 MiB) of the peak of
// the minute after the warm-up.
func soak(ctx context.Context, opt options, fx *fixture, dir string) error {
	if opt.soak < 4*time.Minute {
		return fmt.Errorf("-soak must be at least 4m (warm-up, a minute of reference, a minute to compare)")
	}
	warm := max(2*time.Minute, opt.soak*2/5)
	work := filepath.Join(dir, "serve")
	if err := os.MkdirAll(work, 0o755); err != nil {
		return err
	}
	srv, err := startServe(opt.server, fx.Dir, work, "--monitor-interval", "10s")
	if err != nil {
		return err
	}
	defer srv.stop()
	h := http.Header{"Content-Type": {"application/json"}, "Authorization": {"Bearer " + apiKey}}
	tgts := targets(srv.url+"/v1/predict", fx.bodies, h)
	type sample struct {
		at  time.Duration
		rss float64
	}
	var samples []sample
	start := time.Now()
	done := make(chan outcome, 1)
	go func() {
		done <- attack(fmt.Sprintf("soak at %d req/s", opt.soakRate), tgts, opt.soakRate, opt.connections, opt.soak, uint64(opt.soakRate)*uint64(opt.soak/time.Second+1))
	}()
	tick := time.NewTicker(5 * time.Second)
	defer tick.Stop()
	var o outcome
loop:
	for {
		select {
		case o = <-done:
			break loop
		case <-tick.C:
			r, err := srv.rssMiB()
			if err != nil {
				return err
			}
			samples = append(samples, sample{time.Since(start), r})
			fmt.Printf("%6.0fs  %7.1f MiB\n", time.Since(start).Seconds(), r)
		}
	}
	fmt.Println(o)
	var ref, last float64
	for _, s := range samples {
		if s.at >= warm && s.at < warm+time.Minute {
			ref = max(ref, s.rss)
		}
		if s.at >= opt.soak-time.Minute {
			last = max(last, s.rss)
		}
	}
	fmt.Printf("peak resident memory: %.1f MiB in the minute after the %s warm-up, %.1f MiB in the last minute\n", ref, warm, last)
	if last > ref*1.10+8 || o.success < 0.999 {
		return fmt.Errorf("memory is not flat (%.1f → %.1f MiB) or requests failed (%.2f%% ok)", ref, last, 100*o.success)
	}
	fmt.Println("memory is flat")
	return nil
}
