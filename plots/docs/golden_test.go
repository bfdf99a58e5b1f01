package docs

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"modelbench/plots/internal/rendercheck"
	"modelbench/plots/report"
)

// normalise blanks out what changes from run to run: times and hashes
// (the data's, the model's fingerprint).
func normalise(b []byte) []byte {
	for _, r := range []struct {
		re   *regexp.Regexp
		with string
	}{
		{regexp.MustCompile(`\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC`), "TIME"},
		{regexp.MustCompile(`\b[0-9a-f]{64}\b`), "HASH"},
		{regexp.MustCompile(`\b[0-9a-f]{12}…`), "SHORTHASH…"},
	} {
		b = r.re.ReplaceAll(b, []byte(r.with))
	}
	return b
}

// TestBundle_MarkdownGolden compares the Markdown of every document of the
// fixed sample project (sampleProject) with testdata/NAME.md, times and
// hashes normalised; -regen rewrites them (then read the diff). Every
// figure a document links to exists.
func TestBundle_MarkdownGolden(t *testing.T) {
	dir, _ := writeBundle(t, sampleInputs(t), Options{Formats: []Format{Markdown}})
	for _, name := range append([]string{"index"}, wantDocs...) {
		got, err := os.ReadFile(filepath.Join(dir, "markdown", name+".md"))
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range regexp.MustCompile(`\]\(((?:figures|\.\.)/[^)]+)\)`).FindAllSubmatch(got, -1) {
			if name != "index" || strings.HasPrefix(string(m[1]), "figures") {
				if _, err := os.Stat(filepath.Join(dir, "markdown", string(m[1]))); err != nil {
					t.Errorf("%s links to a missing file: %v", name, err)
				}
			}
		}
		got = normalise(got)
		golden := filepath.Join("testdata", name+".md")
		if *regen {
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -regen to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s.md differs from %s (go test -regen rewrites it; read the diff):\n%s", name, golden, firstDiff(string(want), string(got)))
		}
	}
}

// firstDiff shows the first line that differs.
func firstDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(w) || i < len(g); i++ {
		var a, b string
		if i < len(w) {
			a = w[i]
		}
		if i < len(g) {
			b = g[i]
		}
		if a != b {
			return "line " + strconv.Itoa(i+1) + ":\n want: " + a + "\n  got: " + b
		}
	}
	return ""
}

// TestWritePDF_PrintsTextBeyondCp1252: text outside cp1252 (Polish, Greek,
// maths) comes out of the PDF as it went in, because the font is embedded
// as UTF-8 TrueType; pdftotext reads it back.
func TestWritePDF_PrintsTextBeyondCp1252(t *testing.T) {
	text := "Łódź, Ωμέγα, η² ≤ 0.5 → “done”; Cramér’s V"
	d := &report.Doc{Title: "Zażółć gęślą jaźń", Subtitle: text, Created: fixedTime}
	s := d.Add("Ελληνικά")
	s.Para("%s", text)
	s.Table([]string{"größe", "wert"}, [][]string{{"μ", "1.5"}, {report.GapPrefix + " not answered yet.", ""}})
	s.Callout("warning", "Achtung: "+text)
	s.List("eins", text)
	path := filepath.Join(t.TempDir(), "utf8.pdf")
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := WritePDF(context.Background(), d, f); err != nil {
		t.Fatal(err)
	}
	f.Close()
	pages := rendercheck.PDFPages(t, path, 40)
	if share, _ := rendercheck.Ink(pages[0]); share < 0.005 {
		t.Fatalf("blank page: %.3f%% ink", 100*share)
	}
	tool, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("no pdftotext")
	}
	out, err := exec.Command(tool, path, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"Zażółć gęślą jaźń", "Ελληνικά", "Łódź, Ωμέγα, η² ≤ 0.5 → “done”; Cramér’s V", "größe"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("the PDF's text lacks %q:\n%s", want, out)
		}
	}
}
