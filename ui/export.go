package ui

import (
	"context"
	"errors"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots"
	"modelbench/plots/report"
	"modelbench/workflow/progress"
	"modelbench/workflow/source"
)

// exportEDAReport asks for a folder and writes the exploration report
// there as exploration.html and exploration.md with its figures.
func (u *UI) exportEDAReport() {
	r, t := u.proj.Exploration(), u.proj.Table()
	if r == nil || t == nil {
		u.showError(errNoExploration)
		return
	}
	u.showFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			u.showError(err)
			return
		}
		folder := dir.Path()
		u.tasks.Start(jobExportReport.on(folder), "Writing the exploration report to "+folder, func(ctx context.Context, rep progress.Func) error {
			doc := report.EDA(t, r, plots.Light())
			if _, err := doc.WriteFiles(folder, "exploration"); err != nil {
				return err
			}
			fyne.Do(func() {
				dialog.ShowInformation("Report written", "The exploration report is in "+folder+" (exploration.html and exploration.md).", u.win)
			})
			return nil
		})
	})
}

// exportData writes the table — as loaded, or every row through the
// fitted preparation — to CSV, Parquet or Excel, by the extension chosen.
func (u *UI) exportData() {
	t := u.proj.Table()
	if t == nil {
		u.showError(errors.New("load a table first"))
		return
	}
	choice := widget.NewRadioGroup([]string{exportRaw, exportPrepared}, nil)
	choice.SetSelected(exportRaw)
	if u.proj.Preparation() == nil {
		choice.Disable()
	}
	dialog.ShowCustomConfirm("Export data", "Choose file…", "Cancel", choice, func(ok bool) {
		if ok {
			u.exportDataTo(choice.Selected == exportPrepared)
		}
	}, u.win)
}

const (
	exportRaw      = "the table as loaded"
	exportPrepared = "every row through the fitted preparation"
)

func (u *UI) exportDataTo(prepared bool) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			u.showError(err)
			return
		}
		path := w.URI().Path()
		w.Close()
		t, res := u.proj.Table(), u.proj.Preparation()
		u.tasks.Start(jobExportData.on(path), "Exporting to "+path, func(ctx context.Context, report progress.Func) error {
			frame := t.Frame
			if prepared {
				var err error
				if frame, err = res.Fitted.Apply(ctx, frame); err != nil {
					return err
				}
			}
			return source.Export(ctx, frame, path, report)
		})
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{".csv", ".parquet", ".xlsx"}))
	d.SetFileName("data.csv")
	u.showFileDialog(d)
}
