package report

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"html/template"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"modelbench/plots"
)

// Figure size in pixels in both forms of a report.
const figW, figH = 900, 560

// GapPrefix starts a table cell that stands for an answer nobody has
// given yet; both forms highlight such cells.
const GapPrefix = "GAP —"

// Doc is a report: a title, a line under it, and sections.
type Doc struct {
	Title    string
	Subtitle string
	Created  time.Time
	Sections []Section
	pngs     map[*plots.Figure][]byte // figures already rendered
}

// FigureSize is the size in pixels at which every form of a report
// renders its figures.
func FigureSize() (w, h int) { return figW, figH }

// FigurePNG renders a figure of the report as PNG at FigureSize, once: the
// HTML, the Markdown and any other form written from the same Doc reuse
// the bytes.
func (d *Doc) FigurePNG(f *plots.Figure) ([]byte, error) {
	if b, ok := d.pngs[f]; ok {
		return b, nil
	}
	b, err := plots.PNG(f, figW, figH)
	if err != nil {
		return nil, err
	}
	if d.pngs == nil {
		d.pngs = map[*plots.Figure][]byte{}
	}
	d.pngs[f] = b
	return b, nil
}

// Section is a heading with blocks in order.
type Section struct {
	Heading string
	Blocks  []Block
}

// Block is one of: a paragraph (Text), a list (Items), a table (Header and
// Rows), or a figure (Figure with Caption). Level marks a paragraph as a
// note, warning or critical finding.
type Block struct {
	Text    string
	Level   string
	Items   []string
	Header  []string
	Rows    [][]string
	Figure  *plots.Figure
	Caption string
}

// Add appends a section and returns it for filling.
func (d *Doc) Add(heading string) *Section {
	d.Sections = append(d.Sections, Section{Heading: heading})
	return &d.Sections[len(d.Sections)-1]
}

// Para adds a paragraph.
func (s *Section) Para(format string, args ...any) {
	s.Blocks = append(s.Blocks, Block{Text: fmt.Sprintf(format, args...)})
}

// Callout adds a paragraph marked with a level ("info", "warning", "critical").
func (s *Section) Callout(level, text string) {
	s.Blocks = append(s.Blocks, Block{Text: text, Level: level})
}

// List adds a bulleted list.
func (s *Section) List(items ...string) { s.Blocks = append(s.Blocks, Block{Items: items}) }

// Table adds a table.
func (s *Section) Table(header []string, rows [][]string) {
	s.Blocks = append(s.Blocks, Block{Header: header, Rows: rows})
}

// Fig adds a figure; a nil figure (nothing to draw) is skipped.
func (s *Section) Fig(f *plots.Figure, caption string) {
	if f != nil {
		s.Blocks = append(s.Blocks, Block{Figure: f, Caption: caption})
	}
}

var htmlPage = template.Must(template.New("page").Funcs(template.FuncMap{"numeric": func(s string) bool { return numberRe.MatchString(s) },
	"gap": func(s string) bool { return strings.HasPrefix(s, GapPrefix) }}).Parse(`<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Title}}</title>
<style>
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:980px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{margin-bottom:.1em}.sub{color:#666;margin-top:0}h2{border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:1.8em}
table{border-collapse:collapse;margin:.8em 0;font-size:.92em}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f2f2f2}td.n{text-align:right;font-variant-numeric:tabular-nums}td.gap{background:#fdf7ec;color:#8a5000}
figure{margin:1em 0}figure img{max-width:100%;border:1px solid #eee}figcaption{color:#555;font-size:.9em}
.callout{padding:.5em .8em;border-left:4px solid #56B4E9;background:#f4f9fc;margin:.6em 0}
.warning{border-color:#E69F00;background:#fdf7ec}.critical{border-color:#D55E00;background:#fcefe8}
footer{color:#888;font-size:.85em;margin-top:3em}
</style></head><body>
<h1>{{.Title}}</h1><p class="sub">{{.Subtitle}}</p>
{{range .Sections}}<h2>{{.Heading}}</h2>
{{range .Blocks}}{{if .Figure}}<figure><img alt="{{.Caption}}" src="data:image/png;base64,{{.PNG}}"><figcaption>{{.Caption}}</figcaption></figure>
{{else if .Header}}<table><tr>{{range .Header}}<th>{{.}}</th>{{end}}</tr>{{range .Rows}}<tr>{{range .}}<td{{if numeric .}} class="n"{{else if gap .}} class="gap"{{end}}>{{.}}</td>{{end}}</tr>{{end}}</table>
{{else if .Items}}<ul>{{range .Items}}<li>{{.}}</li>{{end}}</ul>
{{else if .Level}}<p class="callout {{.Level}}">{{.Text}}</p>
{{else}}<p>{{.Text}}</p>{{end}}{{end}}{{end}}
<footer>Made by Modelbench on {{.Created}}.</footer>
</body></html>
`))

