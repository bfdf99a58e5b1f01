package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"

	"modelbench/workflow"
	"modelbench/workflow/progress"
)

type (
	ctxT    = context.Context
	reportT = progress.Func
)

// mainMenu builds File, View and Help menus.
func (u *UI) mainMenu() *fyne.MainMenu {
	openData := fyne.NewMenuItem("Open data…", u.openDataDialog)
	openData.Shortcut = shortcut(fyne.KeyO, 0)
	openProj := fyne.NewMenuItem("Open project…", u.openProjectDialog)
	openProj.Shortcut = shortcut(fyne.KeyO, fyne.KeyModifierShift)
	save := fyne.NewMenuItem("Save project", func() { u.saveProject(false) })
	save.Shortcut = shortcut(fyne.KeyS, 0)
	saveAs := fyne.NewMenuItem("Save project as…", func() { u.saveProject(true) })
	saveAs.Shortcut = shortcut(fyne.KeyS, fyne.KeyModifierShift)
	db := fyne.NewMenuItem("Connect to PostgreSQL…", u.connectDatabase)
	export := fyne.NewMenuItem("Export data…", u.exportData)
	recent := fyne.NewMenuItem("Open recent", nil)
	recent.ChildMenu = u.recentMenu()
	quit := fyne.NewMenuItem("Quit", u.confirmQuit)
	quit.IsQuit = true
	quit.Shortcut = shortcut(fyne.KeyQ, 0)
	file := fyne.NewMenu("File", openData, db, openProj, recent, fyne.NewMenuItemSeparator(), save, saveAs, export, fyne.NewMenuItemSeparator(), quit)

	var steps []*fyne.MenuItem
	for _, s := range workflow.Stages {
		s := s
		it := fyne.NewMenuItem(s.Title(), func() { u.selectStage(s) })
		it.Shortcut = shortcut(fyne.KeyName(string(rune('1'+int(s)))), 0)
		steps = append(steps, it)
	}
	themeItem := fyne.NewMenuItem("Theme", nil)
	themeItem.ChildMenu = fyne.NewMenu("",
		fyne.NewMenuItem("Follow the system", func() { u.app.Settings().SetTheme(theme.DefaultTheme()) }),
		fyne.NewMenuItem("Light", func() { u.app.Settings().SetTheme(forcedTheme{variant: theme.VariantLight}) }),
		fyne.NewMenuItem("Dark", func() { u.app.Settings().SetTheme(forcedTheme{variant: theme.VariantDark}) }),
	)
	guide := fyne.NewMenuItem("Show or hide the guide", u.toggleGuide)
	learnView, learnHelp := u.learnMenuItems()
	view := fyne.NewMenu("View", append(append(steps, fyne.NewMenuItemSeparator(), guide, themeItem), learnView...)...)
	help := fyne.NewMenu("Help", append(learnHelp, fyne.NewMenuItem("About Modelbench", u.showAbout))...)
	return fyne.NewMainMenu(file, view, help)
}

func (u *UI) recentMenu() *fyne.Menu {
	var items []*fyne.MenuItem
	for _, p := range u.recentMgr.list() {
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

func (u *UI) openRecent(path string) {
	if len(path) > len(workflow.FileExtension) && path[len(path)-len(workflow.FileExtension):] == workflow.FileExtension {
		u.openProject(path)
		return
	}
	u.openDataFile(path)
}

// shortcut returns Ctrl+key (Cmd+key on macOS) plus extra modifiers.
func shortcut(key fyne.KeyName, extra fyne.KeyModifier) fyne.Shortcut {
	return &desktop.CustomShortcut{KeyName: key, Modifier: fyne.KeyModifierShortcutDefault | extra}
}

// addShortcuts registers the menu shortcuts on the canvas too, so they
// work where the platform shows no menu bar.
func (u *UI) addShortcuts() {
	add := func(key fyne.KeyName, extra fyne.KeyModifier, fn func()) {
		u.win.Canvas().AddShortcut(shortcut(key, extra).(*desktop.CustomShortcut), func(fyne.Shortcut) { fn() })
	}
	add(fyne.KeyO, 0, u.openDataDialog)
	add(fyne.KeyO, fyne.KeyModifierShift, u.openProjectDialog)
	add(fyne.KeyS, 0, func() { u.saveProject(false) })
	add(fyne.KeyS, fyne.KeyModifierShift, func() { u.saveProject(true) })
	add(fyne.KeyQ, 0, u.confirmQuit)
	for _, s := range workflow.Stages {
		s := s
		add(fyne.KeyName(string(rune('1'+int(s)))), 0, func() { u.selectStage(s) })
	}
}

func (u *UI) toggleGuide() { u.showSide(!u.split.Trailing.Visible()) }
