package main

import (
	"bytes"
	"image/png"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// chromium returns a headless Chromium, skipping the test when there is
// none unless MODELBENCH_REQUIRE_CHROMIUM is set (make test sets it, so
// CI cannot pass without rendering the dashboard).
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("MODELBENCH_REQUIRE_CHROMIUM") != "" {
		t.Fatal("headless Chromium is required (apt-get install chromium)")
	}
	t.Skip("no Chromium on this machine; make test installs it")
	return ""
}

// runChromium runs headless Chromium with args (kept off the network but
// for the page) and returns its standard output.
func runChromium(t *testing.T, browser string, args ...string) []byte {
	t.Helper()
	base := []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--user-data-dir=" + t.TempDir()}
	cmd := exec.Command(browser, append(base, args...)...)
	var out bytes.Buffer
	cmd.Stdout = &out
	done := make(chan error, 1)
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("chromium: %v", err)
		}
	case <-time.After(90 * time.Second):
		cmd.Process.Kill()
		t.Fatal("chromium did not finish in 90 s")
	}
	return out.Bytes()
}

// TestServe_DashboardInChromium renders /monitor after shifted traffic
// and feedback: Chromium shows the drift table with the drifted
// features, the prediction drift, latency percentiles and the live
// metrics beside metrics.json's, and the page is self-contained.
func TestServe_DashboardInChromium(t *testing.T) {
	browser := chromium(t)
	f := fixtures["titanic"]
	s := start(t, "titanic", nil)
	recs := records(t, f)
	for i, r := range recs {
		if a, ok := r["age"].(float64); ok {
			r["age"] = a + 30
		}
		if i%2 == 0 {
			r["sex"] = "unknown"
		}
	}
	ids, labels := predictAll(t, s, recs)
	var fb []map[string]any
	for i, id := range ids[:100] {
		fb = append(fb, map[string]any{"id": id, "truth": labels[(i+1)%len(labels)]})
	}
	code, b := s.post("/v1/feedback", fb)
	want(t, "feedback", code, http.StatusOK, b)

	code, h, page := s.do(http.MethodGet, "/monitor?window=24h", "", nil)
	want(t, "/monitor", code, http.StatusOK, page)
	if ct := h.Get("Content-Type"); !strings.HasPrefix(ct, "text/html") || !strings.Contains(h.Get("Content-Security-Policy"), "default-src 'none'") {
		t.Fatalf("headers %v", h)
	}
	for _, bad := range []string{"<script", "src=", "@import", "url(", "http://", "https://"} {
		if bytes.Contains(page, []byte(bad)) {
			t.Fatalf("the dashboard is not self-contained: it contains %q", bad)
		}
	}
	dom := string(runChromium(t, browser, "--dump-dom", s.URL+"/monitor?window=24h"))
	for _, want := range []string{"Drift per feature", "age", "passengerClass", "drifted", "stable", "unknown (", "prediction",
		"Latency p99", "Live metrics", "accuracy", "balanced_accuracy", "Validation", "Test", "24h"} {
		if !strings.Contains(dom, want) {
			t.Fatalf("the rendered dashboard lacks %q:\n%s", want, dom)
		}
	}
	// The two drifted features come first, ranked by drift.
	if a, p := strings.Index(dom, "<b>age</b>"), strings.Index(dom, "<b>passengerClass</b>"); a < 0 || p < 0 || a > p {
		t.Fatalf("age (drifted) is not ranked above passengerClass (stable)")
	}
	shot := filepath.Join(t.TempDir(), "monitor.png")
	runChromium(t, browser, "--window-size=1200,1400", "--screenshot="+shot, s.URL+"/monitor?window=24h")
	raw, err := os.ReadFile(shot)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uint32]bool{}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 3 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>12)<<8|(g>>12)<<4|bl>>12] = true
		}
	}
	if len(seen) < 20 {
		t.Fatalf("the rendered dashboard has only %d colours: blank or broken", len(seen))
	}
	if dir := os.Getenv("MODELBENCH_SCREENSHOTS"); dir != "" {
		if err := os.WriteFile(filepath.Join(dir, "monitor.png"), raw, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
