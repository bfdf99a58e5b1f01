package ui

import (
	"context"
	"fmt"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/eval/metrics"
	"modelbench/workflow/model"
	"modelbench/workflow/param"
	"modelbench/workflow/progress"
)

// trainScreen is the Train step: choose learners and their parameters,
// validate them against the baseline, read the leaderboard, inspect a
// model and choose the one to carry forward with a reason.
//
// The form lives in the project (Project.SetTrainSettings): every change
// is recorded at once, so a refresh, a save or a reopen keeps it. params
// also remembers the parameters of learners that are unticked for now.
type trainScreen struct {
	u          *UI
	task       model.Task
	learners   *widget.CheckGroup
	params     map[string]param.Values
	filling    bool              // Refresh is writing the widgets: changes are not the user's
	labels     map[string]string // learner name -> label
	names      map[string]string // label -> learner name
	validation *widget.Select
	folds      *widget.Entry
	seed       *widget.Entry
	metric     *widget.Select
	status     *widget.Label
	board      *boardPanel
	obj        fyne.CanvasObject
}

func newTrainScreen(u *UI) *trainScreen {
	s := &trainScreen{u: u, params: map[string]param.Values{}, status: widget.NewLabel(""), folds: widget.NewEntry(), seed: widget.NewEntry()}
	s.status.Wrapping = fyne.TextWrapWord
	s.learners = widget.NewCheckGroup(nil, nil)
	s.validation = widget.NewSelect([]string{"k-fold CV", "hold-out"}, nil)
	s.metric = widget.NewSelect(nil, nil)
	s.board = newBoardPanel(u)
	s.learners.OnChanged = func([]string) { s.commit() }
	s.validation.OnChanged = func(string) { s.commit() }
	s.metric.OnChanged = func(string) { s.commit() }
	s.folds.OnChanged = func(string) { s.commit() }
	s.seed.OnChanged = func(string) { s.commit() }
	train := widget.NewButtonWithIcon("Train and compare", theme.MediaPlayIcon(), s.run)
	train.Importance = widget.HighImportance
	params := widget.NewButtonWithIcon("Parameters…", theme.SettingsIcon(), s.editParams)
	tune := widget.NewButtonWithIcon("Tune…", theme.SearchIcon(), s.tune)
	settings := widget.NewForm(
		widget.NewFormItem("Validation", s.validation),
		widget.NewFormItem("Folds", s.folds),
		widget.NewFormItem("Seed", s.seed),
		widget.NewFormItem("Rank by", s.metric),
	)
	left := container.NewBorder(container.NewVBox(widget.NewLabelWithStyle("Learners", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})),
		container.NewVBox(container.NewGridWithColumns(2, params, tune), settings, train), nil, nil, container.NewVScroll(s.learners))
	body := container.NewHSplit(left, s.board.Object())
	body.Offset = 0.26
	s.obj = container.NewBorder(s.status, nil, nil, nil, body)
	return s
}

func (s *trainScreen) Object() fyne.CanvasObject { return s.obj }

// Refresh fills the settings from the project and shows the leaderboard.
func (s *trainScreen) Refresh() {
	s.filling = true
	defer func() { s.filling = false }()
	p := s.u.proj
	if pr := p.Preparation(); pr != nil {
		s.task = pr.Task
	}
	st := p.TrainSettings()
	s.fillLearners(st)
	if st.Validation == workflow.ValidateHoldout {
		s.validation.SetSelected(s.validation.Options[1])
	} else {
		s.validation.SetSelected(s.validation.Options[0])
	}
	s.folds.SetText(strconv.Itoa(max(st.Folds, 2)))
	s.seed.SetText(strconv.FormatUint(st.Seed, 10))
	s.fillMetrics(st.Metric)
	s.status.SetText(trainStatus(p))
	s.board.show(p.Training())
}

func trainStatus(p *workflow.Project) string {
	switch p.Status(workflow.StageTrain) {
	case workflow.Running:
		return "Training…"
	case workflow.Failed:
		return "Training failed: " + p.Error(workflow.StageTrain)
	case workflow.Stale:
		return "The data or the preparation changed since this leaderboard was made: train again."
	}
	if tr := p.Training(); tr != nil && tr.Chosen != nil {
		return fmt.Sprintf("Carrying %q forward to Evaluate. Why: %s", p.Document().Train.Chosen, p.Document().Train.Why)
	}
	if p.Training() != nil {
		return "Pick a model on the leaderboard, look inside it, and choose the one to carry forward — say why."
	}
	return "Tick the learners to compare. Each is validated on rows it did not learn from, with the preparation fitted inside every fold, and compared with the baseline."
}

