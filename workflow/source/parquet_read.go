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
		r.nums = growTo(r.nums, end)
	case pqTime:
		r.ints = growTo(r.ints, end)
	case pqBool:
		r.bools = growTo(r.bools, end)
	case pqString:
		r.codes = growTo(r.codes, end)
	}
	r.miss = growTo(r.miss, (end+63)/64)
}

func growTo[T any](s []T, n int) []T {
	if n <= len(s) {
		return s
	}
	return append(s, make([]T, n-len(s))...)
}

// numberPage reads integers and floats through the page's typed buffers.
func (r *pqReader) numberPage(p parquet.Page, n int, present func(int) bool) error {
	d := p.Data()
	dict := p.Dictionary()
	var ix []int32
	if dict != nil {
		ix = d.Int32()
	}
	var f64 []float64
	var f32 []float32
	var i32 []int32
	var i64 []int64
	switch {
	case dict != nil:
	case p.Type().Kind() == parquet.Double:
		f64 = d.Double()
	case p.Type().Kind() == parquet.Float:
		f32 = d.Float()
	case p.Type().Kind() == parquet.Int32:
		i32 = d.Int32()
	case p.Type().Kind() == parquet.Int64:
		i64 = d.Int64()
	default:
		return r.genericPage(p, n)
	}
	j := 0
	for i := 0; i < n; i++ {
		row := r.row + i
		if !present(i) {
			r.setMissing(row)
			continue
		}
		var f float64
		var k int64
		isInt := true
		switch {
		case ix != nil:
			if j >= len(ix) || int(ix[j]) >= dict.Len() {
				return errors.New("a dictionary index is out of range")
			}
			v := dict.Index(ix[j])
			switch v.Kind() {
			case parquet.Double, parquet.Float:
				f, isInt = v.Double(), false
				if v.Kind() == parquet.Float {
					f = float64(v.Float())
				}
			default:
				k = v.Int64()
			}
		case f64 != nil:
			f, isInt = f64[j], false
		case f32 != nil:
			f, isInt = float64(f32[j]), false
		case i32 != nil:
			k = int64(i32[j])
		default:
			k = i64[j]
		}
		j++
		r.storeNumber(row, f, k, isInt)
	}
	if ix == nil && j > len(f64)+len(f32)+len(i32)+len(i64) {
		return errors.New("a page holds fewer values than its levels say")
	}
	return nil
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
