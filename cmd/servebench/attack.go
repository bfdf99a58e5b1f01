package main

import (
	"fmt"
	"net/http"
	"sort"
	"strings"
	"time"

	vegeta "github.com/tsenart/vegeta/v12/lib"
)

// outcome is one attack's numbers.
type outcome struct {
	name                 string
	requests             uint64
	throughput, success  float64 // successful requests per second; share of 2xx
	p50, p90, p99, worst time.Duration
	codes                map[string]int
	errors               []string
	// serverCPU and clientCPU are CPU seconds per request (throughput
	// attacks on modelbench-serve only).
	serverCPU, clientCPU float64
}

// targets are single-record POSTs of the bodies to url, with headers.
func targets(url string, bodies [][]byte, header http.Header) []vegeta.Target {
	out := make([]vegeta.Target, len(bodies))
	for i, b := range bodies {
		out[i] = vegeta.Target{Method: http.MethodPost, URL: url, Body: b, Header: header}
	}
	return out
}

// attack sends the targets round-robin for duration (and at most
// maxCount requests): as fast as connections concurrent requests allow
// when rate is 0, otherwise at rate per second whatever the latency.
func attack(name string, tgts []vegeta.Target, rate, connections int, duration time.Duration, maxCount uint64) outcome {
	opts := []func(*vegeta.Attacker){vegeta.KeepAlive(true), vegeta.Timeout(30 * time.Second),
		vegeta.Connections(connections), vegeta.MaxConnections(connections)}
	pace := vegeta.Rate{Freq: rate, Per: time.Second}
	if rate == 0 {
		opts = append(opts, vegeta.Workers(uint64(connections)), vegeta.MaxWorkers(uint64(connections)))
	} else {
		opts = append(opts, vegeta.Workers(uint64(connections)), vegeta.MaxWorkers(4096))
	}
	a := vegeta.NewAttacker(opts...)
	var m vegeta.Metrics
	var n uint64
	for res := range a.Attack(vegeta.NewStaticTargeter(tgts...), pace, duration, name) {
		m.Add(res)
		if n++; n >= maxCount {
			a.Stop()
		}
	}
	m.Close()
	return outcome{name: name, requests: m.Requests, throughput: m.Throughput, success: m.Success,
		p50: m.Latencies.P50, p90: m.Latencies.P90, p99: m.Latencies.P99, worst: m.Latencies.Max, codes: m.StatusCodes, errors: m.Errors}
}

func (o outcome) String() string {
	var codes []string
	for c, n := range o.codes {
		codes = append(codes, fmt.Sprintf("%s×%d", c, n))
	}
	sort.Strings(codes)
	s := fmt.Sprintf("%-44s %9.0f req/s  %8d requests  %6.2f%% ok  p50 %7s  p90 %7s  p99 %7s  max %7s  [%s]",
		o.name, o.throughput, o.requests, 100*o.success, ms(o.p50), ms(o.p90), ms(o.p99), ms(o.worst), strings.Join(codes, " "))
	if len(o.errors) > 0 {
		s += fmt.Sprintf("\n%44s errors: %s", "", strings.Join(first(o.errors, 3), "; "))
	}
	return s
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2fms", float64(d)/float64(time.Millisecond)) }

func first(s []string, n int) []string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
