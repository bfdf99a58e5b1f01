package source

import (
	"errors"
	"fmt"

	"github.com/parquet-go/parquet-go"

	"modelbench/workflow/data"
)

// stringPage maps the page's texts to codes. Dictionary pages map each
// dictionary entry once; plain pages look every text up.
func (r *pqReader) stringPage(p parquet.Page, n int, present func(int) bool) error {
	d := p.Data()
	dict := p.Dictionary()
	var ix []int32
	var buf []byte
	var offs []uint32
	if dict != nil {
		ix = d.Int32()
		if dict != r.lastDict {
			r.mapDictionary(dict)
		}
	} else {
		r.plain = true
		buf, offs = d.ByteArray()
	}
	j := 0
	for i := 0; i < n; i++ {
		row := r.row + i
		if !present(i) {
			r.setMissing(row)
			continue
		}
		if ix != nil {
			if j >= len(ix) || ix[j] < 0 || int(ix[j]) >= len(r.dictMap) {
				return errors.New("a dictionary index is out of range")
			}
			r.codes[row] = r.dictMap[ix[j]]
		} else {
			if j+1 >= len(offs) || offs[j] > offs[j+1] || int(offs[j+1]) > len(buf) {
				return errors.New("a page holds fewer texts than its levels say")
			}
			r.codes[row] = r.code(buf[offs[j]:offs[j+1]])
		}
		j++
	}
	return nil
}

func (r *pqReader) mapDictionary(dict parquet.Dictionary) {
	r.lastDict = dict
	r.dictMap = make([]int32, dict.Len())
	for k := range r.dictMap {
		r.dictMap[k] = r.code(dict.Index(int32(k)).ByteArray())
	}
}

// code returns the code of a text, adding it as a new level if needed.
func (r *pqReader) code(b []byte) int32 {
	if k, ok := r.index[string(b)]; ok {
		return k
	}
	k := int32(len(r.levels))
	s := string(b)
	r.index[s] = k
	r.levels = append(r.levels, s)
	return k
}

// build turns the values into a column with its inference.
func (r *pqReader) build() (data.Column, data.Inference, error) {
	l := r.leaf
	m := data.NewMask(r.nrows)
	copy(m, r.miss)
	r.miss = m
	why := fmt.Sprintf("stored as %s in the Parquet file", l.what)
	switch l.kind {
	case pqNumber:
		col := data.NewNumeric(l.name, r.nums, r.miss)
		return col, numericInference(col, why), nil
	case pqBool:
		col := data.NewBoolean(l.name, r.bools, r.miss)
		return col, declaredInference(col, why), nil
	case pqTime:
		layout := "2006-01-02"
		for i, v := range r.ints {
			if v%86400e9 != 0 && !r.miss.Get(i) {
				layout = "2006-01-02 15:04:05.999999999"
				break
			}
		}
		col := data.NewDatetime(l.name, r.ints, r.miss, layout)
		return col, declaredInference(col, why), nil
	}
	present := r.nrows - r.miss.Count()
	if !r.plain && present > 0 && (len(r.levels) <= 2 || 2*len(r.levels) <= present) {
		col := data.NewCategorical(l.name, r.codes, r.levels)
		return col, declaredInference(col, fmt.Sprintf("dictionary-encoded text in the Parquet file: %d different values over %d rows", len(r.levels), present)), nil
	}
	texts := make([]string, r.nrows)
	for i, k := range r.codes {
		if k >= 0 {
			texts[i] = r.levels[k]
		}
	}
	return textColumn("", l.name, texts, nullOnly, 1)
}
