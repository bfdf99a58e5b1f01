package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/deploy"
	"modelbench/workflow/progress"
)

// deployScreen is the Deploy step: the deployment checklist by section
// with the evidence the project fills in, the ML Test Score, the forms
// only a person can answer (purpose, model card, datasheet), and the
// exports, and the Monitor tab (the deployed model's drift and live
// metrics, retraining and its versions). Everything it shows comes from Project.Checklist; every answer
// goes through the project (saved, journaled).
type deployScreen struct {
	u       *UI
	result  *deploy.Result
	header  *widget.Label
	scores  *widget.Label
	items   *checklistPanel
	tests   *mlTestsPanel
	forms   *formsPanel
	monitor *monitorPanel
	tabs    *container.AppTabs
	obj     fyne.CanvasObject
	repro   *widget.Button
	docsBtn *widget.Button
	pkgBtn  *widget.Button
}

func newDeployScreen(u *UI) *deployScreen {
	s := &deployScreen{u: u, header: widget.NewLabel(""), scores: widget.NewLabel("")}
	s.header.Wrapping = fyne.TextWrapWord
	s.scores.TextStyle.Bold = true
	s.scores.Wrapping = fyne.TextWrapWord
	s.items = newChecklistPanel(u)
	s.tests = newMLTestsPanel(u)
	s.forms = newFormsPanel(u)
	s.monitor = newMonitorPanel(u)
	s.docsBtn = widget.NewButtonWithIcon("Export documentation…", theme.DocumentSaveIcon(), u.exportDocumentation)
	s.docsBtn.Importance = widget.HighImportance
	s.pkgBtn = widget.NewButtonWithIcon("Export package…", theme.UploadIcon(), u.exportPackage)
	s.pkgBtn.Importance = widget.HighImportance
	s.repro = widget.NewButtonWithIcon("Check reproducibility", theme.ViewRefreshIcon(), s.checkReproducible)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Checklist", theme.ListIcon(), s.items.Object()),
		container.NewTabItem("ML Test Score", s.tests.Object()),
		container.NewTabItem("Purpose and documents", s.forms.Object()),
		container.NewTabItemWithIcon("Monitor", theme.VisibilityIcon(), s.monitor.Object()),
	)
	top := container.NewVBox(s.header, s.scores, container.NewHBox(s.docsBtn, s.pkgBtn, s.repro))
	s.obj = container.NewBorder(top, nil, nil, nil, s.tabs)
	return s
}

func (s *deployScreen) Object() fyne.CanvasObject { return s.obj }

// Refresh assesses the checklist again and shows it.
func (s *deployScreen) Refresh() {
	p := s.u.proj
	r, err := p.Checklist()
	if err != nil {
		s.header.SetText("The checklist definition cannot be read: " + err.Error())
		return
	}
	s.result = r
	s.header.SetText(deployHeader(p))
	s.scores.SetText(scoreLine(r))
	s.items.show(r)
	s.tests.show(r)
	s.forms.show(p.DeployState(), p.DeployFacts())
	s.monitor.refresh(p)
}

// deployHeader says what the Deploy step is about for the chosen model.
func deployHeader(p *workflow.Project) string {
	d := p.Document()
	var b strings.Builder
	fmt.Fprintf(&b, "Before %q goes live: answer what the project cannot know, and check what it found. ", d.Train.Chosen)
	if p.Status(workflow.StageEvaluate) != workflow.Done {
		b.WriteString("The model has not been evaluated on the test rows yet: the items that need the test result say so. ")
	}
	b.WriteString("Answers are saved in the project and recorded in the decision journal.")
	return b.String()
}

// scoreLine states the readiness and the ML Test Score with its reading.
func scoreLine(r *deploy.Result) string {
	return fmt.Sprintf("Readiness %.0f%%   ·   ML Test Score %g (weakest: %s) — %s", r.Readiness, r.ML.Score, r.ML.Weakest, r.ML.Reading)
}

// checkReproducible refits the chosen model from its record in the
// background and shows the outcome through the checklist's evidence.
func (s *deployScreen) checkReproducible() {
	p := s.u.proj
	s.u.tasks.Start(jobReproduce, "Refitting the model from its record", func(ctx context.Context, report progress.Func) error {
		_, err := p.CheckReproducible(ctx, report)
		return err
	})
}
