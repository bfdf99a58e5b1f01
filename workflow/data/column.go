package data

import (
	"math"
	"strconv"
	"time"
)

// Column is one typed, named column of a Frame. Columns are immutable once
// built: the slices returned by the typed accessors are shared and must not
// be modified. Row positions are zero-based.
type Column interface {
	// Name is the column's header.
	Name() string
	// Kind is how the values are stored.
	Kind() Kind
	// Len is the number of rows.
	Len() int
	// IsMissing reports whether row i holds no value.
	IsMissing(i int) bool
	// Missing counts the rows that hold no value.
	Missing() int
	// Format renders row i for display and export; "" when it is missing.
	Format(i int) string
	// Take returns a new column holding the rows at the given positions, in
	// that order (positions may repeat).
	Take(rows []int) Column
	// Renamed returns the same values under another name.
	Renamed(name string) Column
	// MemSize estimates the bytes held by the column's values.
	MemSize() int64
}

// NumericColumn holds float64 values. A missing row holds NaN and its bit is
// set in the mask; the two always agree.
type NumericColumn struct {
	name    string
	vals    []float64
	miss    Mask
	nmiss   int
	integer bool
}

// NewNumeric builds a numeric column that takes ownership of vals. Rows whose
// value is NaN, or whose bit is set in miss (which may be nil), are missing;
// their value is set to NaN.
func NewNumeric(name string, vals []float64, miss Mask) *NumericColumn {
	c := &NumericColumn{name: name, vals: vals, integer: true}
	for i, v := range vals {
		if miss.Get(i) || math.IsNaN(v) {
			if c.miss == nil {
				c.miss = NewMask(len(vals))
			}
			c.miss.Set(i)
			vals[i] = math.NaN()
			c.nmiss++
			continue
		}
		if c.integer && (v != math.Trunc(v) || math.Abs(v) > 1<<53) {
			c.integer = false
		}
	}
	return c
}

// Name implements Column.
func (c *NumericColumn) Name() string { return c.name }

// Kind implements Column.
func (c *NumericColumn) Kind() Kind { return Numeric }

// Len implements Column.
func (c *NumericColumn) Len() int { return len(c.vals) }

// IsMissing implements Column.
func (c *NumericColumn) IsMissing(i int) bool { return c.miss.Get(i) }

// Missing implements Column.
func (c *NumericColumn) Missing() int { return c.nmiss }

// Values returns the shared, read-only values; missing rows hold NaN.
func (c *NumericColumn) Values() []float64 { return c.vals }

// At returns row i's value (NaN when missing).
func (c *NumericColumn) At(i int) float64 { return c.vals[i] }

// IsInteger reports whether every present value is a whole number.
func (c *NumericColumn) IsInteger() bool { return c.integer }

// Format implements Column; whole numbers print without a decimal point.
func (c *NumericColumn) Format(i int) string {
	if c.miss.Get(i) {
		return ""
	}
	return FormatFloat(c.vals[i])
}

// FormatFloat writes v in the shortest form that reads back exactly.
func FormatFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// Take implements Column.
func (c *NumericColumn) Take(rows []int) Column {
	out := make([]float64, len(rows))
	for j, r := range rows {
		out[j] = c.vals[r]
	}
	return NewNumeric(c.name, out, nil)
}

// Renamed implements Column.
func (c *NumericColumn) Renamed(name string) Column { d := *c; d.name = name; return &d }

// MemSize implements Column.
func (c *NumericColumn) MemSize() int64 { return int64(len(c.vals))*8 + int64(len(c.miss))*8 }

// CategoricalColumn holds dictionary codes into a list of levels; code -1
// marks a missing row.
type CategoricalColumn struct {
	name   string
	codes  []int32
	levels []string
	nmiss  int
}

// NewCategorical builds a categorical column that takes ownership of codes
// and levels. Every code must be -1 or a valid index into levels.
func NewCategorical(name string, codes []int32, levels []string) *CategoricalColumn {
	c := &CategoricalColumn{name: name, codes: codes, levels: levels}
	for _, k := range codes {
		if k < 0 {
			c.nmiss++
		} else if int(k) >= len(levels) {
			panic("data: categorical code out of range")
		}
	}
	return c
}

// NewCategoricalFromStrings encodes values, treating the ones for which
// missing returns true (or every "" when missing is nil) as missing. Levels
// are numbered in order of first appearance.
func NewCategoricalFromStrings(name string, values []string, missing func(string) bool) *CategoricalColumn {
	if missing == nil {
		missing = func(s string) bool { return s == "" }
	}
	codes, levels := EncodeLevels(len(values), func(i int) (string, bool) {
		return values[i], !missing(values[i])
	})
	return NewCategorical(name, codes, levels)
}

