package ui

import (
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/coach"
)

// bannerShown is how many of a step's findings the banner shows before
// "Show all".
const bannerShown = 2

// coachBanner sits above a step's screen: the "what next" hint (in
// tutorial mode) and the coach's findings about this step, each with the
// button that fixes it and a Dismiss button.
type coachBanner struct {
	u        *UI
	stage    workflow.Stage
	hint     *fyne.Container
	hintText *termText
	hintGo   *widget.Button
	notes    *fyne.Container
	all      bool   // show every finding, not just the first bannerShown
	shown    string // what show last showed, to skip an unchanged refresh
	cards    []*findingCard
	obj      fyne.CanvasObject
}

// findingCard is one finding in the banner.
type findingCard struct {
	f       coach.Finding
	title   *widget.Label
	saw     *termText
	more    *termText
	toggle  *widget.Button
	action  *widget.Button
	dismiss *widget.Button
	obj     fyne.CanvasObject
}

func newCoachBanner(u *UI, s workflow.Stage) *coachBanner {
	b := &coachBanner{u: u, stage: s, hintText: u.termText(""), notes: container.NewVBox()}
	b.hintGo = widget.NewButtonWithIcon("", theme.NavigateNextIcon(), nil)
	icon := widget.NewIcon(theme.InfoIcon())
	b.hint = container.NewBorder(nil, nil, icon, b.hintGo, b.hintText)
	b.obj = container.NewVBox(b.hint, b.notes)
	return b
}

func (b *coachBanner) Object() fyne.CanvasObject { return b.obj }

// show fills the banner with fs (this step's findings) and the hint, and
// reports whether anything changed.
func (b *coachBanner) show(fs []coach.Finding, h hint) bool {
	sig := fmt.Sprint(h.text, h.stage, h.button, h.do != nil, b.u.tutorialMode(), b.all)
	for _, f := range fs {
		sig += "|" + f.ID + "@" + f.Evidence
	}
	if sig == b.shown {
		return false
	}
	b.shown = sig
	if h.text == "" || !b.u.tutorialMode() {
		b.hint.Hide()
	} else {
		b.u.setTermText(b.hintText, "**Next:** "+h.text)
		b.hintGo.Hidden = h.stage == b.stage && h.do == nil
		b.hintGo.SetText(h.button)
		b.hintGo.OnTapped = func() {
			if h.do != nil {
				h.do()
				return
			}
			b.u.selectStage(h.stage)
		}
		b.hint.Show()
	}
	b.cards = nil
	var objs []fyne.CanvasObject
	for i, f := range fs {
		if i == bannerShown && !b.all {
			objs = append(objs, widget.NewButton(fmt.Sprintf("Show all %d notes", len(fs)), func() {
				b.all = true
				b.show(fs, h)
				b.u.learn.relayout(b.stage)
			}))
			break
		}
		c := b.card(f)
		b.cards = append(b.cards, c)
		objs = append(objs, c.obj)
	}
	b.notes.Objects = objs
	b.notes.Refresh()
	return true
}

