package monitor

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"

	"modelbench/workflow/data"
)

// Record is one logged prediction request.
type Record struct {
	// Inputs are the raw input values by column name, as JSON decodes them
	// or as typed Go values: numbers (float64, any int, json.Number, or
	// text holding a number), text, booleans, time.Time (or text in the
	// column's layout, or Unix seconds) for datetimes; nil, a missing key,
	// NaN and the default missing tokens of data.ParseOptions ("", NA, …)
	// are missing.
	Inputs map[string]any
	Outcome
}

// Outcome is what a request returned, and its feedback.
type Outcome struct {
	// Time is when the request arrived; it places the record in a trend
	// bucket.
	Time time.Time
	// Prediction is the predicted class (text, or a number or boolean that
	// is formatted as one) or value (a number); nil when none.
	Prediction any
	// Probabilities are the class probabilities, when the model gives them.
	Probabilities map[string]float64
	Latency       time.Duration
	// Error is non-empty when the request failed.
	Error string
	// Truth is the true class or value once feedback has arrived; nil
	// until then.
	Truth any
}

// featureAcc gathers one column's window values: the present numbers
// (numeric and datetime columns) or the counts per category (levels, then
// "other"), the counts per PSI bin, and the missing and unreadable rows.
type featureAcc struct {
	prof    *Profile
	nums    []float64
	bins    []float64 // numeric: one per bin, then missing; levels: categories, then missing
	index   map[string]int
	other   map[string]bool
	unseen  map[string]int
	missing int
	invalid int
}

func newAcc(p *Profile, capacity int) *featureAcc {
	a := &featureAcc{prof: p}
	if p.Numeric != nil {
		a.nums = make([]float64, 0, capacity)
		a.bins = make([]float64, len(p.Numeric.Bins)+1)
		return a
	}
	lp := p.Levels
	a.bins = make([]float64, len(lp.Levels)+2)
	a.index = make(map[string]int, len(lp.Levels))
	for k, lc := range lp.Levels {
		a.index[lc.Level] = k
	}
	a.other = make(map[string]bool, len(lp.OtherNames))
	for _, s := range lp.OtherNames {
		a.other[s] = true
	}
	a.unseen = map[string]int{}
	return a
}

// merge adds what o gathered to a; both accumulate the same profile.
func (a *featureAcc) merge(o *featureAcc) {
	a.nums = append(a.nums, o.nums...)
	for k, c := range o.bins {
		a.bins[k] += c
	}
	for s, n := range o.unseen {
		a.unseen[s] += n
	}
	a.missing += o.missing
	a.invalid += o.invalid
}

func (a *featureAcc) addMissing() {
	a.missing++
	a.bins[len(a.bins)-1]++
}

func (a *featureAcc) addInvalid() {
	a.invalid++
	a.addMissing()
}

func (a *featureAcc) addNumber(v float64) {
	if !finite(v) {
		a.addMissing()
		return
	}
	a.nums = append(a.nums, v)
	a.bins[binOf(a.prof.Numeric.Edges, v)]++
}

func (a *featureAcc) addLevel(s string) {
	if k, ok := a.index[s]; ok {
		a.bins[k]++
		return
	}
	a.bins[len(a.bins)-2]++ // other
	lp := a.prof.Levels
	if !a.other[s] && (lp.OtherLevels == 0 || len(lp.OtherNames) > 0) {
		a.unseen[s]++
	}
}

// add reads one raw input value as the column's kind.
func (a *featureAcc) add(v any) {
	if v == nil {
		a.addMissing()
		return
	}
	if a.prof.Numeric != nil {
		a.addRawNumber(v)
		return
	}
	var s string
	switch x := v.(type) {
	case string:
		if k, ok := a.index[x]; ok && a.prof.Kind != data.Boolean {
			a.bins[k]++ // the common case: a known level as it was trained
			return
		}
		s = strings.TrimSpace(x)
		if missingText(s) {
			a.addMissing()
			return
		}
		if a.prof.Kind == data.Boolean {
			b, ok := data.ParseBool(s)
			if !ok {
				a.addInvalid()
				return
			}
			s = formatBool(b)
		}
	case bool:
		s = formatBool(x)
	default:
		f, ok := toFloat(v)
		if !ok {
			a.addInvalid()
			return
		}
		if math.IsNaN(f) {
			a.addMissing()
			return
		}
		s = data.FormatFloat(f)
		if a.prof.Kind == data.Boolean {
			if f != 0 && f != 1 {
				a.addInvalid()
				return
			}
			s = formatBool(f == 1)
		}
	}
	a.addLevel(s)
}

func (a *featureAcc) addRawNumber(v any) {
	if a.prof.Kind == data.Datetime {
		switch x := v.(type) {
		case time.Time:
			a.addNumber(float64(x.UnixNano()) / 1e9)
			return
		case string:
			s := strings.TrimSpace(x)
			if missingText(s) {
				a.addMissing()
				return
			}
			if t, ok := parseTime(s, a.prof.Layout); ok {
				a.addNumber(float64(t.UnixNano()) / 1e9)
				return
			}
		}
	}
	if s, ok := v.(string); ok {
		s = strings.TrimSpace(s)
		if missingText(s) {
			a.addMissing()
			return
		}
		f, err := strconv.ParseFloat(s, 64)
		if err != nil {
			a.addInvalid()
			return
		}
		a.addNumber(f)
		return
	}
	f, ok := toFloat(v)
	if !ok {
		a.addInvalid()
		return
	}
	a.addNumber(f)
}

var defaultParse data.ParseOptions

func missingText(s string) bool { return defaultParse.IsMissing(s) }

func parseTime(s, layout string) (time.Time, bool) {
	if layout == "" {
		layout = time.RFC3339
	}
	if t, err := time.Parse(layout, s); err == nil {
		return t, true
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		return t, true
	}
	return time.Time{}, false
}

// toFloat reads the numeric Go types and json.Number.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case float64:
		return x, true
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int64:
		return float64(x), true
	case int32:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint64:
		return float64(x), true
	case uint32:
		return float64(x), true
	case json.Number:
		f, err := x.Float64()
		return f, err == nil
	}
	return 0, false
}

// predictionLabel is a classification prediction or truth as a class name.
func predictionLabel(v any) (string, bool) {
	switch x := v.(type) {
	case nil:
		return "", false
	case string:
		s := strings.TrimSpace(x)
		return s, s != ""
	case bool:
		return formatBool(x), true
	}
	f, ok := toFloat(v)
	if !ok || math.IsNaN(f) {
		return "", false
	}
	return data.FormatFloat(f), true
}

// predictionValue is a regression prediction or truth as a number.
func predictionValue(v any) (float64, bool) {
	if s, ok := v.(string); ok {
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		return f, err == nil && finite(f)
	}
	f, ok := toFloat(v)
	return f, ok && finite(f)
}
