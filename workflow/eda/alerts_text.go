package eda

import (
	"fmt"
	"sort"
	"strings"
	"unicode"

	"modelbench/workflow/data"
)

// rawValues returns the distinct texts of a categorical or text column with
// their counts, in first-seen order; ok is false for other kinds.
func rawValues(c data.Column) (vals []string, counts []int, ok bool) {
	switch c := c.(type) {
	case *data.CategoricalColumn:
		counts = make([]int, len(c.Levels()))
		for _, k := range c.Codes() {
			if k >= 0 {
				counts[k]++
			}
		}
		return c.Levels(), counts, true
	case *data.TextColumn:
		index := map[string]int{}
		for i, v := range c.Values() {
			if c.IsMissing(i) {
				continue
			}
			k, seen := index[v]
			if !seen {
				k = len(vals)
				index[v] = k
				vals = append(vals, v)
				counts = append(counts, 0)
			}
			counts[k]++
		}
		return vals, counts, true
	}
	return nil, nil, false
}

func mixedTypesAlert(w *colWork) *Alert {
	vals, counts, ok := rawValues(w.col)
	if !ok || w.st.Count == 0 {
		return nil
	}
	var p data.ParseOptions
	numbers := 0
	var words []string
	for i, v := range vals {
		if counts[i] == 0 {
			continue
		}
		if _, isNum := p.ParseFloat(v); isNum {
			numbers += counts[i]
		} else {
			words = append(words, v)
		}
	}
	if numbers == w.st.Count || float64(numbers) < MixedNumberShare*float64(w.st.Count) {
		return nil
	}
	st := w.st
	sample := words[:min(len(words), 5)]
	quoted := make([]string, len(sample))
	for i, s := range sample {
		quoted[i] = fmt.Sprintf("%q", s)
	}
	return &Alert{Kind: KindMixedTypes, Column: st.Name, Severity: Warning,
		Message: fmt.Sprintf("%d of the %d values of %s (%.1f%%) are numbers; the other %d are not, for example %s.",
			numbers, st.Count, st.Name, pct(numbers, st.Count), st.Count-numbers, strings.Join(quoted, ", ")),
		Why: "Because some values are not numbers, the whole column was read as " + st.Type.String() + ", so a model cannot use it as a number. " +
			"The odd values are often missing-value codes, units typed with the number, or typing errors.",
		Action: "Correct the odd values or turn them into missing values, then change the column type to numeric.",
		Plot:   plot(PlotBar, st.Name), Fix: fix(StepChangeType, "column", st.Name, "type", data.Numeric.String())}
}

// spellingKey folds case, spaces and punctuation away.
func spellingKey(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// spellingGroup is a set of levels that look like one value.
type spellingGroup struct {
	levels []int
	reason string
}

// spellingAlerts finds levels of a categorical column that differ only in
// case, spacing or punctuation, that are one typing error apart (the rarer
// at most a tenth as frequent), or that are a one-letter abbreviation of
// exactly one other level.
func spellingAlerts(w *colWork) []Alert {
	c, ok := w.col.(*data.CategoricalColumn)
	if !ok || w.st.Unique < 2 {
		return nil
	}
	levels, counts, _ := rawValues(c)
	groups := spellingGroups(levels, counts)
	var out []Alert
	for _, g := range groups[:min(len(groups), 5)] {
		out = append(out, spellingAlert(w.st.Name, levels, counts, g))
	}
	return out
}

func spellingGroups(levels []string, counts []int) []spellingGroup {
	byKey := map[string][]int{}
	var keys []string
	for i, l := range levels {
		if counts[i] == 0 {
			continue
		}
		k := spellingKey(l)
		if _, seen := byKey[k]; !seen {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], i)
	}
	parent := make([]int, len(keys))
	reasons := make([]map[string]bool, len(keys))
	for i := range parent {
		parent[i] = i
		reasons[i] = map[string]bool{}
		if len(byKey[keys[i]]) > 1 && keys[i] != "" {
			reasons[i]["differ only in case, spaces or punctuation"] = true
		}
	}
	var find func(int) int
	find = func(i int) int {
		if parent[i] != i {
			parent[i] = find(parent[i])
		}
		return parent[i]
	}
	if len(keys) <= SpellingMaxLevels {
		joinSimilarKeys(keys, byKey, counts, func(a, b int, why string) {
			ra, rb := find(a), find(b)
			parent[rb] = ra
			for r := range reasons[rb] {
				reasons[ra][r] = true
			}
			reasons[ra][why] = true
		})
	}
	var groups []spellingGroup
	members := map[int][]int{}
	var roots []int
	for i, k := range keys {
		r := find(i)
		if _, seen := members[r]; !seen {
			roots = append(roots, r)
		}
		members[r] = append(members[r], byKey[k]...)
	}
	for _, r := range roots {
		if len(members[r]) > 1 && len(reasons[r]) > 0 {
			var why []string
			for w := range reasons[r] {
				why = append(why, w)
			}
			sort.Strings(why)
			groups = append(groups, spellingGroup{members[r], strings.Join(why, " or ")})
		}
	}
	return groups
}

