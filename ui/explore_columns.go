package ui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"modelbench/plots"
	"modelbench/plots/explore"
	"modelbench/workflow/data"
	"modelbench/workflow/eda"
)

// columnsPanel lists the columns; selecting one shows its statistics, its
// distribution and how it relates to the target.
type columnsPanel struct {
	u      *UI
	t      *data.Table
	r      *eda.Report
	list   *widget.List
	stats  *widget.Label
	dist   *figureView
	target *figureView
	detail *fyne.Container
	obj    fyne.CanvasObject
}

func newColumnsPanel(u *UI) *columnsPanel {
	c := &columnsPanel{u: u, stats: widget.NewLabel("")}
	c.stats.TextStyle.Monospace = true
	c.dist = newFigureView(u, "distribution", fyne.NewSize(300, 220))
	c.target = newFigureView(u, "versus-target", fyne.NewSize(300, 220))
	c.list = widget.NewList(
		func() int {
			if c.r == nil {
				return 0
			}
			return len(c.r.Columns)
		},
		func() fyne.CanvasObject {
			meta := widget.NewLabel("association 0.00")
			meta.Importance = widget.LowImportance
			meta.Truncation = fyne.TextTruncateEllipsis
			name := widget.NewLabelWithStyle("column", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
			name.Truncation = fyne.TextTruncateEllipsis
			return container.NewVBox(name, meta)
		},
		func(id widget.ListItemID, o fyne.CanvasObject) {
			box := o.(*fyne.Container)
			st := c.r.Columns[id]
			box.Objects[0].(*widget.Label).SetText(st.Name)
			box.Objects[1].(*widget.Label).SetText(columnMeta(st))
		})
	c.list.OnSelected = func(id widget.ListItemID) { c.select_(id) }
	figs := container.NewAppTabs(container.NewTabItem("Distribution", c.dist.Object()), container.NewTabItem("Against the target", c.target.Object()))
	c.detail = border(nil, nil, container.NewVScroll(c.stats), nil, figs)
	c.detail.Hide()
	split := container.NewHSplit(c.list, c.detail)
	u.rememberSplit("explore-columns", split, 0.22)
	c.obj = split
	return c
}

func (c *columnsPanel) Object() fyne.CanvasObject { return c.obj }

func (c *columnsPanel) show(t *data.Table, r *eda.Report) {
	c.t, c.r = t, r
	c.list.UnselectAll()
	c.list.Refresh()
	c.detail.Hide()
}

func (c *columnsPanel) select_(id int) {
	st := c.r.Columns[id]
	c.stats.SetText(statsText(st))
	t, r, name, style := c.t, c.r, st.Name, c.u.plotStyle()
	c.dist.show(func() (*plots.Figure, error) { return explore.Column(t, r, name, style) })
	if name == r.Target || r.Target == "" {
		c.target.clear("This is the target itself, or no target is chosen.")
	} else {
		c.target.show(func() (*plots.Figure, error) { return explore.VersusTarget(t, r, name, style) })
	}
	c.detail.Show()
}

func columnMeta(st eda.ColumnStats) string {
	meta := st.Label + " · " + st.Role.String()
	if st.TargetAssociation != nil {
		meta += fmt.Sprintf(" · assoc. %.2f", *st.TargetAssociation)
	}
	return meta
}

// statsText lays a column's statistics out as aligned lines.
func statsText(st eda.ColumnStats) string {
	var b strings.Builder
	line := func(k, v string) { fmt.Fprintf(&b, "%-13s %s\n", k, v) }
	f := func(p *float64) string {
		if p == nil {
			return "—"
		}
		return fmt.Sprintf("%.4g", *p)
	}
	line("type", st.Type.String()+" ("+st.Label+")")
	line("role", st.Role.String())
	line("present", thousands(st.Count))
	line("missing", fmt.Sprintf("%s (%.1f%%)", thousands(st.Missing), st.MissingPct))
	line("unique", thousands(st.Unique))
	if st.Mean != nil {
		for _, kv := range []struct {
			k string
			v *float64
		}{{"mean", st.Mean}, {"std dev", st.Std}, {"min", st.Min}, {"5%", st.P05}, {"25%", st.Q1}, {"median", st.Median},
			{"75%", st.Q3}, {"95%", st.P95}, {"max", st.Max}, {"skewness", st.Skew}, {"kurtosis", st.Kurtosis}} {
			line(kv.k, f(kv.v))
		}
		if st.Zeros != nil {
			line("zeros", thousands(*st.Zeros))
		}
		if st.Negatives != nil {
			line("negatives", thousands(*st.Negatives))
		}
		if st.Outliers != nil {
			line("outliers", fmt.Sprintf("%d (IQR) / %d (robust z)", st.Outliers.IQRCount, st.Outliers.RobustZCount))
		}
	}
	for i, v := range st.Top {
		if i == 8 {
			break
		}
		line(map[bool]string{true: "top values", false: ""}[i == 0], fmt.Sprintf("%s × %s", truncate(v.Value, 24), thousands(v.Count)))
	}
	if len(st.RareLevels) > 0 {
		line("rare levels", fmt.Sprint(len(st.RareLevels)))
	}
	if st.Dates != nil {
		line("first", st.Dates.First)
		line("last", st.Dates.Last)
		line("gaps", fmt.Sprint(st.Dates.GapCount))
	}
	if st.TextLength != nil {
		line("length", fmt.Sprintf("%.0f–%.0f, median %.0f", st.TextLength.Min, st.TextLength.Max, st.TextLength.Median))
	}
	if st.TargetAssociation != nil {
		line("target assoc.", fmt.Sprintf("%.3f (%s)", *st.TargetAssociation, strings.ReplaceAll(st.AssociationMeasure, "_", " ")))
	}
	return b.String()
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
