package source

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/deprecated"

	"modelbench/workflow/data"
)

// pqReader reads one leaf column, page after page, into typed values.
type pqReader struct {
	leaf  pqLeaf
	nrows int
	row   int
	hint  int // rows to reserve room for up front (bounded by the file size)

	miss  data.Mask
	nums  []float64 // pqNumber
	ints  []int64   // pqTime
	bools []bool    // pqBool

	codes    []int32          // pqString: code per row, -1 missing
	levels   []string         // pqString: code -> text
	index    map[string]int32 // pqString: text -> code
	plain    bool             // some page was not dictionary-encoded
	lastDict parquet.Dictionary
	dictMap  []int32 // dictionary index -> code for lastDict

	buf []parquet.Value
}

// read fills the column and builds it.
func (r *pqReader) read(ctx context.Context) (data.Column, data.Inference, error) {
	if r.leaf.kind == pqString {
		r.index = map[string]int32{}
	}
	pages := r.leaf.col.Pages()
	defer pages.Close()
	for r.row < r.nrows {
		if err := ctx.Err(); err != nil {
			return nil, data.Inference{}, err
		}
		p, err := pages.ReadPage()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, data.Inference{}, err
		}
		err = r.page(p)
		parquet.Release(p)
		if err != nil {
			return nil, data.Inference{}, err
		}
	}
	if r.row < r.nrows {
		return nil, data.Inference{}, fmt.Errorf("the column holds %d values but the file declares %d rows (is it truncated?)", r.row, r.nrows)
	}
	return r.build()
}

// page stores the values of one page, up to the row limit.
func (r *pqReader) page(p parquet.Page) error {
	n := min(int(p.NumValues()), r.nrows-r.row)
	defs := p.DefinitionLevels()
	maxDef := byte(r.leaf.col.MaxDefinitionLevel())
	if len(defs) > 0 && len(defs) < n {
		return errors.New("a page has fewer definition levels than values")
	}
	present := func(i int) bool { return len(defs) == 0 || defs[i] == maxDef }
	r.extend(n)
	var err error
	switch {
	case r.leaf.kind == pqString:
		err = r.stringPage(p, n, present)
	case r.leaf.kind == pqBool || p.Type().Kind() == parquet.Int96:
		err = r.genericPage(p, n)
	default:
		err = r.numberPage(p, n, present)
	}
	r.row += n
	return err
}

// extend makes room for n more rows. Storage grows with the values
// actually decoded, never with a row count the file merely claims.
func (r *pqReader) extend(n int) {
	end := r.row + n
	switch r.leaf.kind {
	case pqNumber:
		r.nums = growTo(r.nums, end, r.hint)
	case pqTime:
		r.ints = growTo(r.ints, end, r.hint)
	case pqBool:
		r.bools = growTo(r.bools, end, r.hint)
	case pqString:
		r.codes = growTo(r.codes, end, r.hint)
	}
	r.miss = growTo(r.miss, (end+63)/64, (r.hint+63)/64)
}

// growTo lengthens s to n, reserving room for hint elements the first
// time so that a column is not copied page after page.
func growTo[T any](s []T, n, hint int) []T {
	if n <= len(s) {
		return s
	}
	if cap(s) < n && cap(s) < hint {
		grown := make([]T, len(s), max(hint, n))
		copy(grown, s)
		s = grown
	}
	if n <= cap(s) {
		return s[:n]
	}
	return append(s, make([]T, n-len(s))...)
}

// numberPage reads integers and floats through the page's typed buffers.
func (r *pqReader) numberPage(p parquet.Page, n int, present func(int) bool) error {
	vals, ok := numberValuesOf(p)
	if !ok {
		return r.genericPage(p, n)
	}
	if r.leaf.kind == pqNumber && vals.f64 != nil && allDefined(p.DefinitionLevels(), maxDefinition(r)) {
		if len(vals.f64) < n {
			return errShortPage
		}
		copy(r.nums[r.row:r.row+n], vals.f64[:n]) // the common case: a page of doubles without nulls
		return nil
	}
	j := 0
	for i := 0; i < n; i++ {
		row := r.row + i
		if !present(i) {
			r.setMissing(row)
			continue
		}
		f, k, isInt, err := vals.at(j)
		if err != nil {
			return err
		}
		j++
		r.storeNumber(row, f, k, isInt)
	}
	return nil
}

func maxDefinition(r *pqReader) byte { return byte(r.leaf.col.MaxDefinitionLevel()) }

