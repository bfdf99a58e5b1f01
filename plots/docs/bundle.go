package docs

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"modelbench/plots"
	"modelbench/plots/report"
	"modelbench/workflow/deploy"
	"modelbench/workflow/progress"
)

// Format is one form of the bundle.
type Format string

// The bundle's forms.
const (
	HTML     Format = "html" // self-contained pages, one per document, and index.html
	Markdown Format = "md"   // markdown/NAME.md with figures in markdown/figures
	PDF      Format = "pdf"  // pdf/NAME.pdf
)

// Formats lists every form, in the order they are written.
var Formats = []Format{HTML, Markdown, PDF}

// ParseFormats reads a comma-separated list of forms ("html,md,pdf");
// "markdown" is accepted for md. An empty list is every form.
func ParseFormats(s string) ([]Format, error) {
	if strings.TrimSpace(s) == "" {
		return Formats, nil
	}
	var out []Format
	for _, part := range strings.Split(s, ",") {
		f := Format(strings.ToLower(strings.TrimSpace(part)))
		if f == "markdown" {
			f = Markdown
		}
		switch f {
		case HTML, Markdown, PDF:
			out = append(out, f)
		default:
			return nil, fmt.Errorf("unknown format %q (use html, md or pdf)", part)
		}
	}
	return out, nil
}

// Options says what to write. The zero value writes every form into a
// folder in the light style.
type Options struct {
	Formats []Format // nil: every form
	// Zip writes one .zip archive at the output path (".zip" added when
	// missing) instead of a folder.
	Zip   bool
	Style plots.Style
}

// Entry is one document of the bundle and its files, relative to the
// bundle's root, by form.
type Entry struct {
	ID, Title, About string
	Files            map[Format]string
	Gaps             int // form fields nobody has answered yet
}

// Manifest says what a bundle holds.
type Manifest struct {
	Path      string // the folder or the .zip written
	Documents []Entry
	Left      []string // what is missing from the bundle and why (Inputs.Missing)
	Files     []string // every file, relative to the root, in the order written
}

// document is a bundle document before it is written.
type document struct {
	Entry
	doc *report.Doc
}

// documents builds every document the inputs can fill, in index order.
func (in *Inputs) documents(s plots.Style) []document {
	d, st, f := in.Definition, in.State, in.Facts
	r := in.Checklist
	if r == nil {
		r = deploy.Assess(d, st, f)
	}
	var out []document
	add := func(dd *deploy.Document, about string) {
		out = append(out, document{Entry: Entry{ID: dd.ID, Title: dd.Title, About: about, Gaps: len(dd.Gaps())}, doc: in.toReport(dd, s)})
	}
	add(deploy.ModelCard(d, st, f, r), "What the model is, what it is for, how well it does and where it fails.")
	add(deploy.Datasheet(d, st, f), "Where the data comes from, what it holds and how it was prepared.")
	add(deploy.Journal(f), "Every decision taken, in order, with its time and reason.")
	add(deploy.ChecklistDocument(d, r), fmt.Sprintf("The deployment checklist answered: readiness %.0f%%, ML Test Score %g.", r.Readiness, r.ML.Score))
	if in.Exploration != nil && in.Table != nil {
		out = append(out, document{Entry: Entry{ID: "exploration", Title: "Exploration report", About: "The Explore step: statistics, alerts and figures of every column."},
			doc: report.EDA(in.Table, in.Exploration, s)})
	}
	if ev := in.Evaluation; ev != nil && ev.Assessment != nil {
		out = append(out, document{Entry: Entry{ID: "evaluation", Title: "Evaluation report", About: fmt.Sprintf("The Evaluate step: %s on the %s rows.", ev.Model, ev.Part)},
			doc: report.Evaluation(ev.Model, ev.Part, ev.Assessment, ev.Issues, in.Why, s)})
	}
	for i := range out {
		out[i].doc.Created = in.Created
	}
	return out
}

// Write writes the documentation bundle — model card, datasheet, decision
// journal, answered checklist, and the exploration and evaluation reports
// when the inputs have them — to the folder out (created if missing), or
// with Options.Zip to the archive out. Progress goes to report; a
// cancelled ctx stops between documents and returns ctx.Err(), leaving
// what was written. Errors name the file.
func Write(ctx context.Context, in *Inputs, out string, opt Options, report progress.Func) (*Manifest, error) {
	if in.Created.IsZero() {
		in.Created = time.Now()
	}
	formats := opt.Formats
	if formats == nil {
		formats = Formats
	}
	root := out
	if opt.Zip {
		tmp, err := os.MkdirTemp(filepath.Dir(out), ".modelbench-docs-*")
		if err != nil {
			return nil, err
		}
		defer os.RemoveAll(tmp)
		root = tmp
	}
	if err := os.MkdirAll(root, 0o755); err != nil {
		return nil, err
	}
	report.Send(0, "building the documents")
	docs := in.documents(opt.Style)
	m := &Manifest{Path: out, Left: in.Missing()}
	steps, done := float64(len(docs)*len(formats)+1), 0.0
	for i := range docs {
		docs[i].Files = map[Format]string{}
		for _, f := range formats {
			if err := ctx.Err(); err != nil {
				return nil, err
			}
			report.Send(done/steps, fmt.Sprintf("writing the %s (%s)", strings.ToLower(docs[i].Title), f))
			rel, err := writeForm(ctx, root, docs[i], f)
			if err != nil {
				return nil, err
			}
			docs[i].Files[f] = rel
			m.Files = append(m.Files, rel)
			done++
		}
		m.Documents = append(m.Documents, docs[i].Entry)
	}
	idx, err := in.writeIndexes(root, m, formats)
	if err != nil {
		return nil, err
	}
	m.Files = append(m.Files, idx...)
	if opt.Zip {
		if !strings.HasSuffix(strings.ToLower(out), ".zip") {
			out += ".zip"
		}
		if err := zipFolder(root, out); err != nil {
			return nil, err
		}
		m.Path = out
	}
	report.Send(1, "done")
	return m, nil
}

// writeForm writes one document in one form under root and returns the
// main file's path relative to root.
func writeForm(ctx context.Context, root string, d document, f Format) (string, error) {
	var rel string
	var err error
	switch f {
	case HTML:
		rel = d.ID + ".html"
		err = writeFile(filepath.Join(root, rel), func(w *os.File) error { return d.doc.WriteHTML(w) })
	case Markdown:
		rel = filepath.Join("markdown", d.ID+".md")
		_, err = d.doc.WriteMarkdown(filepath.Join(root, "markdown"), d.ID)
	case PDF:
		rel = filepath.Join("pdf", d.ID+".pdf")
		err = writeFile(filepath.Join(root, rel), func(w *os.File) error { return WritePDF(ctx, d.doc, w) })
	}
	if err != nil {
		return "", fmt.Errorf("%s: %w", filepath.Join(root, rel), err)
	}
	return filepath.ToSlash(rel), nil
}

// writeFile creates path (and its folder) and fills it with fill.
func writeFile(path string, fill func(*os.File) error) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := fill(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
