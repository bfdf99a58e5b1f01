package ui

import (
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/prep"
)

// splitPanel edits how rows are cut into training, validation and test.
type splitPanel struct {
	u                  *UI
	method             *widget.Select
	train, valid, test *widget.Entry
	seed               *widget.Entry
	column             *widget.Select
	obj                fyne.CanvasObject
}

func newSplitPanel(u *UI) *splitPanel {
	s := &splitPanel{u: u, train: widget.NewEntry(), valid: widget.NewEntry(), test: widget.NewEntry(), seed: widget.NewEntry()}
	s.method = widget.NewSelect([]string{prep.SplitRandom, prep.SplitStratified, prep.SplitTime, prep.SplitGroup}, nil)
	s.column = widget.NewSelect(nil, nil)
	save := widget.NewButton("Use this split", s.save)
	shares := container.NewGridWithColumns(3, s.train, s.valid, s.test)
	form := widget.NewForm(
		widget.NewFormItem("Split", s.method),
		widget.NewFormItem("Train / valid / test %", shares),
		widget.NewFormItem("Seed", s.seed),
		widget.NewFormItem("Time or group column", s.column),
	)
	s.obj = widget.NewCard("", "How rows are split", container.NewVBox(form, save))
	return s
}

func (s *splitPanel) Object() fyne.CanvasObject { return s.obj }

func (s *splitPanel) show(p *workflow.Project) {
	spec := p.SplitSpec()
	s.method.SetSelected(spec.Method)
	s.train.SetText(pct(spec.Train))
	s.valid.SetText(pct(spec.Valid))
	s.test.SetText(pct(spec.Test))
	s.seed.SetText(strconv.FormatUint(spec.Seed, 10))
	if t := p.Table(); t != nil {
		s.column.Options = append([]string{""}, t.Frame.Names()...)
	}
	s.column.SetSelected(spec.Column)
}

func pct(f float64) string { return strconv.FormatFloat(f*100, 'g', 4, 64) }

// save validates the entries and stores the split.
func (s *splitPanel) save() {
	var shares [3]float64
	for i, e := range []*widget.Entry{s.train, s.valid, s.test} {
		v, err := strconv.ParseFloat(e.Text, 64)
		if err != nil || v < 0 || v > 100 {
			s.u.showError(fmt.Errorf("the shares are percentages between 0 and 100, not %q", e.Text))
			return
		}
		shares[i] = v / 100
	}
	seed, err := strconv.ParseUint(s.seed.Text, 10, 64)
	if err != nil {
		s.u.showError(fmt.Errorf("the seed must be a whole number, not %q", s.seed.Text))
		return
	}
	spec := prep.SplitSpec{Method: s.method.Selected, Train: shares[0], Valid: shares[1], Test: shares[2], Seed: seed, Column: s.column.Selected}
	if err := s.u.proj.SetSplit(spec, ""); err != nil {
		s.u.showError(err)
	}
}
