package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// sectionList is a list of items under bold section titles (the Deploy
// screen's checklist and ML tests): tapping an item shows it, and the
// selection survives a refill by the item's id.
type sectionList[T any] struct {
	rows     []sectionRow[T]
	list     *widget.List
	selected string
	id       func(*T) string
	text     func(*T) string
	show     func(*T)
}

// sectionRow is one line: a section title (item nil) or an item.
type sectionRow[T any] struct {
	section string
	item    *T
}

func newSectionList[T any](id, text func(*T) string, show func(*T)) *sectionList[T] {
	l := &sectionList[T]{id: id, text: text, show: show}
	l.list = widget.NewList(func() int { return len(l.rows) }, func() fyne.CanvasObject { return ellipsisLabel() },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			lab := o.(*widget.Label)
			r := l.rows[i]
			lab.TextStyle.Bold = r.item == nil
			if r.item == nil {
				lab.SetText(r.section)
				return
			}
			lab.SetText(l.text(r.item))
		})
	l.list.OnSelected = func(i widget.ListItemID) {
		if i < len(l.rows) && l.rows[i].item != nil {
			l.selected = l.id(l.rows[i].item)
			l.show(l.rows[i].item)
		}
	}
	return l
}

// reset empties the list before it is filled again.
func (l *sectionList[T]) reset() { l.rows = l.rows[:0] }

// section adds a section title.
func (l *sectionList[T]) section(title string) {
	l.rows = append(l.rows, sectionRow[T]{section: title})
}

// add adds an item under the last section.
func (l *sectionList[T]) add(item *T) { l.rows = append(l.rows, sectionRow[T]{item: item}) }

// done redraws the list and shows the selected item again, or the first
// one when the selection is gone.
func (l *sectionList[T]) done() {
	l.list.Refresh()
	var first *T
	for _, r := range l.rows {
		if r.item == nil {
			continue
		}
		if first == nil {
			first = r.item
		}
		if l.id(r.item) == l.selected {
			l.show(r.item)
			return
		}
	}
	if first != nil {
		l.selected = l.id(first)
		l.show(first)
	}
}
