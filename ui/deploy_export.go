package ui

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots/docs"
	"modelbench/workflow/progress"
)

// exportDocumentation asks for a folder and whether to zip, then writes
// the documentation bundle there in the background.
func (u *UI) exportDocumentation() {
	zip := widget.NewCheck("One .zip file instead of a folder", nil)
	dialog.ShowCustomConfirm("Export documentation", "Choose folder…", "Cancel", container.NewVBox(
		wrapped("The model card, the datasheet, the decision journal, the answered checklist and the exploration and evaluation reports, in HTML, Markdown and PDF."),
		zip), func(ok bool) {
		if !ok {
			return
		}
		dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
			if err != nil || dir == nil {
				u.showError(err)
				return
			}
			u.writeDocumentation(filepath.Join(dir.Path(), "documentation"), zip.Checked)
		}, u.win)
	}, u.win)
}

// writeDocumentation writes the bundle to out (out.zip when zipped) as a
// background job and says what it wrote and what it lacks.
func (u *UI) writeDocumentation(out string, zip bool) {
	p := u.proj
	u.tasks.Start(jobExportDocs.on(out), "Writing the documentation to "+out, func(ctx context.Context, report progress.Func) error {
		in, err := docs.FromProject(p)
		if err != nil {
			return err
		}
		m, err := docs.Write(ctx, in, out, docs.Options{Zip: zip, Style: u.plotStyle()}, report)
		if err != nil {
			return err
		}
		msg := fmt.Sprintf("The documentation is in %s.", m.Path)
		if miss := in.Missing(); len(miss) > 0 {
			msg += "\n\nIt leaves out: " + strings.Join(miss, "; ") + "."
		}
		fyne.Do(func() { dialog.ShowInformation("Documentation written", msg, u.win) })
		return nil
	})
}
