package data

import (
	"fmt"
	"math"
)

// Concat returns the rows of a followed by the rows of b, with a's
// columns in a's order. b must have every column of a (extra columns are
// left out); a column of b whose kind differs from a's is converted to
// a's kind first (Convert with default options), and a value that does
// not convert is an error naming the column and row. Categories are
// merged (a's levels first, then b's new ones in order); yes/no columns
// keep a's spelling; datetime columns keep a's layout. Neither frame is
// changed.
func Concat(a, b *Frame) (*Frame, error) {
	na, nb := a.NumRows(), b.NumRows()
	cols := make([]Column, 0, a.NumCols())
	for i := range a.NumCols() {
		ca := a.Col(i)
		cb, ok := b.Lookup(ca.Name())
		if !ok {
			return nil, fmt.Errorf("the rows to add lack the column %q", ca.Name())
		}
		if cb.Kind() != ca.Kind() {
			conv, err := Convert(cb, ca.Kind(), ParseOptions{})
			if err != nil {
				return nil, fmt.Errorf("column %q of the rows to add: %w", ca.Name(), err)
			}
			cb = conv
		}
		c, err := concatColumn(ca, cb, na, nb)
		if err != nil {
			return nil, err
		}
		cols = append(cols, c)
	}
	return NewFrame(cols...)
}

func concatMask(ca, cb Column, na, nb int) Mask {
	m := NewMask(na + nb)
	for i := range na {
		if ca.IsMissing(i) {
			m.Set(i)
		}
	}
	for i := range nb {
		if cb.IsMissing(i) {
			m.Set(na + i)
		}
	}
	return m
}

func concatColumn(ca, cb Column, na, nb int) (Column, error) {
	name := ca.Name()
	switch x := ca.(type) {
	case *NumericColumn:
		y := cb.(*NumericColumn)
		v := make([]float64, 0, na+nb)
		v = append(append(v, x.Values()...), y.Values()...)
		m := concatMask(ca, cb, na, nb)
		for i := range v {
			if m.Get(i) {
				v[i] = math.NaN()
			}
		}
		return NewNumeric(name, v, m), nil
	case *CategoricalColumn:
		y := cb.(*CategoricalColumn)
		levels := append([]string(nil), x.Levels()...)
		index := make(map[string]int32, len(levels))
		for k, l := range levels {
			index[l] = int32(k)
		}
		remap := make([]int32, len(y.Levels()))
		for k, l := range y.Levels() {
			code, ok := index[l]
			if !ok {
				code = int32(len(levels))
				levels = append(levels, l)
				index[l] = code
			}
			remap[k] = code
		}
		codes := make([]int32, 0, na+nb)
		codes = append(codes, x.Codes()...)
		for _, k := range y.Codes() {
			if k < 0 {
				codes = append(codes, -1)
			} else {
				codes = append(codes, remap[k])
			}
		}
		return NewCategorical(name, codes, levels), nil
	case *BooleanColumn:
		y := cb.(*BooleanColumn)
		v := make([]bool, na+nb)
		for i := range na {
			v[i], _ = x.At(i)
		}
		for i := range nb {
			v[na+i], _ = y.At(i)
		}
		return NewBoolean(name, v, concatMask(ca, cb, na, nb)).Spelled(x.Spelling()), nil
	case *DatetimeColumn:
		y := cb.(*DatetimeColumn)
		v := make([]int64, 0, na+nb)
		v = append(append(v, x.UnixNanos()...), y.UnixNanos()...)
		return NewDatetime(name, v, concatMask(ca, cb, na, nb), x.Layout()), nil
	case *TextColumn:
		y := cb.(*TextColumn)
		v := make([]string, 0, na+nb)
		v = append(append(v, x.Values()...), y.Values()...)
		return NewText(name, v, concatMask(ca, cb, na, nb)), nil
	}
	return nil, fmt.Errorf("column %q: cannot append %s columns", name, ca.Kind())
}
