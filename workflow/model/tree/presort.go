package tree

import (
	"cmp"
	"context"
	"math"
	"runtime"
	"slices"
	"sync"
)

// entry is one row in a feature's sorted list: the row index and the dense
// rank of its value (equal values share a rank, larger values have larger
// ranks, missing values have nanRank). Scans compare ranks instead of
// looking the values up, which keeps their memory reads sequential.
type entry struct {
	row  int32
	rank uint32
}

// nanRank is the rank of a missing value.
const nanRank = ^uint32(0)

// presort returns, for each of the len(x) features, the entries of its n
// rows ordered by value with NaN last; rows with equal values keep
// ascending row order, so the result is fully determined by x. Feature f
// occupies out[f*n : (f+1)*n]. Features are sorted in parallel; a
// cancelled ctx stops the work and returns ctx.Err().
func presort(ctx context.Context, x [][]float64) ([]entry, error) {
	d := len(x)
	if d == 0 {
		return nil, nil
	}
	n := len(x[0])
	out := make([]entry, d*n)
	workers := min(runtime.GOMAXPROCS(0), d)
	var next int
	var mu sync.Mutex
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			buf := make([]keyed, 0, n)
			for {
				mu.Lock()
				f := next
				next++
				mu.Unlock()
				if f >= d || ctx.Err() != nil {
					return
				}
				buf = sortFeature(x[f], out[f*n:(f+1)*n], buf)
			}
		}()
	}
	wg.Wait()
	return out, ctx.Err()
}

// keyed is a value's sort key with its row, the unit presort sorts.
type keyed struct {
	key uint64 // orderKey of the value
	r   int32
}

// orderKey maps a float64 to a uint64 whose unsigned order is the numeric
// order of the values (-0 sorts just before +0).
func orderKey(v float64) uint64 {
	b := math.Float64bits(v)
	if b>>63 != 0 {
		return ^b
	}
	return b | 1<<63
}

// sortFeature writes the sorted entries of col into dst (NaN rows last, in
// row order) using buf as scratch, and returns buf for reuse. Ranks are
// dense: equal values (+0 and -0 included) share one.
func sortFeature(col []float64, dst []entry, buf []keyed) []keyed {
	buf = buf[:0]
	for i, v := range col {
		if !math.IsNaN(v) {
			buf = append(buf, keyed{orderKey(v), int32(i)})
		}
	}
	sorted := radixSort(buf)
	k := 0
	rank := uint32(0)
	for i, e := range sorted {
		if i > 0 && col[e.r] != col[sorted[i-1].r] {
			rank++
		}
		dst[k] = entry{row: e.r, rank: rank}
		k++
	}
	for i, v := range col {
		if math.IsNaN(v) {
			dst[k] = entry{row: int32(i), rank: nanRank}
			k++
		}
	}
	return buf
}

// radixDigit is the number of key bits one radix pass sorts by.
const radixDigit = 11

// radixSort sorts a by key with a stable least-significant-digit radix
// sort (so equal keys keep their order) and returns the sorted slice,
// which is a or a new slice of the same length. Passes over digits on
// which all keys agree are skipped.
func radixSort(a []keyed) []keyed {
	if len(a) < 64 {
		slices.SortStableFunc(a, func(x, y keyed) int { return cmp.Compare(x.key, y.key) })
		return a
	}
	b := make([]keyed, len(a))
	var count [1 << radixDigit]int
	for shift := uint(0); shift < 64; shift += radixDigit {
		clear(count[:])
		for _, e := range a {
			count[(e.key>>shift)&(1<<radixDigit-1)]++
		}
		if count[(a[0].key>>shift)&(1<<radixDigit-1)] == len(a) {
			continue // every key has the same digit here
		}
		sum := 0
		for i, c := range count {
			count[i] = sum
			sum += c
		}
		for _, e := range a {
			d := (e.key >> shift) & (1<<radixDigit - 1)
			b[count[d]] = e
			count[d]++
		}
		a, b = b, a
	}
	return a
}
