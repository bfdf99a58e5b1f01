package eda

import (
	"math"
	"sort"
)

// floatKey maps a float64 to a uint64 whose unsigned order is the numeric
// order of the floats (negative values below positive ones, −0 just below
// +0). NaN must be filtered out before.
func floatKey(v float64) uint64 {
	b := math.Float64bits(v)
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}

// keyFloat inverts floatKey.
func keyFloat(k uint64) float64 {
	if k>>63 != 0 {
		return math.Float64frombits(k &^ (1 << 63))
	}
	return math.Float64frombits(^k)
}

const (
	radixBits    = 11
	radixBuckets = 1 << radixBits
	radixMask    = radixBuckets - 1
	radixPasses  = (64 + radixBits - 1) / radixBits
	// smallSort is the length under which a comparison sort is quicker
	// than the radix passes.
	smallSort = 256
)

// sortKeys sorts keys ascending, carrying idx along (idx may be nil). It is
// an LSD radix sort with 11-bit digits (Knuth, TAOCP vol. 3, 5.2.5) that
// skips the digits in which every key agrees; the scratch buffers are
// allocated here. It is stable.
func sortKeys(keys []uint64, idx []uint32) {
	n := len(keys)
	if n < smallSort {
		insertionSort(keys, idx)
		return
	}
	var counts [radixPasses][radixBuckets]int
	for _, k := range keys {
		for p := 0; p < radixPasses; p++ {
			counts[p][(k>>(p*radixBits))&radixMask]++
		}
	}
	tmpK := make([]uint64, n)
	var tmpI []uint32
	if idx != nil {
		tmpI = make([]uint32, n)
	}
	src, dst := keys, tmpK
	srcI, dstI := idx, tmpI
	for p := 0; p < radixPasses; p++ {
		c := &counts[p]
		if c[(src[0]>>(p*radixBits))&radixMask] == n {
			continue // every key has the same digit here
		}
		sum := 0
		for b := range c {
			c[b], sum = sum, sum+c[b]
		}
		shift := uint(p * radixBits)
		if srcI == nil {
			for _, k := range src {
				d := (k >> shift) & radixMask
				dst[c[d]] = k
				c[d]++
			}
		} else {
			for i, k := range src {
				d := (k >> shift) & radixMask
				dst[c[d]] = k
				dstI[c[d]] = srcI[i]
				c[d]++
			}
		}
		src, dst = dst, src
		srcI, dstI = dstI, srcI
	}
	if &src[0] != &keys[0] {
		copy(keys, src)
		if idx != nil {
			copy(idx, srcI)
		}
	}
}

func insertionSort(keys []uint64, idx []uint32) {
	if idx == nil {
		sort.Slice(keys, func(i, j int) bool { return keys[i] < keys[j] })
		return
	}
	for i := 1; i < len(keys); i++ {
		k, x := keys[i], idx[i]
		j := i
		for j > 0 && keys[j-1] > k {
			keys[j], idx[j] = keys[j-1], idx[j-1]
			j--
		}
		keys[j], idx[j] = k, x
	}
}

// sortedPresent returns the present (non-NaN) values of vals in ascending
// order and, when withIndex is set, the row of each.
func sortedPresent(vals []float64, withIndex bool) ([]float64, []uint32) {
	keys := make([]uint64, 0, len(vals))
	var idx []uint32
	if withIndex {
		idx = make([]uint32, 0, len(vals))
	}
	for i, v := range vals {
		if v == v {
			keys = append(keys, floatKey(v))
			if withIndex {
				idx = append(idx, uint32(i))
			}
		}
	}
	sortKeys(keys, idx)
	out := make([]float64, len(keys))
	for i, k := range keys {
		out[i] = keyFloat(k)
	}
	return out, idx
}
