package prep_test

import (
	"fmt"
	"math"
	"slices"
	"strings"
	"unicode"

	"modelbench/workflow/data"
	"modelbench/workflow/prep"
)

// The applier's yes/no columns: spellings, conversions and the matching
// of values to a step's labels, written from prep.PipelineExport's
// Spellings and prep.YesNoMatch (it calls neither data.SpellLike nor
// data.SpellingOf).

// boolCol is a yes/no column spelled as spell (false, true); a missing
// value's truth is ignored.
func boolCol(name string, truth, ok []bool, spell [2]string) *acol {
	c := &acol{name: name, kind: data.Boolean, truth: truth, ok: ok, spell: spell, labels: make([]string, len(ok))}
	for i, v := range truth {
		if ok[i] {
			c.labels[i] = spell[b2i(v)]
		}
	}
	return c
}

func b2i(v bool) int {
	if v {
		return 1
	}
	return 0
}

// respelled is a yes/no column with another spelling.
func (c *acol) respelled(spell [2]string) *acol { return boolCol(c.name, c.truth, c.ok, spell) }

// toYesNo converts to yes/no by the Conversions and Spellings.
func toYesNo(c *acol) *acol {
	n := c.n()
	truth, ok := make([]bool, n), make([]bool, n)
	if c.kind == data.Numeric {
		for i, x := range c.nums {
			truth[i], ok[i] = x != 0, !math.IsNaN(x)
		}
		return boolCol(c.name, truth, ok, [2]string{"false", "true"})
	}
	var present []string
	for i := range truth {
		if l, p := c.label(i); p {
			truth[i], ok[i] = data.ParseBool(l)
			present = append(present, l)
		}
	}
	return boolCol(c.name, truth, ok, spellingOf(present))
}

// spellingOf spells the yes/no column converted from labels (present,
// row by row) as PipelineExport's Spellings says.
func spellingOf(labels []string) [2]string {
	count := map[string]int{}
	for _, l := range labels {
		count[strings.TrimSpace(l)]++
	}
	var best [2]string
	var bestN [2]int
	for _, l := range labels { // in row order, so the first row wins ties
		l = strings.TrimSpace(l)
		if v, ok := data.ParseBool(l); ok && count[l] > bestN[b2i(v)] {
			best[b2i(v)], bestN[b2i(v)] = l, count[l]
		}
	}
	switch {
	case bestN[0] == 0 && bestN[1] == 0:
		return [2]string{"false", "true"}
	case bestN[0] == 0:
		best[0] = oppositeWord(best[1])
	case bestN[1] == 0:
		best[1] = oppositeWord(best[0])
	}
	return best
}

// oppositeWord is the other value's word in the same case.
func oppositeWord(w string) string {
	o := map[string]string{"true": "false", "yes": "no", "t": "f", "y": "n",
		"false": "true", "no": "yes", "f": "t", "n": "y"}[strings.ToLower(w)]
	switch {
	case w == strings.ToUpper(w):
		return strings.ToUpper(o)
	case unicode.IsUpper([]rune(w)[0]):
		return strings.ToUpper(o[:1]) + o[1:]
	}
	return o
}

// matchYesNo gives a yes/no column the labels its values take at a step
// holding labels, as prep.YesNoMatch says; any other column is returned
// as it is. A description without its YesNoMatch, or with one for
// another kind, is an error.
func matchYesNo(c *acol, labels []string, m *prep.YesNoMatch) (*acol, error) {
	if c.kind != data.Boolean {
		if m != nil {
			return nil, fmt.Errorf("%s: a YesNoMatch for a %v column", c.name, c.kind)
		}
		return c, nil
	}
	if m == nil {
		return nil, fmt.Errorf("%s: a yes/no column without a YesNoMatch", c.name)
	}
	spell := c.spell
	for v, idx := range [2][]int{m.False, m.True} {
		if !slices.Contains(labels, c.spell[v]) && len(idx) == 1 {
			spell[v] = labels[idx[0]]
		}
	}
	if spell[0] == spell[1] {
		return c, nil
	}
	return c.respelled(spell), nil
}
