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

// sortPacked sorts words by their high 32 bits with an LSD radix sort of
// three 11-bit digits, skipping digits in which every word agrees; the low
// 32 bits ride along. It is stable.
func sortPacked(words []uint64) {
	n := len(words)
	if n < smallSort {
		sort.SliceStable(words, func(i, j int) bool { return words[i]>>32 < words[j]>>32 })
		return
	}
	const passes = 3
	var counts [passes][radixBuckets]int
	for _, w := range words {
		k := w >> 32
		counts[0][k&radixMask]++
		counts[1][(k>>radixBits)&radixMask]++
		counts[2][k>>(2*radixBits)]++
	}
	tmp := make([]uint64, n)
	src, dst := words, tmp
	for p := 0; p < passes; p++ {
		c := &counts[p]
		shift := uint(32 + p*radixBits)
		if c[(src[0]>>shift)&radixMask] == n {
			continue
		}
		sum := 0
		for b := range c {
			c[b], sum = sum, sum+c[b]
		}
		for _, w := range src {
			d := (w >> shift) & radixMask
			dst[c[d]] = w
			c[d]++
		}
		src, dst = dst, src
	}
	if &src[0] != &words[0] {
		copy(words, src)
	}
}

// floatKey32 is an order-preserving (non-decreasing) 32-bit key of v: its
// float32 rounding, mapped like floatKey. Distinct values may share a key;
// callers break such ties with the full value.
func floatKey32(v float64) uint32 {
	b := math.Float32bits(float32(v))
	if b>>31 != 0 {
		return ^b
	}
	return b | 1<<31
}

// sortedPresent returns the present (non-NaN) values of vals in ascending
// order and, when withIndex is set, the row of each (rows of equal values
// in ascending order). It sorts 32-bit keys packed with the row, which
// moves a third of the bytes of a full 64-bit radix sort, then sorts the
// rare runs of values that share a 32-bit key by their full value.
func sortedPresent(vals []float64, withIndex bool) ([]float64, []uint32) {
	if len(vals) >= 1<<32 {
		panic("eda: a column of 2^32 rows or more")
	}
	words := make([]uint64, 0, len(vals))
	for i, v := range vals {
		if v == v {
			words = append(words, uint64(floatKey32(v))<<32|uint64(i))
		}
	}
	sortPacked(words)
	n := len(words)
	out := make([]float64, n)
	for i, w := range words {
		out[i] = vals[uint32(w)]
	}
	for i := 0; i < n; {
		j := i + 1
		for j < n && words[j]>>32 == words[i]>>32 {
			j++
		}
		if j-i > 1 {
			breakTies(out[i:j], words[i:j])
		}
		i = j
	}
	if !withIndex {
		return out, nil
	}
	idx := make([]uint32, n)
	for i, w := range words {
		idx[i] = uint32(w)
	}
	return out, idx
}

// breakTies sorts a run of values that share a 32-bit key by value, then
// by row, keeping words in step.
func breakTies(vals []float64, words []uint64) {
	if sort.SliceIsSorted(vals, func(a, b int) bool { return vals[a] < vals[b] }) {
		return // already in value order; rows ascend within equal values
	}
	sort.Sort(tieRun{vals, words})
}

type tieRun struct {
	vals  []float64
	words []uint64
}

func (r tieRun) Len() int { return len(r.vals) }
func (r tieRun) Less(a, b int) bool {
	if r.vals[a] != r.vals[b] {
		return r.vals[a] < r.vals[b]
	}
	return uint32(r.words[a]) < uint32(r.words[b])
}
func (r tieRun) Swap(a, b int) {
	r.vals[a], r.vals[b] = r.vals[b], r.vals[a]
	r.words[a], r.words[b] = r.words[b], r.words[a]
}
