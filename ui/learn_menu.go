package ui

import "fyne.io/fyne/v2"

// learnMenuItems returns the tutorial's menu items: for View, the
// tutorial-mode switch (the ship branch adds one too; the lead keeps one);
// for Help, the tour, the lessons and the glossary.
func (u *UI) learnMenuItems() (view, help []*fyne.MenuItem) {
	mode := fyne.NewMenuItem("Tutorial mode", nil)
	mode.Checked = u.tutorialMode()
	mode.Action = func() {
		u.setTutorialMode(!u.tutorialMode())
		mode.Checked = u.tutorialMode()
		if m := u.win.MainMenu(); m != nil {
			m.Refresh()
		}
	}
	tourItem := fyne.NewMenuItem("Take the tour", u.showTour)
	lessons := fyne.NewMenuItem("Lessons", func() {
		u.showSide(true)
		u.learn.side.Select(u.learn.lessonTab)
	})
	glossary := fyne.NewMenuItem("Glossary", func() {
		u.showSide(true)
		u.learn.side.SelectIndex(2)
	})
	return []*fyne.MenuItem{mode}, []*fyne.MenuItem{tourItem, lessons, glossary, fyne.NewMenuItemSeparator()}
}
