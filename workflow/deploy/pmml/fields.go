package pmml

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"modelbench/workflow/data"
)

// column is where the value of one pipeline column lives in the PMML
// document while the preparation is translated, and how it is held.
type column struct {
	field string    // the PMML field (data or derived) holding the value
	kind  data.Kind // the column's kind in the pipeline at this point
	// For a yes/no column: field holds its truth as the double 1 or 0, or,
	// for a raw input not read yet, field is the raw text field and
	// rawBool is set (truthOf derives the number on first use).
	rawBool bool
}

// derived is one DerivedField being built.
type derived struct {
	name, optype, dataType string
	expr                   *elem
}

// rawField is one input of the pipeline: its DataField and MiningField.
type rawField struct {
	name     string
	kind     data.Kind
	dataType string // the DataField's dataType
	values   []string
	// The MiningField's treatments.
	invalid     string // invalidValueTreatment
	replacement string // missingValueReplacement, "" for none
	treatment   string // missingValueTreatment
}

// fields is the translation state of the preparation: the data
// dictionary, the derived fields in order, and each pipeline column's
// current field.
type fields struct {
	raw     []*rawField
	rawByID map[string]*rawField
	derived []*derived
	byName  map[string]*derived
	cols    map[string]column
	taken   map[string]bool // every field name in use
	read    map[string]bool // raw fields some derived field reads
	notes   []string        // facts for the Report
}

func newFields() *fields {
	return &fields{rawByID: map[string]*rawField{}, byName: map[string]*derived{}, cols: map[string]column{},
		taken: map[string]bool{}, read: map[string]bool{}}
}

// unique returns base, or base with a number appended, whichever no field
// uses yet, and reserves it.
func (fs *fields) unique(base string) string {
	name := base
	for i := 2; fs.taken[name]; i++ {
		name = base + "#" + strconv.Itoa(i)
	}
	fs.taken[name] = true
	return name
}

// add appends a derived field named (uniquely) after base and returns its
// name. Raw fields read by expr are recorded.
func (fs *fields) add(base, optype, dataType string, expr *elem) string {
	d := &derived{name: fs.unique(base), optype: optype, dataType: dataType, expr: expr}
	fs.derived = append(fs.derived, d)
	fs.byName[d.name] = d
	for _, r := range refs(expr) {
		if fs.rawByID[r] != nil {
			fs.read[r] = true
		}
	}
	return d.name
}

// addNumber adds a continuous double derived field.
func (fs *fields) addNumber(base string, expr *elem) string {
	return fs.add(base, "continuous", "double", expr)
}

// addLabel adds a categorical string derived field.
func (fs *fields) addLabel(base string, expr *elem) string {
	return fs.add(base, "categorical", "string", expr)
}

// refs lists the field names an expression reads (every "field" attribute
// in its subtree, FieldRef, NormContinuous, NormDiscrete, Discretize and
// FieldColumnPair alike), in document order, each once.
func refs(e *elem) []string {
	var out []string
	var walk func(*elem)
	walk = func(x *elem) {
		if f := x.attr("field"); f != "" && !slices.Contains(out, f) {
			out = append(out, f)
		}
		for _, k := range x.kids {
			walk(k)
		}
	}
	walk(e)
	return out
}

// addInput declares one raw input column. Numbers, dates and yes/no
// values that do not read as their type are invalid and treated as
// missing, as Modelbench's conversion makes them missing; category and
// text values are taken as they are (a level the training rows lacked is
// a value like any other, which the steps then treat as unseen).
func (fs *fields) addInput(f data.Field, layout string) error {
	r := &rawField{name: f.Name, kind: f.Kind, invalid: "asMissing"}
	switch f.Kind {
	case data.Numeric:
		r.dataType = "double"
	case data.Categorical, data.Text, data.Boolean:
		r.dataType, r.invalid = "string", "asIs"
	case data.Datetime:
		dt, note := dateType(f.Name, layout)
		r.dataType = dt
		if note != "" {
			fs.notes = append(fs.notes, note)
		}
	default:
		return fmt.Errorf("input column %q has an unknown kind %v", f.Name, f.Kind)
	}
	fs.raw = append(fs.raw, r)
	fs.rawByID[f.Name] = r
	fs.taken[f.Name] = true
	fs.cols[f.Name] = column{field: f.Name, kind: f.Kind, rawBool: f.Kind == data.Boolean}
	return nil
}

