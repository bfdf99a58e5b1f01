package plots

import (
	"bytes"
	"encoding/xml"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestSave_ChoosesFormatByExtension checks PNG and SVG files and the error
// for an unknown extension.
func TestSave_ChoosesFormatByExtension(t *testing.T) {
	f, err := Scatter([]float64{1, 2, 3}, []float64{3, 1, 2}, ScatterOptions{Trend: true})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	for _, c := range []struct{ name, magic string }{{"a.png", "\x89PNG"}, {"b.SVG", "<?xml"}} {
		path := filepath.Join(dir, c.name)
		if err := Save(f, path, 300, 200); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		b, err := os.ReadFile(path)
		if err != nil || !bytes.HasPrefix(b, []byte(c.magic)) {
			t.Errorf("%s: starts %q, err %v; want %q", c.name, b[:min(8, len(b))], err, c.magic)
		}
	}
	if err := Save(f, filepath.Join(dir, "c.pdf"), 300, 200); err == nil || !strings.Contains(err.Error(), "unknown format") {
		t.Errorf("pdf: %v, want an unknown format error", err)
	}
	if _, err := PNG(f, 0, 200); err == nil {
		t.Error("PNG accepted a zero width")
	}
	if _, err := PNG(nil, 10, 10); err == nil {
		t.Error("PNG accepted a nil figure")
	}
}

// TestSVG_IsWellFormed parses the SVG of a rasterised scatter and a grid.
func TestSVG_IsWellFormed(t *testing.T) {
	sc, _ := Scatter([]float64{1, 2, 3}, []float64{3, 1, 2}, ScatterOptions{})
	pp, _ := PairPlot([]string{"a", "b"}, [][]float64{{1, 2, 3}, {3, 1, 2}}, PairOptions{})
	for name, f := range map[string]*Figure{"scatter": sc, "pair": pp} {
		b, err := SVG(f, 400, 300)
		if err != nil {
			t.Fatal(err)
		}
		d := xml.NewDecoder(bytes.NewReader(b))
		images := 0
		for {
			tok, err := d.Token()
			if err != nil {
				if err.Error() != "EOF" {
					t.Errorf("%s: %v", name, err)
				}
				break
			}
			if se, ok := tok.(xml.StartElement); ok && se.Name.Local == "image" {
				images++
			}
		}
		if images == 0 {
			t.Errorf("%s: the points layer is missing from the SVG", name)
		}
	}
}

// TestFigures_ConcurrentRendering builds and renders figures from several
// goroutines at once, as the UI's task runner may.
func TestFigures_ConcurrentRendering(t *testing.T) {
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			v := []float64{1, 2, 2, 3, 3, 3, float64(i)}
			f, err := Histogram(v, HistOptions{KDE: true, Style: []Style{Light(), Dark()}[i%2]})
			if err == nil {
				_, err = PNG(f, 300, 200)
			}
			if err == nil {
				_, err = SVG(f, 300, 200)
			}
			errs <- err
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Error(err)
		}
	}
}
