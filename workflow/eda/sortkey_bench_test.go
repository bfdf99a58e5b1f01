package eda

import (
	"math"
	"testing"
)

// BenchmarkSortKeys_1M sorts 1M rounded normal values with their rows, the
// per-column sort of Describe.
func BenchmarkSortKeys_1M(b *testing.B) {
	vals := normal(5, 1_000_000, 0, 3)
	for i, v := range vals {
		vals[i] = math.Round(v*1e6) / 1e6
	}
	keys := make([]uint64, len(vals))
	idx := make([]uint32, len(vals))
	b.ReportAllocs()
	for b.Loop() {
		for i, v := range vals {
			keys[i], idx[i] = floatKey(v), uint32(i)
		}
		sortKeys(keys, idx)
	}
}
