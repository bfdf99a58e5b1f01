package data

import (
	"fmt"
	"strings"
	"time"
)

// Type labels: the inferred meaning of a column, finer than its Kind.
const (
	LabelNumeric     = "numeric"
	LabelInteger     = "integer"
	LabelBoolean     = "boolean"
	LabelCategorical = "categorical"
	LabelDatetime    = "datetime"
	LabelText        = "text"
	LabelIdentifier  = "identifier"
	LabelEmpty       = "empty"
)

// Inference is what Modelbench concluded about a column and why, in words
// shown to the user.
type Inference struct {
	Kind   Kind   `json:"kind"`
	Label  string `json:"label"`
	Reason string `json:"reason"`
}

// BuildColumn turns cell texts into a typed column. When force is nil the
// kind is inferred from the values; otherwise the cells are converted to
// *force and the first cell that does not fit is reported as a *ParseError
// whose Line is the cell's 0-based position plus firstLine.
func BuildColumn(name string, cells []string, opt ParseOptions, force *Kind, firstLine int) (Column, Inference, error) {
	present := make([]string, 0, len(cells))
	for _, c := range cells {
		if !opt.IsMissing(c) {
			present = append(present, strings.TrimSpace(c))
		}
	}
	var inf Inference
	if force != nil {
		inf = Inference{Kind: *force, Label: (*force).String(), Reason: "type chosen by the user"}
	} else {
		inf = inferStrings(present, len(cells), opt)
	}
	col, err := convertCells(name, cells, opt, inf.Kind, firstLine)
	if err != nil {
		return nil, inf, err
	}
	if force == nil {
		inf = refineLabel(col, inf, name)
	}
	return col, inf, nil
}

// inferStrings picks a kind for the present (non-missing, trimmed) values
// of a column that has n cells in all.
func inferStrings(present []string, n int, opt ParseOptions) Inference {
	if len(present) == 0 {
		return Inference{Kind: Text, Label: LabelEmpty, Reason: fmt.Sprintf("all %d values are missing", n)}
	}
	if allFit(present, func(s string) bool { _, ok := ParseBool(s); return ok }) {
		return Inference{Kind: Boolean, Label: LabelBoolean,
			Reason: fmt.Sprintf("every value is a yes/no word (%s)", sampleList(present, 4))}
	}
	if allFit(present, func(s string) bool { _, ok := opt.ParseFloat(s); return ok }) {
		return Inference{Kind: Numeric, Label: LabelNumeric, Reason: fmt.Sprintf("all %d present values are numbers", len(present))}
	}
	if layout, ok := DetectDateLayout(present); ok {
		return Inference{Kind: Datetime, Label: LabelDatetime,
			Reason: fmt.Sprintf("every value is a date in the form %s", layoutExample(layout))}
	}
	unique := countUnique(present)
	switch {
	case unique == len(present) && len(present) >= 10 && !hasSpaces(present):
		return Inference{Kind: Text, Label: LabelIdentifier,
			Reason: fmt.Sprintf("every one of the %d values is different and none contains a space, so it names rows rather than describing them", len(present))}
	case unique <= 2 || float64(unique) <= 0.5*float64(len(present)):
		return Inference{Kind: Categorical, Label: LabelCategorical,
			Reason: fmt.Sprintf("%d different words repeat over %d values (%s)", unique, len(present), sampleList(present, 4))}
	default:
		return Inference{Kind: Text, Label: LabelText,
			Reason: fmt.Sprintf("%d of %d values are different, too many to be categories", unique, len(present))}
	}
}

// refineLabel adds what only the typed values show: whole numbers and
// numeric identifiers.
func refineLabel(col Column, inf Inference, name string) Inference {
	num, ok := col.(*NumericColumn)
	if !ok || !num.IsInteger() || num.Len()-num.Missing() == 0 {
		return inf
	}
	inf.Label = LabelInteger
	inf.Reason = fmt.Sprintf("all %d present values are whole numbers", num.Len()-num.Missing())
	if LooksLikeIdentifier(num) {
		inf.Label = LabelIdentifier
		inf.Reason = fmt.Sprintf("whole numbers, every one different, in a column named %q: it numbers rows rather than measuring them", name)
	}
	return inf
}

