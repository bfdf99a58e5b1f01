package ui

import (
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/assets"
	"modelbench/workflow"
	"modelbench/workflow/coach"
)

// lessonPanel is the Lesson tab of the side pane: the lessons to choose
// from, or the lesson under way with its story, goals, progress, the
// checkpoints of the current step, and the buttons for the quiz and the
// documentation export.
type lessonPanel struct {
	u        *UI
	chooser  *fyne.Container
	title    *widget.Label
	story    *termText
	goals    *termText
	progress *widget.ProgressBar
	steps    *termText
	next     *termText
	quiz     *widget.Button
	docs     *widget.Button
	stop     *widget.Button
	lesson   *fyne.Container
	obj      *container.Scroll
	quizDue  string // the stage whose quiz the quiz button opens
}

func newLessonPanel(u *UI) *lessonPanel {
	l := &lessonPanel{u: u, title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		story: u.termText(""), goals: u.termText(""), progress: widget.NewProgressBar(), steps: u.termText(""), next: u.termText("")}
	l.title.Wrapping = fyne.TextWrapWord
	l.quiz = widget.NewButtonWithIcon("Take the quiz", theme.QuestionIcon(), func() { u.showQuiz(l.quizDue) })
	l.quiz.Importance = widget.HighImportance
	l.docs = widget.NewButtonWithIcon("Export documentation…", theme.DocumentSaveIcon(), u.exportDocs)
	l.stop = widget.NewButtonWithIcon("Stop the lesson", theme.CancelIcon(), func() {
		dialog.ShowConfirm("Stop the lesson", "Your progress in this lesson will be forgotten; the project stays as it is.", func(ok bool) {
			if ok {
				u.proj.StopLesson()
			}
		}, u.win)
	})
	l.chooser = container.NewVBox()
	l.lesson = container.NewVBox(l.title, l.progress, l.story, l.goals, widget.NewSeparator(), l.steps, l.next,
		container.NewHBox(l.quiz, l.docs), widget.NewSeparator(), l.stop)
	l.fillChooser()
	l.obj = container.NewVScroll(container.NewPadded(container.NewStack(l.chooser, l.lesson)))
	l.lesson.Hide()
	return l
}

func (l *lessonPanel) Object() fyne.CanvasObject { return l.obj }

// fillChooser lists the built-in lessons, each with a Start button.
func (l *lessonPanel) fillChooser() {
	intro := widget.NewLabel("Each lesson takes one sample dataset through all six steps, with a story, checkpoints and a short quiz after each step. It starts a new project.")
	intro.Wrapping = fyne.TextWrapWord
	objs := []fyne.CanvasObject{intro}
	lessons, err := coach.BuiltinLessons()
	if err != nil {
		objs = append(objs, widget.NewLabel("The lessons could not be read: "+err.Error()))
	}
	for _, ls := range lessons {
		id := ls.ID
		sample := ls.Sample
		if s, err := assets.LookupSample(ls.Sample); err == nil {
			sample = s.Title
		}
		start := widget.NewButtonWithIcon("Start", theme.MediaPlayIcon(), func() { l.u.startLesson(id) })
		title := widget.NewLabelWithStyle(ls.Title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
		title.Wrapping = fyne.TextWrapWord
		on := widget.NewLabel("Dataset: " + sample)
		on.Importance = widget.LowImportance
		objs = append(objs, widget.NewSeparator(), title, on, l.u.termText(firstSentence(ls.Story)), container.NewHBox(start))
	}
	l.chooser.Objects = objs
}

func firstSentence(s string) string {
	if i := strings.Index(s, ". "); i > 0 {
		return s[:i+1]
	}
	return s
}

// refresh shows the lesson under way, or the chooser.
func (l *lessonPanel) refresh() {
	ls, prog := l.u.proj.Lesson()
	if ls == nil {
		l.lesson.Hide()
		l.chooser.Show()
		return
	}
	l.chooser.Hide()
	l.lesson.Show()
	steps, next, share := prog.Status(ls)
	l.title.SetText(ls.Title)
	l.progress.SetValue(share)
	l.u.setTermText(l.story, ls.Story)
	l.u.setTermText(l.goals, "**Goals**\n\n"+bullets(ls.Goals))
	l.u.setTermText(l.steps, stepsText(ls, prog, steps))
	l.quizDue = ""
	for _, st := range steps {
		if st.QuizDue {
			l.quizDue = st.Stage
			break
		}
	}
	l.quiz.Hidden = l.quizDue == ""
	if l.quizDue != "" {
		s, _ := workflow.ParseStage(l.quizDue)
		l.quiz.SetText("Take the " + s.Title() + " quiz")
	}
	l.docs.Hidden = next == nil || !slices.Contains(next.When, "docs")
	switch {
	case next != nil:
		l.u.setTermText(l.next, "**Next:** "+next.Task+"\n\n"+next.Hint)
	case l.quizDue == "":
		l.u.setTermText(l.next, "**You have finished the lesson.** Your answers and the project are saved with the project file.")
	default:
		l.u.setTermText(l.next, "")
	}
	l.obj.Refresh()
}

func bullets(items []string) string {
	var b strings.Builder
	for _, it := range items {
		b.WriteString("- " + it + "\n")
	}
	return b.String()
}

// stepsText lists the steps with their progress and, under the first
// unfinished one, its checkpoints.
func stepsText(ls *coach.Lesson, prog coach.Progress, steps []coach.StepStatus) string {
	var b strings.Builder
	current := true
	for i, st := range steps {
		s, _ := workflow.ParseStage(st.Stage)
		mark := "○"
		if st.Done() {
			mark = "✓"
		}
		line := fmt.Sprintf("%s **%s** — %d of %d done", mark, s.Title(), st.Reached, st.Total)
		if st.QuizDone {
			line += fmt.Sprintf(" · quiz: %d of %d right", st.Right, len(ls.Steps[i].Questions()))
		}
		b.WriteString(line + "\n\n")
		if !st.Done() && current {
			current = false
			for _, cp := range ls.Steps[i].Checkpoints {
				tick := "○"
				if slices.Contains(prog.Reached, cp.ID) {
					tick = "✓"
				}
				b.WriteString("- " + tick + " " + cp.Task + "\n")
			}
			b.WriteString("\n")
		}
	}
	return b.String()
}

// startLesson starts lesson id in a new project on its sample and shows
// the lesson.
func (u *UI) startLesson(id string) {
	l, ok := coach.LessonByID(id)
	if !ok {
		u.showError(fmt.Errorf("no lesson named %q", id))
		return
	}
	p := workflow.New()
	u.setProject(p)
	if _, err := p.StartLesson(id); err != nil {
		u.showError(err)
		return
	}
	u.showSide(true)
	u.learn.side.Select(u.learn.lessonTab)
	u.loadData(workflow.DataRef{Sample: l.Sample})
	u.learn.refresh()
	u.showCurrent()
}
