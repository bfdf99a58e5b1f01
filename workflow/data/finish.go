package data

import (
	"fmt"
)

// finish types every column and builds the Table, or asks for another read
// when numeric columns turned out to hold many words.
func (a *assembler) finish(opt CSVOptions) (*Table, *redoRequest, error) {
	p := a.plan
	cols := make([]Column, len(p.names))
	infs := make([]Inference, len(p.names))
	var issues []Issue
	var redo *redoRequest
	for j, name := range p.names {
		if p.modes[j] == modeNumber {
			vals := a.nums[j][:a.rows]
			col := NewNumeric(name, vals, nil)
			if n := a.junkN[j]; n > 0 {
				numbers := a.rows - col.Missing()
				if !junkIsRare(a.junk[j], n, numbers) {
					if redo == nil {
						redo = &redoRequest{columns: map[int]bool{}, first: a.junk[j][0], name: name}
					}
					redo.columns[j] = true
					continue
				}
				issues = append(issues, junkIssue(p.file, name, a.junk[j], n))
			}
			inf := Inference{Kind: Numeric, Label: LabelNumeric, Reason: fmt.Sprintf("all %d present values are numbers", a.rows-col.Missing())}
			if a.junkN[j] > 0 {
				inf.Reason = fmt.Sprintf("%d present values are numbers; %d words among them are read as missing", a.rows-col.Missing(), a.junkN[j])
			}
			cols[j], infs[j] = col, refineLabel(col, inf, name)
			continue
		}
		var force *Kind
		if k, ok := opt.Types[name]; ok {
			force = &k
		}
		col, inf, err := typeLevels(name, a.codes[j][:a.rows], a.levels[j], p.opt, force)
		if err != nil {
			return nil, nil, a.placeError(err, j)
		}
		cols[j], infs[j] = col, inf
	}
	if redo != nil {
		return nil, redo, nil
	}
	f, err := NewFrame(cols...)
	if err != nil {
		return nil, nil, fmt.Errorf("%s: %w", p.file, err)
	}
	t := NewTable(p.file, f, infs)
	t.Issues = issues
	return t, nil, nil
}

// placeError turns a row-level error into one naming the file's line.
func (a *assembler) placeError(err error, j int) error {
	le, ok := err.(*levelError)
	if !ok {
		return fmt.Errorf("%s: %w", a.plan.file, err)
	}
	line, exact := a.lineOf(le.row)
	pe := &ParseError{File: a.plan.file, Line: line, Column: j + 1, ColumnName: a.plan.names[j], Err: le.err}
	if !exact {
		pe.Err = fmt.Errorf("data row %d (at or after this line): %w", le.row+1, le.err)
	}
	return pe
}
