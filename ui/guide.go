package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"

	"modelbench/assets"
	"modelbench/workflow"
)

// guidePane shows the plain-words guide of the current step.
type guidePane struct {
	text   *termText
	scroll *container.Scroll
	shown  workflow.Stage
	onTerm func(term string) // a tapped glossary term; nil: links do nothing
}

func newGuidePane() *guidePane {
	g := &guidePane{}
	g.text = newTermText(func(t string) {
		if g.onTerm != nil {
			g.onTerm(t)
		}
	})
	g.scroll = container.NewVScroll(g.text)
	return g
}

func (g *guidePane) Object() fyne.CanvasObject { return g.scroll }

// show loads the guide of stage s.
func (g *guidePane) show(s workflow.Stage) {
	g.shown = s
	md, err := assets.Guide(s.String())
	if err != nil {
		md = "No guide for this step."
	}
	g.text.setMarkdown(md)
	g.scroll.ScrollToTop()
}
