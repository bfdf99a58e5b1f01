package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
)

func (u *UI) showAbout() {
	text := widget.NewRichTextFromMarkdown("**Modelbench " + workflow.AppVersion + "**\n\n" +
		"A workbench that walks you through the whole machine-learning process: data, exploration, preparation, training, evaluation and deployment.\n\n" +
		"Bundled samples: " + strings.Join(sampleIDs(), ", ") + ".")
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom("About Modelbench", "Close", text, u.win)
	d.Resize(fyne.NewSize(480, 260))
	d.Show()
}

// onDropped loads the first dropped file: a project or a data file.
func (u *UI) onDropped(_ fyne.Position, uris []fyne.URI) {
	if len(uris) == 0 {
		return
	}
	path := uris[0].Path()
	if strings.HasSuffix(strings.ToLower(path), workflow.FileExtension) {
		u.openProject(path)
		return
	}
	u.selectStage(workflow.StageData)
	u.openDataFile(path)
}
