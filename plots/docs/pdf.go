package docs

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"time"

	"codeberg.org/go-fonts/liberation/liberationsansbold"
	"codeberg.org/go-fonts/liberation/liberationsansitalic"
	"codeberg.org/go-fonts/liberation/liberationsansregular"
	"codeberg.org/go-pdf/fpdf"

	"modelbench/plots/report"
)

// Page geometry (mm) and type sizes (pt) of the PDF form.
const (
	pageMargin = 18.0
	pageBottom = 16.0
	bodySize   = 10.0
	bodyLine   = 5.0
	tableSize  = 8.5
	tableLine  = 4.0
	cellPad    = 1.2
	fontFamily = "LiberationSans"
)

// rgb is a colour of the PDF form.
type rgb struct{ r, g, b int }

var (
	textColour   = rgb{0x22, 0x22, 0x22}
	mutedColour  = rgb{0x66, 0x66, 0x66}
	ruleColour   = rgb{0xDD, 0xDD, 0xDD}
	borderColour = rgb{0xCC, 0xCC, 0xCC}
	headColour   = rgb{0xF2, 0xF2, 0xF2}
	gapFill      = rgb{0xFD, 0xF7, 0xEC}
	gapText      = rgb{0x8A, 0x50, 0x00}
	// callout bar and background, as in the HTML form
	callouts = map[string][2]rgb{
		"info":     {{0x56, 0xB4, 0xE9}, {0xF4, 0xF9, 0xFC}},
		"warning":  {{0xE6, 0x9F, 0x00}, {0xFD, 0xF7, 0xEC}},
		"critical": {{0xD5, 0x5E, 0x00}, {0xFC, 0xEF, 0xE8}},
	}
)

var numberRe = regexp.MustCompile(`^[-+]?[0-9][0-9,]*(\.[0-9]+)?(e[-+]?[0-9]+)?%?$`)

// pdfWriter lays a report out on A4 pages with an embedded TrueType font,
// so any text the font covers (not only cp1252) prints.
type pdfWriter struct {
	pdf   *fpdf.Fpdf
	doc   *report.Doc
	width float64 // usable width
	limit float64 // lowest y content may reach
	imgs  int
}

// WritePDF writes a report as a PDF: a title block, then every section's
// paragraphs, callouts, lists, tables (repeating their header on a new
// page) and figures (embedded PNG), with page numbers in the footer. The
// output is the same for the same Doc (its Created time is the PDF's).
func WritePDF(ctx context.Context, d *report.Doc, w io.Writer) error {
	pw := newPDFWriter(d)
	pw.title()
	for _, s := range d.Sections {
		if err := ctx.Err(); err != nil {
			return err
		}
		lead := 0.0
		if len(s.Blocks) > 0 {
			lead = pw.leadHeight(s.Blocks[0])
		}
		pw.heading(s.Heading, lead)
		for _, b := range s.Blocks {
			if err := pw.block(b); err != nil {
				return err
			}
		}
	}
	pw.setColour(mutedColour)
	pw.font("I", 8)
	if pw.y()+10 > pw.limit {
		pw.pdf.SetY(pw.limit + 0.5) // in the band above the footer, never on a page of its own
	} else {
		pw.space(6)
	}
	pw.pdf.SetX(pageMargin)
	pw.pdf.CellFormat(pw.width, 4, "Made by Modelbench on "+created(d).Format("2 January 2006 at 15:04")+".", "", 1, "L", false, 0, "")
	if err := pw.pdf.Error(); err != nil {
		return err
	}
	return pw.pdf.Output(w)
}

func created(d *report.Doc) time.Time {
	if d.Created.IsZero() {
		return time.Now()
	}
	return d.Created
}

