// Package rendercheck lets tests look at what a document really renders
// to: HTML in headless Chromium (a screenshot, and which images failed to
// load) and PDF pages through poppler's pdftoppm. When a tool is missing
// the test is skipped, unless MODELBENCH_REQUIRE_CHROMIUM is set (make
// test sets it), so CI cannot pass without rendering.
//
// It is for tests only; every function takes the test and fails it on
// error. It starts processes and waits for them; it is safe for
// concurrent use by parallel tests.
package rendercheck

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"
)

// require finds a program or skips (fails, when rendering is required).
func require(t testing.TB, what, hint string, names ...string) string {
	t.Helper()
	for _, n := range names {
		if p, err := exec.LookPath(n); err == nil {
			return p
		}
	}
	if os.Getenv("MODELBENCH_REQUIRE_CHROMIUM") != "" {
		t.Fatalf("%s is required (%s)", what, hint)
	}
	t.Skipf("no %s on this machine; make test installs it", what)
	return ""
}

// Chromium returns the path of a headless Chromium.
func Chromium(t testing.TB) string {
	t.Helper()
	return require(t, "headless Chromium", "apt-get install chromium", "chromium", "chromium-browser", "google-chrome")
}

// run runs a command with a time limit and returns its standard output.
func run(t testing.TB, limit time.Duration, name string, args ...string) []byte {
	t.Helper()
	cmd := exec.Command(name, args...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Start(); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("%s %s: %v\n%s", filepath.Base(name), strings.Join(args, " "), err, errOut.String())
		}
	case <-time.After(limit):
		_ = cmd.Process.Kill()
		<-done
		t.Fatalf("%s did not finish in %v", name, limit)
	}
	return out.Bytes()
}

// chromiumFlags keep Chromium off the network and out of the user's
// profile.
func chromiumFlags(t testing.TB) []string {
	return []string{"--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
		"--disable-component-update", "--disable-sync", "--user-data-dir=" + t.TempDir()}
}

// Screenshot renders an HTML file at width × height pixels.
func Screenshot(t testing.TB, browser, htmlPath string, width, height int) image.Image {
	t.Helper()
	out := filepath.Join(t.TempDir(), "shot.png")
	args := append(chromiumFlags(t), "--window-size="+strconv.Itoa(width)+","+strconv.Itoa(height), "--screenshot="+out, "file://"+htmlPath)
	run(t, 90*time.Second, browser, args...)
	b, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

var imagesRe = regexp.MustCompile(`data-rendercheck="(\d+)/(\d+)"`)

// Images loads an HTML file in Chromium and returns how many images it
// has and how many failed to load (broken data, a missing file), counted
// by a script added to a copy of the page once everything has loaded.
func Images(t testing.TB, browser, htmlPath string) (total, broken int) {
	t.Helper()
	b, err := os.ReadFile(htmlPath)
	if err != nil {
		t.Fatal(err)
	}
	const probe = `<script>window.addEventListener("load",function(){var n=0,bad=0;for(const i of document.images){n++;if(!i.complete||i.naturalWidth===0)bad++;}document.body.setAttribute("data-rendercheck",n+"/"+bad);});</script>`
	page := strings.Replace(string(b), "</body>", probe+"</body>", 1)
	probed := filepath.Join(filepath.Dir(htmlPath), ".rendercheck-"+filepath.Base(htmlPath))
	if err := os.WriteFile(probed, []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	defer os.Remove(probed)
	dom := run(t, 90*time.Second, browser, append(chromiumFlags(t), "--virtual-time-budget=10000", "--dump-dom", "file://"+probed)...)
	m := imagesRe.FindSubmatch(dom)
	if m == nil {
		t.Fatalf("%s: the page never finished loading in Chromium", htmlPath)
	}
	total, _ = strconv.Atoi(string(m[1]))
	broken, _ = strconv.Atoi(string(m[2]))
	return total, broken
}

// PDFPages renders every page of a PDF with pdftoppm at dpi and returns
// the pages in order.
func PDFPages(t testing.TB, pdfPath string, dpi int) []image.Image {
	t.Helper()
	tool := require(t, "pdftoppm", "apt-get install poppler-utils", "pdftoppm")
	dir := t.TempDir()
	run(t, 120*time.Second, tool, "-r", strconv.Itoa(dpi), "-png", pdfPath, filepath.Join(dir, "page"))
	names, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if err != nil || len(names) == 0 {
		t.Fatalf("pdftoppm made no pages of %s (%v)", pdfPath, err)
	}
	sort.Slice(names, func(i, j int) bool { return pageNumber(names[i]) < pageNumber(names[j]) })
	pages := make([]image.Image, len(names))
	for i, n := range names {
		b, err := os.ReadFile(n)
		if err != nil {
			t.Fatal(err)
		}
		if pages[i], err = png.Decode(bytes.NewReader(b)); err != nil {
			t.Fatal(err)
		}
	}
	return pages
}

func pageNumber(name string) int {
	base := strings.TrimSuffix(filepath.Base(name), ".png")
	n, _ := strconv.Atoi(base[strings.LastIndex(base, "-")+1:])
	return n
}

// Ink measures an image: the share of pixels that are not (near) white
// and the number of distinct colours (at 4 bits per channel), sampling
// every second pixel.
func Ink(img image.Image) (share float64, colours int) {
	seen := map[uint32]bool{}
	ink, all := 0, 0
	bounds := img.Bounds()
	for y := bounds.Min.Y; y < bounds.Max.Y; y += 2 {
		for x := bounds.Min.X; x < bounds.Max.X; x += 2 {
			r, g, b, _ := img.At(x, y).RGBA()
			seen[(r>>12)<<8|(g>>12)<<4|b>>12] = true
			all++
			if r < 0xF000 || g < 0xF000 || b < 0xF000 {
				ink++
			}
		}
	}
	return float64(ink) / float64(max(all, 1)), len(seen)
}
