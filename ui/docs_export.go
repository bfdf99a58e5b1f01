package ui

import (
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"modelbench/plots/docs"
)

// exportDocs asks for a folder (through learn.pickFolder, which tests
// replace) and writes the chosen model's documentation bundle there in the
// forms of learn.docFormats, recorded in the project (the lesson's
// checkpoint and the coach read the record). The Deploy screen's Export
// documentation… does the same with a choice of folder or .zip.
func (u *UI) exportDocs() {
	if tr := u.proj.Training(); tr == nil || tr.Chosen == nil {
		u.showError(errors.New("choose a model in the Train step first: the documentation describes it"))
		return
	}
	formats := u.learn.docFormats
	u.learn.pickFolder("Folder for the documentation bundle", func(dir string) {
		u.writeDocs(dir, docs.Options{Formats: formats})
	})
}

// pickFolderDialog asks for a folder with the standard dialog.
func (u *UI) pickFolderDialog(title string, done func(path string)) {
	d := dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if dir != nil {
			done(dir.Path())
		}
	}, u.win)
	d.SetTitleText(title)
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}
