package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"modelbench/plots"
	"modelbench/plots/report"
	"modelbench/workflow"
	"modelbench/workflow/progress"
)

// exportEDAReport asks for a folder and writes the exploration report
// there as exploration.html and exploration.md with its figures.
func (u *UI) exportEDAReport() {
	r, t := u.proj.Exploration(), u.proj.Table()
	if r == nil || t == nil {
		u.showError(errNoExploration)
		return
	}
	dialog.ShowFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			u.showError(err)
			return
		}
		folder := dir.Path()
		u.tasks.Start(workflow.StageExplore, "Writing the exploration report", func(ctx context.Context, rep progress.Func) error {
			doc := report.EDA(t, r, plots.Light())
			if _, err := doc.WriteFiles(folder, "exploration"); err != nil {
				return err
			}
			fyne.Do(func() {
				dialog.ShowInformation("Report written", "The exploration report is in "+folder+" (exploration.html and exploration.md).", u.win)
			})
			return nil
		})
	}, u.win)
}