// allDefined reports whether no value of a page is null.
func allDefined(defs []byte, maxDef byte) bool {
	for _, d := range defs {
		if d != maxDef {
			return false
		}
	}
	return true
}

// errShortPage reports a page with fewer values than its levels say.
var errShortPage = errors.New("a page holds fewer values than its levels say")

// numberValues are a page's stored numbers: dictionary indexes, or one of
// the typed buffers.
type numberValues struct {
	dict parquet.Dictionary
	ix   []int32
	f64  []float64
	f32  []float32
	i32  []int32
	i64  []int64
}

// numberValuesOf returns the page's numbers; ok is false for a page of
// another physical type, which the generic reader handles.
func numberValuesOf(p parquet.Page) (v numberValues, ok bool) {
	d := p.Data()
	if v.dict = p.Dictionary(); v.dict != nil {
		v.ix = d.Int32()
		return v, true
	}
	switch p.Type().Kind() {
	case parquet.Double:
		v.f64 = d.Double()
	case parquet.Float:
		v.f32 = d.Float()
	case parquet.Int32:
		v.i32 = d.Int32()
	case parquet.Int64:
		v.i64 = d.Int64()
	default:
		return v, false
	}
	return v, true
}

// at returns the j-th stored value: a float f, or an integer k when isInt.
// A damaged page (fewer values than its levels say, a dictionary index
// out of range) is an error.
func (v *numberValues) at(j int) (f float64, k int64, isInt bool, err error) {
	switch {
	case v.dict != nil:
		if j >= len(v.ix) || int(v.ix[j]) >= v.dict.Len() || v.ix[j] < 0 {
			return 0, 0, false, errors.New("a dictionary index is out of range")
		}
		x := v.dict.Index(v.ix[j])
		switch x.Kind() {
		case parquet.Double:
			return x.Double(), 0, false, nil
		case parquet.Float:
			return float64(x.Float()), 0, false, nil
		}
		return 0, x.Int64(), true, nil
	case v.f64 != nil:
		if j < len(v.f64) {
			return v.f64[j], 0, false, nil
		}
	case v.f32 != nil:
		if j < len(v.f32) {
			return float64(v.f32[j]), 0, false, nil
		}
	case v.i32 != nil:
		if j < len(v.i32) {
			return 0, int64(v.i32[j]), true, nil
		}
	case j < len(v.i64):
		return 0, v.i64[j], true, nil
	}
	return 0, 0, false, errShortPage
}

func (r *pqReader) storeNumber(row int, f float64, k int64, isInt bool) {
	switch {
	case r.leaf.kind == pqTime:
		r.ints[row] = k * int64(r.leaf.scale)
	case isInt:
		r.nums[row] = float64(k) / r.leaf.scale
	default:
		r.nums[row] = f
	}
}

func (r *pqReader) setMissing(row int) {
	r.miss.Set(row)
	switch r.leaf.kind {
	case pqNumber:
		r.nums[row] = nan
	case pqString:
		r.codes[row] = -1
	}
}

// genericPage reads any page value by value: booleans, INT96 timestamps.
func (r *pqReader) genericPage(p parquet.Page, n int) error {
	if cap(r.buf) == 0 {
		r.buf = make([]parquet.Value, 1024)
	}
	vr := p.Values()
	done := 0
	for done < n {
		k, err := vr.ReadValues(r.buf[:min(len(r.buf), n-done)])
		for _, v := range r.buf[:k] {
			r.storeValue(r.row+done, v)
			done++
		}
		if err == io.EOF || k == 0 && err == nil {
			break
		}
		if err != nil {
			return err
		}
	}
	if done < n {
		return errors.New("a page holds fewer values than it declares")
	}
	return nil
}

func (r *pqReader) storeValue(row int, v parquet.Value) {
	if v.IsNull() {
		r.setMissing(row)
		return
	}
	switch v.Kind() {
	case parquet.Boolean:
		r.bools[row] = v.Boolean()
	case parquet.Int96:
		r.ints[row] = int96Nanos(v.Int96())
	case parquet.Double:
		r.storeNumber(row, v.Double(), 0, false)
	case parquet.Float:
		r.storeNumber(row, float64(v.Float()), 0, false)
	default:
		r.storeNumber(row, 0, v.Int64(), true)
	}
}

// int96Nanos converts Impala's INT96 timestamp (nanoseconds of the day,
// then the Julian day) to Unix nanoseconds.
func int96Nanos(v deprecated.Int96) int64 {
	nanos := int64(v[1])<<32 | int64(v[0])
	return (int64(v[2])-2440588)*86400e9 + nanos
}