var numberRe = regexp.MustCompile(`^[-+]?[0-9][0-9,]*(\.[0-9]+)?(e[-+]?[0-9]+)?%?$`)

type htmlBlock struct {
	Block
	PNG string
}

// WriteHTML writes the report as one self-contained HTML page.
func (d *Doc) WriteHTML(w io.Writer) error {
	type sec struct {
		Heading string
		Blocks  []htmlBlock
	}
	page := struct {
		Title, Subtitle, Created string
		Sections                 []sec
	}{Title: d.Title, Subtitle: d.Subtitle, Created: d.created()}
	for _, s := range d.Sections {
		out := sec{Heading: s.Heading}
		for _, b := range s.Blocks {
			hb := htmlBlock{Block: b}
			if b.Figure != nil {
				png, err := d.FigurePNG(b.Figure)
				if err != nil {
					return fmt.Errorf("figure %q: %w", b.Caption, err)
				}
				hb.PNG = base64.StdEncoding.EncodeToString(png)
			}
			out.Blocks = append(out.Blocks, hb)
		}
		page.Sections = append(page.Sections, out)
	}
	return htmlPage.Execute(w, page)
}

func (d *Doc) created() string {
	t := d.Created
	if t.IsZero() {
		t = time.Now()
	}
	return t.Format("2 January 2006 at 15:04")
}

// WriteMarkdown writes report.md into dir with its figures as PNG files in
// dir/figures, and returns the Markdown file's path.
func (d *Doc) WriteMarkdown(dir, name string) (string, error) {
	figDir := filepath.Join(dir, "figures")
	if err := os.MkdirAll(figDir, 0o755); err != nil {
		return "", err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "# %s\n\n%s\n\n", d.Title, d.Subtitle)
	n := 0
	for _, s := range d.Sections {
		fmt.Fprintf(&b, "## %s\n\n", s.Heading)
		for _, bl := range s.Blocks {
			if err := d.writeMarkdownBlock(&b, bl, figDir, name, &n); err != nil {
				return "", err
			}
		}
	}
	fmt.Fprintf(&b, "---\nMade by Modelbench on %s.\n", d.created())
	path := filepath.Join(dir, name+".md")
	return path, os.WriteFile(path, b.Bytes(), 0o644)
}

func (d *Doc) writeMarkdownBlock(b *bytes.Buffer, bl Block, figDir, name string, n *int) error {
	switch {
	case bl.Figure != nil:
		*n++
		file := fmt.Sprintf("%s-%02d.png", name, *n)
		png, err := d.FigurePNG(bl.Figure)
		if err == nil {
			err = os.WriteFile(filepath.Join(figDir, file), png, 0o644)
		}
		if err != nil {
			return fmt.Errorf("figure %q: %w", bl.Caption, err)
		}
		fmt.Fprintf(b, "![%s](figures/%s)\n\n*%s*\n\n", mdEscape(bl.Caption), file, mdEscape(bl.Caption))
	case bl.Header != nil:
		fmt.Fprintf(b, "| %s |\n|%s\n", strings.Join(mdRow(bl.Header), " | "), strings.Repeat("---|", len(bl.Header)))
		for _, r := range bl.Rows {
			fmt.Fprintf(b, "| %s |\n", strings.Join(mdRow(r), " | "))
		}
		b.WriteString("\n")
	case bl.Items != nil:
		for _, it := range bl.Items {
			fmt.Fprintf(b, "- %s\n", mdEscape(it))
		}
		b.WriteString("\n")
	case bl.Level != "":
		fmt.Fprintf(b, "> **%s:** %s\n\n", strings.ToUpper(bl.Level[:1])+bl.Level[1:], mdEscape(bl.Text))
	default:
		fmt.Fprintf(b, "%s\n\n", mdEscape(bl.Text))
	}
	return nil
}

func mdRow(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.ReplaceAll(mdEscape(c), "|", `\|`)
		if strings.HasPrefix(c, GapPrefix) {
			out[i] = "**" + out[i] + "**"
		}
	}
	return out
}

func mdEscape(s string) string {
	return strings.NewReplacer("\n", " ", "*", `\*`, "_", `\_`, "<", "&lt;").Replace(s)
}

// WriteFiles writes the report into dir (created if missing) as NAME.html
// and as NAME.md with its figures in dir/figures, and returns the HTML
// file's path.
func (d *Doc) WriteFiles(dir, name string) (string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	path := filepath.Join(dir, name+".html")
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	if err := d.WriteHTML(f); err != nil {
		f.Close()
		return "", fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return "", err
	}
	_, err = d.WriteMarkdown(dir, name)
	return path, err
}
