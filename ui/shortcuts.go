package ui

import (
	"runtime"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"modelbench/workflow"
)

// action is one thing the window can do from the keyboard: a menu item,
// its shortcuts, and the line of Help ▸ Keyboard shortcuts. The table
// returned by actions is the one source of truth: the menus, the canvas
// shortcuts and the help are all built from it.
type action struct {
	id    string
	menu  string // the menu it appears in (and the help's group)
	label string
	// keys are its shortcuts; the first is shown in the menu, all are
	// registered on the canvas and listed in the help.
	keys []fyne.Shortcut
	do   func(u *UI)
}

// keyHelp is a line of the help for keys that belong to widgets, not to
// actions (moving the focus, activating a button).
type keyHelp struct{ keys, what string }

// ctrl is Ctrl+key (Cmd+key on macOS) plus extra modifiers.
func ctrl(key fyne.KeyName, extra fyne.KeyModifier) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | extra}
}

const shift = fyne.KeyModifierShift

// actions is the table of every keyboard action, in menu order.
func actions() []action {
	a := []action{
		{id: "open-data", menu: "File", label: "Open data…", keys: keys(ctrl(fyne.KeyO, 0)), do: (*UI).openDataDialog},
		{id: "connect-db", menu: "File", label: "Connect to PostgreSQL…", do: (*UI).connectDatabase},
		{id: "open-project", menu: "File", label: "Open project…", keys: keys(ctrl(fyne.KeyO, shift)), do: (*UI).openProjectDialog},
		{id: "save", menu: "File", label: "Save project", keys: keys(ctrl(fyne.KeyS, 0)), do: func(u *UI) { u.saveProject(false) }},
		{id: "save-as", menu: "File", label: "Save project as…", keys: keys(ctrl(fyne.KeyS, shift)), do: func(u *UI) { u.saveProject(true) }},
		{id: "export-data", menu: "File", label: "Export data…", keys: keys(ctrl(fyne.KeyE, shift)), do: (*UI).exportData},
		{id: "export-report", menu: "File", label: "Write the report…", keys: keys(ctrl(fyne.KeyR, 0)), do: (*UI).exportReport},
		{id: "save-model", menu: "File", label: "Save the chosen model…", keys: keys(ctrl(fyne.KeyM, shift)), do: (*UI).saveModel},
		{id: "export-docs", menu: "File", label: "Export documentation…", keys: keys(ctrl(fyne.KeyD, shift)), do: (*UI).exportDocumentation},
		{id: "quit", menu: "File", label: "Quit", keys: keys(ctrl(fyne.KeyQ, 0)), do: (*UI).confirmQuit},

		{id: "undo", menu: "Edit", label: "Undo", keys: keys(&fyne.ShortcutUndo{}), do: (*UI).undo},
		{id: "redo", menu: "Edit", label: "Redo", keys: keys(&fyne.ShortcutRedo{}, ctrl(fyne.KeyZ, shift)), do: (*UI).redo},
		{id: "preferences", menu: "Edit", label: "Preferences…", keys: keys(ctrl(fyne.KeyComma, 0)), do: (*UI).showPreferences},

		{id: "run-step", menu: "Run", label: "Run this step", keys: keys(ctrl(fyne.KeyReturn, 0), ctrl(fyne.KeyEnter, 0)), do: (*UI).runCurrentStep},
		{id: "explore", menu: "Run", label: "Explore the data", keys: keys(ctrl(fyne.KeyL, shift)), do: (*UI).runExplore},
		{id: "fit-prep", menu: "Run", label: "Fit the preparation", keys: keys(ctrl(fyne.KeyP, 0)), do: (*UI).runPrepare},
		{id: "train", menu: "Run", label: "Train and compare", keys: keys(ctrl(fyne.KeyT, 0)), do: (*UI).runTrain},
		{id: "evaluate", menu: "Run", label: "Evaluate on the test rows", keys: keys(ctrl(fyne.KeyE, 0)), do: (*UI).runEvaluate},
		{id: "cancel", menu: "Run", label: "Cancel running work", keys: keys(ctrl(fyne.KeyPeriod, 0)), do: func(u *UI) { u.tasks.CancelAll() }},
	}
	for i, s := range workflow.Stages {
		s := s
		a = append(a, action{id: "step-" + s.String(), menu: "View", label: s.Title(),
			keys: keys(ctrl(fyne.KeyName(string(rune('1'+i))), 0)), do: func(u *UI) { u.selectStage(s) }})
	}
	a = append(a,
		action{id: "next-tab", menu: "View", label: "Next tab", keys: keys(ctrl(fyne.KeyPageDown, 0), ctrl(fyne.KeyTab, 0)), do: func(u *UI) { u.switchTab(1) }},
		action{id: "prev-tab", menu: "View", label: "Previous tab", keys: keys(ctrl(fyne.KeyPageUp, 0), ctrl(fyne.KeyTab, shift)), do: func(u *UI) { u.switchTab(-1) }},
		action{id: "focus-steps", menu: "View", label: "Go to the step list", keys: keys(ctrl(fyne.Key0, 0)), do: (*UI).focusSteps},
		action{id: "guide", menu: "View", label: "Show or hide the guide", keys: keys(ctrl(fyne.KeyG, 0)), do: (*UI).toggleGuide},

		action{id: "shortcuts", menu: "Help", label: "Keyboard shortcuts", keys: keys(ctrl(fyne.KeySlash, 0)), do: (*UI).showShortcuts},
		action{id: "docs", menu: "Help", label: "Documentation", do: (*UI).showDocumentation},
		action{id: "log-folder", menu: "Help", label: "Open the log folder", do: (*UI).openLogFolder},
		action{id: "about", menu: "Help", label: "About Modelbench", do: (*UI).showAbout},
	)
	return a
}