func newPDFWriter(d *report.Doc) *pdfWriter {
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes(fontFamily, "", liberationsansregular.TTF)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", liberationsansbold.TTF)
	pdf.AddUTF8FontFromBytes(fontFamily, "I", liberationsansitalic.TTF)
	pdf.SetMargins(pageMargin, pageMargin, pageMargin)
	pdf.SetAutoPageBreak(false, pageBottom)
	pdf.SetCellMargin(0)
	pdf.SetTitle(d.Title, true)
	pdf.SetCreator("Modelbench", true)
	pdf.SetCreationDate(created(d))
	pdf.SetModificationDate(created(d))
	pdf.SetCatalogSort(true)
	pdf.AliasNbPages("{nb}")
	w, h := pdf.GetPageSize()
	pw := &pdfWriter{pdf: pdf, doc: d, width: w - 2*pageMargin, limit: h - pageBottom - 6}
	pdf.SetFooterFunc(func() {
		pdf.SetY(h - pageBottom)
		pdf.SetFont(fontFamily, "", 8)
		pdf.SetTextColor(mutedColour.r, mutedColour.g, mutedColour.b)
		pdf.CellFormat(pw.width/2, 4, clip(pdf, d.Title, pw.width/2-4), "", 0, "L", false, 0, "")
		pdf.CellFormat(pw.width/2, 4, fmt.Sprintf("page %d of {nb}", pdf.PageNo()), "", 0, "R", false, 0, "")
	})
	pdf.AddPage()
	return pw
}

// clip shortens s with an ellipsis until it fits w.
func clip(pdf *fpdf.Fpdf, s string, w float64) string {
	r := []rune(s)
	for len(r) > 1 && pdf.GetStringWidth(string(r)) > w {
		r = append(r[:len(r)-2], '…')
	}
	return string(r)
}

func (pw *pdfWriter) font(style string, size float64) { pw.pdf.SetFont(fontFamily, style, size) }

func (pw *pdfWriter) setColour(c rgb) { pw.pdf.SetTextColor(c.r, c.g, c.b) }

func (pw *pdfWriter) fill(c rgb) { pw.pdf.SetFillColor(c.r, c.g, c.b) }

func (pw *pdfWriter) y() float64 { return pw.pdf.GetY() }

func (pw *pdfWriter) space(h float64) { pw.pdf.SetY(pw.y() + h) }

// ensure starts a new page unless h millimetres fit on this one.
func (pw *pdfWriter) ensure(h float64) bool {
	if pw.y()+h <= pw.limit {
		return false
	}
	pw.pdf.AddPage()
	return true
}

// wrap breaks text into lines no wider than w in the current font,
// honouring the line breaks it holds.
func (pw *pdfWriter) wrap(text string, w float64) []string {
	var out []string
	for _, para := range strings.Split(text, "\n") {
		if strings.TrimSpace(para) == "" {
			out = append(out, "")
			continue
		}
		out = append(out, pw.pdf.SplitText(para, w)...)
	}
	return out
}

// lines writes lines at x, breaking pages between lines.
func (pw *pdfWriter) lines(ls []string, x, w, lh float64, align string) {
	for _, l := range ls {
		pw.ensure(lh)
		pw.pdf.SetXY(x, pw.y())
		pw.pdf.CellFormat(w, lh, l, "", 1, align, false, 0, "")
	}
}

func (pw *pdfWriter) title() {
	pw.setColour(textColour)
	pw.font("B", 20)
	pw.lines(pw.wrap(pw.doc.Title, pw.width), pageMargin, pw.width, 9, "L")
	if pw.doc.Subtitle != "" {
		pw.setColour(mutedColour)
		pw.font("", 10.5)
		pw.space(1)
		pw.lines(pw.wrap(pw.doc.Subtitle, pw.width), pageMargin, pw.width, 5.2, "L")
	}
	pw.space(2)
}

// heading writes a section heading, on a new page unless it fits with
// lead millimetres of what follows: a heading never ends a page alone.
func (pw *pdfWriter) heading(h string, lead float64) {
	pw.font("B", 14)
	ls := pw.wrap(h, pw.width)
	pw.ensure(float64(len(ls))*7 + 8 + lead)
	pw.space(4)
	pw.setColour(textColour)
	pw.lines(ls, pageMargin, pw.width, 7, "L")
	pw.pdf.SetDrawColor(ruleColour.r, ruleColour.g, ruleColour.b)
	pw.pdf.SetLineWidth(0.3)
	pw.pdf.Line(pageMargin, pw.y()+0.5, pageMargin+pw.width, pw.y()+0.5)
	pw.space(3)
}

