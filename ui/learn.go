package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"modelbench/plots/docs"
	"modelbench/workflow"
	"modelbench/workflow/coach"
)

// prefTourSeen remembers that the tour was shown (the tutorial mode itself
// is in prefs, prefTutorial).
const prefTourSeen = "tour_seen"

// learnUI holds the teaching parts of the window: a coach banner above
// each screen, the side pane (guide, lesson, glossary), the quiz and the
// tour. refresh runs on the UI goroutine after every project event.
type learnUI struct {
	u             *UI
	glossary      *coach.Glossary
	banners       map[workflow.Stage]*coachBanner
	wrapped       map[workflow.Stage]*fyne.Container
	side          *container.AppTabs
	guideTab      *container.TabItem
	lessonTab     *container.TabItem
	lesson        *lessonPanel
	glossaryPanel *glossaryPanel
	quiz          *quizDialog
	tour          *tour
	active        []coach.Finding // the findings not dismissed, as last computed
	// pickFolder asks for a folder and calls back with its path; tests
	// replace it.
	pickFolder func(title string, done func(path string))
	// docFormats are the forms Export documentation writes.
	docFormats []docs.Format
}

func newLearnUI(u *UI) *learnUI {
	l := &learnUI{u: u, banners: map[workflow.Stage]*coachBanner{}, wrapped: map[workflow.Stage]*fyne.Container{}, docFormats: docs.Formats}
	l.glossary, _ = coach.BuiltinGlossary()
	l.pickFolder = u.pickFolderDialog
	l.glossaryPanel = newGlossaryPanel(u, l.glossary)
	l.lesson = newLessonPanel(u)
	l.guideTab = container.NewTabItemWithIcon("Guide", theme.HelpIcon(), u.guide.Object())
	l.lessonTab = container.NewTabItemWithIcon("Lesson", theme.DocumentIcon(), l.lesson.Object())
	l.side = container.NewAppTabs(l.guideTab, l.lessonTab,
		container.NewTabItemWithIcon("Glossary", theme.SearchIcon(), l.glossaryPanel.Object()))
	return l
}

// tutorialMode reports whether the window teaches as well as works: the
// tour, the guide pane and the "what next" hints. It is on until the
// person switches it off, and remembered in the app preferences.
func (u *UI) tutorialMode() bool { return u.prefs.tutorial() }

// setTutorialMode switches the tutorial on or off and remembers it.
func (u *UI) setTutorialMode(on bool) {
	u.prefs.setTutorial(on)
	u.showSide(on)
	u.learn.show()
	u.showCurrent()
}

// showSide shows or hides the side pane (guide, lesson, glossary).
func (u *UI) showSide(on bool) {
	g := u.split.Trailing
	if on == g.Visible() {
		return
	}
	if on {
		g.Show()
		u.split.Offset = 0.74
	} else {
		g.Hide()
		u.split.Offset = 1
	}
	u.split.Refresh()
}

// wrap puts the coach banner of stage s above the screen's object (made
// once per stage, so showing the screen again reuses it).
func (l *learnUI) wrap(s workflow.Stage, obj fyne.CanvasObject) fyne.CanvasObject {
	b := l.banner(s)
	if w, ok := l.wrapped[s]; ok && len(w.Objects) == 2 && w.Objects[0] == obj {
		return w
	}
	w := container.NewBorder(b.Object(), nil, nil, nil, obj)
	l.wrapped[s] = w
	return w
}

func (l *learnUI) banner(s workflow.Stage) *coachBanner {
	b, ok := l.banners[s]
	if !ok {
		b = newCoachBanner(l.u, s)
		l.banners[s] = b
		b.show(coach.ForStage(l.active, s.String()), l.u.nextHint(s))
	}
	return b
}

// setProject forgets what belonged to the previous project.
func (l *learnUI) setProject() {
	l.banners = map[workflow.Stage]*coachBanner{}
	l.wrapped = map[workflow.Stage]*fyne.Container{}
	l.active = nil
	l.refresh()
}

// refresh runs the coach and advances the lesson off the UI goroutine
// (the first look at a new table of a million rows takes most of a
// second), then updates what shows them.
func (l *learnUI) refresh() {
	p := l.u.proj
	if p == nil {
		return
	}
	l.u.jobs.Run("coach", func(context.Context) (func(), error) {
		p.AdvanceLesson()
		active, _ := p.CoachFindings()
		return func() {
			if l.u.proj != p {
				return
			}
			l.active = active
			l.show()
		}, nil
	}, l.u.showError)
}

// show updates the banners and the lesson panel from the last findings.
func (l *learnUI) show() {
	for s, b := range l.banners {
		if b.show(coach.ForStage(l.active, s.String()), l.u.nextHint(s)) {
			l.relayout(s)
		}
	}
	l.lesson.refresh()
}

// relayout lays the screen of stage s out again after its banner
// changed. Twice: wrapped text learns its height at its new width only
// when it is first laid out.
func (l *learnUI) relayout(s workflow.Stage) {
	if w, ok := l.wrapped[s]; ok {
		w.Refresh()
		w.Refresh()
	}
}
