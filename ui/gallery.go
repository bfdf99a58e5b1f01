package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/assets"
)

// newGallery shows every bundled sample as a card with its story, source
// and licence, and an Open button.
func newGallery(open func(id string)) fyne.CanvasObject {
	var cards []fyne.CanvasObject
	for _, s := range assets.Samples() {
		s := s
		story := widget.NewLabel(s.Story)
		story.Wrapping = fyne.TextWrapWord
		meta := widget.NewLabel("Teaches: " + s.Teaches + "\nTarget: " + s.Target + " (" + s.Task + ")\nSource: " + s.Source + "\nLicence: " + s.Licence)
		meta.Wrapping = fyne.TextWrapWord
		meta.Importance = widget.LowImportance
		btn := widget.NewButtonWithIcon("Open "+s.Title, theme.FolderOpenIcon(), func() { open(s.ID) })
		btn.Importance = widget.HighImportance
		card := widget.NewCard(s.Title, "", border(nil, btn, nil, nil, container.NewVBox(story, meta)))
		cards = append(cards, container.NewGridWrap(fyne.NewSize(400, 390), card))
	}
	intro := widget.NewLabel("Open your own table with File ▸ Open data (Ctrl+O) or by dropping a file on this window, or start with one of these real datasets:")
	intro.Wrapping = fyne.TextWrapWord
	return border(intro, nil, nil, nil, container.NewVScroll(container.NewGridWrap(fyne.NewSize(410, 400), cards...)))
}
