package data

import (
	"fmt"
	"sort"
	"strings"
)

// assembler merges pieces, in input order, into whole columns.
type assembler struct {
	plan    *readPlan
	maxRows int
	rows    int
	nums    [][]float64
	codes   [][]int32
	dicts   []map[string]int32
	levels  [][]string
	junk    [][]junkNote
	junkN   []int
	spans   []span
	remap   []int32
}

// span maps the rows of one chunk back to lines of the file.
type span struct {
	row, line int
	plain     bool // row k of the chunk is on line line+k
}

func newAssembler(p *readPlan, estRows, maxRows int) *assembler {
	n := len(p.names)
	a := &assembler{plan: p, maxRows: maxRows, nums: make([][]float64, n), codes: make([][]int32, n),
		dicts: make([]map[string]int32, n), levels: make([][]string, n), junk: make([][]junkNote, n), junkN: make([]int, n)}
	for j, m := range p.modes {
		if m == modeNumber {
			a.nums[j] = make([]float64, 0, estRows)
		} else {
			a.codes[j] = make([]int32, 0, estRows)
			a.dicts[j] = map[string]int32{}
		}
	}
	return a
}

// merge appends a piece; it returns false once MaxRows rows are in.
func (a *assembler) merge(p *piece) bool {
	n := p.rows
	if a.maxRows > 0 && a.rows+n > a.maxRows {
		n = a.maxRows - a.rows
	}
	a.spans = append(a.spans, span{row: a.rows, line: p.line, plain: p.plain})
	for j, m := range a.plan.modes {
		if m == modeNumber {
			a.nums[j] = appendGrow(a.nums[j], p.nums[j][:n])
			a.addJunk(j, p, n)
			continue
		}
		a.remap = a.remap[:0]
		for _, l := range p.levels[j] {
			g, ok := a.dicts[j][l]
			if !ok {
				g = int32(len(a.levels[j]))
				a.dicts[j][l] = g
				a.levels[j] = append(a.levels[j], l)
			}
			a.remap = append(a.remap, g)
		}
		dst := appendGrow(a.codes[j], p.codes[j][:n])
		tail := dst[len(dst)-n:]
		for i, c := range tail {
			if c >= 0 {
				tail[i] = a.remap[c]
			}
		}
		a.codes[j] = dst
	}
	a.rows += n
	return a.maxRows <= 0 || a.rows < a.maxRows
}

func (a *assembler) addJunk(j int, p *piece, n int) {
	for _, note := range p.junk[j] {
		if note.line < p.line+n || !p.plain {
			if len(a.junk[j]) < maxJunkNotes {
				a.junk[j] = append(a.junk[j], note)
			}
		}
	}
	a.junkN[j] += p.junkN[j]
}

// appendGrow appends like append but grows by a quarter, not a double, so
// that a low row estimate costs little memory.
func appendGrow[T any](dst, src []T) []T {
	if len(dst)+len(src) > cap(dst) {
		nc := max(len(dst)+len(src), cap(dst)+cap(dst)/4+4096)
		nd := make([]T, len(dst), nc)
		copy(nd, dst)
		dst = nd
	}
	return append(dst, src...)
}

// lineOf returns the file line of data row r (0-based) and whether it is
// exact; when the rows of that stretch of the file are not one per line
// it returns the first line of the stretch.
func (a *assembler) lineOf(r int) (int, bool) {
	k := sort.Search(len(a.spans), func(i int) bool { return a.spans[i].row > r }) - 1
	if k < 0 {
		return 0, false
	}
	s := a.spans[k]
	if s.plain {
		return s.line + r - s.row, true
	}
	return s.line, false
}

// redoRequest names the columns that must be read again as text.
type redoRequest struct {
	columns map[int]bool
	first   junkNote
	name    string
}

func (r *redoRequest) err(file string) error {
	return &ParseError{File: file, Line: r.first.line, ColumnName: r.name,
		Err: fmt.Errorf("the column looked numeric in the first rows but holds %q here, and many more words; this input cannot be read twice, so set the column's type to text or categorical", r.first.value)}
}

// junkIsRare says whether a numeric column's non-numbers are few enough
// to read as missing: at most one in a thousand of the column's non-empty
// cells, and at most five different words among those remembered.
func (r *redoRequest) issue(file string) Issue {
	return Issue{Level: "info", Text: fmt.Sprintf("%s, line %d, column %q: the column looked numeric in the first rows but holds %q here and many more words, so the file was read again with it as text",
		file, r.first.line, r.name, r.first.value)}
}

func junkIsRare(notes []junkNote, count, numbers int) bool {
	distinct := map[string]bool{}
	for _, n := range notes {
		distinct[n.value] = true
	}
	return count*1000 <= numbers+count && len(distinct) <= 5
}

func junkIssue(file, col string, notes []junkNote, count int) Issue {
	var parts []string
	for i, n := range notes {
		if i == 3 {
			break
		}
		parts = append(parts, fmt.Sprintf("%q on line %d", n.value, n.line))
	}
	more := ""
	if count > len(parts) {
		more = fmt.Sprintf(" and %d more", count-len(parts))
	}
	return Issue{Level: "warning", Text: fmt.Sprintf("%s, column %q: %d values are not numbers and are read as missing (%s%s); set the column's type to text to keep them",
		file, col, count, strings.Join(parts, ", "), more)}
}
