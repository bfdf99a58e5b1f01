package ui

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow/coach"
)

// termText is wrapped rich text whose marked glossary terms are shown in
// the link colour and open their definition when tapped.
//
// It draws the terms as text, not as Fyne hyperlink segments: in Fyne
// 2.7 a hyperlink that reaches the end of a line pushes the rest of the
// paragraph into one letter per line (fyne-io/fyne#5262, fixed after
// 2.7). Tapped finds the term under the pointer among the rendered texts.
type termText struct {
	widget.RichText
	onTerm func(term string)
	marks  []coach.Mark
	rend   fyne.WidgetRenderer
}

func newTermText(onTerm func(string)) *termText {
	t := &termText{onTerm: onTerm}
	t.Wrapping = fyne.TextWrapWord
	t.Scroll = container.ScrollNone // grow with the text, as widget.NewRichText does
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer keeps the rich text's renderer, to find what was tapped.
func (t *termText) CreateRenderer() fyne.WidgetRenderer {
	t.rend = t.RichText.CreateRenderer()
	return t.rend
}

// Tapped opens the definition of the term under the pointer, if any.
func (t *termText) Tapped(ev *fyne.PointEvent) {
	if term, ok := t.termAt(ev.Position); ok && t.onTerm != nil {
		t.onTerm(term)
	}
}

// termAt returns the term drawn at pos (relative to the widget).
func (t *termText) termAt(pos fyne.Position) (string, bool) {
	if t.rend == nil {
		return "", false
	}
	link := t.Theme().Color(theme.ColorNameHyperlink, fyne.CurrentApp().Settings().ThemeVariant())
	found := ""
	for _, o := range t.rend.Objects() {
		visitTexts(o, fyne.Position{}, func(txt *canvas.Text, at fyne.Position) {
			s := txt.Size()
			if found != "" || !sameColor(txt.Color, link) || pos.X < at.X || pos.Y < at.Y || pos.X > at.X+s.Width || pos.Y > at.Y+s.Height {
				return
			}
			piece := strings.Trim(txt.Text, " "+zwsp)
			for _, m := range t.marks {
				if piece != "" && strings.Contains(m.Shown, piece) {
					found = m.Term
					return
				}
			}
		})
	}
	return found, found != ""
}

// visitTexts calls fn with every text below o and its position relative
// to o's parent (origin is the parent's), through containers and scrolls.
func visitTexts(o fyne.CanvasObject, origin fyne.Position, fn func(*canvas.Text, fyne.Position)) {
	at := origin.Add(o.Position())
	switch x := o.(type) {
	case *canvas.Text:
		fn(x, at)
	case *fyne.Container:
		for _, c := range x.Objects {
			visitTexts(c, at, fn)
		}
	case *container.Scroll:
		if x.Content != nil {
			visitTexts(x.Content, at.Subtract(x.Offset), fn)
		}
	}
}

func sameColor(a, b color.Color) bool {
	r1, g1, b1, a1 := a.RGBA()
	r2, g2, b2, a2 := b.RGBA()
	return r1 == r2 && g1 == g2 && b1 == b2 && a1 == a2
}

// termStyle is how a marked term is drawn: the style it sits in, in the
// link colour.
func termStyle(in widget.RichTextStyle) widget.RichTextStyle {
	in.ColorName = theme.ColorNameHyperlink
	in.Inline = true
	return in
}

// setPlain shows text: plain words with **bold** spans, "- " list items
// and paragraphs separated by blank lines, with [[term]] marks. It is not
// Markdown, so names such as target_name are shown as written (Fyne's
// Markdown splits words at underscores).
func (t *termText) setPlain(text string) {
	t.marks = coach.Marks(text)
	var out []widget.RichTextSegment
	for _, par := range strings.Split(strings.TrimSpace(text), "\n\n") {
		lines := strings.Split(par, "\n")
		if strings.HasPrefix(lines[0], "- ") {
			list := &widget.ListSegment{}
			for _, l := range lines {
				list.Items = append(list.Items, &widget.ParagraphSegment{Texts: joinable(inlineSegments(strings.TrimPrefix(l, "- ")))})
			}
			out = append(out, list)
			continue
		}
		out = append(out, joinable(inlineSegments(strings.Join(lines, " ")))...)
		out = append(out, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
	}
	t.Segments = out
	t.Refresh()
}

// inlineSegments splits one paragraph into plain, bold and term parts.
func inlineSegments(text string) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for i, part := range strings.Split(text, "**") {
		style := widget.RichTextStyleInline
		if i%2 == 1 {
			style = widget.RichTextStyleStrong
		}
		out = append(out, splitTerms(part, style, func(s string) []string { return markParts(s) })...)
	}
	return out
}

// markParts splits s into text and marks, the marks kept whole.
func markParts(s string) []string {
	var out []string
	for {
		i := strings.Index(s, "[[")
		j := strings.Index(s, "]]")
		if i < 0 || j < i {
			return append(out, s)
		}
		out = append(out, s[:i], s[i:j+2])
		s = s[j+2:]
	}
}

// splitTerms turns the parts of a text (as split) into segments in style,
// the marked terms in termStyle and shown as their words.
func splitTerms(s string, style widget.RichTextStyle, split func(string) []string) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for _, p := range split(s) {
		if p == "" {
			continue
		}
		if ms := coach.Marks(p); len(ms) == 1 && strings.HasPrefix(p, "[[") {
			out = append(out, &widget.TextSegment{Style: termStyle(style), Text: ms[0].Shown})
			continue
		}
		out = append(out, &widget.TextSegment{Style: style, Text: p})
	}
	return out
}

