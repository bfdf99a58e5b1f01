package data

import (
	"fmt"
	"strings"
)

// FixNames makes column names usable: it trims spaces, calls an empty
// name column_N (N the column's 1-based position) and renames a repeated
// name name_2, name_3, … skipping names that other columns already have or
// will have. It returns the names and one warning per change, each
// starting with where and the column's position ("data.csv, line 1,
// column 3: …"). names is not modified; an empty list gives an empty one.
func FixNames(where string, names []string) ([]string, []Issue) {
	out := make([]string, len(names))
	seen := make(map[string]int, len(names))
	var issues []Issue
	warn := func(i int, format string, args ...any) {
		text := fmt.Sprintf("%s, column %d: ", where, i+1) + fmt.Sprintf(format, args...)
		issues = append(issues, Issue{Level: "warning", Text: text})
	}
	for i, h := range names {
		h = strings.TrimSpace(h)
		if h == "" {
			h = fmt.Sprintf("column_%d", i+1)
			warn(i, "the column has no name; it is called %q", h)
		}
		if n := seen[h]; n > 0 {
			nh := fmt.Sprintf("%s_%d", h, n+1)
			for k := n + 2; seen[nh] > 0 || containsTrimmed(names[i+1:], nh); k++ {
				nh = fmt.Sprintf("%s_%d", h, k)
			}
			warn(i, "the name %q is used twice; this column is called %q", h, nh)
			seen[h]++
			h = nh
		}
		seen[h]++
		out[i] = h
	}
	return out, issues
}

// containsTrimmed reports whether list holds s once spaces are trimmed.
func containsTrimmed(list []string, s string) bool {
	for _, v := range list {
		if strings.TrimSpace(v) == s {
			return true
		}
	}
	return false
}
