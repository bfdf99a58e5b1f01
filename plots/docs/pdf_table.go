package docs

import (
	"strings"

	"modelbench/plots/report"
)

// table draws a table with wrapped cells, the header bold on grey and
// repeated at the top of every page the table runs onto. Columns get
// their natural width when the table fits; otherwise narrow columns keep
// theirs and the wide ones share what is left.
func (pw *pdfWriter) table(header []string, rows [][]string) {
	pw.font("", tableSize)
	n := len(header)
	for _, r := range rows {
		n = max(n, len(r))
	}
	if n == 0 {
		return
	}
	widths := pw.columnWidths(header, rows, n)
	numeric := numericColumns(rows, n)
	showHeader := strings.TrimSpace(strings.Join(header, "")) != ""
	if showHeader {
		pw.font("B", tableSize)
		pw.ensure(pw.rowHeight(header, widths) + pw.rowHeight(first(rows), widths))
		pw.row(header, widths, nil)
	}
	for _, r := range rows {
		pw.font("", tableSize)
		h := pw.rowHeight(r, widths)
		if pw.y()+h > pw.limit {
			pw.pdf.AddPage()
			if showHeader {
				pw.font("B", tableSize)
				pw.row(header, widths, nil)
				pw.font("", tableSize)
			}
		}
		pw.row(r, widths, numeric)
	}
	pw.space(3)
}

func first(rows [][]string) []string {
	if len(rows) == 0 {
		return nil
	}
	return rows[0]
}

func cell(r []string, i int) string {
	if i < len(r) {
		return r[i]
	}
	return ""
}

// columnWidths shares the page's width among n columns (see table).
func (pw *pdfWriter) columnWidths(header []string, rows [][]string, n int) []float64 {
	natural := make([]float64, n)
	measure := func(r []string, bold bool) {
		style := ""
		if bold {
			style = "B"
		}
		pw.font(style, tableSize)
		for i := 0; i < n; i++ {
			natural[i] = max(natural[i], pw.pdf.GetStringWidth(cell(r, i))+2*cellPad+0.5)
		}
	}
	measure(header, true)
	for _, r := range rows {
		measure(r, false)
	}
	pw.font("", tableSize)
	total := 0.0
	for _, w := range natural {
		total += w
	}
	if total <= pw.width {
		return natural
	}
	widths := make([]float64, n)
	fixed := make([]bool, n)
	for {
		left, flex := pw.width, 0
		for i, w := range natural {
			if fixed[i] {
				left -= w
			} else {
				flex++
			}
		}
		share := left / float64(max(flex, 1))
		changed := false
		for i, w := range natural {
			if !fixed[i] && w <= share {
				fixed[i], changed = true, true
			}
		}
		if !changed {
			for i, w := range natural {
				widths[i] = w
				if !fixed[i] {
					widths[i] = max(share, 10)
				}
			}
			return widths
		}
	}
}

// cellLines wraps a cell's text to its column, cut to fit one page.
func (pw *pdfWriter) cellLines(text string, w float64) []string {
	ls := pw.wrap(text, w-2*cellPad)
	most := int((pw.limit - pageMargin - 2*cellPad) / tableLine)
	if len(ls) > most {
		ls = append(ls[:most-1], "…")
	}
	return ls
}

func (pw *pdfWriter) rowHeight(r []string, widths []float64) float64 {
	most := 1
	for i, w := range widths {
		most = max(most, len(pw.cellLines(cell(r, i), w)))
	}
	return float64(most)*tableLine + 2*cellPad
}

// numericColumns marks the columns whose every non-empty cell is a
// number; they are right-aligned.
func numericColumns(rows [][]string, n int) []bool {
	out := make([]bool, n)
	for i := range out {
		seen := false
		out[i] = true
		for _, r := range rows {
			if c := strings.TrimSpace(cell(r, i)); c != "" {
				seen = true
				out[i] = out[i] && numberRe.MatchString(c)
			}
		}
		out[i] = out[i] && seen
	}
	return out
}

// row draws one row; numeric nil means the header row.
func (pw *pdfWriter) row(r []string, widths []float64, numeric []bool) {
	header := numeric == nil
	h := pw.rowHeight(r, widths)
	y := pw.y()
	x := pageMargin
	pw.pdf.SetDrawColor(borderColour.r, borderColour.g, borderColour.b)
	pw.pdf.SetLineWidth(0.2)
	for i, w := range widths {
		text := cell(r, i)
		gap := !header && strings.HasPrefix(text, report.GapPrefix)
		style := "D"
		switch {
		case header:
			pw.fill(headColour)
			style = "FD"
		case gap:
			pw.fill(gapFill)
			style = "FD"
			pw.setColour(gapText)
		}
		pw.pdf.Rect(x, y, w, h, style)
		align := "L"
		if !header && numeric[i] {
			align = "R"
		}
		for k, l := range pw.cellLines(text, w) {
			pw.pdf.SetXY(x+cellPad, y+cellPad+float64(k)*tableLine)
			pw.pdf.CellFormat(w-2*cellPad, tableLine, l, "", 0, align, false, 0, "")
		}
		pw.setColour(textColour)
		x += w
	}
	pw.pdf.SetXY(pageMargin, y+h)
}
