package ui

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
)

// dataExtensions are the file types the open dialog offers.
var dataExtensions = []string{".csv", ".tsv", ".txt", ".tab", ".dat", ".gz", ".xlsx", ".json", ".ndjson", ".jsonl", ".parquet", ".arff", ".sqlite", ".sqlite3", ".db"}

const autosaveDelay = 1500 * time.Millisecond

// showErrorDialog shows an error in words; it must run on the UI goroutine.
func showErrorDialog(w fyne.Window, err error) {
	msg := widget.NewLabel(err.Error())
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("Something went wrong", "Close", msg, w)
	d.Resize(fyne.NewSize(560, 220))
	d.Show()
}

// openDataDialog lets the user pick a data file.
func (u *UI) openDataDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil {
			u.showError(err)
			return
		}
		if r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		u.picked(path)
		u.openDataFile(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter(dataExtensions))
	u.showFileDialog(d)
}

// openProjectDialog lets the user pick a project file.
func (u *UI) openProjectDialog() {
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			u.showError(err)
			return
		}
		path := r.URI().Path()
		r.Close()
		u.picked(path)
		u.openProject(path)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter([]string{workflow.FileExtension}))
	u.showFileDialog(d)
}

// saveProject saves to the project's file, asking for one the first time.
func (u *UI) saveProject(askPath bool) {
	if path := u.proj.Path(); path != "" && !askPath {
		u.saveProjectTo(path, false)
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			u.showError(err)
			return
		}
		path := w.URI().Path()
		w.Close()
		u.picked(path)
		u.saveProjectTo(path, true)
	}, u.win)
	d.SetFileName("project" + workflow.FileExtension)
	u.showFileDialog(d)
}

// saveProjectTo writes the project to path in the background, as its own
// job. A path without the project extension is a file the save dialog
// created: it is removed, since Save adds the extension. picked adds the
// saved file to the recent files.
func (u *UI) saveProjectTo(path string, picked bool) {
	p := u.proj
	u.tasks.Start(jobSaveProject.on(path), "Saving the project to "+path, func(ctxT, reportT) error {
		if picked && filepath.Ext(path) != workflow.FileExtension {
			os.Remove(path)
		}
		saved, err := p.Save(path)
		if err != nil {
			return err
		}
		if picked {
			fyne.Do(func() { u.addRecent(saved) })
		}
		return nil
	})
}

// offerRecovery asks whether to restore work left by a session that ended
// without saving.
func (u *UI) offerRecovery() {
	path := u.recoveryPath()
	doc, when, err := workflow.ReadRecovery(path)
	if err != nil {
		if !errors.Is(err, os.ErrNotExist) {
			u.showError(err)
		}
		return
	}
	what := "an unsaved project"
	if doc.RecoveredFrom != "" {
		what = "unsaved changes to " + doc.RecoveredFrom
	}
	msg := fmt.Sprintf("Modelbench closed without saving %s on %s.\nRestore that work?", what, when.Format("2 Jan 2006 at 15:04"))
	dialog.ShowConfirm("Restore unsaved work?", msg, func(yes bool) {
		if !yes {
			os.Remove(path)
			return
		}
		p := workflow.New()
		u.setProject(p)
		u.tasks.Start(jobLoad, "Restoring unsaved work", func(ctx ctxT, report reportT) error {
			return p.Restore(ctx, doc, report)
		})
	}, u.win)
}

// confirmQuit asks to save unsaved work before the window closes.
func (u *UI) confirmQuit() {
	if u.proj.Table() == nil || !u.dirty() {
		u.quit(true)
		return
	}
	dialog.ShowConfirm("Quit Modelbench?", "Your work is kept in a recovery file and offered again next time.\nDiscard it and quit anyway?", func(discard bool) {
		if discard {
			u.quit(true)
		}
	}, u.win)
}

// dirty reports whether the project has changes not yet in its file.
func (u *UI) dirty() bool {
	path := u.proj.Path()
	if path == "" {
		return true
	}
	st, err := os.Stat(path)
	return err != nil || u.proj.Document().Modified.After(st.ModTime())
}

func (u *UI) quit(discardRecovery bool) {
	u.tasks.CancelAll()
	u.saveLayout()
	if u.autosave != nil {
		u.autosave.Stop()
		if discardRecovery {
			u.autosave.Discard()
		}
	}
	u.app.Quit()
}

// shortPath shortens a path for menus.
func shortPath(p string) string {
	home, _ := os.UserHomeDir()
	if home != "" && strings.HasPrefix(p, home) {
		return "~" + p[len(home):]
	}
	return p
}

// ConfirmClose is the window's close intercept: it asks before unsaved
// work is dropped.
func (u *UI) ConfirmClose() { u.confirmQuit() }

// showFileDialog sizes a file dialog and opens it in the preferred folder:
// the one chosen in Preferences, else the folder of the last file picked.
func (u *UI) showFileDialog(d *dialog.FileDialog) {
	dir := u.prefs.folder()
	if dir == "" {
		dir = u.lastDir
	}
	if dir != "" {
		if st, err := os.Stat(dir); err == nil && st.IsDir() {
			if l, err := storage.ListerForURI(storage.NewFileURI(dir)); err == nil {
				d.SetLocation(l)
			}
		}
	}
	d.Resize(fyne.NewSize(900, 600))
	d.Show()
}

// showFolderOpen asks for a folder, starting where showFileDialog does;
// the folder picked is remembered for the next dialog.
func (u *UI) showFolderOpen(picked func(fyne.ListableURI, error)) {
	u.showFileDialog(dialog.NewFolderOpen(func(dir fyne.ListableURI, err error) {
		if err == nil && dir != nil {
			u.lastDir = dir.Path()
		}
		picked(dir, err)
	}, u.win))
}

// picked remembers the folder of a file chosen in a dialog.
func (u *UI) picked(path string) {
	if path != "" {
		u.lastDir = filepath.Dir(path)
	}
}
