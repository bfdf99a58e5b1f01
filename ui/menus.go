package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/progress"
)

type (
	ctxT    = context.Context
	reportT = progress.Func
)

// mainMenu builds the File, Edit, Run, View and Help menus from the
// action table (shortcuts.go).
func (u *UI) mainMenu() *fyne.MainMenu {
	it := u.menuItem
	sep := fyne.NewMenuItemSeparator
	recent := fyne.NewMenuItem("Open recent", nil)
	recent.ChildMenu = u.recentMenu()
	quit := it("quit")
	quit.IsQuit = true
	file := fyne.NewMenu("File", it("open-data"), it("connect-db"), it("open-project"), recent, sep(),
		it("save"), it("save-as"), sep(), it("export-data"), it("export-report"), it("save-model"), it("export-docs"), sep(), quit)

	u.undoItem, u.redoItem = it("undo"), it("redo")
	edit := fyne.NewMenu("Edit", u.undoItem, u.redoItem, sep(), it("preferences"))
	u.updateUndoItems()

	run := fyne.NewMenu("Run", it("run-step"), sep(), it("explore"), it("fit-prep"), it("train"), it("evaluate"), sep(), it("cancel"))

	var steps []*fyne.MenuItem
	for _, s := range workflow.Stages {
		steps = append(steps, it("step-"+s.String()))
	}
	themeItem := fyne.NewMenuItem("Theme", nil)
	themeItem.ChildMenu = u.themeMenu()
	u.tutorialItem = fyne.NewMenuItem("Tutorial mode", u.toggleTutorial)
	u.tutorialItem.Checked = u.prefs.tutorial()
	view := fyne.NewMenu("View", append(steps, sep(), it("next-tab"), it("prev-tab"), it("focus-steps"), sep(),
		it("guide"), themeItem, u.tutorialItem)...)

	learnHelp := u.learnMenuItems()
	help := fyne.NewMenu("Help", append(learnHelp, it("shortcuts"), it("docs"), it("log-folder"), sep(), it("about"))...)
	return fyne.NewMainMenu(file, edit, run, view, help)
}

func (u *UI) themeMenu() *fyne.Menu {
	choice := func(label, value string) *fyne.MenuItem {
		m := fyne.NewMenuItem(label, func() { u.setTheme(value) })
		m.Checked = u.prefs.theme() == value
		return m
	}
	return fyne.NewMenu("", choice("Follow the system", themeSystem), choice("Light", themeLight), choice("Dark", themeDark))
}

// setTheme applies and remembers a theme choice.
func (u *UI) setTheme(choice string) {
	u.prefs.setTheme(choice)
	u.app.Settings().SetTheme(fyneTheme(choice))
	u.refreshMenu()
}

func (u *UI) toggleTutorial() {
	u.setTutorialMode(!u.tutorialMode())
	u.refreshMenu()
}

// refreshMenu rebuilds the main menu so that check marks, the recent
// files and the undo labels are current.
func (u *UI) refreshMenu() {
	if u.win != nil {
		u.win.SetMainMenu(u.mainMenu())
	}
}

func (u *UI) recentMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, p := range u.prefs.recent() {
		p := p
		items = append(items, fyne.NewMenuItem(shortPath(p), func() { u.openRecent(p) }))
	}
	if len(items) == 0 {
		it := fyne.NewMenuItem("(nothing yet)", nil)
		it.Disabled = true
		items = append(items, it)
	}
	return fyne.NewMenu("", items...)
}

// addRecent remembers a file and shows it in File ▸ Open recent.
func (u *UI) addRecent(path string) {
	u.prefs.addRecent(path)
	u.refreshMenu()
}

func (u *UI) openRecent(path string) {
	if len(path) > len(workflow.FileExtension) && path[len(path)-len(workflow.FileExtension):] == workflow.FileExtension {
		u.openProject(path)
		return
	}
	u.openDataFile(path)
}

func (u *UI) toggleGuide() {
	g := u.split.Trailing
	if g.Visible() {
		u.guideOffset = u.split.Offset
		g.Hide()
		u.split.Offset = 1
	} else {
		g.Show()
		u.split.Offset = u.guideOffset
	}
	u.split.Refresh()
}

// undo takes back the last preparation change. In a text field it undoes
// the typing instead, as the field's own Ctrl+Z would.
func (u *UI) undo() {
	if e := textField(u.win.Canvas().Focused()); e != nil {
		e.TypedShortcut(&fyne.ShortcutUndo{})
		return
	}
	u.stepHistory(u.proj.UndoPrepare)
}

// redo makes the last undone preparation change again (or redoes typing
// in a text field).
func (u *UI) redo() {
	if e := textField(u.win.Canvas().Focused()); e != nil {
		e.TypedShortcut(&fyne.ShortcutRedo{})
		return
	}
	u.stepHistory(u.proj.RedoPrepare)
}

func (u *UI) stepHistory(step func() (string, error)) {
	if _, err := step(); err != nil {
		if errors.Is(err, workflow.ErrNothingToUndo) || errors.Is(err, workflow.ErrNothingToRedo) {
			title := "Nothing to undo"
			if errors.Is(err, workflow.ErrNothingToRedo) {
				title = "Nothing to redo"
			}
			dialog.ShowInformation(title, "There is "+strings.TrimPrefix(err.Error(), "there is ")+".", u.win)
			return
		}
		u.showError(err)
		return
	}
	if u.current != workflow.StagePrepare {
		u.selectStage(workflow.StagePrepare)
	}
}

