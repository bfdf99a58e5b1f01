package docs

import (
	"archive/zip"
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"modelbench/plots/internal/rendercheck"
	"modelbench/workflow"
	"modelbench/workflow/progress"
)

func writeBundle(t *testing.T, in *Inputs, opt Options) (string, *Manifest) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "docs")
	m, err := Write(context.Background(), in, dir, opt, nil)
	if err != nil {
		t.Fatal(err)
	}
	return dir, m
}

var wantDocs = []string{"model-card", "datasheet", "decision-journal", "checklist", "exploration", "evaluation"}

// TestBundle_EveryHTMLPageRendersInChromium: the index and every document
// render in headless Chromium to a page with text, tables and figures
// (not blank), every image loads, and every link of the index leads to a
// file of the bundle.
func TestBundle_EveryHTMLPageRendersInChromium(t *testing.T) {
	browser := rendercheck.Chromium(t)
	dir, m := writeBundle(t, sampleInputs(t), Options{})
	var ids []string
	for _, d := range m.Documents {
		ids = append(ids, d.ID)
	}
	if !slices.Equal(ids, wantDocs) || len(m.Left) != 0 {
		t.Fatalf("documents %v, left out %v", ids, m.Left)
	}
	pages := append([]string{"index"}, wantDocs...)
	for _, name := range pages {
		path := filepath.Join(dir, name+".html")
		share, colours := rendercheck.Ink(rendercheck.Screenshot(t, browser, path, 1100, 1600))
		if share < 0.01 || colours < 8 {
			t.Errorf("%s renders nearly blank: %.2f%% ink, %d colours", name, 100*share, colours)
		}
		total, broken := rendercheck.Images(t, browser, path)
		if broken > 0 {
			t.Errorf("%s: %d of %d images are broken", name, broken, total)
		}
		if name == "model-card" && total < 4 || name == "evaluation" && total < 7 {
			t.Errorf("%s has only %d figures", name, total)
		}
	}
	index, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	links := regexp.MustCompile(`href="([^"]+)"`).FindAllStringSubmatch(string(index), -1)
	if len(links) != 3*len(wantDocs) {
		t.Fatalf("%d links in the index, want %d", len(links), 3*len(wantDocs))
	}
	for _, l := range links {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(l[1]))); err != nil {
			t.Errorf("the index links to %s: %v", l[1], err)
		}
	}
}

// TestBundle_EveryPDFPageRenders: pdftoppm renders every page of every
// PDF, and none is blank (ink in the area above the footer).
func TestBundle_EveryPDFPageRenders(t *testing.T) {
	dir, _ := writeBundle(t, sampleInputs(t), Options{Formats: []Format{PDF}})
	for _, id := range wantDocs {
		pages := rendercheck.PDFPages(t, filepath.Join(dir, "pdf", id+".pdf"), 50)
		for i, pg := range pages {
			b := pg.Bounds()
			body := b
			body.Max.Y = b.Min.Y + b.Dy()*270/297 // above the footer
			share, _ := rendercheck.Ink(subImage(pg, body))
			if share < 0.002 {
				t.Errorf("%s page %d of %d is blank above its footer (%.3f%% ink)", id, i+1, len(pages), 100*share)
			}
		}
		if id == "model-card" && len(pages) < 3 {
			t.Errorf("the model card has only %d pages", len(pages))
		}
	}
}

// TestBundle_ZipHoldsTheFolder: --zip writes one archive with the same
// files as the folder.
func TestBundle_ZipHoldsTheFolder(t *testing.T) {
	in := sampleInputs(t)
	out := filepath.Join(t.TempDir(), "bundle")
	m, err := Write(context.Background(), in, out, Options{Zip: true, Formats: []Format{HTML, Markdown}}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if m.Path != out+".zip" {
		t.Fatalf("path %s", m.Path)
	}
	if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("a folder was left beside the archive: %v", err)
	}
	zr, err := zip.OpenReader(m.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
	}
	for _, want := range append(m.Files, "markdown/figures/model-card-01.png") {
		if !slices.Contains(names, want) {
			t.Errorf("the archive lacks %s (has %v)", want, names)
		}
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(out), ".modelbench-docs-*")); len(left) > 0 {
		t.Errorf("temporary folders left: %v", left)
	}
}

// TestBundle_WithoutEvaluationSaysWhatIsMissing: a project with a chosen
// model that was never evaluated gets a bundle without the evaluation
// report, and the index says what is missing.
func TestBundle_WithoutEvaluationSaysWhatIsMissing(t *testing.T) {
	ctx := context.Background()
	p := workflow.New()
	if err := p.LoadData(ctx, workflow.DataRef{Sample: "iris"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunPrepare(ctx, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.RunTrain(ctx, workflow.TrainSettings{Candidates: []workflow.CandidateSpec{{Name: "tree", Learner: "tree"}}, Validation: workflow.ValidateCV, Folds: 3, Seed: 1}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := p.ChooseModel(ctx, "tree", "the only one", nil); err != nil {
		t.Fatal(err)
	}
	in, err := FromProject(p)
	if err != nil {
		t.Fatal(err)
	}
	dir, m := writeBundle(t, in, Options{Formats: []Format{HTML}})
	for _, d := range m.Documents {
		if d.ID == "evaluation" || d.ID == "exploration" {
			t.Errorf("%s written without its results", d.ID)
		}
	}
	index, _ := os.ReadFile(filepath.Join(dir, "index.html"))
	for _, want := range []string{"Not in this bundle yet", "has not been evaluated on the test rows", "Explore step has not run"} {
		if !strings.Contains(string(index), want) {
			t.Errorf("the index does not say %q", want)
		}
	}
}

// TestBundle_ReportsProgressToTheEnd: progress only grows and ends at 1.
func TestBundle_ReportsProgressToTheEnd(t *testing.T) {
	var seen []float64
	_, err := Write(context.Background(), sampleInputs(t), t.TempDir(), Options{Formats: []Format{Markdown}},
		func(r progress.Report) { seen = append(seen, r.Fraction) })
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) < 7 || seen[len(seen)-1] != 1 || !slices.IsSorted(seen) {
		t.Fatalf("progress %v", seen)
	}
}

func TestBundle_CancelledStops(t *testing.T) {
	in := sampleInputs(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := Write(ctx, in, t.TempDir(), Options{}, nil); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
}

func TestParseFormats(t *testing.T) {
	if f, err := ParseFormats("pdf, markdown"); err != nil || !slices.Equal(f, []Format{PDF, Markdown}) {
		t.Fatalf("%v %v", f, err)
	}
	if f, _ := ParseFormats(""); !slices.Equal(f, Formats) {
		t.Fatalf("%v", f)
	}
	if _, err := ParseFormats("html,docx"); err == nil || !strings.Contains(err.Error(), "docx") {
		t.Fatalf("%v", err)
	}
}

func TestFromProject_NeedsData(t *testing.T) {
	if _, err := FromProject(workflow.New()); err == nil {
		t.Fatal("no error for a project without data")
	}
}
