package ui

import (
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow/coach"
)

// termText returns a termText showing text (see termText.setPlain)
// whose marked terms open their definition.
func (u *UI) termText(text string) *termText {
	t := newTermText(u.showTerm)
	t.setPlain(text)
	return t
}

// setTermText shows text in t (see termText.setPlain).
func (u *UI) setTermText(t *termText, text string) { t.setPlain(text) }

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
	def    *termText
	obj    fyne.CanvasObject
}

func newGlossaryPanel(u *UI, g *coach.Glossary) *glossaryPanel {
	p := &glossaryPanel{u: u, search: widget.NewEntry(), def: newTermText(u.showTerm)}
	if g != nil {
		p.terms = append(p.terms, g.Terms...)
		sort.Slice(p.terms, func(i, j int) bool { return strings.ToLower(p.terms[i].Term) < strings.ToLower(p.terms[j].Term) })
	}
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
