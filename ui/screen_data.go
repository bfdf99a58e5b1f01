package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/workflow"
	"modelbench/workflow/data"
)

// dataScreen is the Data step: open a table, preview it, and set each
// column's type and role with the reason shown.
type dataScreen struct {
	u       *UI
	tabs    *container.AppTabs
	preview *container.TabItem
	summary *widget.Label
	issues  *widget.Label
	table   *widget.Table
	columns *columnPanel
	shown   *data.Table
	obj     fyne.CanvasObject
}

func newDataScreen(u *UI) *dataScreen {
	s := &dataScreen{u: u, summary: widget.NewLabel("No data yet."), issues: widget.NewLabel("")}
	s.summary.TextStyle.Bold = true
	s.summary.Wrapping = fyne.TextWrapWord
	s.issues.Wrapping = fyne.TextWrapWord
	s.issues.Importance = widget.WarningImportance
	s.issues.Hide()
	s.table = s.newTable()
	s.columns = newColumnPanel(u)
	split := container.NewHSplit(s.table, s.columns.Object())
	u.rememberSplit("data", split, 0.62)
	s.preview = container.NewTabItemWithIcon("Table", theme.GridIcon(), border(container.NewVBox(s.summary, s.issues), nil, nil, nil, split))
	gallery := container.NewTabItemWithIcon("Sample datasets", theme.StorageIcon(), newGallery(func(id string) {
		u.loadData(workflow.DataRef{Sample: id})
	}))
	s.tabs = container.NewAppTabs(s.preview, gallery)
	open := widget.NewButtonWithIcon("Open file…", theme.FolderOpenIcon(), u.openDataDialog)
	open.Importance = widget.HighImportance
	recent := widget.NewButtonWithIcon("Recent", theme.HistoryIcon(), nil)
	recent.OnTapped = func() {
		widget.ShowPopUpMenuAtRelativePosition(u.recentMenu(), u.win.Canvas(), fyne.NewPos(0, recent.Size().Height), recent)
	}
	hint := widget.NewLabel("or drop a file on the window")
	hint.Importance = widget.LowImportance
	s.obj = border(container.NewHBox(open, recent, hint), nil, nil, nil, s.tabs)
	return s
}

func (s *dataScreen) Object() fyne.CanvasObject { return s.obj }

// Refresh shows the project's current table.
func (s *dataScreen) Refresh() {
	t := s.u.proj.Table()
	if t == nil {
		s.summary.SetText("No data yet: open a file or pick a sample dataset.")
		s.tabs.Select(s.tabs.Items[1])
		s.shown = nil
		s.columns.show(nil)
		s.table.Refresh()
		return
	}
	newTable := s.shown == nil || s.shown.Frame != t.Frame
	s.shown = t
	s.summary.SetText(summaryLine(t))
	if txt := issueText(t, s.u.proj.Error(workflow.StageData)); txt != "" {
		s.issues.SetText(txt)
		s.issues.Show()
	} else {
		s.issues.Hide()
	}
	if newTable {
		s.sizeColumns(t.Frame)
		s.table.ScrollToTop()
		s.tabs.Select(s.preview)
	}
	s.table.Refresh()
	s.columns.show(t)
}

// summaryLine is "name — rows × columns · memory · missing cells".
func summaryLine(t *data.Table) string {
	f := t.Frame
	cells := f.NumRows() * f.NumCols()
	miss := f.MissingCells()
	pct := 0.0
	if cells > 0 {
		pct = 100 * float64(miss) / float64(cells)
	}
	target, _ := t.Schema.Target()
	if target == "" {
		target = "none chosen"
	}
	return fmt.Sprintf("%s — %s rows × %d columns · %s in memory · %s missing cells (%.1f%%) · target: %s",
		baseName(t.Source), thousands(f.NumRows()), f.NumCols(), humanBytes(f.MemSize()), thousands(miss), pct, target)
}

func issueText(t *data.Table, loadErr string) string {
	var lines []string
	if loadErr != "" {
		lines = append(lines, "The last load failed, the table below is the previous one: "+loadErr)
	}
	for _, is := range t.Issues {
		lines = append(lines, "• "+is.Text)
	}
	return strings.Join(lines, "\n")
}

func (s *dataScreen) newTable() *widget.Table {
	t := widget.NewTableWithHeaders(
		func() (int, int) {
			if s.shown == nil {
				return 0, 0
			}
			// Fyne 2.7's Table treats every row as visible while it has
			// no size (a hidden tab) and makes a divider per row: with a
			// million rows that froze the window for half a minute. Until
			// it is laid out, report no rows.
			if s.table != nil && s.table.Size().Height <= 0 {
				return 0, s.shown.Frame.NumCols()
			}
			return s.shown.Frame.NumRows(), s.shown.Frame.NumCols()
		},
		func() fyne.CanvasObject {
			l := widget.NewLabel("template value")
			l.Truncation = fyne.TextTruncateEllipsis
			return l
		},
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if s.shown == nil || id.Col >= s.shown.Frame.NumCols() || id.Row >= s.shown.Frame.NumRows() {
				l.SetText("")
				return
			}
			c := s.shown.Frame.Col(id.Col)
			if c.IsMissing(id.Row) {
				l.Importance = widget.LowImportance
				l.SetText("—")
				return
			}
			l.Importance = widget.MediumImportance
			l.SetText(c.Format(id.Row))
		})
	t.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		switch {
		case s.shown == nil:
			l.SetText("")
		case id.Row < 0 && id.Col >= 0 && id.Col < s.shown.Frame.NumCols():
			f, _ := s.shown.Schema.Field(s.shown.Frame.Col(id.Col).Name())
			l.SetText(f.Name + roleMark(f.Role))
			l.TextStyle.Bold = true
		case id.Col < 0:
			l.SetText(fmt.Sprint(id.Row + 1))
		}
	}
	return t
}

// roleMark tags headers so the target and excluded columns stand out.
func roleMark(r data.Role) string {
	switch r {
	case data.Target:
		return " (target)"
	case data.Identifier, data.Ignored:
		return " (" + r.String() + ")"
	}
	return ""
}

// sizeColumns sets each column's width from its header and first values.
func (s *dataScreen) sizeColumns(f *data.Frame) {
	s.table.SetColumnWidth(-1, float32(len(thousands(f.NumRows())))*10+24)
	for j := 0; j < f.NumCols(); j++ {
		c := f.Col(j)
		fl, _ := s.shown.Schema.Field(c.Name())
		w := len([]rune(c.Name()+roleMark(fl.Role))) + 2
		for i := 0; i < f.NumRows() && i < 50; i++ {
			if n := len([]rune(c.Format(i))); n > w {
				w = n
			}
		}
		px := min(max(float32(w)*9+24, 70), 300)
		s.table.SetColumnWidth(j, px)
	}
}

func baseName(source string) string {
	if i := strings.LastIndexAny(source, `/\`); i >= 0 {
		return source[i+1:]
	}
	return source
}

func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func humanBytes(n int64) string {
	switch {
	case n >= 1<<30:
		return fmt.Sprintf("%.1f GB", float64(n)/(1<<30))
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%.0f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}
