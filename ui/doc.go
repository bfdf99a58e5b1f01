// Package ui is Modelbench's thin Fyne layer: one file per screen, a stage
// registry that drives the navigator, and one task runner (tasks.go) that
// is the only place starting goroutines whose results touch widgets.
//
// Threading contract: workflow code runs off the UI goroutine through the
// task runner; every widget update coming from other goroutines goes
// through fyne.Do. Project events arrive on whatever goroutine made the
// change, so handlers wrap their work in fyne.Do. In tests the Fyne test
// driver runs fyne.Do inline and the runner can be made synchronous.
//
// Teaching (learn*.go, coach_banner.go, lesson_panel.go, quiz.go, tour.go,
// glossary.go, termtext.go): a coach banner above every screen, put there
// by one wrapper in showCurrent, with the "what next" hint of tutorial
// mode; the side pane's guide, lesson and glossary tabs; the quizzes and
// the tour. They read the project through workflow's coach API only.
//
// ui never imports fyne.io/fyne/v2/app: main.go creates the app and window
// and hands them to Create.
package ui
