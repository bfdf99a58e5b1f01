package coach

import (
	"strings"
	"testing"

	"modelbench/assets"
)

// Conditions and marks come from files a teacher writes: no text may
// make them panic, and what parses must read back the same.
func FuzzParseCondition(f *testing.F) {
	for _, s := range []string{"loaded", "role:petal length (cm)=feature", "candidates>=2", "silent=baseline", "a:b=c", ">=", "x:=y"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		c, err := ParseCondition(text)
		if err != nil {
			return
		}
		again, err := ParseCondition(c.String())
		if err != nil || again.String() != c.String() {
			t.Fatalf("%q reads as %q, then %v", text, c, err)
		}
		c.Holds(base())
		c.Holds(Snapshot{})
	})
}

func FuzzMarks(f *testing.F) {
	for _, s := range []string{"the [[target]] and [[test set|test rows]]", "[[", "]]", "[[a|]]", "[[|b]] [[c]]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		plain := Plain(text)
		if len(Marks(plain)) > len(Marks(text)) {
			t.Fatalf("Plain(%q) = %q has more marks", text, plain)
		}
		for _, m := range Marks(text) {
			if m.Shown == "" || m.Term == "" || strings.Contains(m.Shown, "]]") {
				t.Fatalf("mark %+v in %q", m, text)
			}
		}
		if g, err := BuiltinGlossary(); err == nil {
			g.Problems(text)
		}
	})
}

func FuzzParseLesson(f *testing.F) {
	for _, l := range assets.Lessons()[:2] {
		f.Add(l.Data)
	}
	f.Add([]byte(`{"id":"x"}`))
	shared := map[string][]Question{}
	for _, q := range assets.SharedQuizzes() {
		qs, err := ParseQuestions(q.Data)
		if err != nil {
			f.Fatal(err)
		}
		shared[strings.TrimSuffix(q.Name, ".json")] = qs
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		l, err := ParseLesson(b, shared)
		if err != nil {
			return
		}
		var p Progress
		p, _ = p.Advance(l, base())
		p.Status(l)
		l.Texts()
	})
}
