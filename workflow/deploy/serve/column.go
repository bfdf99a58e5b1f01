package serve

import (
	"math"
	"strconv"
	"strings"
	"time"

	"modelbench/workflow/data"
	"modelbench/workflow/deploy/contract"
)

// columnBuilder gathers one field's values.
type columnBuilder struct {
	f        *contract.Field
	layout   string
	n        int // rows
	text     bool
	miss     data.Mask
	nums     []float64 // number, integer
	times    []int64   // datetime (Unix nanoseconds)
	bools    []bool
	strs     []string // category, text
	levels   map[string]bool
	lenient  bool // values that do not fit become missing (readLogged)
	problems []Problem
	warnings []Problem
}

func newColumn(f *contract.Field, layout string, levels map[string]bool, n int, text bool) *columnBuilder {
	cb := &columnBuilder{f: f, layout: layout, levels: levels, text: text, n: n, miss: data.NewMask(n)}
	switch f.Type {
	case contract.TypeNumber, contract.TypeInteger:
		cb.nums = make([]float64, n)
	case contract.TypeDatetime:
		cb.times = make([]int64, n)
	case contract.TypeBoolean:
		cb.bools = make([]bool, n)
	default:
		cb.strs = make([]string, n)
	}
	return cb
}

func (cb *columnBuilder) fail(r int, problem string) {
	if cb.lenient {
		cb.miss.Set(r)
		if cb.nums != nil {
			cb.nums[r] = math.NaN()
		}
		return
	}
	cb.problems = append(cb.problems, Problem{Row: r + 1, Field: cb.f.Name, Problem: problem, Expected: cb.expected()})
}

// expected says what the field takes.
func (cb *columnBuilder) expected() string {
	f := cb.f
	var s string
	switch f.Type {
	case contract.TypeNumber:
		s = "a number"
	case contract.TypeInteger:
		s = "a whole number"
	case contract.TypeBoolean:
		s = "true or false"
		if f.TrueText != "" && f.TrueText != "true" {
			s += " (or " + strconv.Quote(f.TrueText) + " / " + strconv.Quote(f.FalseText) + ")"
		}
	case contract.TypeDatetime:
		s = "a date-time text in the layout " + strconv.Quote(cb.layoutOrDefault()) + " or RFC 3339"
	case contract.TypeCategory:
		s = "a text value"
		if len(f.Levels) > 0 {
			s += " such as " + quoteList(f.Levels, 5)
		}
	default:
		s = "a text value"
	}
	if f.Nullable {
		return s + " or null"
	}
	return s + "; the field is required"
}

func (cb *columnBuilder) layoutOrDefault() string {
	if cb.layout == "" {
		return time.RFC3339
	}
	return cb.layout
}

