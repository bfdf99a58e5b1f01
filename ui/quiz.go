package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/coach"
)

// quizDialog asks a step's quiz one question at a time: the learner picks
// an answer, Check records it and shows why it is right or wrong, Next
// moves on, and Finish records the quiz as done.
type quizDialog struct {
	u       *UI
	stage   string
	qs      []coach.Question
	i       int
	right   int
	count   *widget.Label
	ask     *termText
	choices *widget.RadioGroup
	verdict *termText
	check   *widget.Button
	next    *widget.Button
	d       dialog.Dialog
}

// showQuiz opens the quiz of the lesson's step stage.
func (u *UI) showQuiz(stage string) {
	ls, _ := u.proj.Lesson()
	if ls == nil {
		return
	}
	st, ok := ls.Step(stage)
	if !ok {
		return
	}
	q := &quizDialog{u: u, stage: stage, qs: st.Questions(), count: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), ask: u.termText(""), verdict: u.termText("")}
	q.choices = widget.NewRadioGroup(nil, func(string) { q.check.Enable() })
	q.check = widget.NewButton("Check", q.answer)
	q.check.Importance = widget.HighImportance
	q.next = widget.NewButton("Next question", q.advance)
	s, _ := workflow.ParseStage(stage)
	body := container.NewVBox(q.count, q.ask, q.choices, q.verdict, container.NewHBox(q.check, q.next))
	q.d = dialog.NewCustom(s.Title()+" quiz", "Close", container.NewPadded(body), u.win)
	q.d.Resize(fyne.NewSize(640, 480))
	u.learn.quiz = q
	q.showQuestion()
	q.d.Show()
}

func (q *quizDialog) showQuestion() {
	c := q.qs[q.i]
	q.count.SetText(fmt.Sprintf("Question %d of %d", q.i+1, len(q.qs)))
	q.u.setTermText(q.ask, c.Ask)
	var opts []string
	for _, ch := range c.Choices {
		opts = append(opts, coach.Plain(ch.Text))
	}
	q.choices.Options = opts
	q.choices.Selected = ""
	q.choices.Enable()
	q.choices.Refresh()
	q.u.setTermText(q.verdict, "")
	q.check.Disable()
	q.next.Hide()
}

// answer records the chosen answer and explains it.
func (q *quizDialog) answer() {
	c := q.qs[q.i]
	idx := slices.Index(q.choices.Options, q.choices.Selected)
	if idx < 0 {
		return
	}
	right, err := q.u.proj.AnswerQuiz(q.stage, c.ID, idx)
	if err != nil {
		q.u.showError(err)
		return
	}
	chosen := c.Choices[idx]
	text := "**Not quite.** " + chosen.Why
	if right {
		q.right++
		text = "**Right.** " + chosen.Why
	} else if r := slices.IndexFunc(c.Choices, func(ch coach.Choice) bool { return ch.Right }); r >= 0 {
		text += "\n\n**The right answer:** " + c.Choices[r].Text + " " + strings.TrimPrefix(c.Choices[r].Why, "Right: ")
	}
	q.u.setTermText(q.verdict, text)
	q.choices.Disable()
	q.check.Disable()
	if q.i == len(q.qs)-1 {
		q.next.SetText("Finish")
	}
	q.next.Show()
}

// advance shows the next question, or finishes the quiz.
func (q *quizDialog) advance() {
	if q.i < len(q.qs)-1 {
		q.i++
		q.showQuestion()
		return
	}
	if err := q.u.proj.FinishQuiz(q.stage); err != nil {
		q.u.showError(err)
		return
	}
	q.count.SetText("Done")
	q.u.setTermText(q.ask, fmt.Sprintf("**You answered %d of %d questions right.** The explanations stay in the lesson; your first answers are saved with the project.", q.right, len(q.qs)))
	q.choices.Hide()
	q.check.Hide()
	q.next.Hide()
	q.u.setTermText(q.verdict, "")
}
