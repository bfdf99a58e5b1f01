package ui

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow/eval"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// tunable reports whether a search can vary the parameter without
// explicit values: choices, yes/no, or a number with a range.
func tunable(s param.Spec) bool {
	switch s.Kind {
	case param.Choice, param.Bool:
		return true
	case param.Int, param.Float:
		return s.HasRange && s.Name != "seed"
	}
	return false
}

// tune opens the search dialog for one ticked learner: which parameters
// to vary, grid or random search, and how many trials.
func (s *trainScreen) tune() {
	if len(s.learners.Selected) == 0 {
		s.u.showError(fmt.Errorf("tick a learner first"))
		return
	}
	pick := widget.NewSelect(s.learners.Selected, nil)
	params := widget.NewCheckGroup(nil, nil)
	method := widget.NewSelect([]string{eval.GridSearch, eval.RandomSearch}, nil)
	method.SetSelected(eval.RandomSearch)
	trials := widget.NewEntry()
	trials.SetText("20")
	pick.OnChanged = func(label string) {
		e, _ := model.Lookup(s.names[label])
		var names []string
		for _, p := range e.Params {
			if tunable(p) {
				names = append(names, p.Name)
			}
		}
		params.Options = names
		params.SetSelected(names[:min(2, len(names))])
	}
	pick.SetSelected(s.learners.Selected[0])
	note := widget.NewLabel("Each setting is cross-validated on the same folds as the leaderboard, with the preparation refitted in every fold. Numbers are tried over their whole range (geometrically where that is natural).")
	note.Wrapping = fyne.TextWrapWord
	form := widget.NewForm(widget.NewFormItem("Learner", pick), widget.NewFormItem("Vary", params),
		widget.NewFormItem("Search", method), widget.NewFormItem("Trials (random)", trials))
	d := dialog.NewCustomConfirm("Tune parameters", "Search", "Cancel", container.NewVBox(note, form), func(ok bool) {
		if !ok {
			return
		}
		n, err := strconv.Atoi(strings.TrimSpace(trials.Text))
		if err != nil || n < 1 || n > eval.MaxTrials {
			s.u.showError(fmt.Errorf("trials must be a whole number from 1 to %d", eval.MaxTrials))
			return
		}
		var dims []eval.Dimension
		for _, name := range params.Selected {
			dims = append(dims, eval.Dimension{Name: name})
		}
		s.runSearch(s.names[pick.Selected], eval.SearchOptions{Method: method.Selected, Space: dims, Trials: n, Seed: 1, Metric: s.metric.Selected})
	}, s.u.win)
	d.Resize(fyne.NewSize(640, 520))
	d.Show()
}

// runSearch searches in the background and shows the ranked trials.
func (s *trainScreen) runSearch(learner string, opt eval.SearchOptions) {
	p := s.u.proj
	s.u.tasks.Start(jobTune, "Tuning "+learner, func(ctx context.Context, report progress.Func) error {
		res, err := p.Tune(ctx, learner, opt, report)
		if err != nil {
			return err
		}
		rec := len(p.TuneRecords()) - 1 // Tune recorded this search last
		fyne.Do(func() { s.showSearch(learner, res, rec) })
		return nil
	})
}

func (s *trainScreen) showSearch(learner string, res *eval.SearchResult, rec int) {
	var b strings.Builder
	fmt.Fprintf(&b, "%-48s %10s %8s\n", "setting", res.Metric, "spread")
	for i, t := range res.Trials {
		if i == 25 {
			fmt.Fprintf(&b, "… %d more\n", len(res.Trials)-i)
			break
		}
		fmt.Fprintf(&b, "%-48s %10.4f %8.4f\n", truncate(t.Label, 48), t.Score, t.Std)
	}
	for _, f := range res.Failed {
		fmt.Fprintf(&b, "not tried: %s (%s)\n", f.Label, f.Error)
	}
	out := widget.NewLabel(b.String())
	out.TextStyle.Monospace = true
	msg := widget.NewLabel("Use the best setting for the next training run? The leaderboard compares it with the others on the same folds.")
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm("Search results for "+learner, "Use the best", "Close", container.NewBorder(msg, nil, nil, nil, container.NewScroll(out)), func(ok bool) {
		if !ok || len(res.Trials) == 0 {
			return
		}
		if _, err := s.u.proj.UseTuned(rec, "the best of the search"); err != nil {
			s.u.showError(err)
			return
		}
		s.params[learner] = res.Trials[0].Params
		s.Refresh()
		s.status.SetText(fmt.Sprintf("%s will train with %s. Press Train and compare.", learner, res.Trials[0].Label))
	}, s.u.win)
	d.Resize(fyne.NewSize(760, 520))
	d.Show()
}
