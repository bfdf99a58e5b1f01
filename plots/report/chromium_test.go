package report

import (
	"bytes"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"

	"modelbench/plots"
)

// chromium returns the path of a headless Chromium, skipping the test
// when there is none unless MODELBENCH_REQUIRE_CHROMIUM is set (make test
// sets it, so CI cannot pass without rendering the reports).
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

// screenshot renders an HTML file with headless Chromium and returns the
// PNG. The flags keep Chromium off the network.
func screenshot(t *testing.T, browser, htmlPath string) []byte {
	t.Helper()
	out := filepath.Join(t.TempDir(), "shot.png")
	cmd := exec.Command(browser, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--user-data-dir="+t.TempDir(), "--window-size=1100,2400", "--screenshot="+out, "file://"+htmlPath)
	done := make(chan error, 1)
	go func() { done <- cmd.Run() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("chromium: %v", err)
		}
	case <-time.After(90 * time.Second):
		_ = cmd.Process.Kill()
		t.Fatal("chromium did not finish in 90 s")
	}
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// assertRendered renders html in headless Chromium and fails when the
// screenshot is blank or broken (fewer than 20 distinct colours).
func assertRendered(t *testing.T, html []byte) {
	t.Helper()
	browser := chromium(t)
	path := filepath.Join(t.TempDir(), "report.html")
	if err := os.WriteFile(path, html, 0o644); err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(screenshot(t, browser, path)))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[uint32]bool{}
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 4 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 4 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[(r>>12)<<8|(g>>12)<<4|bl>>12] = true
		}
	}
	if len(seen) < 20 {
		t.Fatalf("the rendered report has only %d colours: blank or broken", len(seen))
	}
}

// TestEDA_RendersInChromium checks that a browser draws the report: the
// screenshot has text, tables and figures, not a blank page.
func TestEDA_RendersInChromium(t *testing.T) {
	tb, rep := penguins(t)
	var b bytes.Buffer
	if err := EDA(tb, rep, plots.Light()).WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	assertRendered(t, b.Bytes())
}