func quoteList(ls []string, n int) string {
	var b strings.Builder
	for i, l := range ls {
		if i == n {
			b.WriteString(", …")
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(strconv.Quote(l))
	}
	return b.String()
}

// add reads row r's value (present says the key was there).
func (cb *columnBuilder) add(r int, raw any, present bool) {
	if s, ok := raw.(string); ok && missingTokens.IsMissing(s) && cb.f.Type != contract.TypeText {
		raw = nil
	}
	if !present || raw == nil {
		cb.setMissing(r, present)
		return
	}
	switch cb.f.Type {
	case contract.TypeNumber, contract.TypeInteger:
		cb.addNumber(r, raw)
	case contract.TypeBoolean:
		cb.addBool(r, raw)
	case contract.TypeDatetime:
		cb.addTime(r, raw)
	case contract.TypeCategory:
		cb.addCategory(r, raw)
	default:
		cb.addText(r, raw)
	}
}

func (cb *columnBuilder) setMissing(r int, present bool) {
	cb.miss.Set(r)
	if cb.nums != nil {
		cb.nums[r] = math.NaN()
	}
	if !cb.f.Nullable && !cb.lenient {
		what := "missing"
		if present {
			what = "null or a missing-value text"
		}
		cb.fail(r, what)
	}
}

func (cb *columnBuilder) addNumber(r int, raw any) {
	var v float64
	switch x := raw.(type) {
	case float64:
		v = x
	case string:
		if !cb.text {
			cb.fail(r, "a string ("+clip(x)+")")
			return
		}
		f, ok := missingTokens.ParseFloat(x)
		if !ok {
			cb.fail(r, strconv.Quote(clip(x))+" is not a number")
			return
		}
		v = f
	default:
		cb.fail(r, "a JSON "+jsonKind(raw))
		return
	}
	if math.IsNaN(v) || math.IsInf(v, 0) {
		cb.fail(r, "not a finite number")
		return
	}
	if cb.f.Type == contract.TypeInteger && v != math.Trunc(v) {
		cb.fail(r, data.FormatFloat(v)+" is not a whole number")
		return
	}
	cb.nums[r] = v
	if !cb.lenient {
		cb.checkRange(r, v, data.FormatFloat)
	}
}

// checkRange warns about a value outside the training range.
func (cb *columnBuilder) checkRange(r int, v float64, format func(float64) string) {
	f := cb.f
	if f.Min == nil || f.Max == nil || (v >= *f.Min && v <= *f.Max) {
		return
	}
	cb.warnings = append(cb.warnings, Problem{Row: r + 1, Field: f.Name, Problem: format(v) + " is outside the training range; scored, but the model is extrapolating",
		Expected: format(*f.Min) + " to " + format(*f.Max)})
}

func (cb *columnBuilder) addBool(r int, raw any) {
	switch x := raw.(type) {
	case bool:
		cb.bools[r] = x
	case float64:
		if x != 0 && x != 1 {
			cb.fail(r, data.FormatFloat(x)+" is neither 0 nor 1")
			return
		}
		cb.bools[r] = x == 1
	case string:
		s := strings.TrimSpace(x)
		switch {
		case cb.f.TrueText != "" && strings.EqualFold(s, cb.f.TrueText):
			cb.bools[r] = true
		case cb.f.FalseText != "" && strings.EqualFold(s, cb.f.FalseText):
			cb.bools[r] = false
		default:
			b, ok := data.ParseBool(s)
			if !ok {
				cb.fail(r, strconv.Quote(clip(x))+" is not a yes/no value")
				return
			}
			cb.bools[r] = b
		}
	default:
		cb.fail(r, "a JSON "+jsonKind(raw))
	}
}

func (cb *columnBuilder) addTime(r int, raw any) {
	s, ok := raw.(string)
	if !ok {
		cb.fail(r, "a JSON "+jsonKind(raw))
		return
	}
	s = strings.TrimSpace(s)
	t, err := time.Parse(cb.layoutOrDefault(), s)
	if err != nil {
		if t, err = time.Parse(time.RFC3339Nano, s); err != nil {
			cb.fail(r, strconv.Quote(clip(s))+" is not a date-time in that layout")
			return
		}
	}
	cb.times[r] = t.UnixNano()
	if cb.lenient {
		return
	}
	cb.checkRange(r, float64(t.Unix()), func(v float64) string {
		return time.Unix(int64(v), 0).UTC().Format(cb.layoutOrDefault())
	})
}

func (cb *columnBuilder) addCategory(r int, raw any) {
	s, ok := textOf(raw)
	if !ok {
		cb.fail(r, "a JSON "+jsonKind(raw))
		return
	}
	s = strings.TrimSpace(s)
	cb.strs[r] = s
	if cb.levels != nil && !cb.levels[s] && !cb.lenient {
		cb.warnings = append(cb.warnings, Problem{Row: r + 1, Field: cb.f.Name, Problem: strconv.Quote(clip(s)) + " is a level not seen in training; scored as the preparation treats unseen levels",
			Expected: quoteList(cb.f.Levels, 10)})
	}
}

func (cb *columnBuilder) addText(r int, raw any) {
	s, ok := textOf(raw)
	if !ok {
		cb.fail(r, "a JSON "+jsonKind(raw))
		return
	}
	if missingTokens.IsMissing(s) {
		cb.setMissing(r, true)
		return
	}
	cb.strs[r] = s
}

// textOf reads strings, and numbers and booleans as their text.
func textOf(raw any) (string, bool) {
	switch x := raw.(type) {
	case string:
		return x, true
	case float64:
		return data.FormatFloat(x), true
	case bool:
		return strconv.FormatBool(x), true
	}
	return "", false
}

// clip shortens a value quoted in a message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// column builds the typed column.
func (cb *columnBuilder) column() data.Column {
	name := cb.f.Name
	switch {
	case cb.nums != nil:
		return data.NewNumeric(name, cb.nums, cb.miss)
	case cb.times != nil:
		return data.NewDatetime(name, cb.times, cb.miss, cb.layout)
	case cb.bools != nil:
		c := data.NewBoolean(name, cb.bools, cb.miss)
		if cb.f.TrueText != "" && cb.f.FalseText != "" && cb.f.TrueText != cb.f.FalseText {
			c = c.Spelled(data.BoolSpelling{True: cb.f.TrueText, False: cb.f.FalseText})
		}
		return c
	case cb.f.Type == contract.TypeCategory:
		codes := make([]int32, len(cb.strs))
		index := map[string]int32{}
		var levels []string
		for i, s := range cb.strs {
			if cb.miss.Get(i) {
				codes[i] = -1
				continue
			}
			k, ok := index[s]
			if !ok {
				k = int32(len(levels))
				index[s] = k
				levels = append(levels, s)
			}
			codes[i] = k
		}
		return data.NewCategorical(name, codes, levels)
	}
	return data.NewText(name, cb.strs, cb.miss)
}
