package ui

import (
	"context"
	"errors"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"modelbench/plots/docs"
	"modelbench/workflow/progress"
)

// jobExportDocs writes the documentation bundle (keyed by its folder).
const jobExportDocs jobKey = "export-docs"

// exportDocs asks for a folder and writes the chosen model's
// documentation bundle there (docs.Write in the forms of
// learn.docFormats), then records it in the project. The Deploy screen
// can offer the same.
func (u *UI) exportDocs() {
	p := u.proj
	if tr := p.Training(); tr == nil || tr.Chosen == nil {
		u.showError(errors.New("choose a model in the Train step first: the documentation describes it"))
		return
	}
	formats := u.learn.docFormats
	u.learn.pickFolder("Folder for the documentation bundle", func(dir string) {
		u.tasks.Start(jobExportDocs.on(dir), "Writing the documentation bundle to "+dir, func(ctx context.Context, report progress.Func) error {
			in, err := docs.FromProject(p)
			if err != nil {
				return err
			}
			m, err := docs.Write(ctx, in, dir, docs.Options{Formats: formats}, report)
			if err != nil {
				return err
			}
			var names []string
			for _, f := range formats {
				names = append(names, string(f))
			}
			if err := p.RecordDocs(m.Path, names); err != nil {
				return err
			}
			fyne.Do(func() {
				dialog.ShowInformation("Documentation written", fmt.Sprintf("The documentation bundle (%d documents) is in %s.", len(m.Documents), m.Path), u.win)
			})
			return nil
		})
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
