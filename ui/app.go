package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/logfile"
	"modelbench/workflow"
	"modelbench/workflow/deploy/pack"
	"modelbench/workflow/progress"
)

// Options says what the window opens with. The zero value opens an empty
// project and offers to restore unsaved work.
type Options struct {
	Sample       string // a bundled sample to load at start
	DataFile     string // a data file to load at start
	Project      string // a project file to open at start
	RecoveryPath string // where autosave writes; "" uses workflow.DefaultRecoveryPath
	NoRecovery   bool   // do not offer to restore unsaved work (tests, scripted runs)
	NoTour       bool   // do not show the tutorial's tour at first start (tests)
	// Synchronous runs long tasks on the calling goroutine (tests only).
	Synchronous bool
	// Log receives the errors shown and the panics recovered; nil drops
	// them (tests).
	Log *logfile.Log
	// ServerLocator finds the prebuilt modelbench-serve binaries that
	// Export package… copies (nil: beside the app, pack.AppLocator).
	ServerLocator pack.Locator
}

// UI is the main window's state: the project, the navigator, the screens
// and the task runner.
type UI struct {
	app      fyne.App
	win      fyne.Window
	opts     Options
	proj     *workflow.Project
	unsub    func()
	autosave *workflow.Autosave
	tasks    *runner
	jobs     *jobs

	nav     *navigator
	body    *fyne.Container
	guide   *guidePane
	status  *statusBar
	screens map[workflow.Stage]screen
	frames  map[workflow.Stage]*container.Scroll
	current workflow.Stage
	split   *container.Split
	prefs   *prefs
	log     *logfile.Log

	// Menu items whose label or check mark follows the state.
	undoItem, redoItem, tutorialItem *fyne.MenuItem
	guideOffset                      float64
	// splits are the split containers whose offsets are remembered, by name.
	splits  map[string]*container.Split
	lastDir string   // the folder of the last file picked, for the next dialog
	learn   *learnUI // the coach banners, lesson, glossary, quiz and tour
	// pickFolder, when set, answers folder choices instead of the file
	// dialog (tests).
	pickFolder func(chosen func(dir string))
}

// screen is one step's view. Refresh is called on the UI goroutine after
// project events and when the screen is shown.
type screen interface {
	Object() fyne.CanvasObject
	Refresh()
}

// Create builds the main window's content for a new project, wires menus,
// shortcuts, drag and drop and autosave, and starts what opts asks for.
func Create(a fyne.App, w fyne.Window, opts Options) *UI {
	u := &UI{app: a, win: w, opts: opts, tasks: newRunner(), jobs: newJobs(), prefs: newPrefs(a.Preferences()), log: opts.Log,
		splits: map[string]*container.Split{}}
	a.Settings().SetTheme(fyneTheme(u.prefs.theme()))
	w.Resize(u.prefs.windowSize(w.Canvas().Size()))
	u.tasks.sync, u.jobs.sync = opts.Synchronous, opts.Synchronous
	u.status = newStatusBar(u.tasks)
	u.tasks.onChange = u.status.update
	u.tasks.onError = func(_ jobKey, label string, err error) { u.showError(fmt.Errorf("%s: %w", label, err)) }
	u.guide = newGuidePane()
	u.guide.onTerm = u.showTerm
	u.learn = newLearnUI(u)
	u.body = container.NewStack()
	u.nav = newNavigator(u.selectStage)
	u.split = container.NewHSplit(u.body, u.learn.side)
	u.rememberSplit("guide", u.split, 0.74)
	u.guideOffset = u.split.Offset
	main := border(nil, u.status.Object(), u.nav.Object(), nil, u.split)
	w.SetContent(main)
	w.SetMainMenu(u.mainMenu())
	u.addShortcuts()
	w.SetOnDropped(u.onDropped)
	u.setProject(workflow.New())
	u.start()
	u.startTutorial()
	return u
}

// startTutorial hides the side pane for practitioners and shows the tour
// once, at the first start in tutorial mode.
func (u *UI) startTutorial() {
	if !u.tutorialMode() {
		u.showSide(false)
		return
	}
	if !u.opts.NoTour && !u.app.Preferences().Bool(prefTourSeen) {
		u.showTour()
	}
}

// Project returns the project shown in the window.
func (u *UI) Project() *workflow.Project { return u.proj }

// setProject shows p, rebuilding every screen and re-subscribing.
func (u *UI) setProject(p *workflow.Project) {
	if u.unsub != nil {
		u.unsub()
	}
	if u.autosave != nil {
		u.autosave.Stop()
	}
	u.tasks.CancelAll()
	u.saveLayout()
	u.proj = p
	u.unsub = p.Subscribe(func(ev workflow.Event) { fyne.Do(func() { u.onEvent(ev) }) })
	if !u.opts.Synchronous {
		u.autosave = p.StartAutosave(u.recoveryPath(), autosaveDelay)
	}
	u.screens = map[workflow.Stage]screen{}
	u.frames = map[workflow.Stage]*container.Scroll{}
	for _, def := range stageDefs() {
		u.screens[def.stage] = def.build(u)
	}
	u.nav.setProject(p)
	u.learn.setProject()
	u.selectStage(workflow.StageData)
	u.updateTitle()
	u.refreshMenu()
}