// Name implements Column.
func (c *CategoricalColumn) Name() string { return c.name }

// Kind implements Column.
func (c *CategoricalColumn) Kind() Kind { return Categorical }

// Len implements Column.
func (c *CategoricalColumn) Len() int { return len(c.codes) }

// IsMissing implements Column.
func (c *CategoricalColumn) IsMissing(i int) bool { return c.codes[i] < 0 }

// Missing implements Column.
func (c *CategoricalColumn) Missing() int { return c.nmiss }

// Codes returns the shared, read-only codes; -1 marks a missing row.
func (c *CategoricalColumn) Codes() []int32 { return c.codes }

// Levels returns the shared, read-only level names, indexed by code.
func (c *CategoricalColumn) Levels() []string { return c.levels }

// Format implements Column.
func (c *CategoricalColumn) Format(i int) string {
	if k := c.codes[i]; k >= 0 {
		return c.levels[k]
	}
	return ""
}

// Take implements Column. The levels are kept, even those no longer used.
func (c *CategoricalColumn) Take(rows []int) Column {
	out := make([]int32, len(rows))
	for j, r := range rows {
		out[j] = c.codes[r]
	}
	return NewCategorical(c.name, out, c.levels)
}

// Renamed implements Column.
func (c *CategoricalColumn) Renamed(name string) Column { d := *c; d.name = name; return &d }

// MemSize implements Column.
func (c *CategoricalColumn) MemSize() int64 {
	n := int64(len(c.codes)) * 4
	for _, l := range c.levels {
		n += int64(len(l)) + 16
	}
	return n
}

// BooleanColumn holds true/false values; a missing row has its mask bit set.
// It remembers how its values are spelled (see BoolSpelling), so that a
// column read from "Yes"/"No" cells formats back as "Yes" and "No".
type BooleanColumn struct {
	name  string
	vals  []bool
	miss  Mask
	nmiss int
	spell BoolSpelling
}

// NewBoolean builds a boolean column that takes ownership of vals and miss
// (which may be nil). Its values are spelled "true" and "false"
// (DefaultBoolSpelling); see Spelled for other spellings.
func NewBoolean(name string, vals []bool, miss Mask) *BooleanColumn {
	if miss != nil && miss.Count() == 0 {
		miss = nil
	}
	return &BooleanColumn{name: name, vals: vals, miss: miss, nmiss: miss.Count(), spell: DefaultBoolSpelling}
}

// Name implements Column.
func (c *BooleanColumn) Name() string { return c.name }

// Kind implements Column.
func (c *BooleanColumn) Kind() Kind { return Boolean }

// Len implements Column.
func (c *BooleanColumn) Len() int { return len(c.vals) }

// IsMissing implements Column.
func (c *BooleanColumn) IsMissing(i int) bool { return c.miss.Get(i) }

// Missing implements Column.
func (c *BooleanColumn) Missing() int { return c.nmiss }

// At returns row i's value and whether it is present.
func (c *BooleanColumn) At(i int) (v, ok bool) { return c.vals[i], !c.miss.Get(i) }

// Spelling returns how the column writes true and false.
func (c *BooleanColumn) Spelling() BoolSpelling { return c.spell }

// Spelled returns the same values spelled as s; an empty field of s keeps
// the default spelling of that value ("true" or "false"). It panics when
// both values would be spelled alike, a broken invariant. c is not
// changed.
func (c *BooleanColumn) Spelled(s BoolSpelling) *BooleanColumn {
	s = s.orDefault()
	if s.True == s.False {
		panic("data: a boolean spelling must tell true from false")
	}
	d := *c
	d.spell = s
	return &d
}

// Format implements Column: the value in the column's spelling.
func (c *BooleanColumn) Format(i int) string {
	if c.miss.Get(i) {
		return ""
	}
	return c.spell.Text(c.vals[i])
}

// Take implements Column; the spelling is kept.
func (c *BooleanColumn) Take(rows []int) Column {
	out := make([]bool, len(rows))
	for j, r := range rows {
		out[j] = c.vals[r]
	}
	d := NewBoolean(c.name, out, c.miss.take(rows))
	d.spell = c.spell
	return d
}

// Renamed implements Column.
func (c *BooleanColumn) Renamed(name string) Column { d := *c; d.name = name; return &d }

