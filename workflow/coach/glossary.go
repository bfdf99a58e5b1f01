package coach

import (
	"encoding/json"
	"errors"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Term is one glossary entry: the word, other forms that mean the same
// (plurals, abbreviations), a plain definition and related terms.
type Term struct {
	Term       string   `json:"term"`
	Aliases    []string `json:"aliases,omitempty"`
	Definition string   `json:"definition"`
	See        []string `json:"see,omitempty"`
}

// Glossary is the list of technical words the guides, coach messages and
// quizzes may mark. It is immutable once parsed.
type Glossary struct {
	Terms []Term
	index map[string]int // lower-cased term and aliases -> position
}

// ErrGlossary means a glossary file cannot be used as written.
var ErrGlossary = errors.New("the glossary is broken")

// ParseGlossary reads a glossary file: a JSON array of terms. It fails,
// wrapping ErrGlossary, on a term without a definition, a name or alias
// used twice, or a "see" naming no term.
func ParseGlossary(b []byte) (*Glossary, error) {
	var terms []Term
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&terms); err != nil {
		return nil, fmt.Errorf("%w: %w", ErrGlossary, err)
	}
	g := &Glossary{Terms: terms, index: map[string]int{}}
	for i, t := range terms {
		if strings.TrimSpace(t.Term) == "" || strings.TrimSpace(t.Definition) == "" {
			return nil, fmt.Errorf("%w: entry %d needs a term and a definition", ErrGlossary, i+1)
		}
		for _, name := range append([]string{t.Term}, t.Aliases...) {
			k := key(name)
			if _, dup := g.index[k]; dup {
				return nil, fmt.Errorf("%w: %q is defined twice", ErrGlossary, name)
			}
			g.index[k] = i
		}
	}
	for _, t := range terms {
		for _, s := range t.See {
			if _, ok := g.Lookup(s); !ok {
				return nil, fmt.Errorf("%w: %q refers to %q, which is not in the glossary", ErrGlossary, t.Term, s)
			}
		}
	}
	return g, nil
}

// Lookup finds a term by its name or an alias, ignoring case.
func (g *Glossary) Lookup(name string) (Term, bool) {
	i, ok := g.index[key(name)]
	if !ok {
		return Term{}, false
	}
	return g.Terms[i], true
}

func key(s string) string { return strings.ToLower(strings.Join(strings.Fields(s), " ")) }

// markRE matches a marked term: [[term]] or [[shown words|term]].
var markRE = regexp.MustCompile(`\[\[([^\]|]+)(?:\|([^\]]+))?\]\]`)

// Mark is one marked term in a text.
type Mark struct {
	Shown string // the words shown
	Term  string // the glossary term they stand for
}

// Marks returns the marked terms of text, in order.
func Marks(text string) []Mark {
	var out []Mark
	for _, m := range markRE.FindAllStringSubmatch(text, -1) {
		mk := Mark{Shown: m[1], Term: m[1]}
		if m[2] != "" {
			mk.Term = m[2]
		}
		out = append(out, mk)
	}
	return out
}

// Plain returns text with its marks replaced by the words they show.
func Plain(text string) string {
	return markRE.ReplaceAllString(text, "$1")
}

// Replace returns text with each mark replaced by what fn makes of it
// (a Markdown link, say).
func Replace(text string, fn func(Mark) string) string {
	return markRE.ReplaceAllStringFunc(text, func(s string) string { return fn(Marks(s)[0]) })
}

// Problems checks a text against the glossary: every marked term must be
// in it, and every glossary term (or alias) that the text uses must be
// marked at least once in it. It returns one sentence per problem.
func (g *Glossary) Problems(text string) []string {
	var out []string
	marked := map[int]bool{}
	for _, m := range Marks(text) {
		i, ok := g.index[key(m.Term)]
		if !ok {
			out = append(out, fmt.Sprintf("%q is marked as a term but the glossary lacks it", m.Term))
			continue
		}
		marked[i] = true
	}
	rest := strings.ToLower(markRE.ReplaceAllString(text, " "))
	for k, i := range g.index {
		if !marked[i] && containsWord(rest, k) {
			out = append(out, fmt.Sprintf("%q is a glossary term (%s) used without a mark", k, g.Terms[i].Term))
		}
	}
	slices.Sort(out)
	return out
}

// containsWord reports whether text holds phrase as whole words.
func containsWord(text, phrase string) bool {
	for from := 0; ; {
		i := strings.Index(text[from:], phrase)
		if i < 0 {
			return false
		}
		start, end := from+i, from+i+len(phrase)
		if boundary(text, start-1) && boundary(text, end) {
			return true
		}
		from = start + 1
	}
}

func boundary(text string, i int) bool {
	if i < 0 || i >= len(text) {
		return true
	}
	r := rune(text[i])
	return r < 0x80 && !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '_' && r != '-'
}

// term marks words as a glossary term when the built-in glossary has
// them (a metric's label, say), and returns them unchanged otherwise.
func term(words string) string {
	if g, err := BuiltinGlossary(); err == nil {
		if _, ok := g.Lookup(words); ok {
			return "[[" + words + "]]"
		}
	}
	return words
}
