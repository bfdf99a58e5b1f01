package docs

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// indexData is what both indexes show.
type indexData struct {
	Title, Subtitle, Created string
	Readiness                string
	MLScore, Reading         string
	Documents                []indexDoc
	Left                     []string
	Gaps                     int
}

type indexDoc struct {
	Title, About string
	Links        []indexLink
	Gaps         int
}

type indexLink struct{ Label, Href string }

var indexPage = template.Must(template.New("index").Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.1em}.sub{color:#666;margin-top:0}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.6em}
.scores{display:flex;gap:1em;flex-wrap:wrap;margin:1.2em 0}.score{flex:1;min-width:240px;border:1px solid #ddd;border-radius:6px;padding:.8em 1em;background:#f7f9fb}
.score b{display:block;font-size:2em;color:#0072B2}.score span{color:#555;font-size:.92em}
table{border-collapse:collapse;width:100%;margin:.8em 0}th,td{border:1px solid #ccc;padding:.4em .6em;text-align:left;vertical-align:top}th{background:#f2f2f2}
td a{margin-right:.8em}.gap{color:#A35F00;font-size:.9em}
.callout{padding:.5em .8em;border-left:4px solid #E69F00;background:#fdf7ec;margin:.6em 0}
footer{color:#888;font-size:.85em;margin-top:3em}
</style></head><body>
<h1>{{.Title}}</h1><p class="sub">{{.Subtitle}}</p>
<div class="scores"><div class="score"><b>{{.Readiness}}</b><span>deployment readiness: the share of the checklist that is done</span></div>
<div class="score"><b>{{.MLScore}}</b><span>ML Test Score (Breck et al., 2017). {{.Reading}}</span></div></div>
<h2>Documents</h2>
<table><tr><th>document</th><th>what it holds</th><th>open</th></tr>
{{range .Documents}}<tr><td>{{.Title}}</td><td>{{.About}}{{if .Gaps}}<br><span class="gap">{{.Gaps}} fields only a person can answer are still gaps.</span>{{end}}</td><td>{{range .Links}}<a href="{{.Href}}">{{.Label}}</a>{{end}}</td></tr>
{{end}}</table>
{{if .Left}}<h2>Not in this bundle yet</h2>{{range .Left}}<p class="callout">{{.}}</p>{{end}}{{end}}
{{if .Gaps}}<p>{{.Gaps}} answers only a person can give are still open. Fill them in on the Deploy step, or in an answers file applied with <code>modelbench run --answers</code>, and export again.</p>{{end}}
<footer>Made by Modelbench on {{.Created}}.</footer>
</body></html>
`))

func (in *Inputs) index(m *Manifest, formats []Format, linkFor func(Entry, Format) (string, bool)) indexData {
	name := "the model"
	if in.Facts.Model != nil {
		name = in.Facts.Model.Name
	}
	r := in.Checklist
	x := indexData{Title: "Documentation of " + name, Created: in.Created.Format("2 January 2006 at 15:04"), Left: m.Left}
	if f := in.Facts; f.Data != nil {
		x.Subtitle = fmt.Sprintf("Predicting %q from %s (%d rows).", f.Target, f.Data.Source, f.Data.Rows)
	}
	if r != nil {
		x.Readiness, x.MLScore, x.Reading = fmt.Sprintf("%.0f%%", r.Readiness), fmt.Sprintf("%g", r.ML.Score), r.ML.Reading
	}
	for _, e := range m.Documents {
		d := indexDoc{Title: e.Title, About: e.About, Gaps: e.Gaps}
		x.Gaps += e.Gaps
		for _, f := range formats {
			if href, ok := linkFor(e, f); ok {
				d.Links = append(d.Links, indexLink{Label: map[Format]string{HTML: "HTML", Markdown: "Markdown", PDF: "PDF"}[f], Href: href})
			}
		}
		x.Documents = append(x.Documents, d)
	}
	return x
}

// writeIndexes writes index.html (with HTML) and markdown/index.md (with
// Markdown) and returns their paths relative to root.
func (in *Inputs) writeIndexes(root string, m *Manifest, formats []Format) ([]string, error) {
	var out []string
	if slices.Contains(formats, HTML) {
		x := in.index(m, formats, func(e Entry, f Format) (string, bool) { rel, ok := e.Files[f]; return rel, ok })
		var b bytes.Buffer
		if err := indexPage.Execute(&b, x); err != nil {
			return nil, err
		}
		if err := os.WriteFile(filepath.Join(root, "index.html"), b.Bytes(), 0o644); err != nil {
			return nil, err
		}
		out = append(out, "index.html")
	}
	if slices.Contains(formats, Markdown) {
		x := in.index(m, formats, func(e Entry, f Format) (string, bool) {
			rel, ok := e.Files[f]
			if f == Markdown {
				rel = filepath.Base(rel)
			} else {
				rel = "../" + rel
			}
			return rel, ok
		})
		if err := os.WriteFile(filepath.Join(root, "markdown", "index.md"), []byte(markdownIndex(x)), 0o644); err != nil {
			return nil, err
		}
		out = append(out, "markdown/index.md")
	}
	return out, nil
}

func markdownIndex(x indexData) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", x.Title, x.Subtitle)
	if x.Readiness != "" {
		fmt.Fprintf(&b, "- **Deployment readiness:** %s of the checklist is done.\n- **ML Test Score** (Breck et al., 2017): %s. %s\n\n", x.Readiness, x.MLScore, x.Reading)
	}
	b.WriteString("## Documents\n\n| document | what it holds | open |\n|---|---|---|\n")
	for _, d := range x.Documents {
		var links []string
		for _, l := range d.Links {
			links = append(links, fmt.Sprintf("[%s](%s)", l.Label, l.Href))
		}
		about := d.About
		if d.Gaps > 0 {
			about += fmt.Sprintf(" %d fields only a person can answer are still gaps.", d.Gaps)
		}
		fmt.Fprintf(&b, "| %s | %s | %s |\n", d.Title, about, strings.Join(links, " · "))
	}
	if len(x.Left) > 0 {
		b.WriteString("\n## Not in this bundle yet\n\n")
		for _, l := range x.Left {
			fmt.Fprintf(&b, "> **Missing:** %s\n\n", l)
		}
	}
	fmt.Fprintf(&b, "\n---\nMade by Modelbench on %s.\n", x.Created)
	return b.String()
}
