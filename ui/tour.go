package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"modelbench/assets"
)

// tourPage is one page of the tour: a title and its text.
type tourPage struct{ title, text string }

// tourPages splits the tour (assets.Tour) at its "## " headings.
func tourPages() []tourPage {
	var out []tourPage
	for _, part := range strings.Split("\n"+assets.Tour(), "\n## ")[1:] {
		title, text, _ := strings.Cut(part, "\n")
		out = append(out, tourPage{strings.TrimSpace(title), strings.TrimSpace(text)})
	}
	return out
}

// tour is the short tour of the steps that tutorial mode shows at first
// start (and Help ▸ Take the tour at any time).
type tour struct {
	pages []tourPage
	i     int
	title *widget.Label
	count *widget.Label
	text  *termText
	back  *widget.Button
	next  *widget.Button
	d     dialog.Dialog
}

// showTour opens the tour and remembers that it was seen.
func (u *UI) showTour() {
	t := &tour{pages: tourPages(), title: widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		count: widget.NewLabel(""), text: u.termText("")}
	t.count.Importance = widget.LowImportance
	t.back = widget.NewButton("Back", func() { t.i--; t.show(u) })
	t.next = widget.NewButton("Next", nil)
	t.next.Importance = widget.HighImportance
	t.next.OnTapped = func() {
		if t.i == len(t.pages)-1 {
			t.d.Hide()
			return
		}
		t.i++
		t.show(u)
	}
	body := container.NewBorder(container.NewVBox(t.title, t.count), container.NewHBox(t.back, t.next), nil, nil, t.text)
	t.d = dialog.NewCustom("A short tour", "Close", container.NewPadded(body), u.win)
	t.d.Resize(fyne.NewSize(620, 360))
	u.learn.tour = t
	t.show(u)
	t.d.Show()
	u.app.Preferences().SetBool(prefTourSeen, true)
}

func (t *tour) show(u *UI) {
	p := t.pages[t.i]
	t.title.SetText(p.title)
	t.count.SetText(fmt.Sprintf("%d of %d", t.i+1, len(t.pages)))
	u.setTermText(t.text, p.text)
	if t.i == 0 {
		t.back.Disable()
	} else {
		t.back.Enable()
	}
	t.next.SetText("Next")
	if t.i == len(t.pages)-1 {
		t.next.SetText("Start")
	}
}
