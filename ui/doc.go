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
// ui never imports fyne.io/fyne/v2/app: main.go creates the app and window
// and hands them to Create.
package ui