func (u *UI) recoveryPath() string {
	if u.opts.RecoveryPath != "" {
		return u.opts.RecoveryPath
	}
	return workflow.DefaultRecoveryPath()
}

// onEvent reacts to a project event on the UI goroutine.
func (u *UI) onEvent(ev workflow.Event) {
	switch ev.Kind {
	case workflow.Progress:
		return // the task runner shows progress
	case workflow.Saved:
		u.updateTitle()
		return
	case workflow.DataChanged:
		u.applyDefaultSeed()
	}
	if u.updateUndoItems() && u.win.MainMenu() != nil {
		u.win.MainMenu().Refresh()
	}
	u.nav.refresh()
	u.learn.refresh()
	if s := u.screens[u.current]; s != nil {
		u.showCurrent()
	}
}

// selectStage shows a stage's screen (or why it is locked) and its guide.
func (u *UI) selectStage(s workflow.Stage) {
	u.current = s
	u.nav.select_(s)
	u.guide.show(s)
	u.showCurrent()
}

func (u *UI) showCurrent() {
	s := u.current
	var obj fyne.CanvasObject
	if locked, why := u.proj.Locked(s); locked {
		to, _ := u.proj.UnlockedBy(s)
		obj = lockedView(s, why, to, u.selectStage)
	} else {
		sc := u.screens[s]
		sc.Refresh()
		obj = u.learn.wrap(s, u.framed(s, sc.Object()))
	}
	if len(u.body.Objects) == 1 && u.body.Objects[0] == obj {
		return
	}
	u.body.Objects = []fyne.CanvasObject{obj}
	u.body.Refresh()
}

// framed puts a screen in a scroll container (made once per stage) so
// that a screen wider or taller than the window scrolls instead of
// growing the window past the screen.
func (u *UI) framed(s workflow.Stage, obj fyne.CanvasObject) fyne.CanvasObject {
	if f, ok := u.frames[s]; ok && f.Content == obj {
		return f
	}
	f := container.NewScroll(obj)
	u.frames[s] = f
	return f
}

func (u *UI) updateTitle() {
	title := "Modelbench"
	if p := u.proj.Path(); p != "" {
		title += " — " + p
	} else if t := u.proj.Table(); t != nil {
		title += " — " + t.Source
	}
	u.win.SetTitle(title)
}

// start loads what the options ask for, or offers to restore unsaved work.
func (u *UI) start() {
	switch {
	case u.opts.Project != "":
		u.openProject(u.opts.Project)
	case u.opts.DataFile != "":
		u.loadData(workflow.DataRef{Path: u.opts.DataFile})
	case u.opts.Sample != "":
		u.loadData(workflow.DataRef{Sample: u.opts.Sample})
	}
	if !u.opts.NoRecovery {
		u.offerRecovery()
	}
}

// loadData reads a table in the background; the project changes only if
// it succeeds.
func (u *UI) loadData(ref workflow.DataRef) {
	label := "Loading " + ref.Path
	if ref.Sample != "" {
		label = "Loading sample " + ref.Sample
	}
	p := u.proj
	u.tasks.Start(jobLoad, label, func(ctx context.Context, report progress.Func) error {
		if err := p.LoadData(ctx, ref, report); err != nil {
			return err
		}
		if ref.Path != "" {
			fyne.Do(func() { u.addRecent(ref.Path) })
		}
		fyne.Do(u.updateTitle)
		return nil
	})
}

// openProject opens a project file in the background and shows it.
func (u *UI) openProject(path string) {
	u.tasks.Start(jobLoad, "Opening "+path, func(ctx context.Context, report progress.Func) error {
		p, err := workflow.Open(ctx, path, report.Scale(0, 0.4))
		if err != nil {
			return err
		}
		// Bring back the fitted preparation, the leaderboard, the chosen
		// model and its evaluation without training again. The project
		// is shown either way; what could not be restored is said.
		var notes []string
		if p.Table() != nil {
			var rerr error
			if notes, rerr = p.Resume(ctx, report.Scale(0.4, 1)); rerr != nil {
				notes = append(notes, rerr.Error())
			}
		}
		fyne.Do(func() {
			u.setProject(p)
			u.addRecent(path)
			if len(notes) > 0 {
				dialog.ShowInformation("Opened "+filepath.Base(path), strings.Join(notes, "\n"), u.win)
			}
		})
		return nil
	})
}

// showError shows err in a dialog and writes it to the log; it is safe
// from any goroutine.
func (u *UI) showError(err error) {
	if err == nil {
		return
	}
	u.log.Error("shown to the user", err)
	fyne.Do(func() {
		showErrorDialog(u.win, err)
	})
}

// lockedView explains why a stage cannot be used yet, with a button to
// the stage that unlocks it.
func lockedView(s workflow.Stage, why string, to workflow.Stage, goTo func(workflow.Stage)) fyne.CanvasObject {
	title := widget.NewLabelWithStyle(s.Title()+" is not available yet", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	reason := widget.NewLabel(why)
	reason.Wrapping = fyne.TextWrapWord
	back := widget.NewButtonWithIcon("Go to the "+to.Title()+" step", theme.NavigateNextIcon(), func() { goTo(to) })
	back.Importance = widget.HighImportance
	return container.NewPadded(container.NewVBox(title, reason, back))
}