// leadHeight is the height of the start of a block that must stay with
// the heading before it: a figure with its caption, a table's header and
// first row, or the first lines of text.
func (pw *pdfWriter) leadHeight(b report.Block) float64 {
	switch {
	case b.Figure != nil:
		fw, fh := report.FigureSize()
		return min(pw.width, 170)*float64(fh)/float64(fw) + 10
	case b.Header != nil:
		n := len(b.Header)
		for _, r := range b.Rows {
			n = max(n, len(r))
		}
		widths := pw.columnWidths(b.Header, b.Rows, n)
		pw.font("", tableSize)
		return pw.rowHeight(b.Header, widths) + pw.rowHeight(first(b.Rows), widths)
	}
	return 3 * bodyLine
}

func (pw *pdfWriter) block(b report.Block) error {
	pw.setColour(textColour)
	switch {
	case b.Figure != nil:
		return pw.figure(b)
	case b.Header != nil:
		pw.table(b.Header, b.Rows)
	case b.Items != nil:
		pw.list(b.Items)
	case b.Level != "":
		pw.callout(b.Level, b.Text)
	default:
		pw.font("", bodySize)
		pw.lines(pw.wrap(b.Text, pw.width), pageMargin, pw.width, bodyLine, "L")
		pw.space(2)
	}
	return nil
}

// callout draws a paragraph on a tinted band with a coloured bar, line by
// line, so that it can continue on the next page.
func (pw *pdfWriter) callout(level, text string) {
	c, ok := callouts[level]
	if !ok {
		c = callouts["info"]
	}
	pw.font("", bodySize)
	ls := pw.wrap(text, pw.width-7)
	band := func(h float64) {
		pw.fill(c[1])
		pw.pdf.Rect(pageMargin, pw.y(), pw.width, h, "F")
		pw.fill(c[0])
		pw.pdf.Rect(pageMargin, pw.y(), 1.2, h, "F")
	}
	pw.ensure(bodyLine*min(float64(len(ls)), 3) + 3)
	band(1.5)
	pw.space(1.5)
	for _, l := range ls {
		if pw.ensure(bodyLine) {
			band(1)
			pw.space(1)
		}
		band(bodyLine)
		pw.pdf.SetXY(pageMargin+4.5, pw.y())
		pw.pdf.CellFormat(pw.width-7, bodyLine, l, "", 1, "L", false, 0, "")
	}
	band(1.5)
	pw.space(4)
}

func (pw *pdfWriter) list(items []string) {
	pw.font("", bodySize)
	for _, it := range items {
		ls := pw.wrap(it, pw.width-5)
		pw.ensure(bodyLine)
		pw.pdf.SetXY(pageMargin+0.8, pw.y())
		pw.pdf.CellFormat(4, bodyLine, "•", "", 0, "L", false, 0, "")
		pw.lines(ls, pageMargin+5, pw.width-5, bodyLine, "L")
		pw.space(0.6)
	}
	pw.space(1.5)
}

// figure embeds a report figure's PNG at the page's width (at most its
// own), with its caption under it.
func (pw *pdfWriter) figure(b report.Block) error {
	png, err := pw.doc.FigurePNG(b.Figure)
	if err != nil {
		return fmt.Errorf("figure %q: %w", b.Caption, err)
	}
	fw, fh := report.FigureSize()
	w := min(pw.width, 170)
	h := w * float64(fh) / float64(fw)
	pw.font("I", 9)
	caption := pw.wrap(b.Caption, pw.width)
	pw.ensure(h + float64(len(caption))*4.5 + 2)
	pw.imgs++
	name := fmt.Sprintf("figure-%d", pw.imgs)
	pw.pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	pw.pdf.ImageOptions(name, pageMargin+(pw.width-w)/2, pw.y(), w, h, false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	pw.space(h + 1)
	pw.setColour(mutedColour)
	pw.lines(caption, pageMargin, pw.width, 4.5, "L")
	pw.setColour(textColour)
	pw.space(3)
	return nil
}