// Placeholders that carry a mark through Fyne's Markdown parser (private
// use characters the parser leaves alone).
const (
	markOpen  = "\ue000"
	markClose = "\ue001"
)

// setMarkdown shows a Markdown text (a guide) whose [[term]] marks are
// drawn as terms.
func (t *termText) setMarkdown(md string) {
	t.marks = coach.Marks(md)
	carried := coach.Replace(md, func(m coach.Mark) string {
		if m.Shown == m.Term {
			return markOpen + m.Shown + markClose
		}
		return markOpen + m.Shown + "|" + m.Term + markClose
	})
	// Parse into a scratch widget, so that t is laid out once, with the
	// terms in place.
	parsed := &widget.RichText{}
	parsed.ParseMarkdown(carried)
	t.Segments = joinable(restoreTerms(parsed.Segments))
	t.Refresh()
}

// zwsp is the zero-width space joinable puts at the start of a segment.
const zwsp = "\u200b"

// joinable starts every text segment that continues a line with a
// zero-width space. Fyne 2.7 lays the rest of a paragraph out one letter
// per line when a segment starts where less than a letter's width is left
// on the line (the first letter never fits and the line never breaks); a
// zero-width first character always fits, and the rest then wraps to the
// next line as it should.
func joinable(segs []widget.RichTextSegment) []widget.RichTextSegment {
	first := true
	for _, s := range segs {
		switch x := s.(type) {
		case *widget.TextSegment:
			if !first && x.Text != "" && !strings.HasPrefix(x.Text, zwsp) {
				x.Text = zwsp + x.Text
			}
			first = !x.Style.Inline
		case *widget.ListSegment:
			joinable(x.Items)
			first = true
		case *widget.ParagraphSegment:
			joinable(x.Texts)
			first = true
		default:
			first = !s.Inline()
		}
	}
	return segs
}

// restoreTerms splits the text segments that carry placeholders into
// plain and term segments.
func restoreTerms(segs []widget.RichTextSegment) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for _, s := range segs {
		switch x := s.(type) {
		case *widget.TextSegment:
			if !strings.Contains(x.Text, markOpen) {
				out = append(out, x)
				continue
			}
			text := strings.NewReplacer(markOpen, "[[", markClose, "]]").Replace(x.Text)
			style := x.Style
			style.Inline = true
			out = append(out, splitTerms(text, style, markParts)...)
			if !x.Style.Inline { // the block ends where the original did
				out = append(out, &widget.TextSegment{Style: x.Style})
			}
			continue
		case *widget.ListSegment:
			x.Items = restoreTerms(x.Items)
			out = append(out, x)
		case *widget.ParagraphSegment:
			x.Texts = restoreTerms(x.Texts)
			out = append(out, x)
		default:
			out = append(out, s)
		}
	}
	return out
}
