package ui

import "fyne.io/fyne/v2"

// learnMenuItems returns the tutorial's Help items: the tour, the lessons
// and the glossary (the tutorial-mode switch is View's, see mainMenu).
func (u *UI) learnMenuItems() []*fyne.MenuItem {
	tourItem := fyne.NewMenuItem("Take the tour", u.showTour)
	lessons := fyne.NewMenuItem("Lessons", func() {
		u.showSide(true)
		u.learn.side.Select(u.learn.lessonTab)
	})
	glossary := fyne.NewMenuItem("Glossary", func() {
		u.showSide(true)
		u.learn.side.SelectIndex(2)
	})
	return []*fyne.MenuItem{tourItem, lessons, glossary, fyne.NewMenuItemSeparator()}
}