// joinSimilarKeys calls join for every pair of keys one typing error apart
// (the rarer at most a tenth as frequent) or a one-letter abbreviation.
func joinSimilarKeys(keys []string, byKey map[string][]int, counts []int, join func(a, b int, why string)) {
	total := func(k string) int {
		n := 0
		for _, i := range byKey[k] {
			n += counts[i]
		}
		return n
	}
	for a, ka := range keys {
		for b := a + 1; b < len(keys); b++ {
			kb := keys[b]
			switch {
			case len(ka) >= 4 && len(kb) >= 4 && editDistanceAtMostOne(ka, kb) && 10*min(total(ka), total(kb)) <= max(total(ka), total(kb)):
				join(a, b, "are one typing error apart")
			case abbreviates(ka, kb, keys) || abbreviates(kb, ka, keys):
				join(a, b, "look like a word and its one-letter abbreviation")
			}
		}
	}
}

// abbreviates reports whether short is one letter that starts long and no
// other key.
func abbreviates(short, long string, keys []string) bool {
	r := []rune(short)
	if len(r) != 1 || !unicode.IsLetter(r[0]) || len(long) < 3 || !strings.HasPrefix(long, short) {
		return false
	}
	for _, k := range keys {
		if k != long && k != short && strings.HasPrefix(k, short) {
			return false
		}
	}
	return true
}

// editDistanceAtMostOne reports whether a and b are equal or one
// insertion, deletion, substitution or swap of neighbours apart (optimal
// string alignment distance at most 1).
func editDistanceAtMostOne(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	if len(y)-len(x) > 1 {
		return false
	}
	i := 0
	for i < len(x) && x[i] == y[i] {
		i++
	}
	if len(x) == len(y) {
		if i+1 < len(x) && x[i] == y[i+1] && x[i+1] == y[i] && string(x[i+2:]) == string(y[i+2:]) {
			return true
		}
		return i == len(x) || string(x[i+1:]) == string(y[i+1:])
	}
	return string(x[i:]) == string(y[i+1:])
}

func spellingAlert(col string, levels []string, counts []int, g spellingGroup) Alert {
	sort.SliceStable(g.levels, func(a, b int) bool { return counts[g.levels[a]] > counts[g.levels[b]] })
	canon := levels[g.levels[0]]
	parts := make([]string, len(g.levels))
	var others []string
	for i, k := range g.levels {
		parts[i] = fmt.Sprintf("%q (%d rows)", levels[k], counts[k])
		if i > 0 {
			others = append(others, levels[k])
		}
	}
	return Alert{Kind: KindSpelling, Column: col, Severity: Warning,
		Message: fmt.Sprintf("%s has values that %s and probably mean the same: %s.", col, g.reason, strings.Join(parts, ", ")),
		Why: "A model sees each spelling as a different category, so rows that mean the same thing are split up, " +
			"each part has fewer examples to learn from, and counts per category are wrong.",
		Action: fmt.Sprintf("Check that they mean the same, then merge them into %q.", canon),
		Plot:   plot(PlotBar, col),
		Fix:    fix(StepReplaceValues, "column", col, "values", strings.Join(others, ", "), "with", canon)}
}