func (b *coachBanner) card(f coach.Finding) *findingCard {
	u := b.u
	c := &findingCard{f: f, title: widget.NewLabelWithStyle(f.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		saw: u.termText(f.Saw), more: u.termText("**Why it matters.** " + f.Why + "\n\n**What to do.** " + f.Do)}
	c.title.Importance = importanceOf(f.Severity)
	c.more.Hide()
	c.toggle = widget.NewButton("Why it matters", nil)
	c.toggle.OnTapped = func() {
		if c.more.Visible() {
			c.more.Hide()
			c.toggle.SetText("Why it matters")
		} else {
			c.more.Show()
			c.toggle.SetText("Less")
		}
		u.learn.relayout(b.stage)
	}
	c.dismiss = widget.NewButtonWithIcon("Dismiss", theme.CancelIcon(), func() {
		if err := u.proj.DismissFinding(f.ID, "dismissed in the window"); err != nil {
			u.showError(err)
		}
	})
	buttons := []fyne.CanvasObject{c.toggle}
	if f.Action != nil {
		a := *f.Action
		c.action = widget.NewButtonWithIcon(a.Label, theme.ConfirmIcon(), func() { u.coachAct(a) })
		c.action.Importance = widget.HighImportance
		buttons = append(buttons, c.action)
	}
	buttons = append(buttons, c.dismiss)
	icon := widget.NewIcon(coachIcon(f.Severity))
	body := container.NewVBox(container.NewBorder(nil, nil, icon, nil, c.title), c.saw, c.more, container.NewHBox(buttons...))
	c.obj = widget.NewCard("", "", body)
	return c
}

// coachAct performs a finding's action.
func (u *UI) coachAct(a coach.Action) {
	switch a.Kind {
	case coach.GoTo:
		if s, err := workflow.ParseStage(a.Stage); err == nil {
			u.selectStage(s)
		}
		return
	case coach.EvaluateTest:
		u.selectStage(workflow.StageEvaluate)
		if es, ok := u.screens[workflow.StageEvaluate].(*evaluateScreen); ok {
			es.run(workflow.PartTest)
		}
		return
	}
	err := u.proj.ApplyCoachAction(a)
	switch {
	case errors.Is(err, workflow.ErrWindowAction):
	case err != nil:
		u.showError(err)
	case a.Kind == coach.AddStep:
		u.selectStage(workflow.StagePrepare)
	}
}

func importanceOf(s coach.Severity) widget.Importance {
	switch s {
	case coach.Critical:
		return widget.DangerImportance
	case coach.Warning:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

func coachIcon(s coach.Severity) fyne.Resource {
	switch s {
	case coach.Critical:
		return theme.ErrorIcon()
	case coach.Warning:
		return theme.WarningIcon()
	}
	return theme.InfoIcon()
}

// hint is the "what next" line: what to do, the step where it is done,
// and the button that goes there (or does it).
type hint struct {
	text   string
	stage  workflow.Stage
	button string
	do     func()
}

// nextHint says what to do next, seen from the screen of stage at: the
// lesson's next checkpoint when a lesson is under way, else the next
// thing the project needs.
func (u *UI) nextHint(at workflow.Stage) hint {
	p := u.proj
	if l, prog := p.Lesson(); l != nil {
		steps, next, _ := prog.Status(l)
		for _, st := range steps {
			if st.QuizDue {
				s, _ := workflow.ParseStage(st.Stage)
				return hint{text: fmt.Sprintf("the %s step is done: take its quiz.", s.Title()), stage: at, button: "Take the quiz",
					do: func() { u.showQuiz(st.Stage) }}
			}
		}
		if next != nil {
			s := stageOfCheckpoint(l, next.ID)
			return hint{text: next.Task + " " + next.Hint, stage: s, button: "Go to " + s.Title()}
		}
		return hint{text: "you have finished the lesson. Well done!", stage: at}
	}
	s, text := projectNext(p)
	return hint{text: text, stage: s, button: "Go to " + s.Title()}
}

func stageOfCheckpoint(l *coach.Lesson, id string) workflow.Stage {
	for _, st := range l.Steps {
		for _, cp := range st.Checkpoints {
			if cp.ID == id {
				s, _ := workflow.ParseStage(st.Stage)
				return s
			}
		}
	}
	return workflow.StageData
}

// projectNext is the next thing a project needs, and where.
func projectNext(p *workflow.Project) (workflow.Stage, string) {
	t := p.Table()
	hasTarget := false
	if t != nil {
		_, hasTarget = t.Schema.Target()
	}
	switch {
	case t == nil:
		return workflow.StageData, "open a file (Open file…) or pick a dataset in the Sample datasets tab."
	case !hasTarget:
		return workflow.StageData, "choose the [[target]]: select the column to predict in the column list and set its Role to target."
	case p.Exploration() == nil:
		return workflow.StageExplore, "look at the data: the Explore step describes every column and lists what needs attention."
	case p.Status(workflow.StagePrepare) != workflow.Done:
		return workflow.StagePrepare, "check how the rows are [[split]] and the preparation steps, then press Fit the pipeline."
	case p.Status(workflow.StageTrain) != workflow.Done || p.Training() == nil:
		return workflow.StageTrain, "tick the [[learners]] to compare and press Train and compare."
	case p.Document().Train.Chosen == "":
		return workflow.StageTrain, "select a model on the [[leaderboard]], write why, and press Choose this model."
	case p.Evaluation() == nil || p.Status(workflow.StageEvaluate) != workflow.Done:
		return workflow.StageEvaluate, "press Evaluate on the test rows: the [[test rows]] are opened once, for the chosen model."
	}
	return workflow.StageDeploy, "answer the deployment checklist and write the [[documentation bundle]]."
}
