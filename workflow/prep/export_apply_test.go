package prep_test

import (
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// This file is an applier written from the documentation of
// prep.PipelineExport and the step descriptions alone: it never calls
// prep's Apply or its helpers, and keeps its own column representation.
// export_test.go runs it beside Fitted.Apply and compares.

// acol is a column: numbers (NaN missing) or labels with a presence flag.
type acol struct {
	name   string
	kind   data.Kind
	nums   []float64 // numeric
	labels []string  // every other kind; yes/no: the spelling of the value
	ok     []bool    // every other kind: present
	truth  []bool    // yes/no values
	spell  [2]string // yes/no: how false and true are spelled
	times  []int64   // datetime, UTC nanoseconds
	layout string    // datetime
}

func (c *acol) n() int {
	if c.kind == data.Numeric {
		return len(c.nums)
	}
	return len(c.ok)
}

// label is row i's label by the Labels rules.
func (c *acol) label(i int) (string, bool) {
	if c.kind == data.Numeric {
		return strconv.FormatFloat(c.nums[i], 'g', -1, 64), !math.IsNaN(c.nums[i])
	}
	return c.labels[i], c.ok[i]
}

func numCol(name string, v []float64) *acol { return &acol{name: name, kind: data.Numeric, nums: v} }

func labelCol(name string, kind data.Kind, labels []string, ok []bool) *acol {
	if kind == data.Boolean {
		panic("labelCol: use boolCol")
	}
	return &acol{name: name, kind: kind, labels: labels, ok: ok}
}

// take returns the column's rows; -1 gives a missing value.
func (c *acol) take(rows []int) *acol {
	out := &acol{name: c.name, kind: c.kind, spell: c.spell, layout: c.layout}
	for _, r := range rows {
		switch {
		case c.kind == data.Numeric && r < 0:
			out.nums = append(out.nums, math.NaN())
		case c.kind == data.Numeric:
			out.nums = append(out.nums, c.nums[r])
		case r < 0:
			out.labels, out.ok = append(out.labels, ""), append(out.ok, false)
			out.truth, out.times = append(out.truth, false), append(out.times, 0)
		default:
			out.labels, out.ok = append(out.labels, c.labels[r]), append(out.ok, c.ok[r])
			if c.kind == data.Boolean {
				out.truth = append(out.truth, c.truth[r])
			}
			if c.kind == data.Datetime {
				out.times = append(out.times, c.times[r])
			}
		}
	}
	return out
}

func dateCol(name string, ns []int64, ok []bool, layout string) *acol {
	c := &acol{name: name, kind: data.Datetime, times: ns, ok: ok, layout: layout, labels: make([]string, len(ns))}
	l := layout
	if l == "" {
		l = time.RFC3339
	}
	for i, v := range ns {
		if ok[i] {
			c.labels[i] = time.Unix(0, v).UTC().Format(l)
		}
	}
	return c
}

// fromColumn reads a data.Column through its public accessors.
func fromColumn(c data.Column) *acol {
	n := c.Len()
	ok := make([]bool, n)
	for i := range ok {
		ok[i] = !c.IsMissing(i)
	}
	switch x := c.(type) {
	case *data.NumericColumn:
		return numCol(c.Name(), slices.Clone(x.Values()))
	case *data.DatetimeColumn:
		return dateCol(c.Name(), slices.Clone(x.UnixNanos()), ok, x.Layout())
	case *data.BooleanColumn:
		truth := make([]bool, n)
		for i := range truth {
			truth[i], _ = x.At(i)
		}
		return boolCol(c.Name(), truth, ok, [2]string{x.Spelling().False, x.Spelling().True})
	}
	labels := make([]string, n)
	for i := range labels {
		labels[i] = c.Format(i)
	}
	return labelCol(c.Name(), c.Kind(), labels, ok)
}

type aframe struct{ cols []*acol }

func fromFrame(f *data.Frame) *aframe {
	out := &aframe{}
	for _, c := range f.Columns() {
		out.cols = append(out.cols, fromColumn(c))
	}
	return out
}

func (f *aframe) index(name string) int {
	for j, c := range f.cols {
		if c.name == name {
			return j
		}
	}
	return -1
}

func (f *aframe) get(name string) (*acol, error) {
	if j := f.index(name); j >= 0 {
		return f.cols[j], nil
	}
	return nil, fmt.Errorf("no column %q", name)
}

// replace puts cols in the place of the named column.
func (f *aframe) replace(name string, cols ...*acol) *aframe {
	out := &aframe{}
	for _, c := range f.cols {
		if c.name == name {
			out.cols = append(out.cols, cols...)
		} else {
			out.cols = append(out.cols, c)
		}
	}
	return out
}

func (f *aframe) fields() []prep.Field {
	out := make([]prep.Field, len(f.cols))
	for j, c := range f.cols {
		out[j] = prep.Field{Name: c.name, Kind: c.kind, Layout: c.layout}
	}
	return out
}

func (f *aframe) rows() int {
	if len(f.cols) == 0 {
		return 0
	}
	return f.cols[0].n()
}

// convert follows PipelineExport's Conversions.
func convert(c *acol, to data.Kind, layout string) *acol {
	if c.kind == to {
		return c
	}
	n := c.n()
	labels, ok := make([]string, n), make([]bool, n)
	switch to {
	case data.Numeric:
		v := make([]float64, n)
		for i := range v {
			v[i] = math.NaN()
			l, present := c.label(i)
			switch {
			case !present:
			case c.kind == data.Boolean:
				v[i] = float64(b2i(c.truth[i]))
			case c.kind == data.Datetime:
				v[i] = float64(c.times[i]) / 1e9
			default:
				if x, good := (data.ParseOptions{}).ParseFloat(l); good {
					v[i] = x
				}
			}
		}
		return numCol(c.name, v)
	case data.Datetime:
		ns := make([]int64, n)
		for i := range ns {
			l, present := c.label(i)
			switch {
			case !present:
			case c.kind == data.Numeric:
				ns[i], ok[i] = int64(math.Round(c.nums[i]*1e9)), true
			default:
				if t, err := time.Parse(layout, strings.TrimSpace(l)); err == nil {
					ns[i], ok[i] = t.UnixNano(), true
				}
			}
		}
		return dateCol(c.name, ns, ok, layout)
	case data.Boolean:
		return toYesNo(c)
	}
	for i := range labels {
		l, present := c.label(i)
		if !present {
			continue
		}
		switch to {
		case data.Categorical:
			labels[i] = strings.TrimSpace(l)
			ok[i] = labels[i] != ""
		default: // text
			labels[i], ok[i] = l, true
		}
	}
	return labelCol(c.name, to, labels, ok)
}

// applyExport applies px to f from the descriptions alone. When f holds
// exactly px's inputs it checks each step's Input and Output too.
func applyExport(px *prep.PipelineExport, f *data.Frame) (*aframe, error) {
	cur := fromFrame(f)
	for _, in := range px.Inputs {
		if j := cur.index(in.Name); j >= 0 {
			cur.cols[j] = convert(cur.cols[j], in.Kind, in.Layout)
		}
	}
	exact := len(cur.cols) == len(px.Inputs)
	for _, st := range px.Steps {
		info := st.Info()
		if exact && !sameFields(cur.fields(), info.Input) {
			return nil, fmt.Errorf("step %d (%s): the input is %v, the description says %v", info.Index, info.Kind, cur.fields(), info.Input)
		}
		next, err := applyStep(st, cur)
		if err != nil {
			return nil, fmt.Errorf("step %d (%s): %w", info.Index, info.Kind, err)
		}
		if exact && !sameFields(next.fields(), info.Output) {
			return nil, fmt.Errorf("step %d (%s): the output is %v, the description says %v", info.Index, info.Kind, next.fields(), info.Output)
		}
		cur = next
	}
	out := &aframe{}
	for _, fl := range px.Output {
		c, err := cur.get(fl.Name)
		if err != nil {
			if fl.Name == px.Target {
				continue
			}
			return nil, err
		}
		out.cols = append(out.cols, c)
	}
	return out, nil
}

func sameFields(a, b []prep.Field) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i].Name != b[i].Name || a[i].Kind != b[i].Kind || a[i].Kind == data.Datetime && a[i].Layout != b[i].Layout {
			return false
		}
	}
	return true
}

