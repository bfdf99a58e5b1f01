package report

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"modelbench/assets"
	"modelbench/plots"
	"modelbench/workflow/data"
	"modelbench/workflow/eda"
)

func penguins(t *testing.T) (*data.Table, *eda.Report) {
	t.Helper()
	s, _ := assets.LookupSample("penguins")
	r, size, _ := s.Open()
	tb, err := data.ReadCSV(context.Background(), r, size, "penguins.csv", data.CSVOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	rep, err := eda.Describe(context.Background(), tb, eda.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return tb, rep
}

func TestEDA_HTMLIsSelfContainedAndComplete(t *testing.T) {
	tb, rep := penguins(t)
	d := EDA(tb, rep, plots.Light())
	var b bytes.Buffer
	if err := d.WriteHTML(&b); err != nil {
		t.Fatal(err)
	}
	html := b.String()
	for _, want := range []string{"<h2>Alerts</h2>", "bill_length_mm", "data:image/png;base64,", "Why it matters"} {
		if !strings.Contains(html, want) {
			t.Errorf("HTML lacks %q", want)
		}
	}
	if strings.Contains(html, "src=\"http") || strings.Contains(html, "<script") {
		t.Error("the report must not load anything from elsewhere")
	}
	if n := strings.Count(html, "<img"); n < 8 {
		t.Errorf("only %d figures", n)
	}
}

func TestEDA_MarkdownWritesFigures(t *testing.T) {
	tb, rep := penguins(t)
	dir := t.TempDir()
	path, err := EDA(tb, rep, plots.Light()).WriteMarkdown(dir, "exploration")
	if err != nil {
		t.Fatal(err)
	}
	md, _ := os.ReadFile(path)
	figs, _ := filepath.Glob(filepath.Join(dir, "figures", "*.png"))
	if len(figs) < 8 || strings.Count(string(md), "](figures/") != len(figs) {
		t.Fatalf("%d figure files, %d references", len(figs), strings.Count(string(md), "](figures/"))
	}
	if !strings.Contains(string(md), "| column | type |") {
		t.Error("the overview table is missing")
	}
}
