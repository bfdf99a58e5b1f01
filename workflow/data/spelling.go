package data

import (
	"slices"
	"strings"
	"unicode"
)

// BoolSpelling is how a yes/no column writes its two values: "Yes" and
// "No", "Y" and "N", "TRUE" and "FALSE", as the file had them. Format,
// class labels, reports and exports use it, so that a user's labels come
// back as they wrote them.
type BoolSpelling struct {
	True  string `json:"true"`
	False string `json:"false"`
}

// DefaultBoolSpelling is the spelling of real booleans (JSON, Parquet,
// SQL, booleans computed by Modelbench): "true" and "false".
var DefaultBoolSpelling = BoolSpelling{True: "true", False: "false"}

// Text returns the spelling of v.
func (s BoolSpelling) Text(v bool) string {
	if v {
		return s.True
	}
	return s.False
}

// orDefault fills empty fields with the default spelling.
func (s BoolSpelling) orDefault() BoolSpelling {
	if s.True == "" {
		s.True = DefaultBoolSpelling.True
	}
	if s.False == "" {
		s.False = DefaultBoolSpelling.False
	}
	return s
}

// SpellingOf chooses a column's spelling from the texts of its values and
// how often each occurs (counts may be nil: once each). Texts are read with
// ParseBool after trimming spaces; those that are not yes/no words are
// ignored. Each value takes its most frequent spelling, the first one
// among ties, so a column holding "Yes" 40 times and "yes" 3 times is
// spelled "Yes". A value that does not occur takes the counterpart of the
// other's spelling, in the same case ("Y" gives "N", "True" gives
// "False"); no yes/no text at all gives DefaultBoolSpelling.
func SpellingOf(texts []string, counts []int) BoolSpelling {
	var best [2]string
	var bestN [2]int
	for k, t := range texts {
		t = strings.TrimSpace(t)
		v, ok := ParseBool(t)
		if !ok {
			continue
		}
		n := 1
		if counts != nil {
			n = counts[k]
		}
		i := 0
		if v {
			i = 1
		}
		if n > bestN[i] {
			best[i], bestN[i] = t, n
		}
	}
	switch {
	case bestN[0] == 0 && bestN[1] == 0:
		return DefaultBoolSpelling
	case bestN[0] == 0:
		best[0] = counterpart(best[1])
	case bestN[1] == 0:
		best[1] = counterpart(best[0])
	}
	return BoolSpelling{True: best[1], False: best[0]}
}

// counterparts pairs each yes/no word ParseBool reads with its opposite.
var counterparts = map[string]string{
	"true": "false", "false": "true", "yes": "no", "no": "yes",
	"t": "f", "f": "t", "y": "n", "n": "y",
}

// counterpart returns the opposite of a yes/no word in the same case:
// all capitals, a capital first letter, or lower case.
func counterpart(s string) string {
	o := counterparts[strings.ToLower(s)]
	switch {
	case s == strings.ToUpper(s):
		return strings.ToUpper(o)
	case unicode.IsUpper(rune(s[0])):
		return strings.ToUpper(o[:1]) + o[1:]
	}
	return o
}

// SpellLike returns col with its values spelled as the labels it is to be
// matched against, learnt elsewhere: a model's classes or a fitted step's
// categories. For a *BooleanColumn each value whose own spelling is not
// among labels takes the one label that reads as the same value (ParseBool),
// when exactly one does; so a column read as "Yes"/"No" matches labels
// learnt as "true"/"false" or "Y"/"N". Any other column, or a boolean one
// that needs no change, is returned as it is.
func SpellLike(col Column, labels []string) Column {
	b, ok := col.(*BooleanColumn)
	if !ok {
		return col
	}
	s := b.Spelling()
	changed := false
	for _, v := range []bool{false, true} {
		own := s.Text(v)
		if slices.Contains(labels, own) {
			continue
		}
		if l, ok := uniqueTruth(labels, v); ok {
			if v {
				s.True = l
			} else {
				s.False = l
			}
			changed = true
		}
	}
	if !changed || s.True == s.False {
		return col
	}
	return b.Spelled(s)
}

// uniqueTruth returns the one label that reads as v.
func uniqueTruth(labels []string, v bool) (string, bool) {
	found, n := "", 0
	for _, l := range labels {
		if b, ok := ParseBool(l); ok && b == v {
			found = l
			n++
		}
	}
	return found, n == 1
}