func keys(k ...fyne.Shortcut) []fyne.Shortcut { return k }

// widgetKeys are the keys widgets handle themselves, for the help.
var widgetKeys = []keyHelp{
	{"Tab / Shift+Tab", "move to the next / previous control"},
	{"Space or Enter", "press the focused button, tick the focused box, open the focused list"},
	{"Up / Down", "move in the focused list, table or menu; Space selects"},
	{"Left / Right", "move a focused slider"},
	{"Escape", "close a menu; leave a text field"},
	{"Tab, then Space", "close a dialog: its buttons take the focus like any other control"},
	{"Alt", "open the menu bar (then arrows and Enter) where it is drawn in the window"},
}

// actionByID returns the table's action with that id; it panics on an
// unknown id, a broken internal invariant.
func actionByID(id string) action {
	for _, a := range actions() {
		if a.id == id {
			return a
		}
	}
	panic("ui: no action " + id)
}

// menuItem is the menu item of an action, with its first shortcut.
func (u *UI) menuItem(id string) *fyne.MenuItem {
	a := actionByID(id)
	it := fyne.NewMenuItem(a.label, func() { a.do(u) })
	if len(a.keys) > 0 {
		it.Shortcut = a.keys[0]
	}
	return it
}

// addShortcuts registers every action's shortcuts on the canvas, so that
// they work where the platform shows no menu bar and for the keys beyond
// the one a menu item shows.
func (u *UI) addShortcuts() {
	for _, a := range actions() {
		a := a
		for _, k := range a.keys {
			u.win.Canvas().AddShortcut(k, func(fyne.Shortcut) { a.do(u) })
		}
	}
}

// shortcutText writes a shortcut the way the platform's menus do
// ("Ctrl+Shift+S"; "Cmd+Shift+S" on macOS).
func shortcutText(s fyne.Shortcut) string {
	switch s.(type) {
	case *fyne.ShortcutUndo:
		return modText(fyne.KeyModifierShortcutDefault) + "Z"
	case *fyne.ShortcutRedo:
		return modText(fyne.KeyModifierShortcutDefault) + "Y"
	}
	c, ok := s.(*desktop.CustomShortcut)
	if !ok {
		return s.ShortcutName()
	}
	return modText(c.Modifier) + keyText(c.KeyName)
}

func modText(m fyne.KeyModifier) string {
	var b strings.Builder
	if m&fyne.KeyModifierControl != 0 {
		b.WriteString("Ctrl+")
	}
	if m&fyne.KeyModifierSuper != 0 {
		if runtime.GOOS == "darwin" {
			b.WriteString("Cmd+")
		} else {
			b.WriteString("Super+")
		}
	}
	if m&fyne.KeyModifierAlt != 0 {
		b.WriteString("Alt+")
	}
	if m&fyne.KeyModifierShift != 0 {
		b.WriteString("Shift+")
	}
	return b.String()
}

var keyWords = map[fyne.KeyName]string{
	fyne.KeyReturn: "Enter", fyne.KeyEnter: "Keypad Enter", fyne.KeyPageUp: "Page Up", fyne.KeyPageDown: "Page Down",
	fyne.KeyComma: ",", fyne.KeyPeriod: ".", fyne.KeySlash: "/", fyne.KeyTab: "Tab",
}

func keyText(k fyne.KeyName) string {
	if w, ok := keyWords[k]; ok {
		return w
	}
	return string(k)
}
