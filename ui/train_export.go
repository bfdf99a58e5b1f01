package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/storage"

	"modelbench/workflow"
	"modelbench/workflow/artifact"
	"modelbench/workflow/progress"
)

var errNoChosen = errors.New("choose a model on the leaderboard first")

// chosenArtifact returns the model carried forward, or nil.
func (u *UI) chosenArtifact() *artifact.Artifact {
	if tr := u.proj.Training(); tr != nil {
		return tr.Chosen
	}
	return nil
}

// saveModel writes the chosen model (fitted pipeline and model) as
// model.json into a folder the user picks.
func (u *UI) saveModel() {
	a := u.chosenArtifact()
	if a == nil {
		u.showError(errNoChosen)
		return
	}
	u.showFolderOpen(func(dir fyne.ListableURI, err error) {
		if err != nil || dir == nil {
			u.showError(err)
			return
		}
		u.saveModelTo(a, dir.Path())
	})
}

// saveModelTo writes a as model.json into dir in the background, as its
// own job, and then says where it went and how to score with it.
func (u *UI) saveModelTo(a *artifact.Artifact, dir string) {
	u.tasks.Start(jobSaveModel.on(dir), "Saving the model to "+dir, func(context.Context, progress.Func) error {
		path, err := a.Save(dir)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			dialog.ShowInformation("Model saved", "The fitted preparation and model are in "+path+
				".\nScore new data with: modelbench predict "+dir+" new.csv --out scored.csv", u.win)
		})
		return nil
	})
}

// scoreFile predicts a data file with the chosen model and writes the
// file with prediction (and probability) columns beside it.
func (u *UI) scoreFile() {
	a := u.chosenArtifact()
	if a == nil {
		u.showError(errNoChosen)
		return
	}
	d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			u.showError(err)
			return
		}
		in := r.URI().Path()
		r.Close()
		u.startScore(a, in)
	}, u.win)
	d.SetFilter(storage.NewExtensionFileFilter(dataExtensions))
	u.showFileDialog(d)
}

// startScore scores the file in with a in the background, as its own job:
// it runs beside a training or a tuning, and scoring another file runs
// beside it too. The scored file goes beside in.
func (u *UI) startScore(a *artifact.Artifact, in string) {
	out := strings.TrimSuffix(in, filepath.Ext(in)) + "_scored.csv"
	u.tasks.Start(jobScoreFile.on(out), "Scoring "+filepath.Base(in), func(ctx context.Context, report progress.Func) error {
		n, err := scoreToFile(ctx, a, in, out, report)
		if err != nil {
			return err
		}
		fyne.Do(func() {
			dialog.ShowInformation("Scored", fmt.Sprintf("%d rows scored; the predictions are in %s", n, out), u.win)
		})
		return nil
	})
}

// scoreToFile predicts every row of in and writes its cells as read,
// followed by the prediction columns, to out (workflow.Score).
func scoreToFile(ctx context.Context, a *artifact.Artifact, in, out string, report progress.Func) (int, error) {
	f, err := os.Create(out)
	if err != nil {
		return 0, err
	}
	n, err := workflow.Score(ctx, a, workflow.DataRef{Path: in}, "", f, false, report)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out) // no half-written file
	}
	return n, err
}
