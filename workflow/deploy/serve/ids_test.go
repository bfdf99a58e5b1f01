package serve

import (
	"fmt"
	"regexp"
	"slices"
	"testing"
	"time"
)

// TestIDs_TimeOrderedAndUnique: prediction IDs are 32 lowercase hex
// digits in UUID version 7's layout (the Unix time in milliseconds first,
// version 7, variant 10), unique, and every ID of a later millisecond
// sorts after every ID of an earlier one.
func TestIDs_TimeOrderedAndUnique(t *testing.T) {
	shape := regexp.MustCompile(`^[0-9a-f]{12}7[0-9a-f]{3}[89ab][0-9a-f]{15}$`)
	t0 := time.UnixMilli(1_790_000_000_123)
	seen := map[string]bool{}
	latest := ""
	for k := range 200 {
		at := t0.Add(time.Duration(k) * time.Millisecond)
		ids := idsAt(at, 50)
		for _, id := range ids {
			if !shape.MatchString(id) {
				t.Fatalf("ID %q is not in UUID version 7's layout", id)
			}
			if want := fmt.Sprintf("%012x", at.UnixMilli()); id[:12] != want {
				t.Fatalf("ID %q does not start with its time %s", id, want)
			}
			if seen[id] {
				t.Fatalf("ID %q issued twice", id)
			}
			seen[id] = true
			if id <= latest {
				t.Fatalf("ID %q of a later millisecond sorts before %q", id, latest)
			}
		}
		latest = slices.Max(ids)
	}
}