// dateType is the PMML dataType of a date column read with layout: date
// when the layout has no time of day, dateTime when it has one. PMML's
// dates and times carry no time zone while Modelbench works in UTC, so a
// layout with a zone adds a note: its inputs must be given in UTC.
func dateType(name, layout string) (dataType, note string) {
	if layout == "" {
		layout = "2006-01-02T15:04:05Z07:00" // RFC 3339, Modelbench's default
	}
	for _, zone := range []string{"Z07", "-07", "MST"} {
		if strings.Contains(layout, zone) {
			note = fmt.Sprintf("input %q: Modelbench reads its time zone and works in UTC; give its date-times to the PMML in UTC", name)
		}
	}
	for _, clock := range []string{"15", "03", "3:", "04", "05", "PM", "pm"} {
		if strings.Contains(layout, clock) {
			return "dateTime", note
		}
	}
	return "date", note
}

// col returns the current field of a pipeline column.
func (fs *fields) col(name string) (column, error) {
	c, ok := fs.cols[name]
	if !ok {
		return column{}, fmt.Errorf("column %q has no field (an internal inconsistency of the pipeline description)", name)
	}
	return c, nil
}

// truthOf returns the field holding a yes/no column's truth as 1 or 0,
// deriving it from the raw text on first use: the text, spaces trimmed
// and in lower case, is true for true, yes, t and y, false for false, no,
// f and n (data.ParseBool's words, in any case) and missing otherwise.
func (fs *fields) truthOf(name string) (string, error) {
	c, err := fs.col(name)
	if err != nil {
		return "", err
	}
	if c.kind != data.Boolean {
		return "", fmt.Errorf("column %q is not yes/no", name)
	}
	if !c.rawBool {
		return c.field, nil
	}
	norm := fs.addLabel(name+"@text", apply("lowercase", apply("trimBlanks", fieldRef(c.field))))
	words := map[string]string{"true": "1", "yes": "1", "t": "1", "y": "1", "false": "0", "no": "0", "f": "0", "n": "0"}
	keys := make([]string, 0, len(words))
	for k := range words {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	table := el("InlineTable")
	for _, k := range keys {
		table.add(el("row").add(el("key").withText(k), el("value").withText(words[k])))
	}
	truth := fs.addNumber(name+"@truth", el("MapValues", "outputColumn", "value", "dataType", "double").
		add(el("FieldColumnPair", "field", norm, "column", "key"), table))
	fs.cols[name] = column{field: truth, kind: data.Boolean}
	return truth, nil
}

// set records a pipeline column's new field and kind.
func (fs *fields) set(name, field string, kind data.Kind) {
	fs.cols[name] = column{field: field, kind: kind}
}

// addValues records categories of a raw input, for its DataField.
func (fs *fields) addValues(field string, values []string) {
	r := fs.rawByID[field]
	if r == nil || r.kind == data.Boolean {
		return
	}
	for _, v := range values {
		if !slices.Contains(r.values, v) {
			r.values = append(r.values, v)
		}
	}
}

// reachable returns the derived fields that the given fields need, in
// definition order, and the raw inputs they read.
func (fs *fields) reachable(roots []string) ([]*derived, []*rawField) {
	need := map[string]bool{}
	var visit func(string)
	visit = func(n string) {
		if need[n] {
			return
		}
		need[n] = true
		if d := fs.byName[n]; d != nil {
			for _, r := range refs(d.expr) {
				visit(r)
			}
		}
	}
	for _, r := range roots {
		visit(r)
	}
	var ds []*derived
	for _, d := range fs.derived {
		if need[d.name] {
			ds = append(ds, d)
		}
	}
	var rs []*rawField
	for _, r := range fs.raw {
		if need[r.name] {
			rs = append(rs, r)
		}
	}
	return ds, rs
}
