package reproduce

import (
	"fmt"
	"sort"
	"strings"
)

// writer accumulates the lines of a script.
type writer struct{ b strings.Builder }

func (w *writer) line(s string) { w.b.WriteString(s + "\n") }

func (w *writer) linef(format string, args ...any) { w.line(fmt.Sprintf(format, args...)) }

// text writes a block as it is (it ends with a newline or gets one).
func (w *writer) text(s string) {
	w.b.WriteString(s)
	if !strings.HasSuffix(s, "\n") {
		w.b.WriteString("\n")
	}
}

func (w *writer) String() string { return w.b.String() }

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
