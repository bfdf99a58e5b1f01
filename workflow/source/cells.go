package source

import (
	"strconv"
	"time"

	"modelbench/workflow/data"
)

// cellKind is what a cellBuilder has stored so far.
type cellKind uint8

const (
	cellNone cellKind = iota // only missing values yet
	cellNum
	cellBool
	cellTime
	cellText
)

// cellBuilder collects one column of values that arrive row by row with a
// type each (a database row, a JSON record). It keeps them typed while every
// value has the same type and falls back to text as soon as two types mix,
// so that the shared inference of package data decides what a mixed column
// is. The zero value is an empty builder.
type cellBuilder struct {
	kind   cellKind
	n      int
	miss   []uint64
	nums   []float64
	bools  []bool
	times  []int64
	texts  []string
	subDay bool // some instant is not at midnight UTC
	subSec bool // some instant has a fraction of a second
	mixed  bool // two types met and the values became text
}

func (b *cellBuilder) setMissing(i int) {
	for len(b.miss) <= i>>6 {
		b.miss = append(b.miss, 0)
	}
	b.miss[i>>6] |= 1 << (uint(i) & 63)
}

func (b *cellBuilder) isMissing(i int) bool {
	return i>>6 < len(b.miss) && b.miss[i>>6]&(1<<(uint(i)&63)) != 0
}

// mask returns the missing mask sized for the rows added.
func (b *cellBuilder) mask() data.Mask {
	m := data.NewMask(b.n)
	copy(m, b.miss)
	return m
}

// addNull records a missing value.
func (b *cellBuilder) addNull() {
	b.setMissing(b.n)
	switch b.kind {
	case cellNum:
		b.nums = append(b.nums, 0)
	case cellBool:
		b.bools = append(b.bools, false)
	case cellTime:
		b.times = append(b.times, 0)
	case cellText:
		b.texts = append(b.texts, "")
	}
	b.n++
}

// become switches an empty builder to kind k, or a typed one to text when
// k differs from what it holds.
func (b *cellBuilder) become(k cellKind) cellKind {
	if b.kind == k || b.kind == cellText {
		return b.kind
	}
	if b.kind == cellNone {
		b.kind = k
		switch k {
		case cellNum:
			b.nums = make([]float64, b.n, b.n+64)
		case cellBool:
			b.bools = make([]bool, b.n, b.n+64)
		case cellTime:
			b.times = make([]int64, b.n, b.n+64)
		case cellText:
			b.texts = make([]string, b.n, b.n+64)
		}
		return k
	}
	texts := make([]string, b.n, b.n+64)
	for i := range texts {
		if !b.isMissing(i) {
			texts[i] = b.format(i)
		}
	}
	b.kind, b.texts, b.nums, b.bools, b.times, b.mixed = cellText, texts, nil, nil, nil, true
	return cellText
}

// format renders stored value i as text, for the fall back to text.
func (b *cellBuilder) format(i int) string {
	switch b.kind {
	case cellNum:
		return data.FormatFloat(b.nums[i])
	case cellBool:
		return strconv.FormatBool(b.bools[i])
	case cellTime:
		return time.Unix(0, b.times[i]).UTC().Format(b.layout())
	}
	return b.texts[i]
}

func (b *cellBuilder) addNum(v float64) {
	if b.become(cellNum) == cellText {
		b.addText(data.FormatFloat(v))
		return
	}
	b.nums = append(b.nums, v)
	b.n++
}

func (b *cellBuilder) addBool(v bool) {
	if b.become(cellBool) == cellText {
		b.addText(strconv.FormatBool(v))
		return
	}
	b.bools = append(b.bools, v)
	b.n++
}

func (b *cellBuilder) addTime(t time.Time) {
	t = t.UTC()
	if b.become(cellTime) == cellText {
		b.addText(t.Format(time.RFC3339Nano))
		return
	}
	ns := t.UnixNano()
	if ns%int64(24*time.Hour) != 0 {
		b.subDay = true
	}
	if ns%int64(time.Second) != 0 {
		b.subSec = true
	}
	b.times = append(b.times, ns)
	b.n++
}

func (b *cellBuilder) addText(s string) {
	b.become(cellText)
	b.texts = append(b.texts, s)
	b.n++
}

// layout is the time layout that shows every stored instant exactly.
func (b *cellBuilder) layout() string {
	switch {
	case b.subSec:
		return time.RFC3339Nano
	case b.subDay:
		return "2006-01-02 15:04:05"
	}
	return "2006-01-02"
}

// finish builds the column. why says how the source typed the values
// ("the JSON values are numbers"); text goes through the shared inference
// with opt, and firstLine numbers its rows in errors.
func (b *cellBuilder) finish(where, name, why string, opt data.ParseOptions, firstLine int) (data.Column, data.Inference, error) {
	switch b.kind {
	case cellNum:
		col := data.NewNumeric(name, b.nums, b.mask())
		return col, numericInference(col, why), nil
	case cellBool:
		col := data.NewBoolean(name, b.bools, b.mask())
		return col, declaredInference(col, why), nil
	case cellTime:
		col := data.NewDatetime(name, b.times, b.mask(), b.layout())
		return col, declaredInference(col, why), nil
	case cellNone:
		b.texts = make([]string, b.n)
	}
	return textColumn(where, name, b.texts, opt, firstLine)
}
