package tree

import (
	"context"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"sync/atomic"
)

// binSample is the most rows the bin edges are computed from; larger
// training sets are subsampled (as scikit-learn does).
const binSample = 200_000

// almostInf caps bin edges, so +Inf is left for "missing versus present".
const almostInf = 1e300

// binMapper holds the bin edges of every feature: a value x falls in bin
// i when edges[i-1] < x <= edges[i]; NaN falls in bin missingBin.
type binMapper struct {
	edges      [][]float64 // per feature, increasing; len = bins used for values - 1
	missingBin uint8       // index of the missing-value bin (= max bins for values)
}

// fitBins computes at most maxBins value bins per feature from rows of x:
// half-way points between neighbouring distinct values when there are at
// most maxBins of them, otherwise the 1/maxBins, 2/maxBins, ... quantiles
// of the values (NumPy's "midpoint" percentiles). Features are handled in
// parallel.
func fitBins(ctx context.Context, x [][]float64, rows []int32, maxBins int, rng *rand.Rand) (*binMapper, error) {
	if len(rows) > binSample {
		rows = sampleRows(rows, binSample, rng)
	}
	bm := &binMapper{edges: make([][]float64, len(x)), missingBin: uint8(maxBins)}
	err := parallelFeatures(ctx, len(x), func(f int, buf []float64) []float64 {
		buf = buf[:0]
		col := x[f]
		for _, r := range rows {
			if v := col[r]; !math.IsNaN(v) {
				buf = append(buf, v)
			}
		}
		slices.Sort(buf)
		bm.edges[f] = binEdges(buf, maxBins)
		return buf
	})
	return bm, err
}

// sampleRows returns k of rows chosen without replacement, in row order.
func sampleRows(rows []int32, k int, rng *rand.Rand) []int32 {
	s := slices.Clone(rows)
	for i := range k {
		j := i + rng.IntN(len(s)-i)
		s[i], s[j] = s[j], s[i]
	}
	s = s[:k]
	slices.Sort(s)
	return s
}

// binEdges computes the edges for sorted values v.
func binEdges(v []float64, maxBins int) []float64 {
	if len(v) == 0 {
		return nil
	}
	distinct := slices.Compact(slices.Clone(v))
	var edges []float64
	if len(distinct) <= maxBins {
		edges = make([]float64, len(distinct)-1)
		for i := range edges {
			edges[i] = midpoint((distinct[i]+distinct[i+1])*0.5, distinct[i])
		}
	} else {
		edges = make([]float64, maxBins-1)
		step := 100 / float64(maxBins)
		last := float64(len(v) - 1)
		for i := range edges {
			q := float64(i+1) * step / 100
			lo, hi := math.Floor(last*q), math.Ceil(last*q)
			a, b := v[int(lo)], v[int(hi)]
			if lo == hi {
				edges[i] = a
			} else {
				edges[i] = midpoint(b-(b-a)*0.5, a)
			}
		}
	}
	for i, e := range edges {
		edges[i] = math.Min(e, almostInf)
	}
	return edges
}

// midpoint returns m, the computed middle of a and a larger neighbour,
// or a when infinite neighbours made m NaN or +Inf.
func midpoint(m, a float64) float64 {
	if math.IsNaN(m) || math.IsInf(m, 1) {
		return a
	}
	return m
}

// valueBins returns the number of value bins of feature f.
func (bm *binMapper) valueBins(f int) int { return len(bm.edges[f]) + 1 }

// binOf returns the bin of value v of feature f.
func (bm *binMapper) binOf(f int, v float64) uint8 {
	if math.IsNaN(v) {
		return bm.missingBin
	}
	e := bm.edges[f]
	lo, hi := 0, len(e)
	for lo < hi { // first edge >= v
		mid := int(uint(lo+hi) >> 1)
		if v <= e[mid] {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return uint8(lo)
}

// transform bins the given rows of x: out[f][k] is the bin of x[f][rows[k]].
// hasMissing reports per feature whether any of those rows is missing.
func (bm *binMapper) transform(ctx context.Context, x [][]float64, rows []int32) (out [][]uint8, hasMissing []bool, err error) {
	out = make([][]uint8, len(x))
	hasMissing = make([]bool, len(x))
	err = parallelFeatures(ctx, len(x), func(f int, buf []float64) []float64 {
		b := make([]uint8, len(rows))
		col := x[f]
		for k, r := range rows {
			b[k] = bm.binOf(f, col[r])
			if b[k] == bm.missingBin {
				hasMissing[f] = true
			}
		}
		out[f] = b
		return buf
	})
	return out, hasMissing, err
}

// parallelFeatures calls fn for every feature index 0..d-1 on up to
// GOMAXPROCS goroutines; each goroutine passes its own scratch slice from
// call to call. It stops early and returns ctx.Err() when ctx is done.
func parallelFeatures(ctx context.Context, d int, fn func(f int, buf []float64) []float64) error {
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(workerCount(), d) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf []float64
			for {
				f := int(next.Add(1) - 1)
				if f >= d || ctx.Err() != nil {
					return
				}
				buf = fn(f, buf)
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// fitAndBin computes the bin edges from rows of x (as fitBins) and bins
// those rows (as transform). When the rows need no subsample, each
// feature is sorted once by a radix sort and the bins are read off the
// sorted order, which is faster than sorting and then searching every
// value; the result is the same.
func fitAndBin(ctx context.Context, x [][]float64, rows []int32, maxBins int, rng *rand.Rand) (*binMapper, [][]uint8, []bool, error) {
	if len(rows) > binSample {
		bm, err := fitBins(ctx, x, rows, maxBins, rng)
		if err != nil {
			return nil, nil, nil, err
		}
		bins, missing, err := bm.transform(ctx, x, rows)
		return bm, bins, missing, err
	}
	bm := &binMapper{edges: make([][]float64, len(x)), missingBin: uint8(maxBins)}
	bins := make([][]uint8, len(x))
	missing := make([]bool, len(x))
	err := parallelFeatures(ctx, len(x), func(f int, vals []float64) []float64 {
		col := x[f]
		b := make([]uint8, len(rows))
		keys := make([]keyed, 0, len(rows))
		for k, r := range rows {
			if v := col[r]; math.IsNaN(v) {
				b[k], missing[f] = bm.missingBin, true
			} else {
				keys = append(keys, keyed{orderKey(v), int32(k)})
			}
		}
		sorted := radixSort(keys)
		vals = vals[:0]
		for _, e := range sorted {
			vals = append(vals, col[rows[e.r]])
		}
		edges := binEdges(vals, maxBins)
		e := 0
		for i, kv := range sorted {
			for e < len(edges) && vals[i] > edges[e] {
				e++
			}
			b[kv.r] = uint8(e)
		}
		bm.edges[f], bins[f] = edges, b
		return vals
	})
	if err != nil {
		return nil, nil, nil, err
	}
	return bm, bins, missing, nil
}
