package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/param"
	"modelbench/workflow/prep"
	"modelbench/workflow/progress"
)

var (
	errNoExploration = errors.New("explore the data first")
	errNoEvaluation  = errors.New("evaluate the chosen model first")
)

// prepareScreen is the Prepare step: the split, the ordered list of
// preparation steps with their reasons, a form per step, a before/after
// preview, and fitting the pipeline on the training rows.
type prepareScreen struct {
	u       *UI
	split   *splitPanel
	steps   *stepsPanel
	preview *previewPanel
	status  *widget.Label
	fitted  *widget.Label
	tabs    *container.AppTabs
	obj     fyne.CanvasObject
}

func newPrepareScreen(u *UI) *prepareScreen {
	s := &prepareScreen{u: u, status: widget.NewLabel(""), fitted: widget.NewLabel("")}
	s.status.Wrapping = fyne.TextWrapWord
	s.fitted.Wrapping = fyne.TextWrapWord
	s.split = newSplitPanel(u)
	s.preview = newPreviewPanel(u)
	s.steps = newStepsPanel(u, s.preview.showStep)
	apply := widget.NewButtonWithIcon("Fit the pipeline", theme.MediaPlayIcon(), s.run)
	apply.Importance = widget.HighImportance
	top := border(nil, nil, nil, apply, s.status)
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Step", theme.DocumentCreateIcon(), s.steps.editorObject()),
		container.NewTabItemWithIcon("Before/after", theme.VisibilityIcon(), s.preview.Object()),
		container.NewTabItemWithIcon("Learnt", theme.InfoIcon(), container.NewVScroll(s.fitted)),
	)
	left := border(s.split.Object(), nil, nil, nil, s.steps.listObject())
	body := container.NewHSplit(left, s.tabs)
	u.rememberSplit("prepare", body, 0.4)
	s.obj = border(top, nil, nil, nil, body)
	return s
}

func (s *prepareScreen) Object() fyne.CanvasObject { return s.obj }

// Refresh shows the project's pipeline, split and last fit.
func (s *prepareScreen) Refresh() {
	p := s.u.proj
	s.split.show(p)
	s.steps.show(p)
	s.status.SetText(prepareStatus(p))
	if r := p.Preparation(); r != nil {
		s.fitted.SetText("What the fitted steps learnt:\n" + strings.Join(r.Fitted.Describe(), "\n"))
	} else {
		s.fitted.SetText("")
	}
}

func prepareStatus(p *workflow.Project) string {
	r := p.Preparation()
	switch p.Status(workflow.StagePrepare) {
	case workflow.Running:
		return "Fitting the pipeline…"
	case workflow.Failed:
		return "The pipeline could not be fitted: " + p.Error(workflow.StagePrepare)
	case workflow.Stale:
		return "The pipeline or the data changed since it was fitted: fit it again before training."
	case workflow.Done:
		msg := fmt.Sprintf("Fitted on %s training rows; %s validation and %s test rows (the test rows stay locked until Evaluate). %d columns go to the models.",
			thousands(len(r.Split.Train)), thousands(len(r.Split.Valid)), thousands(len(r.Split.Test)), len(r.Fitted.Features()))
		if r.Dropped > 0 {
			msg += fmt.Sprintf(" %s rows without a target were left out.", thousands(r.Dropped))
		}
		return msg
	}
	return "Check the split and the steps, then fit the pipeline: every step learns from the training rows only."
}

// run fits the pipeline in the background.
func (s *prepareScreen) run() {
	p := s.u.proj
	s.u.tasks.Start(jobPrepare, "Fitting the preparation", func(ctx context.Context, report progress.Func) error {
		_, err := p.RunPrepare(ctx, report)
		return err
	})
}

// addSuggestedStep appends a step suggested by an Explore alert to the
// preparation pipeline and shows the Prepare step.
func (u *UI) addSuggestedStep(kind string, params map[string]any, why string) {
	pl, _ := u.proj.Pipeline()
	step := prep.Configure(kind, param.Values(params), why)
	if err := u.proj.SetPipeline(pl.Append(step), "added the step "+kind, why); err != nil {
		u.showError(err)
		return
	}
	u.selectStage(workflow.StagePrepare)
}
