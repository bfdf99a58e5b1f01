package eda

import (
	"math"
	"testing"
)

func roundedNormal(n int) []float64 {
	vals := normal(5, n, 0, 3)
	for i, v := range vals {
		vals[i] = math.Round(v*1e6) / 1e6
	}
	return vals
}

// BenchmarkSortedPresent_1M is Describe's per-column sort: 1M rounded
// normal values with their rows (packed 32-bit keys, then ties).
func BenchmarkSortedPresent_1M(b *testing.B) {
	vals := roundedNormal(1_000_000)
	b.ReportAllocs()
	for b.Loop() {
		sortedPresent(vals, true)
	}
}

// BenchmarkSortKeys_1M is the full 64-bit radix sort with rows, used for
// dates and re-ranking, on the same values.
func BenchmarkSortKeys_1M(b *testing.B) {
	vals := roundedNormal(1_000_000)
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
