package ui

import (
	"context"
	"fmt"
	"sort"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots"
	"modelbench/plots/modelview"
	"modelbench/workflow"
	"modelbench/workflow/eval"
	"modelbench/workflow/progress"
)

var boardHeader = []string{"#", "model", "score", "± spread", "vs baseline", "fit s", "size"}

// boardPanel shows the leaderboard, the selected entry's details and
// comparison with the best, and lets the user choose a model with a reason.
type boardPanel struct {
	u        *UI
	res      *workflow.TrainResult
	table    *widget.Table
	selected int
	detail   *widget.Label
	why      *reasonEntry
	choose   *widget.Button
	chart    *figureView
	inside   *figureView
	roc      *figureView
	obj      fyne.CanvasObject
}

func newBoardPanel(u *UI) *boardPanel {
	b := &boardPanel{u: u, selected: -1, detail: widget.NewLabel("No leaderboard yet: tick the learners and press Train and compare (Ctrl+T)."), why: newReasonEntry()}
	b.detail.Wrapping = fyne.TextWrapWord
	b.why.SetPlaceHolder("Why this model? (for example: best balanced accuracy, the difference to the next is more than the spread, fast enough)")
	b.why.Wrapping = fyne.TextWrapWord
	b.why.SetMinRowsVisible(2)
	b.choose = widget.NewButtonWithIcon("Choose this model", theme.ConfirmIcon(), b.chooseSelected)
	b.choose.Disable()
	b.chart = newFigureView(u, "leaderboard", fyne.NewSize(280, 220))
	b.inside = newFigureView(u, "inside", fyne.NewSize(280, 220))
	b.roc = newFigureView(u, "oof-roc", fyne.NewSize(280, 220))
	b.table = widget.NewTableWithHeaders(b.size, func() fyne.CanvasObject { return widget.NewLabel("0.0000 model name") }, b.cell)
	b.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		l := o.(*widget.Label)
		if id.Row < 0 && id.Col >= 0 {
			l.SetText(boardHeader[id.Col])
		} else {
			l.SetText("")
		}
	}
	b.table.ShowHeaderColumn = false
	for i, w := range []float32{36, 150, 80, 80, 100, 70, 80} {
		b.table.SetColumnWidth(i, w)
	}
	b.table.OnSelected = func(id widget.TableCellID) { b.selectEntry(id.Row) }
	figs := container.NewAppTabs(container.NewTabItem("Scores", b.chart.Object()),
		container.NewTabItem("ROC", b.roc.Object()),
		container.NewTabItem("Inside", b.inside.Object()))
	save := widget.NewButtonWithIcon("Save model…", theme.DocumentSaveIcon(), u.saveModel)
	score := widget.NewButtonWithIcon("Score…", theme.FileIcon(), u.scoreFile)
	detail := border(nil, container.NewVBox(b.why, container.NewHBox(b.choose), container.NewHBox(save, score)), nil, nil, container.NewVScroll(b.detail))
	bottom := container.NewHSplit(detail, figs)
	u.rememberSplit("train-board-bottom", bottom, 0.4)
	split := container.NewVSplit(b.table, bottom)
	u.rememberSplit("train-board", split, 0.35)
	b.obj = split
	return b
}

func (b *boardPanel) Object() fyne.CanvasObject { return b.obj }

func (b *boardPanel) size() (int, int) {
	if b.res == nil {
		return 0, len(boardHeader)
	}
	return len(b.res.Board.Entries), len(boardHeader)
}

func (b *boardPanel) cell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	e := b.res.Board.Entries[id.Row]
	base := b.baseline()
	l.TextStyle.Bold = e.Name == b.u.proj.Document().Train.Chosen
	var text string
	switch id.Col {
	case 0:
		text = fmt.Sprint(id.Row + 1)
	case 1:
		text = e.Name
		if e.Baseline && e.Name != eval.BaselineName {
			text += " (baseline)"
		}
	case 2:
		text = fmt.Sprintf("%.4f", e.Score)
	case 3:
		text = fmt.Sprintf("%.4f", e.Std)
	case 4:
		text = fmt.Sprintf("%+.4f", e.Score-base.Score)
	case 5:
		text = fmt.Sprintf("%.2f", e.FitSeconds)
	case 6:
		text = humanBytes(int64(e.ModelBytes))
	}
	l.SetText(text)
}