func (s *trainScreen) fillLearners(st workflow.TrainSettings) {
	var opts, sel []string
	s.labels, s.names = map[string]string{}, map[string]string{}
	for _, e := range model.Entries() {
		if e.Name != "baseline" && e.Supports(s.task) {
			opts = append(opts, e.Label)
			s.labels[e.Name], s.names[e.Label] = e.Label, e.Name
		}
	}
	for _, c := range st.Candidates {
		sel = append(sel, s.labels[c.Learner])
		if c.Params != nil {
			s.params[c.Learner] = c.Params
		}
	}
	s.learners.Options = opts
	s.learners.SetSelected(sel)
}

func (s *trainScreen) fillMetrics(current string) {
	classes := 0
	if pr := s.u.proj.Preparation(); pr != nil {
		if tc, ok := pr.Prepared.Lookup(pr.Target); ok && s.task == model.Classification {
			classes = len(model.ClassLabels(tc))
		}
	}
	var names []string
	for _, sc := range metrics.Scorers(s.task, classes) {
		names = append(names, sc.Name)
	}
	s.metric.Options = names
	if current == "" {
		current = metrics.DefaultScorer(s.task)
	}
	s.metric.SetSelected(current)
}

// commit records the form in the project when the user changed it and it
// is complete; a half-typed field is left for the user to finish.
func (s *trainScreen) commit() {
	if s.filling {
		return
	}
	st, err := s.settings()
	if err != nil || len(st.Candidates) == 0 {
		return
	}
	if err := s.u.proj.SetTrainSettings(st); err != nil {
		s.status.SetText(err.Error())
	}
}

// settings reads the form; errors name the field.
func (s *trainScreen) settings() (workflow.TrainSettings, error) {
	st := workflow.TrainSettings{Validation: workflow.ValidateCV, Metric: s.metric.Selected}
	if s.validation.Selected == s.validation.Options[1] {
		st.Validation = workflow.ValidateHoldout
	}
	k, err := strconv.Atoi(s.folds.Text)
	if err != nil || k < 2 || k > 20 {
		return st, fmt.Errorf("folds must be a whole number from 2 to 20, not %q", s.folds.Text)
	}
	seed, err := strconv.ParseUint(s.seed.Text, 10, 64)
	if err != nil {
		return st, fmt.Errorf("the seed must be a whole number, not %q", s.seed.Text)
	}
	st.Folds, st.Seed = k, seed
	for _, label := range s.learners.Selected {
		name := s.names[label]
		st.Candidates = append(st.Candidates, workflow.CandidateSpec{Name: name, Learner: name, Params: s.params[name]})
	}
	return st, nil
}

func (s *trainScreen) run() {
	st, err := s.settings()
	if err != nil {
		s.u.showError(err)
		return
	}
	p := s.u.proj
	s.u.tasks.Start(jobTrain, "Training and validating", func(ctx context.Context, report progress.Func) error {
		_, err := p.RunTrain(ctx, st, report)
		return err
	})
}

// editParams opens a form for one ticked learner's parameters.
func (s *trainScreen) editParams() {
	if len(s.learners.Selected) == 0 {
		s.u.showError(fmt.Errorf("tick a learner first"))
		return
	}
	pick := widget.NewSelect(s.learners.Selected, nil)
	name := func() string { return s.names[pick.Selected] }
	box := container.NewVBox()
	var form *paramForm
	help := widget.NewLabel("")
	help.Wrapping = fyne.TextWrapWord
	pick.OnChanged = func(string) {
		e, _ := model.Lookup(name())
		help.SetText(e.Help)
		form = newParamForm(e.Params, s.params[name()], nil, nil)
		box.Objects = []fyne.CanvasObject{help, form.Object()}
		box.Refresh()
	}
	pick.SetSelected(s.learners.Selected[0])
	content := container.NewBorder(pick, nil, nil, nil, container.NewVScroll(box))
	d := dialog.NewCustomConfirm("Learner parameters", "Keep", "Cancel", content, func(ok bool) {
		if !ok || form == nil {
			return
		}
		vals, err := form.Values()
		if err != nil {
			s.u.showError(err)
			return
		}
		s.params[name()] = vals
		s.commit()
	}, s.u.win)
	d.Resize(fyne.NewSize(720, 620))
	d.Show()
}
