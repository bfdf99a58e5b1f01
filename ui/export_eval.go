package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"

	"modelbench/plots"
	"modelbench/plots/report"
	"modelbench/workflow/progress"
)

// exportEvaluationReport asks for a folder and writes the evaluation
// report there as evaluation.html and evaluation.md with its figures.
func (u *UI) exportEvaluationReport() {
	r := u.proj.Evaluation()
	if r == nil {
		u.showError(errNoEvaluation)
		return
	}
	doc := u.proj.Document()
	u.showFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			u.showError(err)
			return
		}
		folder := dir.Path()
		u.tasks.Start(jobExportReport.on(folder), "Writing the evaluation report to "+folder, func(ctx context.Context, _ progress.Func) error {
			d := report.Evaluation(r.Model, r.Part, r.Assessment, r.Issues, doc.Train.Why, plots.Light())
			if _, err := d.WriteFiles(folder, "evaluation"); err != nil {
				return err
			}
			fyne.Do(func() {
				dialog.ShowInformation("Report written", "The evaluation report is in "+folder+" (evaluation.html and evaluation.md).", u.win)
			})
			return nil
		})
	})
}
