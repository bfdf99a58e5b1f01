package serve

import (
	"cmp"
	"slices"

	"modelbench/workflow/data"
)

// missingTokens reads text values as the loader does: "", NA, N/A, null,
// NaN, ?, - (any case, spaces trimmed) are missing.
var missingTokens data.ParseOptions

// validated is a request that fits the contract: one typed column per
// field (in the contract's order) and the warnings (values scored but
// outside what training saw, fields ignored). frame builds the model's
// input; joinFrames builds one frame from several requests.
type validated struct {
	cols     []*columnBuilder
	rows     int
	warnings []Problem
}

// validate checks b against the contract and gathers one typed column
// per field. Every value that does not fit is a Problem of the returned
// error (the request is refused); values outside the training range,
// levels never seen in training and fields the model does not take are
// warnings.
func (d *Deployment) validate(b *batch) (*validated, error) {
	n := len(b.rows)
	fields := d.Contract.Fields
	v := &validated{rows: n, cols: make([]*columnBuilder, len(fields))}
	var problems []Problem
	for i := range fields {
		cb := newColumn(&fields[i], d.layouts[i], d.levels[i], n, b.text)
		for r, row := range b.rows {
			raw, ok := row[fields[i].Name]
			cb.add(r, raw, ok)
		}
		problems = append(problems, cb.problems...)
		v.warnings = append(v.warnings, cb.warnings...)
		v.cols[i] = cb
	}
	if len(problems) > 0 {
		byRow(problems)
		return nil, invalid(problems)
	}
	byRow(v.warnings)
	v.warnings = append(v.warnings, d.unknownFields(b)...)
	if len(v.warnings) > maxDetails {
		v.warnings = v.warnings[:maxDetails]
	}
	return v, nil
}

// readLogged reads logged inputs into typed columns, as validate does but
// leniently: a value that does not fit its field (a log written for
// another contract) is missing, never an error.
func (d *Deployment) readLogged(rows []map[string]any) *validated {
	fields := d.Contract.Fields
	v := &validated{rows: len(rows), cols: make([]*columnBuilder, len(fields))}
	for i := range fields {
		cb := newColumn(&fields[i], d.layouts[i], d.levels[i], len(rows), true)
		cb.lenient = true
		for r, row := range rows {
			raw, ok := row[fields[i].Name]
			cb.add(r, raw, ok)
		}
		v.cols[i] = cb
	}
	return v
}

// frame is the request's input frame.
func (v *validated) frame() (*data.Frame, error) { return joinFrames([]*validated{v}) }

// joinFrames builds one input frame holding the rows of every part, in
// order.
func joinFrames(parts []*validated) (*data.Frame, error) {
	cols := make([]data.Column, len(parts[0].cols))
	for j := range cols {
		if len(parts) == 1 {
			cols[j] = parts[0].cols[j].column()
			continue
		}
		bs := make([]*columnBuilder, len(parts))
		for k, p := range parts {
			bs[k] = p.cols[j]
		}
		cols[j] = concat(bs).column()
	}
	return data.NewFrame(cols...)
}

// concat joins builders of one field end to end.
func concat(bs []*columnBuilder) *columnBuilder {
	n := 0
	for _, b := range bs {
		n += b.n
	}
	out := &columnBuilder{f: bs[0].f, layout: bs[0].layout, n: n, miss: data.NewMask(n)}
	off := 0
	for _, b := range bs {
		switch {
		case b.nums != nil:
			out.nums = append(out.nums, b.nums...)
		case b.times != nil:
			out.times = append(out.times, b.times...)
		case b.bools != nil:
			out.bools = append(out.bools, b.bools...)
		default:
			out.strs = append(out.strs, b.strs...)
		}
		for i := range b.n {
			if b.miss.Get(i) {
				out.miss.Set(off + i)
			}
		}
		off += b.n
	}
	return out
}

// unknownFields warns once about each field the model does not take.
func (d *Deployment) unknownFields(b *batch) []Problem {
	var out []Problem
	seen := map[string]bool{}
	for _, row := range b.rows {
		known := 0
		for _, f := range d.Contract.Fields {
			if _, ok := row[f.Name]; ok {
				known++
			}
		}
		if known == len(row) {
			continue
		}
		for name := range row {
			if _, ok := d.Contract.Field(name); !ok && !seen[name] {
				seen[name] = true
				p := Problem{Field: name, Problem: "not an input of the model; ignored"}
				if name == d.Contract.Target {
					p.Problem = "the model's target; ignored when scoring (send it to /v1/feedback)"
				}
				out = append(out, p)
			}
		}
	}
	sortProblems(out)
	return out
}

// byRow orders problems by row, keeping the contract's field order
// within a row.
func byRow(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int { return cmp.Compare(a.Row, b.Row) })
}

func sortProblems(ps []Problem) {
	slices.SortFunc(ps, func(a, b Problem) int { return cmp.Compare(a.Field, b.Field) })
}
