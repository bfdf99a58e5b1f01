package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// reasonEntry is a multi-line text field that lets Tab move the focus on,
// as every other control does. Fyne's multi-line Entry takes Tab as a
// character, which traps a keyboard user in the field; a reason needs no
// tab characters. Enter still starts a new line.
type reasonEntry struct {
	widget.Entry
}

func newReasonEntry() *reasonEntry {
	e := &reasonEntry{}
	e.MultiLine = true
	e.Wrapping = fyne.TextWrapWord
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab reports false: Tab leaves the field.
func (e *reasonEntry) AcceptsTab() bool { return false }

// textField returns the focused text field, or nil: Edit ▸ Undo and Redo
// act on its typing rather than on the project.
func textField(o fyne.Focusable) fyne.Shortcutable {
	switch e := o.(type) {
	case *widget.Entry:
		return e
	case *reasonEntry:
		return e
	}
	return nil
}
