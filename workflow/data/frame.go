package data

import (
	"errors"
	"fmt"
	"strings"
)

// Frame is an immutable table of equally long, uniquely named columns.
// Methods that "change" a Frame return a new one that shares the unchanged
// columns. The zero Frame has no columns and no rows.
type Frame struct {
	cols   []Column
	names  []string       // the columns' names, in order
	byName map[string]int // nil for frames of at most smallFrame columns
	nrows  int
}

// smallFrame is the most columns a Frame finds by name without a map:
// comparing a few names is cheaper than building the map, and scoring
// services build several frames per request.
const smallFrame = 24

// ErrNoColumns is returned when a table would have no columns at all.
var ErrNoColumns = errors.New("the table has no columns")

// NewFrame builds a Frame from columns. It fails if lengths differ, a name
// is empty or a name repeats.
func NewFrame(cols ...Column) (*Frame, error) {
	f := &Frame{cols: append([]Column(nil), cols...), names: make([]string, len(cols))}
	if len(cols) > smallFrame {
		f.byName = make(map[string]int, len(cols))
	}
	for i, c := range cols {
		name := c.Name()
		f.names[i] = name
		if strings.TrimSpace(name) == "" {
			return nil, fmt.Errorf("column %d has an empty name", i+1)
		}
		if f.byName != nil {
			if j, dup := f.byName[name]; dup {
				return nil, fmt.Errorf("column name %q is used twice (columns %d and %d)", name, j+1, i+1)
			}
			f.byName[name] = i
		} else if j := f.scan(name, i); j >= 0 {
			return nil, fmt.Errorf("column name %q is used twice (columns %d and %d)", name, j+1, i+1)
		}
		if i == 0 {
			f.nrows = c.Len()
		} else if c.Len() != f.nrows {
			return nil, fmt.Errorf("column %q has %d rows, expected %d", name, c.Len(), f.nrows)
		}
	}
	return f, nil
}

// scan returns the position of the first of the first n columns named
// name, or -1.
func (f *Frame) scan(name string, n int) int {
	for j, have := range f.names[:n] {
		if have == name {
			return j
		}
	}
	return -1
}

// NumRows returns the number of rows.
func (f *Frame) NumRows() int { return f.nrows }

// NumCols returns the number of columns.
func (f *Frame) NumCols() int { return len(f.cols) }

// Col returns the i-th column.
func (f *Frame) Col(i int) Column { return f.cols[i] }

// Columns returns the columns in order; the slice is a copy.
func (f *Frame) Columns() []Column { return append([]Column(nil), f.cols...) }

// Lookup returns the column with the given name.
func (f *Frame) Lookup(name string) (Column, bool) {
	i := f.Index(name)
	if i < 0 {
		return nil, false
	}
	return f.cols[i], true
}

// Index returns the position of the named column, or -1.
func (f *Frame) Index(name string) int {
	if f.byName == nil {
		return f.scan(name, len(f.cols))
	}
	if i, ok := f.byName[name]; ok {
		return i
	}
	return -1
}

// Names returns the column names in order.
func (f *Frame) Names() []string {
	out := make([]string, len(f.names))
	copy(out, f.names)
	return out
}

// Take returns the rows at the given positions, in that order.
func (f *Frame) Take(rows []int) *Frame {
	cols := make([]Column, len(f.cols))
	for i, c := range f.cols {
		cols[i] = c.Take(rows)
	}
	out, err := NewFrame(cols...)
	if err != nil {
		panic("data: Take broke a frame: " + err.Error())
	}
	if len(cols) == 0 {
		out.nrows = len(rows)
	}
	return out
}

// Select returns the named columns in the given order.
func (f *Frame) Select(names ...string) (*Frame, error) {
	cols := make([]Column, 0, len(names))
	for _, n := range names {
		c, ok := f.Lookup(n)
		if !ok {
			return nil, fmt.Errorf("no column named %q", n)
		}
		cols = append(cols, c)
	}
	return NewFrame(cols...)
}

// Drop returns the Frame without the named columns; unknown names are
// ignored.
func (f *Frame) Drop(names ...string) *Frame {
	skip := make(map[string]bool, len(names))
	for _, n := range names {
		skip[n] = true
	}
	cols := make([]Column, 0, len(f.cols))
	for _, c := range f.cols {
		if !skip[c.Name()] {
			cols = append(cols, c)
		}
	}
	out, _ := NewFrame(cols...)
	if len(cols) == 0 {
		out.nrows = f.nrows
	}
	return out
}

// With returns the Frame with col replacing the column of the same name, or
// appended when no column has that name.
func (f *Frame) With(col Column) (*Frame, error) {
	cols := f.Columns()
	if i := f.Index(col.Name()); i >= 0 {
		cols[i] = col
	} else {
		cols = append(cols, col)
	}
	return NewFrame(cols...)
}

// MissingCells counts the missing cells in all columns.
func (f *Frame) MissingCells() int {
	n := 0
	for _, c := range f.cols {
		n += c.Missing()
	}
	return n
}

// MemSize estimates the bytes held by the Frame's values.
func (f *Frame) MemSize() int64 {
	var n int64
	for _, c := range f.cols {
		n += c.MemSize()
	}
	return n
}
