package ui

import (
	"context"
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots"
	"modelbench/plots/explore"
	"modelbench/workflow"
	"modelbench/workflow/eda"
	"modelbench/workflow/progress"
)

// exploreScreen is the Explore step: alerts with their evidence, each
// column's statistics and plots, correlations, missing values and a pair
// plot. The description runs in the background when the step opens.
type exploreScreen struct {
	u       *UI
	report  *eda.Report
	header  *widget.Label
	run     *widget.Button
	tabs    *container.AppTabs
	alerts  *alertsPanel
	columns *columnsPanel
	corr    *figureView
	missing *figureView
	pair    *pairPanel
	obj     fyne.CanvasObject
}

func newExploreScreen(u *UI) *exploreScreen {
	s := &exploreScreen{u: u, header: widget.NewLabel("")}
	s.header.Wrapping = fyne.TextWrapWord
	s.run = widget.NewButtonWithIcon("Explore again", theme.ViewRefreshIcon(), s.start)
	report := widget.NewButtonWithIcon("Export report…", theme.DocumentSaveIcon(), func() { u.exportEDAReport() })
	s.alerts = newAlertsPanel(u)
	s.columns = newColumnsPanel(u)
	s.corr = newFigureView(u, "correlations", fyne.NewSize(360, 300))
	s.missing = newFigureView(u, "missing", fyne.NewSize(360, 300))
	s.pair = newPairPanel(u)
	spearman := widget.NewCheck("Rank (Spearman) instead of linear (Pearson) correlation", func(on bool) { s.showCorrelations(on) })
	s.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon("Alerts", theme.WarningIcon(), s.alerts.Object()),
		container.NewTabItemWithIcon("Columns", theme.ListIcon(), s.columns.Object()),
		container.NewTabItem("Correlations", border(spearman, nil, nil, nil, s.corr.Object())),
		container.NewTabItem("Missing values", s.missing.Object()),
		container.NewTabItem("Pair plot", s.pair.Object()),
	)
	s.obj = border(border(nil, nil, nil, container.NewHBox(s.run, report), s.header), nil, nil, nil, s.tabs)
	return s
}

func (s *exploreScreen) Object() fyne.CanvasObject { return s.obj }

// Refresh shows the latest report, starting a description when there is
// none or the data changed since.
func (s *exploreScreen) Refresh() {
	p := s.u.proj
	st := p.Status(workflow.StageExplore)
	r := p.Exploration()
	switch {
	case st == workflow.Running:
		s.header.SetText("Describing the table…")
	case st == workflow.Ready && r == nil:
		s.start()
		return
	case st == workflow.Stale:
		s.header.SetText("The data changed since this description was made: press Explore again to update it.")
	case st == workflow.Failed:
		s.header.SetText("The description failed: " + p.Error(workflow.StageExplore))
	}
	if r == nil || r == s.report {
		return
	}
	s.report = r
	if st == workflow.Done {
		s.header.SetText(reportHeadline(r))
	}
	s.tabs.Items[0].Text = fmt.Sprintf("Alerts (%d)", len(r.Alerts))
	s.tabs.Refresh()
	t := p.Table()
	s.alerts.show(t, r)
	s.columns.show(t, r)
	s.showCorrelations(false)
	style := s.u.plotStyle()
	s.missing.show(func() (*plots.Figure, error) { return explore.Missing(r, style) })
	s.pair.show(t, r)
}

func (s *exploreScreen) showCorrelations(spearman bool) {
	r := s.report
	if r == nil {
		return
	}
	style := s.u.plotStyle()
	s.corr.show(func() (*plots.Figure, error) { return explore.Correlations(r, spearman, style) })
}

// start describes the table in the background.
func (s *exploreScreen) start() {
	p := s.u.proj
	s.u.tasks.Start(jobExplore, "Exploring the data", func(ctx context.Context, report progress.Func) error {
		_, err := p.RunExplore(ctx, report)
		return err
	})
}

func reportHeadline(r *eda.Report) string {
	crit, warn := 0, 0
	for _, a := range r.Alerts {
		switch a.Severity {
		case eda.Critical:
			crit++
		case eda.Warning:
			warn++
		}
	}
	target := "no target chosen"
	if r.Target != "" {
		target = fmt.Sprintf("target %q (%s)", r.Target, r.Task)
	}
	return fmt.Sprintf("%s rows, %d columns, %s. %d critical and %d warning alerts, %d duplicate rows. Start with the alerts: each says what was found, why it matters and what to do.",
		thousands(r.Rows), len(r.Columns), target, crit, warn, r.Duplicates.Count)
}

// plotStyle follows the app's light or dark theme: the one chosen in the
// preferences, else the system's.
func (u *UI) plotStyle() plots.Style {
	dark := u.app.Settings().ThemeVariant() == theme.VariantDark
	switch u.prefs.theme() {
	case themeDark:
		dark = true
	case themeLight:
		dark = false
	}
	if dark {
		return plots.Dark()
	}
	return plots.Light()
}
