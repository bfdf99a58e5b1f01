package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"

	"modelbench/workflow"
)

// rememberSplit gives a split container the offset it had when the app
// last closed (def the first time) and remembers it from now on. Screens
// are rebuilt for every project, so a later split of the same name
// replaces the earlier one.
func (u *UI) rememberSplit(name string, s *container.Split, def float64) {
	s.Offset = u.prefs.splitOffset(name, def)
	u.splits[name] = s
}

// saveLayout stores the window's size and the offsets of the remembered
// splits in the preferences (when the window closes and before the screens
// are rebuilt for another project). A hidden guide keeps the offset it had
// while shown.
func (u *UI) saveLayout() {
	if u.win != nil {
		if sz := u.win.Canvas().Size(); sz.Width > 0 && sz.Height > 0 {
			u.prefs.setWindowSize(sz)
		}
	}
	for name, s := range u.splits {
		off := s.Offset
		if s == u.split && !u.guide.Object().Visible() {
			off = u.guideOffset
		}
		u.prefs.setSplitOffset(name, off)
	}
}

// applyDefaultSeed gives a project whose split was never set the seed
// chosen in the preferences, when that is not workflow.DefaultSeed; the
// change is journaled like any other.
func (u *UI) applyDefaultSeed() {
	seed := u.prefs.seed()
	if seed == workflow.DefaultSeed || u.proj.Document().Prepare.Split != nil {
		return
	}
	spec := u.proj.SplitSpec()
	spec.Seed = seed
	if err := u.proj.SetSplit(spec, "the default seed chosen in the preferences"); err != nil {
		u.showError(err)
	}
}

// border is container.NewBorder with its objects in reading order — top,
// left, centre, right, bottom — so that Tab moves through a screen the way
// it reads. Fyne's keyboard focus follows the order of a container's
// objects, and container.NewBorder puts the centre first: the controls in a
// screen's top bar came after everything below them. Nil sides are left
// out, as NewBorder does.
func border(top, bottom, left, right fyne.CanvasObject, center ...fyne.CanvasObject) *fyne.Container {
	var all []fyne.CanvasObject
	add := func(o fyne.CanvasObject) {
		if o != nil {
			all = append(all, o)
		}
	}
	add(top)
	add(left)
	for _, c := range center {
		add(c)
	}
	add(right)
	add(bottom)
	return container.New(layout.NewBorderLayout(top, bottom, left, right), all...)
}