// MemSize implements Column.
func (c *BooleanColumn) MemSize() int64 { return int64(len(c.vals)) + int64(len(c.miss))*8 }

// DatetimeColumn holds instants as UTC nanoseconds since the Unix epoch.
type DatetimeColumn struct {
	name   string
	vals   []int64
	miss   Mask
	nmiss  int
	layout string
}

// NewDatetime builds a datetime column that takes ownership of vals and miss
// (which may be nil). layout is the Go time layout the values were read
// with; it is used to format them back ("" means RFC 3339).
func NewDatetime(name string, vals []int64, miss Mask, layout string) *DatetimeColumn {
	if miss != nil && miss.Count() == 0 {
		miss = nil
	}
	return &DatetimeColumn{name: name, vals: vals, miss: miss, nmiss: miss.Count(), layout: layout}
}

// Name implements Column.
func (c *DatetimeColumn) Name() string { return c.name }

// Kind implements Column.
func (c *DatetimeColumn) Kind() Kind { return Datetime }

// Len implements Column.
func (c *DatetimeColumn) Len() int { return len(c.vals) }

// IsMissing implements Column.
func (c *DatetimeColumn) IsMissing(i int) bool { return c.miss.Get(i) }

// Missing implements Column.
func (c *DatetimeColumn) Missing() int { return c.nmiss }

// Layout returns the Go time layout the values were read with.
func (c *DatetimeColumn) Layout() string { return c.layout }

// UnixNanos returns the shared, read-only instants; missing rows hold 0.
func (c *DatetimeColumn) UnixNanos() []int64 { return c.vals }

// At returns row i's instant in UTC and whether it is present.
func (c *DatetimeColumn) At(i int) (time.Time, bool) {
	if c.miss.Get(i) {
		return time.Time{}, false
	}
	return time.Unix(0, c.vals[i]).UTC(), true
}

// Format implements Column.
func (c *DatetimeColumn) Format(i int) string {
	t, ok := c.At(i)
	if !ok {
		return ""
	}
	layout := c.layout
	if layout == "" {
		layout = time.RFC3339
	}
	return t.Format(layout)
}

// Take implements Column.
func (c *DatetimeColumn) Take(rows []int) Column {
	out := make([]int64, len(rows))
	for j, r := range rows {
		out[j] = c.vals[r]
	}
	return NewDatetime(c.name, out, c.miss.take(rows), c.layout)
}

// Renamed implements Column.
func (c *DatetimeColumn) Renamed(name string) Column { d := *c; d.name = name; return &d }

// MemSize implements Column.
func (c *DatetimeColumn) MemSize() int64 { return int64(len(c.vals))*8 + int64(len(c.miss))*8 }

// TextColumn holds free text; a missing row has its mask bit set.
type TextColumn struct {
	name  string
	vals  []string
	miss  Mask
	nmiss int
}

// NewText builds a text column that takes ownership of vals and miss (which
// may be nil).
func NewText(name string, vals []string, miss Mask) *TextColumn {
	if miss != nil && miss.Count() == 0 {
		miss = nil
	}
	return &TextColumn{name: name, vals: vals, miss: miss, nmiss: miss.Count()}
}

// Name implements Column.
func (c *TextColumn) Name() string { return c.name }

// Kind implements Column.
func (c *TextColumn) Kind() Kind { return Text }

// Len implements Column.
func (c *TextColumn) Len() int { return len(c.vals) }

// IsMissing implements Column.
func (c *TextColumn) IsMissing(i int) bool { return c.miss.Get(i) }

// Missing implements Column.
func (c *TextColumn) Missing() int { return c.nmiss }

// Values returns the shared, read-only values; missing rows hold "".
func (c *TextColumn) Values() []string { return c.vals }

// Format implements Column.
func (c *TextColumn) Format(i int) string {
	if c.miss.Get(i) {
		return ""
	}
	return c.vals[i]
}

// Take implements Column.
func (c *TextColumn) Take(rows []int) Column {
	out := make([]string, len(rows))
	for j, r := range rows {
		out[j] = c.vals[r]
	}
	return NewText(c.name, out, c.miss.take(rows))
}

// Renamed implements Column.
func (c *TextColumn) Renamed(name string) Column { d := *c; d.name = name; return &d }

// MemSize implements Column.
func (c *TextColumn) MemSize() int64 {
	n := int64(len(c.miss)) * 8
	for _, s := range c.vals {
		n += int64(len(s)) + 16
	}
	return n
}