// updateUndoItems names the change Edit ▸ Undo and Redo would act on and
// reports whether that changed the labels.
func (u *UI) updateUndoItems() bool {
	if u.undoItem == nil || u.proj == nil {
		return false
	}
	before := u.undoItem.Label + "\x00" + u.redoItem.Label
	undo, redo := u.proj.PrepareHistory()
	u.undoItem.Label, u.undoItem.Disabled = "Undo", undo == ""
	if undo != "" {
		u.undoItem.Label = "Undo " + clip(undo, 40)
	}
	u.redoItem.Label, u.redoItem.Disabled = "Redo", redo == ""
	if redo != "" {
		u.redoItem.Label = "Redo " + clip(redo, 40)
	}
	return before != u.undoItem.Label+"\x00"+u.redoItem.Label
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}

// switchTab selects the next (by > 0) or previous tab of the current
// screen's main tab bar, wrapping around; tab buttons take no focus in
// Fyne, so this is how the keyboard reaches them.
func (u *UI) switchTab(by int) {
	tabs := firstTabs(u.body)
	if tabs == nil || len(tabs.Items) == 0 {
		return
	}
	n := len(tabs.Items)
	tabs.SelectIndex(((tabs.SelectedIndex()+by)%n + n) % n)
}

// firstTabs finds the outermost visible tab container under o.
func firstTabs(o fyne.CanvasObject) *container.AppTabs {
	var found *container.AppTabs
	walkVisible(o, func(o fyne.CanvasObject) bool {
		if t, ok := o.(*container.AppTabs); ok {
			found = t
			return false
		}
		return true
	})
	return found
}

// walkVisible calls fn on o and on every visible object below it, depth
// first, until fn returns false.
func walkVisible(o fyne.CanvasObject, fn func(fyne.CanvasObject) bool) bool {
	if o == nil || !o.Visible() {
		return true
	}
	if !fn(o) {
		return false
	}
	var kids []fyne.CanvasObject
	switch c := o.(type) {
	case *fyne.Container:
		kids = c.Objects
	case *container.Scroll:
		kids = []fyne.CanvasObject{c.Content}
	case *container.Split:
		kids = []fyne.CanvasObject{c.Leading, c.Trailing}
	case *container.AppTabs:
		if it := c.Selected(); it != nil {
			kids = []fyne.CanvasObject{it.Content}
		}
	case *widget.Card:
		kids = []fyne.CanvasObject{c.Content}
	case *widget.Form:
		for _, it := range c.Items {
			kids = append(kids, it.Widget)
		}
	}
	for _, k := range kids {
		if !walkVisible(k, fn) {
			return false
		}
	}
	return true
}

// focusSteps puts the keyboard focus on the step list.
func (u *UI) focusSteps() { u.win.Canvas().Focus(u.nav.list) }

// runCurrentStep starts the main work of the step on screen: exploring,
// fitting the preparation, training, evaluating; on Data it opens a file.
func (u *UI) runCurrentStep() {
	switch u.current {
	case workflow.StageData:
		u.openDataDialog()
	case workflow.StageExplore:
		u.runExplore()
	case workflow.StagePrepare:
		u.runPrepare()
	case workflow.StageTrain:
		u.runTrain()
	case workflow.StageEvaluate:
		u.runEvaluate()
	case workflow.StageDeploy:
		u.runStage(workflow.StageDeploy, u.exportDocumentation)
	default:
		dialog.ShowInformation(u.current.Title(), "This step has no work to run from the keyboard yet.", u.win)
	}
}

// runStage checks that s is not locked, shows it and runs fn.
func (u *UI) runStage(s workflow.Stage, fn func()) {
	if locked, why := u.proj.Locked(s); locked {
		u.showError(fmt.Errorf("%s is not available yet: %s", s.Title(), why))
		return
	}
	if u.current != s {
		u.selectStage(s)
	}
	fn()
}

func (u *UI) runExplore() {
	u.runStage(workflow.StageExplore, func() { u.screens[workflow.StageExplore].(*exploreScreen).start() })
}

func (u *UI) runPrepare() {
	u.runStage(workflow.StagePrepare, func() { u.screens[workflow.StagePrepare].(*prepareScreen).run() })
}

func (u *UI) runTrain() {
	u.runStage(workflow.StageTrain, func() { u.screens[workflow.StageTrain].(*trainScreen).run() })
}

func (u *UI) runEvaluate() {
	u.runStage(workflow.StageEvaluate, func() { u.screens[workflow.StageEvaluate].(*evaluateScreen).run(workflow.PartTest) })
}

// exportReport writes the evaluation report once there is an evaluation,
// the exploration report before that.
func (u *UI) exportReport() {
	switch {
	case u.proj.Evaluation() != nil:
		u.exportEvaluationReport()
	case u.proj.Exploration() != nil:
		u.exportEDAReport()
	default:
		u.showError(errors.New("there is no report yet: explore the data (Ctrl+Shift+L) or evaluate a model (Ctrl+E) first"))
	}
}
