package ui

import (
	"net/url"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow/coach"
)

// glossaryScheme is the URL scheme of the links that marked terms become.
const glossaryScheme = "glossary"

// glossaryMarkdown turns the [[term]] marks of a text into Markdown links
// to the glossary, which linkTerms then makes tappable.
func glossaryMarkdown(text string) string {
	return coach.Replace(text, func(m coach.Mark) string {
		return "[" + m.Shown + "](" + glossaryScheme + ":" + url.PathEscape(m.Term) + ")"
	})
}

// termOf returns the glossary term a link stands for.
func termOf(u *url.URL) (string, bool) {
	if u == nil || u.Scheme != glossaryScheme {
		return "", false
	}
	t, err := url.PathUnescape(u.Opaque)
	return t, err == nil
}

// linkTerms makes every glossary link of rt call onTerm when tapped,
// instead of opening a browser.
func linkTerms(rt *widget.RichText, onTerm func(string)) {
	var visit func([]widget.RichTextSegment)
	visit = func(segs []widget.RichTextSegment) {
		for _, s := range segs {
			switch x := s.(type) {
			case *widget.HyperlinkSegment:
				if t, ok := termOf(x.URL); ok {
					x.OnTapped = func() { onTerm(t) }
				}
			case *widget.ListSegment:
				visit(x.Items)
			case *widget.ParagraphSegment:
				visit(x.Texts)
			}
		}
	}
	visit(rt.Segments)
}

// termText is a RichText showing a text whose marked terms link to the
// glossary; setTermText changes its text.
func (u *UI) termText(text string) *widget.RichText {
	rt := widget.NewRichText()
	rt.Wrapping = fyne.TextWrapWord
	u.setTermText(rt, text)
	return rt
}

// setTermText shows text in rt: plain words with **bold** spans, "- "
// list items and paragraphs separated by blank lines, whose [[term]] marks
// link to the glossary. It is not Markdown: column names such as
// target_name are shown as written.
func (u *UI) setTermText(rt *widget.RichText, text string) {
	rt.Segments = termSegments(text, u.showTerm)
	rt.Refresh()
}

// termSegments lays text out as RichText segments (see setTermText).
func termSegments(text string, onTerm func(string)) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for _, par := range strings.Split(strings.TrimSpace(text), "\n\n") {
		lines := strings.Split(par, "\n")
		if strings.HasPrefix(lines[0], "- ") {
			list := &widget.ListSegment{}
			for _, l := range lines {
				list.Items = append(list.Items, &widget.ParagraphSegment{Texts: inlineSegments(strings.TrimPrefix(l, "- "), onTerm)})
			}
			out = append(out, list)
			continue
		}
		out = append(out, inlineSegments(strings.Join(lines, " "), onTerm)...)
		out = append(out, &widget.TextSegment{Style: widget.RichTextStyleParagraph})
	}
	return out
}

// inlineSegments splits one paragraph into plain, bold and linked parts.
func inlineSegments(text string, onTerm func(string)) []widget.RichTextSegment {
	var out []widget.RichTextSegment
	for i, part := range strings.Split(text, "**") {
		style := widget.RichTextStyleInline
		if i%2 == 1 {
			style = widget.RichTextStyleStrong
		}
		rest := part
		for _, m := range coach.Marks(part) {
			mark := "[[" + m.Shown + "]]"
			if m.Shown != m.Term {
				mark = "[[" + m.Shown + "|" + m.Term + "]]"
			}
			before, after, _ := strings.Cut(rest, mark)
			if before != "" {
				out = append(out, &widget.TextSegment{Style: style, Text: before})
			}
			term := m.Term
			out = append(out, &widget.HyperlinkSegment{Text: m.Shown, OnTapped: func() { onTerm(term) },
				URL: &url.URL{Scheme: glossaryScheme, Opaque: url.PathEscape(term)}})
			rest = after
		}
		if rest != "" {
			out = append(out, &widget.TextSegment{Style: style, Text: rest})
		}
	}
	return out
}

// showTerm shows a term's definition in a small dialog and selects it in
// the glossary panel.
func (u *UI) showTerm(name string) {
	g := u.learn.glossary
	if g == nil {
		return
	}
	t, ok := g.Lookup(name)
	if !ok {
		return
	}
	u.learn.glossaryPanel.selectTerm(t.Term)
	body := u.termText(definitionText(t))
	d := dialog.NewCustom(t.Term, "Close", container.NewPadded(body), u.win)
	d.Resize(fyne.NewSize(460, 240))
	d.Show()
}

// definitionText is a term's definition with its related terms marked.
func definitionText(t coach.Term) string {
	out := t.Definition
	if len(t.See) > 0 {
		var see []string
		for _, s := range t.See {
			see = append(see, "[["+s+"]]")
		}
		out += "\n\nSee also: " + strings.Join(see, ", ") + "."
	}
	return out
}

// glossaryPanel lists every term with a search box and shows the chosen
// term's definition.
type glossaryPanel struct {
	u      *UI
	terms  []coach.Term
	shown  []int
	search *widget.Entry
	list   *widget.List
	def    *widget.RichText
	obj    fyne.CanvasObject
}

func newGlossaryPanel(u *UI, g *coach.Glossary) *glossaryPanel {
	p := &glossaryPanel{u: u, search: widget.NewEntry(), def: widget.NewRichText()}
	if g != nil {
		p.terms = append(p.terms, g.Terms...)
		sort.Slice(p.terms, func(i, j int) bool { return strings.ToLower(p.terms[i].Term) < strings.ToLower(p.terms[j].Term) })
	}
	p.def.Wrapping = fyne.TextWrapWord
	p.search.SetPlaceHolder("Find a word")
	p.search.OnChanged = func(string) { p.filter() }
	p.list = widget.NewList(func() int { return len(p.shown) },
		func() fyne.CanvasObject { return widget.NewLabel("term") },
		func(id widget.ListItemID, o fyne.CanvasObject) { o.(*widget.Label).SetText(p.terms[p.shown[id]].Term) })
	p.list.OnSelected = func(id widget.ListItemID) { p.show(p.terms[p.shown[id]]) }
	p.filter()
	split := container.NewVSplit(p.list, container.NewVScroll(container.NewPadded(p.def)))
	split.Offset = 0.5
	p.obj = container.NewBorder(p.search, nil, nil, nil, split)
	return p
}

func (p *glossaryPanel) Object() fyne.CanvasObject { return p.obj }

func (p *glossaryPanel) filter() {
	q := strings.ToLower(strings.TrimSpace(p.search.Text))
	p.shown = p.shown[:0]
	for i, t := range p.terms {
		hay := strings.ToLower(t.Term + " " + strings.Join(t.Aliases, " ") + " " + t.Definition)
		if q == "" || strings.Contains(hay, q) {
			p.shown = append(p.shown, i)
		}
	}
	p.list.UnselectAll()
	p.list.Refresh()
}

func (p *glossaryPanel) show(t coach.Term) {
	p.u.setTermText(p.def, "**"+t.Term+"**\n\n"+definitionText(t))
}

// selectTerm shows term (clearing the search so that it is listed).
func (p *glossaryPanel) selectTerm(term string) {
	if p.search.Text != "" {
		p.search.SetText("")
	}
	for id, i := range p.shown {
		if p.terms[i].Term == term {
			p.list.Select(id)
			return
		}
	}
}
