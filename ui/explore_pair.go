package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots"
	"modelbench/plots/explore"
	"modelbench/workflow/data"
	"modelbench/workflow/eda"
)

// pairPanel lets the user pick up to six numeric columns for a pair plot.
type pairPanel struct {
	u      *UI
	t      *data.Table
	r      *eda.Report
	checks *widget.CheckGroup
	figure *figureView
	obj    fyne.CanvasObject
}

func newPairPanel(u *UI) *pairPanel {
	p := &pairPanel{u: u, figure: newFigureView(u, "pair", fyne.NewSize(360, 360))}
	p.checks = widget.NewCheckGroup(nil, func(sel []string) {
		if len(sel) > plots.MaxPairColumns {
			p.checks.SetSelected(sel[:plots.MaxPairColumns])
			return
		}
		p.draw(sel)
	})
	hint := widget.NewLabel("Up to six numeric columns, coloured by the target.")
	hint.Wrapping = fyne.TextWrapWord
	p.obj = border(nil, nil, container.NewVScroll(container.NewVBox(hint, p.checks)), nil, p.figure.Object())
	return p
}

func (p *pairPanel) Object() fyne.CanvasObject { return p.obj }

func (p *pairPanel) show(t *data.Table, r *eda.Report) {
	p.t, p.r = t, r
	var numeric []string
	for _, c := range r.Columns {
		if c.Type == data.Numeric {
			numeric = append(numeric, c.Name)
		}
	}
	p.checks.Options = numeric
	p.checks.SetSelected(explore.DefaultPairColumns(r))
}

func (p *pairPanel) draw(cols []string) {
	if len(cols) == 0 {
		p.figure.clear("Pick at least one numeric column.")
		return
	}
	t, r, style := p.t, p.r, p.u.plotStyle()
	p.figure.show(func() (*plots.Figure, error) { return explore.Pair(t, cols, r.Target, style) })
}