func applyStep(st prep.ExportedStep, f *aframe) (*aframe, error) {
	switch s := st.(type) {
	case *prep.IdentityExport:
		return f, nil
	case *prep.DropColumnsExport:
		out := &aframe{}
		for _, c := range f.cols {
			if !slices.Contains(s.Columns, c.name) {
				out.cols = append(out.cols, c)
			}
		}
		return out, nil
	case *prep.ChangeTypeExport:
		c, err := f.get(s.Column)
		if err != nil {
			return nil, err
		}
		return f.replace(s.Column, convert(c, s.To, s.Layout)), nil
	case *prep.ReplaceValuesExport:
		return applyReplace(s, f)
	case *prep.ImputeExport:
		return applyImpute(s, f)
	case *prep.DeriveExport:
		return applyDerive(s, f)
	case *prep.JoinExport:
		return applyJoin(s, f)
	case *prep.DatePartsExport:
		return applyDateParts(s, f)
	}
	return applyEncoding(st, f)
}

// sameAsFrame reports the first difference between the applier's result
// and Apply's: names, kinds, numbers to 1e-12 (relative above 1), labels
// and missing values exactly.
func sameAsFrame(got *aframe, want *data.Frame) error {
	wantNames := want.Names()
	gotNames := make([]string, len(got.cols))
	for j, c := range got.cols {
		gotNames[j] = c.name
	}
	if !slices.Equal(gotNames, wantNames) {
		return fmt.Errorf("columns %v, Apply gives %v", gotNames, wantNames)
	}
	if got.rows() != want.NumRows() {
		return fmt.Errorf("%d rows, Apply gives %d", got.rows(), want.NumRows())
	}
	for j, g := range got.cols {
		w := fromColumn(want.Col(j))
		if g.kind != w.kind {
			return fmt.Errorf("column %q: kind %v, Apply gives %v", g.name, g.kind, w.kind)
		}
		if g.kind == data.Boolean && g.spell != w.spell {
			return fmt.Errorf("column %q: spelled %q, Apply spells %q", g.name, g.spell, w.spell)
		}
		for i := 0; i < g.n(); i++ {
			if g.kind == data.Numeric {
				x, y := g.nums[i], w.nums[i]
				if math.IsNaN(x) != math.IsNaN(y) || !math.IsNaN(x) && x != y && !(math.Abs(x-y) <= 1e-12*math.Max(1, math.Abs(y))) {
					return fmt.Errorf("column %q row %d: %v, Apply gives %v", g.name, i+1, x, y)
				}
				continue
			}
			if g.ok[i] != w.ok[i] || g.ok[i] && g.labels[i] != w.labels[i] || g.kind == data.Datetime && g.ok[i] && g.times[i] != w.times[i] ||
				g.kind == data.Boolean && g.ok[i] && g.truth[i] != w.truth[i] {
				return fmt.Errorf("column %q row %d: %q (present %v), Apply gives %q (present %v)", g.name, i+1, g.labels[i], g.ok[i], w.labels[i], w.ok[i])
			}
		}
	}
	return nil
}

// sortedCopy is used by the tests to check Categories' order.
func sortedCopy(s []string) []string {
	out := slices.Clone(s)
	sort.Strings(out)
	return out
}