// convertCells converts every cell to kind, naming the first cell that
// does not fit.
func convertCells(name string, cells []string, opt ParseOptions, kind Kind, firstLine int) (Column, error) {
	bad := func(i int, why string) error {
		return &ParseError{Line: firstLine + i, ColumnName: name, Err: fmt.Errorf("%q %s", cells[i], why)}
	}
	n := len(cells)
	switch kind {
	case Numeric:
		vals := make([]float64, n)
		miss := NewMask(n)
		for i, c := range cells {
			if opt.IsMissing(c) {
				miss.Set(i)
				continue
			}
			v, ok := opt.ParseFloat(c)
			if !ok {
				return nil, bad(i, "is not a number")
			}
			vals[i] = v
		}
		return NewNumeric(name, vals, miss), nil
	case Boolean:
		vals := make([]bool, n)
		miss := NewMask(n)
		for i, c := range cells {
			if opt.IsMissing(c) {
				miss.Set(i)
				continue
			}
			v, ok := ParseBool(c)
			if !ok {
				return nil, bad(i, "is not a yes/no value")
			}
			vals[i] = v
		}
		return NewBoolean(name, vals, miss).Spelled(cellSpelling(cells, miss)), nil
	case Datetime:
		return convertDates(name, cells, opt, bad)
	case Categorical:
		return NewCategoricalFromStrings(name, trimAll(cells), opt.IsMissing), nil
	default:
		vals := make([]string, n)
		miss := NewMask(n)
		for i, c := range cells {
			if opt.IsMissing(c) {
				miss.Set(i)
				continue
			}
			vals[i] = c
		}
		return NewText(name, vals, miss), nil
	}
}

// cellSpelling is SpellingOf the present cells.
func cellSpelling(cells []string, miss Mask) BoolSpelling {
	index := map[string]int{}
	var texts []string
	var counts []int
	for i, c := range cells {
		if miss.Get(i) {
			continue
		}
		c = strings.TrimSpace(c)
		k, ok := index[c]
		if !ok {
			k = len(texts)
			index[c] = k
			texts, counts = append(texts, c), append(counts, 0)
		}
		counts[k]++
	}
	return SpellingOf(texts, counts)
}

func convertDates(name string, cells []string, opt ParseOptions, bad func(int, string) error) (Column, error) {
	var present []string
	for _, c := range cells {
		if !opt.IsMissing(c) {
			present = append(present, strings.TrimSpace(c))
		}
	}
	layout, ok := DetectDateLayout(present)
	if !ok && len(present) > 0 {
		layout = DateLayouts[0]
	}
	vals := make([]int64, len(cells))
	miss := NewMask(len(cells))
	for i, c := range cells {
		if opt.IsMissing(c) {
			miss.Set(i)
			continue
		}
		t, err := time.Parse(layout, strings.TrimSpace(c))
		if err != nil {
			return nil, bad(i, "is not a date in the form "+layoutExample(layout))
		}
		vals[i] = t.UnixNano()
	}
	return NewDatetime(name, vals, miss, layout), nil
}

func allFit(vals []string, fit func(string) bool) bool {
	for _, v := range vals {
		if !fit(v) {
			return false
		}
	}
	return true
}

func countUnique(vals []string) int {
	seen := make(map[string]struct{}, len(vals)/2)
	for _, v := range vals {
		seen[v] = struct{}{}
	}
	return len(seen)
}

func allDistinct(vals []float64) bool {
	seen := make(map[float64]struct{}, len(vals))
	for _, v := range vals {
		if _, dup := seen[v]; dup {
			return false
		}
		seen[v] = struct{}{}
	}
	return true
}

func hasSpaces(vals []string) bool {
	for _, v := range vals {
		if strings.ContainsAny(v, " \t") {
			return true
		}
	}
	return false
}

func trimAll(cells []string) []string {
	out := make([]string, len(cells))
	for i, c := range cells {
		out[i] = strings.TrimSpace(c)
	}
	return out
}

// sampleList quotes up to k different values, for reasons shown to users.
func sampleList(vals []string, k int) string {
	var out []string
	seen := map[string]bool{}
	for _, v := range vals {
		if !seen[v] {
			seen[v] = true
			out = append(out, fmt.Sprintf("%q", v))
			if len(out) == k {
				break
			}
		}
	}
	return strings.Join(out, ", ")
}

// layoutExample renders a Go layout as a date a person recognises.
func layoutExample(layout string) string {
	return time.Date(2024, 3, 31, 14, 30, 0, 0, time.UTC).Format(layout)
}

// LooksLikeIdentifier reports whether a numeric column numbers rows
// rather than measuring them: at least 10 whole numbers, none missing,
// every one different, in a column whose name usually means a row number
// (id, index, key, row, rownames, unnamed…, a name ending in _id or " id"
// or starting with id_, a short name ending in id). Inference labels such
// a column LabelIdentifier; sources that declare their types apply the
// same rule. A nil column is not an identifier.
func LooksLikeIdentifier(col *NumericColumn) bool {
	return col != nil && col.Missing() == 0 && col.Len() >= 10 && col.IsInteger() &&
		looksLikeIDName(col.Name()) && allDistinct(col.Values())
}

func looksLikeIDName(name string) bool {
	n := strings.ToLower(strings.TrimSpace(name))
	return n == "id" || n == "index" || n == "key" || n == "row" || n == "rownames" || n == "" ||
		strings.HasSuffix(n, "_id") || strings.HasSuffix(n, " id") || strings.HasPrefix(n, "id_") ||
		strings.HasSuffix(n, "id") && len(n) <= 6 || strings.HasPrefix(n, "unnamed")
}