func (b *boardPanel) baseline() eval.Entry {
	for _, e := range b.res.Board.Entries {
		if e.Baseline {
			return e
		}
	}
	return eval.Entry{}
}

// show displays a train result (nil clears the board).
func (b *boardPanel) show(res *workflow.TrainResult) {
	if res == b.res {
		return
	}
	b.res = res
	b.table.Refresh()
	b.selected = -1
	b.choose.Disable()
	if res == nil {
		b.detail.SetText("No leaderboard yet: tick the learners and press Train and compare (Ctrl+T).")
		b.chart.clear("No leaderboard yet.")
		b.inside.clear("Choose a model to see inside it.")
		return
	}
	b.detail.SetText(boardSummary(res))
	board, style := res.Board, b.u.plotStyle()
	b.chart.show(func() (*plots.Figure, error) { return modelview.Leaderboard(board, style) })
	b.roc.show(func() (*plots.Figure, error) { return modelview.OutOfFoldROC(board, style) })
	if res.Chosen != nil {
		m, classes := res.Chosen.Model, res.Chosen.Classes
		b.inside.show(func() (*plots.Figure, error) { return modelview.Inspect(m, classes, style) })
	} else {
		b.inside.clear("Choose a model to see inside it.")
	}
}

func boardSummary(res *workflow.TrainResult) string {
	lines := []string{fmt.Sprintf("Ranked by %s over %d fold(s) of %s development rows; the test rows were not used.",
		res.Board.Metric, len(res.Board.Entries[0].FoldScores), thousands(len(res.DevRows)))}
	for _, is := range res.Board.Issues {
		lines = append(lines, "• "+is.Text)
	}
	return strings.Join(lines, "\n")
}

// selectEntry shows an entry's folds, parameters and its comparison with
// the best model.
func (b *boardPanel) selectEntry(row int) {
	if b.res == nil || row < 0 || row >= len(b.res.Board.Entries) {
		return
	}
	b.selected = row
	e := b.res.Board.Entries[row]
	var lines []string
	lines = append(lines, fmt.Sprintf("%s: %s %.4f ± %.4f (folds: %s)", e.Name, b.res.Board.Metric, e.Score, e.Std, foldList(e.FoldScores)))
	if len(e.Params) > 0 {
		lines = append(lines, "Parameters: "+paramList(e.Params))
	}
	best := b.res.Board.Best()
	if best.Name != e.Name {
		if c, err := b.res.Board.Compare(best.Name, e.Name); err == nil {
			lines = append(lines, "Compared with the best ("+best.Name+"): "+c.Sentence)
		}
	}
	b.detail.SetText(boardSummary(b.res) + "\n\n" + strings.Join(lines, "\n"))
	b.choose.Enable()
}

func foldList(v []float64) string {
	parts := make([]string, len(v))
	for i, x := range v {
		parts[i] = fmt.Sprintf("%.3f", x)
	}
	return strings.Join(parts, ", ")
}

func paramList(p map[string]any) string {
	keys := make([]string, 0, len(p))
	for k := range p {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = k + "=" + formatValue(p[k])
	}
	return strings.Join(parts, ", ")
}

// chooseSelected fits the selected entry on every development row and
// carries it forward.
func (b *boardPanel) chooseSelected() {
	if b.res == nil || b.selected < 0 {
		return
	}
	name, why, p := b.res.Board.Entries[b.selected].Name, b.why.Text, b.u.proj
	if strings.TrimSpace(why) == "" {
		b.u.showError(fmt.Errorf("write why you choose %s: the reason goes into the model card and the decision journal", name))
		return
	}
	b.u.tasks.Start(jobChoose, "Fitting "+name+" on all development rows", func(ctx context.Context, report progress.Func) error {
		_, err := p.ChooseModel(ctx, name, why, report)
		return err
	})
}
